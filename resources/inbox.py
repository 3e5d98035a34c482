"""The drop folder HR fills by hand (the contract with HR):

    inbox/attendance/<device_key>/<any file>   one folder per machine
    inbox/devices.csv                          device_key,timezone[,date_order]   (optional)
    inbox/pin_map.csv                          device_key,pin,nip,valid_from,valid_to
    inbox/employees.*                          SIASN data-utama fields + kelas_jabatan
    inbox/leave.csv                            nip,leave_type,date_from,date_to,status

Paths never leave the inbox: symbolic links are not followed, and a link that points outside is
reported, not read. Editor lock files (``~$name.xlsx``) and hidden files are ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from resources.settings import Settings

ATTENDANCE_DIR = "attendance"


@dataclass(frozen=True)
class InboxFile:
    """A file found in the inbox."""

    rel: str  # posix path relative to the inbox: lineage and messages use this
    path: Path
    size: int
    modified: dt.datetime  # UTC
    device_key: str | None = None
    problem: str | None = None  # set when the file must not be read (and why)

    def read(self) -> bytes:
        if self.problem:
            raise PermissionError(self.problem)
        return self.path.read_bytes()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ignored(name: str) -> bool:
    return name.startswith((".", "~$")) or name.endswith((".tmp", ".part", ".crdownload"))


def _entry(root: Path, path: Path, device_key: str | None) -> InboxFile:
    rel = path.relative_to(root).as_posix()
    problem = None
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            problem = "is a symbolic link that points outside the inbox; copy the file instead"
    try:
        stat = path.stat()
        size, modified = stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC)
    except OSError as exc:
        size, modified = 0, dt.datetime.fromtimestamp(0, tz=dt.UTC)
        problem = problem or f"cannot be read: {exc.strerror}"
    return InboxFile(
        rel=rel, path=path, size=size, modified=modified, device_key=device_key, problem=problem
    )


def list_attendance(root: Path) -> list[InboxFile]:
    """Every file under attendance/<device_key>/, sorted by path; nested folders belong to
    their top-level device folder."""
    base = root / ATTENDANCE_DIR
    if not base.is_dir():
        return []
    found: list[InboxFile] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for name in sorted(filenames):
            if _ignored(name):
                continue
            path = here / name
            parts = path.relative_to(base).parts
            device = parts[0] if len(parts) > 1 else None
            entry = _entry(root, path, device)
            if device is None:
                entry = InboxFile(
                    **{
                        **entry.__dict__,
                        "problem": (
                            "is directly in attendance/; put it in the folder of its machine, "
                            "attendance/<device_key>/"
                        ),
                    }
                )
            found.append(entry)
    return found


def list_folder(root: Path, folder: str) -> list[InboxFile]:
    """Every file under inbox/<folder>/ (sub-folders included), sorted by path."""
    base = root / folder
    found: list[InboxFile] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [
            _entry(root, Path(dirpath) / n, None) for n in sorted(filenames) if not _ignored(n)
        ]
    return found


def list_reference(root: Path, stem: str) -> list[InboxFile]:
    """inbox/<stem>.* (CSV, XLSX or JSON), sorted by name."""
    if not root.is_dir():
        return []
    return [
        _entry(root, p, None)
        for p in sorted(root.glob(f"{stem}.*"))
        if p.is_file() and not _ignored(p.name)
    ]


def fingerprint(root: Path) -> str:
    """A cheap digest of the whole inbox listing (paths, sizes, modification times): any file
    added, replaced or removed anywhere in it changes the digest."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _ignored(name):
                continue
            path = Path(dirpath) / name
            try:
                stat = path.lstat()
            except OSError:
                continue
            rel = path.relative_to(root).as_posix()
            h.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


class InboxResource(dg.ConfigurableResource):
    """The inbox folder; empty ``path`` means KINERJA_INBOX (default ./inbox), read at run time."""

    path: str = ""

    def root(self) -> Path:
        return Path(self.path).resolve() if self.path else Settings.from_env().inbox

    def attendance_files(self) -> list[InboxFile]:
        return list_attendance(self.root())

    def reference_files(self, stem: str) -> list[InboxFile]:
        return list_reference(self.root(), stem)

    def folder_files(self, folder: str) -> list[InboxFile]:
        return list_folder(self.root(), folder)

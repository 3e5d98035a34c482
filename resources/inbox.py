"""The drop folder HR fills by hand (the contract with HR):

    inbox/attendance/<device_key>/<any file>   one folder per machine
    inbox/devices.csv                          device_key,timezone[,date_order]   (optional)
    inbox/pin_map.csv                          device_key,pin,nip,valid_from,valid_to
    inbox/employees.*                          SIASN data-utama fields + kelas_jabatan
    inbox/leave.csv                            nip,leave_type,date_from,date_to,status

Paths never leave the inbox: symbolic links are not followed, a link that points outside is
reported, not read, and a file is opened only if its real path is still inside the inbox when it
is read (a file swapped for a link after the listing is refused). A linked folder is reported,
not walked. A file larger than ``MAX_FILE_BYTES`` is reported, not read (one stray disk image
must not take the whole run down). Editor lock files (``~$name.xlsx``) and hidden files are
ignored.
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
MAX_FILE_BYTES = 2 << 30  # a year of one machine's attlog is ~1 GB for 20,000 employees


@dataclass(frozen=True)
class InboxFile:
    """A file found in the inbox."""

    rel: str  # posix path relative to the inbox: lineage and messages use this
    path: Path
    size: int
    modified: dt.datetime  # UTC
    device_key: str | None = None
    problem: str | None = None  # set when the file must not be read (and why)
    root: Path | None = None  # the inbox (resolved); the file must still be inside it when read

    def _check(self) -> None:
        if self.problem:
            raise PermissionError(self.problem)
        if self.root is not None and not self.path.resolve().is_relative_to(self.root):
            raise PermissionError(
                "was replaced by a link that points outside the inbox after it was listed"
            )

    def read(self) -> bytes:
        self._check()
        return self.path.read_bytes()

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes, with the same checks as ``read`` (to recognise a file
        without reading all of it)."""
        self._check()
        with self.path.open("rb") as fh:
            return fh.read(size)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ignored(name: str) -> bool:
    return name.startswith((".", "~$")) or name.endswith((".tmp", ".part", ".crdownload"))


def _entry(root: Path, path: Path, device_key: str | None) -> InboxFile:
    rel = path.relative_to(root).as_posix()
    real_root = root.resolve()
    problem = None
    target = path.resolve()
    if not target.is_relative_to(real_root):
        problem = "is a symbolic link that points outside the inbox; copy the file instead"
    elif path.is_symlink() and target.is_dir():
        problem = "is a link to a folder, which is not read; copy the files instead"
    try:
        stat = path.stat()
        size, modified = stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC)
    except OSError as exc:
        size, modified = 0, dt.datetime.fromtimestamp(0, tz=dt.UTC)
        problem = problem or f"cannot be read: {exc.strerror}"
    if problem is None and size > MAX_FILE_BYTES:
        problem = (
            f"is {size >> 20} MB, more than the {MAX_FILE_BYTES >> 20} MB read from one file: "
            "a wrong file, or split the export by month"
        )
    return InboxFile(
        rel=rel,
        path=path,
        size=size,
        modified=modified,
        device_key=device_key,
        problem=problem,
        root=real_root,
    )


def _walk(base: Path):
    """os.walk without following links; linked folders are returned as entries (reported by
    ``_entry``, never walked), so that nothing under the inbox is skipped without a trace."""
    if base.is_symlink():  # the folder itself (inbox/payroll -> elsewhere): reported
        yield base.parent, [base.name]
        return
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        here = Path(dirpath)
        linked = [d for d in dirnames if (here / d).is_symlink()]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in linked)
        yield here, sorted([*filenames, *(d for d in linked if not d.startswith("."))])


def list_attendance(root: Path) -> list[InboxFile]:
    """Every file under attendance/<device_key>/, sorted by path; nested folders belong to
    their top-level device folder."""
    base = root / ATTENDANCE_DIR
    if not base.is_dir():
        return []
    found: list[InboxFile] = []
    for here, filenames in _walk(base):
        for name in filenames:
            if _ignored(name):
                continue
            path = here / name
            parts = path.relative_to(base).parts
            device = parts[0] if len(parts) > 1 else None
            entry = _entry(root, path, device)
            if device is None and entry.problem is None:
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
    for here, filenames in _walk(base):
        found += [_entry(root, here / n, None) for n in filenames if not _ignored(n)]
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

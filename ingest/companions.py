"""Tables in a machine's folder that hold no punch but are needed to read the punches beside
them: Att2000's ``USERINFO`` (USERID -> Badgenumber) for the ``CHECKINOUT`` export.

A USERINFO table is recognised from its header (text: the first bytes; XLSX: its shared strings,
then its header row), whatever its name. Exactly one readable USERINFO in a folder maps the
USERIDs of that folder's CHECKINOUT export(s) to the machine's PINs. Several USERINFO tables, or
one that cannot be read, leave a CHECKINOUT export without a trustworthy PIN: it is then
rejected (its days become days without data, never absences), not read with USERIDs as PINs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from formats.att2000 import ATT2000_USERINFO, UserInfo, read_userinfo
from formats.attendance import is_userinfo
from formats.base import FileEmpty, FileRejected
from formats.tabular import XLSX_MAGIC
from ingest.audit import audit_row
from resources.inbox import InboxFile, sha256_of
from vocabulary import columns as c

HEAD_BYTES = 64 * 1024
XLSX_MAX_BYTES = 16 << 20  # a USERINFO workbook of 20,000 users is a few MB


@dataclass
class UserInfoFile:
    """One USERINFO file as staged: its table, or why it cannot be used."""

    entry: InboxFile
    sha256: str | None
    table: UserInfo | None = None
    message: str | None = None
    empty: bool = False


@dataclass
class Companion:
    """The USERINFO of one machine folder."""

    folder: str
    files: list[UserInfoFile] = field(default_factory=list)

    @property
    def userinfo(self) -> UserInfo | None:
        """The table that maps this folder's CHECKINOUT USERIDs, when there is exactly one."""
        if len(self.files) == 1:
            return self.files[0].table
        return None

    @property
    def problem(self) -> str | None:
        """Why a CHECKINOUT export of this folder cannot be given PINs, or None."""
        names = ", ".join(f.entry.rel.rsplit("/", 1)[-1] for f in self.files)
        if len(self.files) > 1:
            return (
                f"{len(self.files)} USERINFO tables in attendance/{self.folder}/ ({names}): which "
                "one maps this export's USERIDs to PINs is unknown; keep the one exported with it"
            )
        if self.files and self.files[0].table is None:
            return (
                f"its USERINFO table ({names}) could not be read, so its USERIDs cannot be turned "
                "into PINs; export USERINFO again (or remove it: then USERID is taken as the PIN)"
            )
        return None

    @property
    def key(self) -> str:
        """What the staged parses of this folder depend on (for the staging cache key)."""
        return "userinfo:" + ",".join(sorted(str(f.sha256) for f in self.files))


def _looks_like_userinfo(f: InboxFile) -> tuple[bool, bytes | None]:
    head = f.head(HEAD_BYTES)
    if head.startswith(XLSX_MAGIC):
        if f.size > XLSX_MAX_BYTES:
            return False, None
        data = f.read()
        return is_userinfo(data), data
    return is_userinfo(head), None


def find_companions(files: list[InboxFile]) -> dict[str, Companion]:
    """The USERINFO tables of each machine folder, read (or why not)."""
    found: dict[str, Companion] = {}
    for f in files:
        if f.problem or f.device_key is None:
            continue
        try:
            yes, data = _looks_like_userinfo(f)
            if not yes:
                continue
            data = data if data is not None else f.read()
        except OSError:
            continue  # reported when the file itself is staged
        staged = UserInfoFile(f, sha256_of(data))
        try:
            staged.table = read_userinfo(data, f.rel)
        except FileRejected as exc:
            staged.message, staged.empty = str(exc), isinstance(exc, FileEmpty)
        found.setdefault(f.device_key, Companion(f.device_key)).files.append(staged)
    return found


def userinfo_note(u: UserInfo) -> str:
    return (
        f"USERINFO table: USERID -> Badgenumber of {len(u.badges)} users, the PINs of the "
        "CHECKINOUT export(s) in this folder"
    )


def userinfo_manifest_row(base: dict, u: UserInfo) -> dict:
    """The file-level (manifest) row of a USERINFO table in use: no punch, its users counted."""
    return {
        **base,
        c.LAYOUT: ATT2000_USERINFO,
        c.STATUS: "partial" if len(u.quarantine) else "ok",
        "message": userinfo_note(u),
        "rows_read": u.rows_in,
        "rows_quarantined": len(u.quarantine),
        "first_date": None,
        "last_date": None,
    }


def userinfo_audit_row(u: UserInfo, file: str, sha: str | None) -> dict:
    """Its load_audit row: rows in = users usable + rows quarantined."""
    n_q = len(u.quarantine)
    return audit_row(
        "attendance_files", "", file, sha, ATT2000_USERINFO, u.rows_in, u.rows_in - n_q, n_q,
        userinfo_note(u),
    )  # fmt: skip

"""The machines' exports: each file parsed once (staged by content), the file-level view of
them (layout, rows, date range, unreadable lines, impossible timestamps), and a month's punches
tied to employees.

Every punch of a readable file is either valid or quarantined with its reason; a file that could
not be read at all is an audit row with its reason (``empty`` when it holds no record). A
machine folder's Att2000 USERINFO table is read first and gives the CHECKINOUT export beside it
its PINs (``ingest.companions``); its staged parse is keyed by the USERINFO's content too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from expectations.runner import validate
from formats.att2000 import ATT2000_CHECKINOUT, UserInfo
from formats.attendance import READER_VERSION, read_attendance
from formats.base import FileEmpty, FileRejected, ReadResult, empty_quarantine
from formats.punches import empty_punches
from ingest.audit import EMPTY, REJECTED, audit_frame, audit_row
from ingest.companions import (
    Companion,
    UserInfoFile,
    find_companions,
    userinfo_audit_row,
    userinfo_manifest_row,
)
from resources.inbox import InboxFile, sha256_of
from resources.state import StagingCache
from rules.coverage import COVER_REASON, COVER_ZONE, file_cover
from rules.profile import Profile
from rules.punches import (
    impossible_reasons,
    in_period,
    localise_by_profile,
    offset_disagreement,
    resolve_reasons,
    unmapped_shares,
)
from vocabulary import columns as c
from vocabulary.frames import Checked

MANIFEST_COLUMNS = [
    "file",
    c.DEVICE_KEY,
    "sha256",
    c.LAYOUT,
    c.STATUS,
    "message",
    "cache_key",
    "modified",
    "rows_read",
    "rows_quarantined",
    "first_date",
    "last_date",
    "parsed_now",
    c.COVER_UNTIL,
    COVER_ZONE,
    COVER_REASON,
]


def _message(exc: Exception, f: InboxFile) -> str:
    if isinstance(exc, PermissionError):
        return f"{f.rel}: {exc}"
    return f"{f.rel}: cannot be read ({exc})"


@dataclass
class StagedFile:
    """A parsed attendance file as the staging cache holds it."""

    entry: InboxFile
    sha256: str | None
    cache_key: str | None
    result: ReadResult | None
    message: str | None
    parsed_now: bool
    empty: bool = False  # the file holds no record (0 bytes, a header only, ``[]``)
    userinfo: UserInfo | None = None  # a USERINFO table (no punch of its own) in use


def _companion_staged(u: UserInfoFile, companion: Companion) -> StagedFile:
    """A USERINFO file's own entry: its table when it is the folder's one, else why not."""
    problem = companion.problem if len(companion.files) > 1 else None
    if u.table is None or problem:
        message = u.message or f"{u.entry.rel}: {problem}"
        return StagedFile(u.entry, u.sha256, None, None, message, True, u.empty)
    return StagedFile(u.entry, u.sha256, None, None, None, True, userinfo=u.table)


def _without_pins(f: InboxFile, sha: str, key: str, problem: str) -> StagedFile:
    return StagedFile(f, sha, key, None, f"{f.rel}: {problem}", True)


def stage_attendance(
    files: list[InboxFile], date_orders: dict[str, str], cache: StagingCache
) -> list[StagedFile]:
    """Parse each attendance file once (cached by content and context)."""
    staged: list[StagedFile] = []
    seen_sha: dict[str, InboxFile] = {}
    companions = find_companions(files)
    tables = {u.entry.rel: (u, c) for c in companions.values() for u in c.files}
    for f in files:
        if f.rel in tables:
            staged.append(_companion_staged(*tables[f.rel]))
            continue
        if f.problem:
            staged.append(StagedFile(f, None, None, None, f"{f.rel}: {f.problem}", False))
            continue
        try:
            data = f.read()
        except OSError as exc:
            staged.append(StagedFile(f, None, None, None, _message(exc, f), False))
            continue
        sha = sha256_of(data)
        twin = seen_sha.get(sha)
        if twin is not None and twin.device_key != f.device_key and data.strip():
            # the same export in another machine's folder would map its PINs to other people
            staged.append(
                StagedFile(
                    f,
                    sha,
                    None,
                    None,
                    f"{f.rel}: is identical to {twin.rel} "
                    "in another machine's folder; a file belongs to one "
                    "machine, remove the misplaced copy",
                    False,
                )
            )
            continue
        seen_sha.setdefault(sha, f)
        order = date_orders.get(f.device_key or "")
        companion = companions.get(f.device_key or "")
        context = (order or "") + (f"\0{companion.key}" if companion else "")
        key = StagingCache.key(sha, f.rel, READER_VERSION, context)
        problem = companion.problem if companion else None
        cached = cache.get(key)
        if cached is not None:
            rows, quarantine, meta = cached
            result = ReadResult(
                layout=meta["layout"], rows=rows, quarantine=quarantine, info=meta.get("info", {})
            )
            if problem and result.layout == ATT2000_CHECKINOUT:
                staged.append(_without_pins(f, sha, key, problem))
            else:
                staged.append(StagedFile(f, sha, key, result, None, False))
            continue
        userinfo = companion.userinfo if companion else None
        try:
            result = read_attendance(data, f.rel, f.device_key or "", order, userinfo)
        except FileRejected as exc:
            empty = isinstance(exc, FileEmpty)
            staged.append(StagedFile(f, sha, key, None, str(exc), True, empty))
            continue
        if problem and result.layout == ATT2000_CHECKINOUT:
            # USERIDs are not the machine's PINs: read as PINs they would map to other people
            staged.append(_without_pins(f, sha, key, problem))
            continue
        cache.put(
            key,
            result.rows,
            result.quarantine,
            {"layout": result.layout, "info": result.info, "file": f.rel},
        )
        staged.append(StagedFile(f, sha, key, result, None, True))
    return staged


def sane_punches(
    rows: pd.DataFrame,
    modified: dt.datetime,
    zones: dict[str, str],
    profile: Profile,
    earliest: dt.date,
) -> tuple[pd.DataFrame, pd.Series]:
    """Localise one file's punches and find the impossible ones (reset dates, future, too old).

    Used by the file-level asset (which quarantines them) and by the monthly asset (which
    leaves them out), so both apply exactly the same rule.
    """
    punches = localise_by_profile(rows if len(rows) else empty_punches(), zones, profile)
    received = pd.Series(pd.Timestamp(modified), index=punches.index)
    return punches, impossible_reasons(punches, received, profile, earliest)


def manifest_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    for col in ("rows_read", "rows_quarantined"):
        frame[col] = frame[col].astype("int64")
    for col in ("first_date", "last_date"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    frame["modified"] = pd.to_datetime(frame["modified"], utc=True)
    frame["parsed_now"] = frame["parsed_now"].astype(bool)
    frame[c.COVER_UNTIL] = pd.to_datetime(frame[c.COVER_UNTIL], utc=True).astype(
        "datetime64[s, UTC]"
    )
    for col in (
        "file",
        c.DEVICE_KEY,
        "sha256",
        c.LAYOUT,
        c.STATUS,
        "message",
        "cache_key",
        COVER_ZONE,
        COVER_REASON,
    ):
        frame[col] = frame[col].astype("string")
    return frame


def file_manifest(
    staged: list[StagedFile], zones: dict[str, str], profile: Profile, earliest: dt.date
) -> tuple[Checked, list[str]]:
    """The file-level view of attendance exports.

    Returns:
        Checked(manifest, quarantine of unreadable rows and impossible timestamps, audit), and the
        months touched by files parsed in this run (new or changed files).
    """
    manifest, quarantines, audit = [], [], []
    new_months: set[str] = set()
    for s in staged:
        f = s.entry
        base = {
            "file": f.rel,
            c.DEVICE_KEY: f.device_key,
            "sha256": s.sha256,
            "cache_key": s.cache_key,
            "modified": f.modified,
            "parsed_now": s.parsed_now,
        }
        if s.userinfo is not None:
            manifest.append(userinfo_manifest_row(base, s.userinfo))
            quarantines.append(s.userinfo.quarantine)
            audit.append(userinfo_audit_row(s.userinfo, f.rel, s.sha256))
            continue
        if s.result is None:
            status = EMPTY if s.empty else REJECTED
            manifest.append(
                {
                    **base,
                    c.LAYOUT: None,
                    c.STATUS: status,
                    "message": s.message,
                    "rows_read": 0,
                    "rows_quarantined": 0,
                    "first_date": None,
                    "last_date": None,
                }
            )
            audit.append(
                audit_row("attendance_files", "", f.rel, s.sha256, None, 0, 0, 0, s.message, status)
            )
            continue
        punches, insane = sane_punches(s.result.rows, f.modified, zones, profile, earliest)
        bad = insane.notna()
        q = pd.DataFrame(
            {
                c.SOURCE_FILE: punches.loc[bad, c.SOURCE_FILE],
                c.SOURCE_LINE: punches.loc[bad, c.SOURCE_LINE],
                c.RAW: punches.loc[bad, c.RAW],
                c.REASON: insane[bad],
            }
        )
        quarantines += [s.result.quarantine, q]
        good_days = punches.loc[~bad, c.LOCAL_DATE]
        info = s.result.info
        cut = info.get("cut_off") or info.get("more_events")
        cover, zone, why = file_cover(punches[~bad], cut, pd.Timestamp(f.modified))
        notes = [n for n in (info.get("warning"), offset_disagreement(punches[~bad])) if n]
        message = "; ".join(notes) or None
        if s.parsed_now and len(good_days):
            months = np.unique(good_days.to_numpy().astype("datetime64[M]"))
            new_months.update(str(m) for m in months)  # 'YYYY-MM', without a per-row strftime
        n_q = len(s.result.quarantine) + int(bad.sum())
        rows_in = s.result.rows_in
        manifest.append(
            {
                **base,
                c.LAYOUT: s.result.layout,
                c.STATUS: "partial" if n_q else "ok",
                "message": message,
                "rows_read": rows_in,
                "rows_quarantined": n_q,
                "first_date": good_days.min() if len(good_days) else None,
                "last_date": good_days.max() if len(good_days) else None,
                c.COVER_UNTIL: cover,
                COVER_ZONE: zone,
                COVER_REASON: why,
            }
        )
        audit.append(
            audit_row(
                "attendance_files",
                "",
                f.rel,
                s.sha256,
                s.result.layout,
                rows_in,
                rows_in - n_q,
                n_q,
                message,
            )
        )
    quarantine = pd.concat(quarantines, ignore_index=True) if quarantines else empty_quarantine()
    return (
        Checked(valid=manifest_frame(manifest), quarantine=quarantine, audit=audit_frame(audit)),
        sorted(new_months),
    )


def month_punches(
    manifest: pd.DataFrame,
    cache: StagingCache,
    zones: dict[str, str],
    profile: Profile,
    earliest: dt.date,
    first: dt.date,
    last: dt.date,
    pin_map: pd.DataFrame,
    employees: pd.DataFrame,
    suite: object,
    asset: str,
    partition: str,
) -> Checked:
    """Punches of one month tied to employees: every staged, possible punch dated in the month
    is either valid or quarantined (duplicate, unmapped PIN, unknown or inactive NIP). A file
    most of whose records carry PINs the PIN map does not know gets its audit row's message
    saying so (``rules.punches.unmapped_shares``: a misread layout looks like that)."""
    usable = manifest[
        (manifest[c.STATUS] != "rejected")
        & manifest["first_date"].notna()
        & (manifest["first_date"] <= pd.Timestamp(last))
        & (manifest["last_date"] >= pd.Timestamp(first))
    ]
    frames = []
    for row in usable.itertuples(index=False):
        cached = cache.get(row.cache_key)
        if cached is None:
            raise FileNotFoundError(
                f"staged parse of {row.file} is missing from the cache; "
                "materialize attendance_files again"
            )
        punches, insane = sane_punches(
            cached[0], row.modified.to_pydatetime(), zones, profile, earliest
        )
        frames.append(in_period(punches[insane.isna()], first, last))
    punches = (
        pd.concat(frames, ignore_index=True)
        if frames
        else localise_by_profile(empty_punches(), zones, profile)
    )
    nip, reasons = resolve_reasons(punches, pin_map, employees)
    punches[c.NIP] = nip
    outcome = validate(punches, suite, reasons, valid_without=(c.RAW,))
    warn_share = profile.version_for(first).data_coverage.unmapped_pin_warn_share
    shares = unmapped_shares(punches, nip, warn_share).set_index(c.SOURCE_FILE)["warning"]
    audit = []
    per_file_in = punches.groupby(c.SOURCE_FILE).size()
    per_file_q = outcome.quarantine.groupby(c.SOURCE_FILE).size()
    layouts = dict(zip(usable["file"], usable[c.LAYOUT], strict=True))
    shas = dict(zip(usable["file"], usable["sha256"], strict=True))
    for file, rows_in in per_file_in.items():
        q = int(per_file_q.get(file, 0))
        audit.append(
            audit_row(
                asset,
                partition,
                str(file),
                shas.get(file),
                layouts.get(file),
                int(rows_in),
                int(rows_in) - q,
                q,
                None if pd.isna(shares.get(file)) else str(shares.get(file)),
            )
        )
    return Checked(valid=outcome.valid, quarantine=outcome.quarantine, audit=audit_frame(audit))


def missing_month_inputs(
    manifest: pd.DataFrame,
    employees: pd.DataFrame,
    pin_map: pd.DataFrame,
    month: str,
    first: dt.date,
    last: dt.date,
) -> list[str]:
    """What a month cannot be computed without, in words HR acts on; empty when it can be.

    A month needs the employee master, the PIN map, and at least one readable machine export
    whose punches fall in the month (a month without exports would make every employee TK)."""
    usable = manifest[
        (manifest[c.STATUS] != "rejected")
        & manifest["first_date"].notna()
        & (manifest["first_date"] <= pd.Timestamp(last))
        & (manifest["last_date"] >= pd.Timestamp(first))
    ]
    missing = []
    if employees.empty:
        missing.append("data pegawai (inbox/employees.*)")
    if pin_map.empty:
        missing.append("peta PIN (inbox/pin_map.csv)")
    if usable.empty:
        missing.append(
            f"ekspor mesin absensi yang mencakup {month} (inbox/attendance/<mesin>/)"
            + _unreadable_exports(manifest)
        )
    return missing


def _unreadable_exports(manifest: pd.DataFrame) -> str:
    """The exports that could not be read, each with its load_audit message (file, line,
    column, what to do): one of them may be the month's, and 'no export covers the month'
    alone would hide it."""
    bad = manifest[manifest[c.STATUS].isin([REJECTED, EMPTY])]
    if bad.empty:
        return ""
    shown = "; ".join(bad["message"].astype("string").fillna(bad["file"]).head(3))
    more = f" (dan {len(bad) - 3} lainnya, lihat load_audit)" if len(bad) > 3 else ""
    if len(bad) == len(manifest):
        lead = (
            "satu-satunya ekspor tidak terbaca"
            if len(bad) == 1
            else (f"tidak satu pun dari {len(bad)} ekspor terbaca")
        )
    else:
        lead = f"{len(bad)} ekspor tidak terbaca"
    return f": {lead}: {shown}{more}"

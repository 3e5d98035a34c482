"""Reading a source of the inbox (every kind but the machines' exports): each file read once,
its rows validated as their kind, every file accounted for.

For each file, rows in = rows valid + rows quarantined (reader + rules + contract). A file no
reader could read is an audit row with its reason; one bad file never stops the others.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from expectations.runner import validate
from formats import reference as ref
from formats.base import FileEmpty, FileRejected, ReadResult, empty_quarantine
from ingest.audit import DEFAULT, EMPTY, add_quarantined, audit_frame, audit_row
from ingest.kinds import SOURCES, Context, Kind, Source
from resources.inbox import InboxFile, list_folder, list_reference, sha256_of
from vocabulary import columns as c
from vocabulary.frames import Checked

Parsed = dict[str, tuple[ReadResult | Exception, str | None]]


def files_of(source: Source, root: Path) -> list[InboxFile]:
    """The inbox files of a source, sorted by path."""
    if source.stem:
        return list_reference(root, source.stem)
    return list_folder(root, source.folder or source.name)


def _message(exc: Exception, f: InboxFile) -> str:
    if isinstance(exc, FileRejected):
        return str(exc)
    if isinstance(exc, PermissionError):
        return f"{f.rel}: {exc}"
    return f"{f.rel}: cannot be read ({exc})"


def parse_files(files: list[InboxFile], source: Source) -> Parsed:
    """Each file read and parsed once: its result (or why not) and its sha256."""
    parsed: Parsed = {}
    for f in files:
        try:
            data = f.read()
        except OSError as exc:  # PermissionError included: a link out of the inbox
            parsed[f.rel] = (exc, None)
            continue
        try:
            parsed[f.rel] = (source.reader(data, f.rel), sha256_of(data))
        except FileRejected as exc:
            parsed[f.rel] = (exc, sha256_of(data))
    return parsed


def _rejected_audit(files: list[InboxFile], parsed: Parsed, name: str) -> list[dict]:
    """Audit rows of the files no reader could read: ``empty`` for a file that holds no record
    (0 bytes, a header only, ``[]``), ``rejected`` for every other reason."""
    rows = []
    for f in files:
        exc, _sha = parsed[f.rel]
        status = EMPTY if isinstance(exc, FileEmpty) else None
        rows.append(
            audit_row(name, "", f.rel, None, name, 0, 0, 0, _message(exc, f), status=status)
        )
    return rows


def validate_kind(
    kind: Kind,
    files: list[InboxFile],
    parsed: Parsed,
    ctx: Context,
    done: dict[str, Checked],
) -> Checked:
    """The rows of ``files`` (parsed as ``kind``) through its rules and contract."""
    frames, quarantines, audit = [], [], []
    for f in files:
        result, sha = parsed[f.rel]
        assert isinstance(result, ReadResult)
        frames.append(result.rows)
        quarantines.append(result.quarantine)
        audit.append(
            audit_row(
                kind.audit,
                "",
                f.rel,
                sha,
                result.layout,
                result.rows_in,
                len(result.rows),
                len(result.quarantine),
            )
        )
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if rows.empty:
        valid, contract_q = kind.empty(), empty_quarantine()
    else:
        if kind.prepare is not None:
            rows = kind.prepare(rows, done, ctx)
        reasons = kind.reasons(rows, replace(ctx, done=done)) if kind.reasons else None
        outcome = validate(rows, kind.contract.suite(), reasons)
        valid, contract_q = outcome.valid, outcome.quarantine
    add_quarantined(audit, contract_q)
    quarantine = pd.concat([*quarantines, contract_q], ignore_index=True)
    drop = [c.RAW, *kind.drop]
    return Checked(
        valid=valid.drop(columns=drop, errors="ignore"),
        quarantine=quarantine if len(quarantine) else empty_quarantine(),
        audit=audit_frame(audit),
    )


def read_files(source: Source, files: list[InboxFile], ctx: Context) -> dict[str, Checked]:
    """Every file of a source read once and validated as the kind its content says.

    Returns:
        One ``Checked`` per kind of the source. Files no reader could read are audited with
        the first kind (single-kind sources) or under ``source.unreadable``.
    """
    parsed = parse_files(files, source)
    readable = {rel for rel, (result, _) in parsed.items() if isinstance(result, ReadResult)}
    out: dict[str, Checked] = {}
    for kind in source.kinds:
        mine = [
            f
            for f in files
            if f.rel in readable and source.kind_of(parsed[f.rel][0].layout) == kind.name
        ]
        out[kind.name] = validate_kind(kind, mine, parsed, ctx, out)
    unreadable = [f for f in files if f.rel not in readable]
    if unreadable:
        first = out[source.kinds[0].name]
        name = source.unreadable or source.kinds[0].audit
        first.audit = pd.concat(
            [first.audit, audit_frame(_rejected_audit(unreadable, parsed, name))],
            ignore_index=True,
        )
    for kind in source.kinds:
        _note_default(kind, source, out[kind.name])
    return out


def _note_default(kind: Kind, source: Source, checked: Checked) -> None:
    """An optional kind without a single valid row says, in its audit, which default applied
    (absent, empty, or every row quarantined alike)."""
    if kind.required or not kind.default or len(checked.valid):
        return
    row = audit_row(
        kind.audit, "", source.where, None, None, 0, 0, 0,
        message=kind.default, status=DEFAULT,
    )  # fmt: skip
    checked.audit = pd.concat([checked.audit, audit_frame([row])], ignore_index=True)


def read_source(name: str, root: Path, ctx: Context) -> dict[str, Checked]:
    """Read one source of the inbox at ``root`` (``ingest.kinds.SOURCES``)."""
    source = SOURCES[name]
    return read_files(source, files_of(source, root), ctx)


def read_kind(name: str, root: Path, ctx: Context) -> Checked:
    """Read a source that holds a single kind, and return that kind."""
    (checked,) = read_source(name, root, ctx).values()
    return checked


def read_tax_ids(root: Path) -> pd.DataFrame:
    """``nip, nik, npwp`` from the employee master files of the inbox at ``root``, for the
    Coretax export only (formats.reference.read_employee_tax_ids): read when the export runs,
    never stored or logged. A file that cannot be read is skipped here (the employees asset
    reports it); the first row of an NIP holds."""
    frames = []
    for f in files_of(SOURCES["employees"], root):
        try:
            frames.append(ref.read_employee_tax_ids(f.read(), f.rel))
        except (OSError, FileRejected):
            continue
    if not frames:
        return pd.DataFrame({col: pd.Series(dtype="string") for col in (c.NIP, "nik", "npwp")})
    ids = pd.concat(frames, ignore_index=True)
    return ids.drop_duplicates(c.NIP, keep="first").reset_index(drop=True)

"""The bad-input corpus (tests/reliability/corpus.py) through each file's real ingestion path:
every case gets exactly its expected outcome, and no row is ever lost: for every file, rows in =
rows valid + rows quarantined, and rows in is the number of data rows the file really has."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import MARCH_2024
from tests.reliability.corpus import CASES, Loaded, Rejected
from tests.reliability.harness import Outcome, ingest


def kind_of(path: str) -> str:
    top = path.split("/", 1)[0]
    if top in ("attendance", "ekinerja", "payroll", "reference"):
        return top
    return path.split(".", 1)[0]


def run_case(tmp_path: Path, path: str, data) -> Outcome:
    files = data if isinstance(data, dict) else {path: data}
    return ingest(kind_of(path), tmp_path / "inbox", files)


def assert_no_row_lost(outcome: Outcome) -> None:
    audit = outcome.audit
    assert (audit["rows_in"] == audit["rows_valid"] + audit["rows_quarantined"]).all(), audit
    per_file = outcome.quarantine.groupby("source_file").size()
    for row in audit.itertuples():
        assert row.rows_quarantined == per_file.get(row.file, 0), row.file


@pytest.mark.parametrize(("path", "data", "expected"), CASES)
def test_bad_input(tmp_path, path, data, expected):
    outcome = run_case(tmp_path, path, data)
    assert_no_row_lost(outcome)
    row = outcome.of(path)
    if isinstance(expected, Rejected):
        message = str(row["message"])
        assert row["status"] == expected.status, message
        assert (row["rows_in"], row["rows_valid"], row["rows_quarantined"]) == (0, 0, 0)
        assert message.startswith(f"{path}"), message
        if expected.status == "empty":
            assert message.startswith(f"{path}: is empty: "), message
        for text in expected.says:
            assert text in message, message
        if expected.line is not None:
            assert message.startswith(f"{path}, line {expected.line}: "), message
    else:
        assert isinstance(expected, Loaded)
        assert row["status"] == ("partial" if expected.quarantined else "ok"), row["message"]
        got = (int(row["rows_in"]), int(row["rows_valid"]), outcome.quarantined(path))
        assert got == (expected.rows_in, expected.valid, expected.quarantined)


ATTENDANCE_CASES = [case for case in CASES if case.values[0].startswith("attendance/")]


def fixture_attendance() -> dict[str, bytes]:
    """The March 2024 machines' exports, renamed so that no case file has the same path."""
    base = MARCH_2024 / "attendance"
    return {
        f"attendance/{p.parent.relative_to(base).as_posix()}/fixture_{p.name}": p.read_bytes()
        for p in sorted(base.rglob("*"))
        if p.is_file()
    }


def without(frame: pd.DataFrame, column: str, files: set[str]) -> pd.DataFrame:
    frame = frame[~frame[column].isin(files)]
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.mark.parametrize(("path", "data", "expected"), ATTENDANCE_CASES)
def test_the_other_exports_load_as_without_the_bad_file(tmp_path, path, data, expected):
    """The bad attendance file dropped beside the March 2024 machines' exports: every other
    export is read, validated and quarantined exactly as without it."""
    fixture = fixture_attendance()
    files = data if isinstance(data, dict) else {path: data}
    assert not set(files) & set(fixture), "a case must not replace a fixture file"
    alone = ingest("attendance", tmp_path / "alone" / "inbox", fixture)
    both = ingest("attendance", tmp_path / "both" / "inbox", {**fixture, **files})
    assert_no_row_lost(both)
    names = set(files)
    pd.testing.assert_frame_equal(
        without(both.audit, "file", names), without(alone.audit, "file", set())
    )
    pd.testing.assert_frame_equal(
        without(both.quarantine, "source_file", names),
        without(alone.quarantine, "source_file", set()),
    )

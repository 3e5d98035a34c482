"""Every file of the shared real-export samples (``../shared/samples/real-exports``, files as real
machines and systems write them; their licences are unknown, so they are read in place, never
copied into the project) goes through the reader of its kind: it loads, with rows in = valid +
quarantined, or it is rejected with a reason that names the real problem.

Known files have exact expectations; a file added to the samples later must at least load or be
rejected with a message that names it. Without the folder the test is skipped, saying so."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from formats.attendance import read_attendance
from formats.base import FileRejected, ReadResult
from formats.ekinerja import ALL_LAYOUTS, read_ekinerja
from formats.payroll import read_payroll

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("KINERJA_REAL_EXPORTS", ROOT.parent / "shared/samples/real-exports"))


@dataclass(frozen=True)
class Loads:
    layout: str
    rows_in: int
    valid: int
    info: tuple[tuple[str, str], ...] = ()  # info entries that must be there (key, substring)


@dataclass(frozen=True)
class Rejected:
    says: tuple[str, ...]


EXPECTED = {
    "adms_push_variants/a1_palmcode_verbatim.txt": Loads("zk_adms", 2, 2),
    # the request line and the HTTP headers are not rows; the OPLOG line is quarantined
    "adms_push_variants/a2_push_v3_temperature.txt": Loads(
        "zk_adms", 5, 4, (("serial", "CKJG123456789"),)
    ),
    "adms_push_variants/a4_key_value.txt": Loads("zk_adms_kv", 3, 3),
    "adms_push_variants/a5_four_field_crlf.txt": Loads(
        "zk_adms", 4, 4, (("serial", "SYZ8252500376"),)
    ),
    "easylink_scanlog_malformed/JSOnDataScanLog.txt": Rejected(
        ("looks like an EasyLink scanlog export but is not valid JSON", '"verifymode":1"')
    ),
    "biotime_transactions/transactions_page1.json": Loads(
        "biotime_json", 7, 7, (("serial", "CGE8231"),)
    ),
    "easylink_scanlog_revo/scanlog.json": Loads(
        "easylink_scanlog", 44, 44, (("serial", "FIO66208021230737"),)
    ),
    # two fingerprint verifications (major 5, minor 38) on a page that says more events follow
    "hikvision_acsevent/AcsEvent_page1.json": Loads(
        "hikvision_acsevent", 2, 2, (("utc_offset", "+08:00"), ("more_events", "MORE"))
    ),
    "siasn_kinerjaperiodik/rw-kinerjaperiodik_siasn_shape.json": Loads("siasn_periodik", 5, 5),
    "simgaji_fgaji/fgaji_mysql_export.csv": Loads("simgaji", 6, 6),
    "zk_attlog_11field_smartschool/1_attlog.dat": Loads("zk_attlog", 53, 53, (("fields", "11"),)),
    "zk_attlog_jakartanews/1_attlog.dat": Loads("zk_attlog", 384, 384),
    # read by its header: EnNo is the PIN (issue 19: it was taken for the 'No., Date/Time'
    # export and its record counter No read as the PIN)
    "zk_glog_agl/AGL_001.TXT": Loads("zk_glog", 499, 499, (("time_format", "%Y/%m/%d"),)),
    "zktime_exports/acno_title_rows.csv": Loads("zktime_acno", 9, 9),
    "zktime_exports/checkinout_att2000.csv": Loads(
        "att2000_checkinout", 2, 2, (("warning", "no USERINFO table"),)
    ),
    "zktime_exports/department_a12p12.csv": Loads(
        "zk_standalone_csv", 4, 4, (("time_suffix", "A12P12"),)
    ),
}


def _reader(rel: str) -> Callable[[bytes, str], ReadResult]:
    folder = rel.split("/", 1)[0]
    if folder.startswith("simgaji"):
        return read_payroll
    if folder.startswith("siasn"):
        return lambda data, file: read_ekinerja(data, file, ALL_LAYOUTS)
    return lambda data, file: read_attendance(data, file, folder)


def _samples() -> list:
    if not SAMPLES.is_dir():
        reason = f"no real-export samples at {SAMPLES} (set KINERJA_REAL_EXPORTS to run them)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no samples")]
    files = sorted(
        p.relative_to(SAMPLES).as_posix()
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.suffix != ".md"
    )
    return [pytest.param(rel, id=rel) for rel in files]


@pytest.mark.parametrize("rel", _samples())
def test_real_export_loads_or_is_rejected_for_its_real_problem(rel):
    expected = EXPECTED.get(rel)
    try:
        result = _reader(rel)((SAMPLES / rel).read_bytes(), rel)
    except FileRejected as exc:
        assert str(exc).startswith(rel), str(exc)
        assert not isinstance(expected, Loads), f"{rel} should load: {exc}"
        for text in expected.says if expected else ():
            assert text in str(exc), str(exc)
        return
    assert result.rows_in == len(result.rows) + len(result.quarantine)
    assert (result.rows["source_file"] == rel).all()
    if expected is None:  # a sample added later: it loads, and something of it is usable
        assert len(result.rows) > 0, result.quarantine.head()
        return
    assert isinstance(expected, Loads), f"{rel} should be rejected, it loaded as {result.layout}"
    got = (result.layout, result.rows_in, len(result.rows))
    assert got == (expected.layout, expected.rows_in, expected.valid), result.quarantine.head()
    for key, text in expected.info:
        assert text in result.info.get(key, ""), result.info
    if rel in PINS:
        assert PINS[rel] == _pin_counts(result), "PINs read"


def _pin_counts(result: ReadResult) -> dict[str, int]:
    counts = result.rows["pin"].value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items(), key=lambda kv: int(kv[0]))[:6]}


# the punches per PIN of the first PINs (by number): read by name, EnNo and not No is the PIN
PINS = {
    "zk_glog_agl/AGL_001.TXT": {"1": 7, "2": 22, "3": 8, "4": 17, "5": 3, "6": 17},
    "hikvision_acsevent/AcsEvent_page1.json": {"2": 1, "93": 1},
    "biotime_transactions/transactions_page1.json": {"1001": 3, "1002": 4},
}


def test_real_glog_file_record_counter_is_not_the_pin():
    """The exact failure of issue 19 on the real file: line 2 is record No 1 of EnNo 9, and the
    file holds 50 enrolment numbers, not 499 record counters."""
    rel = "zk_glog_agl/AGL_001.TXT"
    if not (SAMPLES / rel).is_file():
        pytest.skip(f"no real-export samples at {SAMPLES}")
    result = read_attendance((SAMPLES / rel).read_bytes(), rel, "kantor")
    first = result.rows.iloc[0]
    assert (int(first["source_line"]), first["pin"], str(first["local_time"])) == (
        2,
        "9",
        "2023-01-06 10:00:17",
    )
    assert result.rows["pin"].nunique() == 50
    assert str(result.rows["local_time"].max()) == "2023-01-25 07:54:15"

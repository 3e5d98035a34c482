"""A representative subset of the bad-input corpus through the whole pipeline: the hand-made
March 2024 inbox (attendance, employees, payroll, TPP reference and e-Kinerja exports) plus one
bad file. The bad file gets its outcome, every other file loads exactly as before, and every
fact table is exactly what it is without the bad file."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from tests.conftest import E1, MARCH_2024, Pipeline
from tests.reliability import builders as b
from tests.reliability.corpus import HTML, NAME_SQL, att, lines, penilaian
from tests.reliability.harness import write_inbox
from tests.tpp_fixtures import write_tpp_inbox

MONTH = "2024-03"
FACTS = ("dim_employee", "fact_attendance_daily", "fact_discipline_monthly",
         "fact_performance_period", "fact_skp_compliance", "fact_tpp_monthly")  # fmt: skip
# sha256 too: the XLSX fixtures are written anew (zip timestamps) for every inbox
VOLATILE = ["run_id", "computed_at", "loaded_at", "created_at", "sha256"]
DINKES = (MARCH_2024 / "attendance" / "dinkes" / "1_attlog.dat").read_text().splitlines()
ADMS = (MARCH_2024 / "attendance" / "bkpsdm" / "adms_202403.txt").read_text().splitlines()


def snapshot(p: Pipeline) -> dict[str, pd.DataFrame]:
    out = {}
    for name in (*FACTS, "quarantine", "load_audit"):
        frame = p.table(name)
        frame = frame.drop(columns=[col for col in VOLATILE if col in frame.columns])
        if name in ("quarantine", "load_audit"):  # all-null columns read back as object
            frame = frame.astype({col: "string" for col in ("message", "raw") if col in frame})
        out[name] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out


def make_inbox(root: Path) -> Path:
    shutil.copytree(MARCH_2024, root)
    write_tpp_inbox(root)
    return root


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, computed_months):
    """The month computed from the good inbox alone (make_inbox: once per test session,
    conftest.ComputedMonths)."""
    with dg.DagsterInstance.ephemeral() as instance:
        tmp = tmp_path_factory.mktemp("baseline")
        return snapshot(computed_months.copy("march2024_tpp", tmp, instance))


def _others(frame: pd.DataFrame, column: str, bad: str) -> pd.DataFrame:
    return frame[frame[column] != bad].reset_index(drop=True)


CASES = [
    # (bad file, bytes, {asset: (status, rows_in, rows_valid, rows_quarantined)} for the bad file)
    pytest.param(
        "attendance/dinkes/z_truncated.dat",
        "\n".join(DINKES[:12]) + "\n" + DINKES[12][:14],
        {"attendance_files": ("partial", 13, 11, 2), "attendance_punches": ("partial", 11, 0, 11)},
        id="truncated copy of an export",
    ),
    pytest.param(
        "attendance/kec-timur/z_html.xlsx",
        HTML,
        {"attendance_files": ("rejected", 0, 0, 0)},
        id="xlsx that is really html",
    ),
    pytest.param(
        "attendance/dinkes/z_february.dat",
        lines(att("1", "2024-02-05 07:20:00"), att("1", "2024-02-05 16:10:00")),
        {"attendance_files": ("ok", 2, 2, 0)},
        id="export of the wrong month",
    ),
    pytest.param(
        "attendance/bkpsdm/z_reordered.txt",
        "\n".join([ADMS[0], *reversed(ADMS[1:])]),
        {"attendance_files": ("ok", 35, 35, 0), "attendance_punches": ("partial", 35, 0, 35)},
        id="duplicated export in another line order",
    ),
    pytest.param(
        "attendance/dinkes/z_sql.dat",
        lines(att("1'; DROP TABLE quarantine;--", "2024-03-04 07:20:00")),
        {"attendance_files": ("ok", 1, 1, 0), "attendance_punches": ("partial", 1, 0, 1)},
        id="pin with sql in it",
    ),
    pytest.param(
        "employees.json",
        b.json_bytes(
            [
                {
                    "nipBaru": int(E1),
                    "nama": NAME_SQL,
                    "unorNama": "Seksi",
                    "kelas_jabatan": 9,
                    "nik": "3201011209850001",
                }
            ]
        ),
        {"employees": ("partial", 1, 0, 1)},
        id="employees json with numeric nip",
    ),
    pytest.param(
        "payroll/z_slip.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        {"payroll": ("rejected", 0, 0, 0)},
        id="payroll pdf",
    ),
    pytest.param(
        "ekinerja/z_penilaian_mar.csv",
        penilaian(f"s1,{E1},Andi,Di Bawah Ekspektasi,Di Bawah Ekspektasi,Sangat Kurang"),
        {"performance_assessments": ("partial", 1, 0, 1)},
        id="duplicate nip across e-kinerja exports",
    ),
    pytest.param(
        "reference/z_sanctions.csv",
        lines("nip,sanction_type,decision_date,months", f"{E1},dipecat,2024-01-15,6"),
        {"disciplinary_sanctions": ("partial", 1, 0, 1)},
        id="unknown sanction",
    ),
]


@pytest.mark.parametrize(("bad", "data", "expected"), CASES)
def test_one_bad_file_changes_nothing_else(tmp_path, instance, baseline, bad, data, expected):
    inbox = make_inbox(tmp_path / "inbox")
    write_inbox(inbox, {bad: data.encode() if isinstance(data, str) else data})
    p = Pipeline(inbox, tmp_path / "state", f"duckdb:///{tmp_path}/w.duckdb", instance)
    assert p.run(MONTH).success
    got = snapshot(p)
    for name in FACTS:
        pd.testing.assert_frame_equal(got[name], baseline[name], obj=name)
    audit = got["load_audit"]
    assert (audit.rows_in == audit.rows_valid + audit.rows_quarantined).all()
    mine = audit[audit.file == bad]
    assert {
        r.asset: (r.status, r.rows_in, r.rows_valid, r.rows_quarantined) for r in mine.itertuples()
    } == expected
    # every other file was read, validated and quarantined exactly as without the bad file
    pd.testing.assert_frame_equal(_others(audit, "file", bad), baseline["load_audit"])
    pd.testing.assert_frame_equal(
        _others(got["quarantine"], "file", bad), baseline["quarantine"], obj="quarantine"
    )
    quarantined = got["quarantine"][got["quarantine"].file == bad]
    assert len(quarantined) == int(mine.rows_quarantined.sum())

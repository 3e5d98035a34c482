"""Optional means optional (issue 12): every optional input of the hand-made March 2024 inbox may
be absent, 0 bytes, header only or ``[]``, in any combination, and the month still runs to the
same result as when the input is absent, with the default that applied named in the load audit.

The combinations are a pairwise covering set (every pair of states of every two inputs occurs
in some run) over 6 inputs x 3 states, picked greedily and deterministically from the 729
combinations; the all-absent inbox is the baseline and its numbers are asserted exactly."""

import itertools
import shutil
from pathlib import Path

import dagster as dg
import pytest

from assets.partitions import partition_of
from pipelines.jobs import ALL_ASSETS
from tests.conftest import E1, E2, E4, MARCH_2024, Pipeline
from tests.tpp_fixtures import write_tpp_inbox

MONTH = "2024-03"
ABSENT, EMPTY, HEADER = "absent", "0 bytes", "header only"
# input -> (path in the inbox, what a header-only file holds)
INPUTS = {
    "devices": ("devices.csv", b"device_key,timezone,date_order\n"),
    "leave": ("leave.csv", b"nip,leave_type,date_from,date_to,status\n"),
    "decisions": (
        "attendance_decisions.csv",
        b"device_key,date_from,date_to,decision,decided_by,note\n",
    ),
    "payroll": (
        "payroll/simgaji_2024-03.csv",
        b"TGLGAJI;NIP;NAMA;GAPOK;TJISTRI;TJANAK;TJESELON;TJFUNGSI;TJKHUSUS;TJBERAS;TJUMUM;"
        b"TBULAT;BERSIH\n",
    ),
    "reference": ("reference/sanctions.csv", b"nip,sanction_type,decision_date,months,nomor_sk\n"),
    "ekinerja": ("ekinerja/rw-kinerjaperiodik.json", b"[]"),
}
FOLDERS = {"payroll", "reference", "ekinerja"}


def _pairwise() -> list[tuple[str, ...]]:
    names, states = list(INPUTS), (ABSENT, EMPTY, HEADER)
    needed = {
        (i, a, j, b)
        for i, j in itertools.combinations(range(len(names)), 2)
        for a in states
        for b in states
    }
    chosen = []
    candidates = list(itertools.product(states, repeat=len(names)))
    while needed:
        best = max(
            candidates,
            key=lambda row: sum(
                (i, row[i], j, row[j]) in needed
                for i, j in itertools.combinations(range(len(names)), 2)
            ),
        )
        chosen.append(best)
        needed -= {
            (i, best[i], j, best[j]) for i, j in itertools.combinations(range(len(names)), 2)
        }
    return [row for row in chosen if set(row) != {ABSENT}]


def _inbox(root: Path, states: dict[str, str]) -> Path:
    inbox = root / "inbox"
    shutil.copytree(MARCH_2024, inbox)
    write_tpp_inbox(inbox)
    for name in FOLDERS:
        shutil.rmtree(inbox / name, ignore_errors=True)
    for name, (where, header) in INPUTS.items():
        path = inbox / where
        path.unlink(missing_ok=True)
        if states[name] == ABSENT:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"" if states[name] == EMPTY else header)
    return inbox


def _month(root: Path, states: dict[str, str]):
    inbox = _inbox(root, states)
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(inbox, root / "state", f"duckdb:///{root}/state/w.duckdb", instance)
        result = dg.materialize(
            ALL_ASSETS,
            partition_key=partition_of(MONTH),
            resources=p.resources(),
            instance=p.instance,
        )
        assert result.success
        tpp = p.table("fact_tpp_monthly")
        outcome = {
            r.nip: (str(r.disiplin_deduction_pct), r.predikat, r.gross, r.bpjs_employee, r.net)
            for r in tpp.itertuples()
        }
        return outcome, p.table("load_audit"), tpp


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return _month(tmp_path_factory.mktemp("absent"), dict.fromkeys(INPUTS, ABSENT))


def test_every_optional_input_absent(baseline):
    outcome, _, tpp = baseline
    # no leave file: E2's approved cuti sakit 5-6 Mar (she punched on the 4th) and dinas luar
    # 20-21 Mar become 4 TK days (4 x 5 %) on top of the hand-computed 10 % (test_tpp.NASIONAL);
    # E1 and E4 are unchanged
    assert outcome[E1][0] == "15.7500"
    assert outcome[E4][0] == "1.0000"
    assert outcome[E2][0] == "30.0000"
    # no e-Kinerja: nobody has a predikat, the kinerja part is withheld; no payroll: no BPJS base
    assert {o[1] for o in outcome.values()} == {None}
    notes = tpp.set_index("nip").notes
    assert "no payroll row" in notes[E1]


def test_each_default_is_named_in_the_audit(baseline):
    _, audit, _ = baseline
    defaults = audit[audit.status == "default"]
    got = {(r.file, r.asset): r.message for r in defaults.itertuples()}
    assert got[("inbox/leave.*", "leave")] == (
        "no approved leave, izin or dinas luar: a working day without punches is TK"
    )
    assert got[("inbox/payroll/", "payroll")].startswith("no salary of the month")
    assert sorted(asset for _, asset in got) == [
        "attendance_decisions",
        "devices",
        "dialog_ekspektasi",
        "dialog_pembinaan",
        "dialog_umpan_balik",
        "disciplinary_sanctions",
        "feedback_360",
        "lapkin_reports",
        "leave",
        "organisation_predikat",
        "payroll",
        "performance_assessments",
        "plt_assignments",
        "ptkp",
        "rhk_plans",
        "skp_details",
        "skp_plans",
        "status_events",
        "tpp_ceilings",
    ]


@pytest.mark.parametrize("states", _pairwise(), ids=lambda row: ",".join(s.split()[0] for s in row))
def test_optional_inputs_in_any_state_run_as_absent(states, baseline, tmp_path):
    chosen = dict(zip(INPUTS, states, strict=True))
    outcome, audit, _ = _month(tmp_path, chosen)
    assert outcome == baseline[0]
    for name, state in chosen.items():
        if state == ABSENT:
            continue
        where = INPUTS[name][0]
        rows = audit[audit.file == where]
        assert len(rows) == 1, (name, audit.file.tolist())
        row = rows.iloc[0]
        assert (row.rows_in, row.rows_valid, row.rows_quarantined) == (0, 0, 0)

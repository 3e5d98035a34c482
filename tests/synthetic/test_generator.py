"""The synthetic inbox generator writes files the real readers accept, reproducibly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from formats.attendance import read_attendance
from formats.reference import READERS
from resources.rulebook import load_profile
from synthetic.generator import MARKER, generate
from synthetic.population import build_population, make_period
from vocabulary.nip import check_nips

FAMILIES = {
    "zk_attlog": "zk_usb",
    "zk_attlog_ssr": "zk_usb",
    "zk_adms": "zk_adms",
    "zktime_acno": "zktime_acno",
    "fingerspot_json": "fingerspot_json",
}


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inbox")
    summary = generate(out, 60, "2024-03", 1, seed=7, profile=load_profile("nasional"))
    assert summary.employees == 60
    assert summary.punches >= summary.unique_punches > 0
    assert all(isinstance(line, str) for line in summary.lines())
    return out


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, 70, "2024-03", 1, seed=3, profile=load_profile("nasional"))
    generate(b, 70, "2024-03", 1, seed=3, profile=load_profile("nasional"))
    generate(c, 70, "2024-03", 1, seed=4, profile=load_profile("nasional"))
    files_a, files_b, files_c = _files(a), _files(b), _files(c)
    assert files_a.keys() == files_b.keys()
    for name, data in files_a.items():
        assert data == files_b[name], name
    assert files_a != files_c
    assert files_a["employees.csv"] != files_c["employees.csv"]


def test_attendance_files_read_and_all_layouts_appear(inbox: Path) -> None:
    devices = pd.read_csv(inbox / "devices.csv", dtype=str, keep_default_na=False)
    order = dict(zip(devices["device_key"], devices["date_order"], strict=True))
    seen: set[str] = set()
    rows = 0
    files = sorted(p for p in (inbox / "attendance").rglob("*") if p.is_file())
    assert files
    for path in files:
        rel = path.relative_to(inbox).as_posix()
        device = path.relative_to(inbox / "attendance").parts[0]
        assert device in order, rel
        result = read_attendance(path.read_bytes(), rel, device, order[device] or None)
        seen.add(FAMILIES[result.layout])
        assert len(result.rows) > 0, rel
        rows += len(result.rows)
        assert result.quarantine.empty, (rel, result.quarantine.head())
    assert seen == set(FAMILIES.values())
    assert rows > 60 * 15


@pytest.mark.parametrize("kind", sorted(READERS))
def test_reference_files_read_without_quarantine(inbox: Path, kind: str) -> None:
    name = f"{kind}.csv"
    result = READERS[kind]((inbox / name).read_bytes(), name)
    assert len(result.rows) > 0
    assert result.quarantine.empty, result.quarantine.head()


def test_nips_are_valid_and_unique(inbox: Path) -> None:
    employees = pd.read_csv(inbox / "employees.csv", dtype=str, keep_default_na=False)
    checked = check_nips(employees["nipBaru"])
    assert checked["reason"].isna().all(), checked[checked["reason"].notna()].head()
    assert employees["nipBaru"].is_unique
    assert set(checked["kind"]) == {"pns", "pppk"} or set(checked["kind"]) == {"pns"}
    pin_map = pd.read_csv(inbox / "pin_map.csv", dtype=str, keep_default_na=False)
    assert set(pin_map["nip"]) <= set(employees["nipBaru"])
    leave = pd.read_csv(inbox / "leave.csv", dtype=str, keep_default_na=False)
    assert set(leave["nip"]) <= set(employees["nipBaru"])


def test_refuses_non_empty_directory_without_marker(tmp_path: Path) -> None:
    out = tmp_path / "real-inbox"
    out.mkdir()
    (out / "employees.csv").write_text("nipBaru\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"\.synthetic"):
        generate(out, 60, "2024-03", 1, profile=load_profile("nasional"))
    assert (out / "employees.csv").read_text(encoding="utf-8") == "nipBaru\n"


def test_rewrites_its_own_inbox(tmp_path: Path) -> None:
    out = tmp_path / "sim"
    generate(out, 60, "2024-03", 1, seed=1, profile=load_profile("nasional"))
    (out / "attendance" / "stale").mkdir()
    generate(out, 60, "2024-03", 1, seed=1, profile=load_profile("nasional"))
    assert (out / MARKER).is_file()
    assert not (out / "attendance" / "stale").exists()


def test_nips_unique_and_valid_at_scale() -> None:
    period = make_period("2024-03", 1, load_profile("nasional"))
    pop = build_population(np.random.default_rng(11), 20_000, period)
    nips = pop.employees["nipBaru"]
    assert nips.is_unique
    checked = check_nips(nips)
    assert checked["reason"].isna().all()
    assert 0.07 < (checked["kind"] == "pppk").mean() < 0.13
    kelas = pop.employees["kelas_jabatan"].astype(int)
    assert kelas.between(1, 15).all() and kelas.between(5, 9).mean() > 0.5


def test_one_employee_is_planted_not_enrolled_with_hr_excuse(inbox: Path) -> None:
    """Issue 19: one employee's only PIN-map row starts on March's 8th working day (14 March
    2024: Nyepi and its cuti bersama fall on 11-12); the decision file excuses the days before,
    and the machine still holds that employee's earlier punches (unmapped)."""
    from formats.decisions import read_decisions

    pin_map = pd.read_csv(inbox / "pin_map.csv", dtype=str, keep_default_na=False)
    late = pin_map[pin_map["valid_from"] == "2024-03-14"]
    assert len(late) == 1 and (pin_map["nip"] == late["nip"].iloc[0]).sum() == 1
    nip, device, pin = late[["nip", "device_key", "pin"]].iloc[0]
    decided = read_decisions((inbox / "attendance_decisions.csv").read_bytes(), "d.csv")
    assert decided.quarantine.empty
    rows = decided.rows
    days = rows[rows["decision"].isin(["excuse", "charge"])]  # finance's payroll rows aside
    assert set(rows["decision"]) <= {"excuse", "carry", "amount"}
    assert [
        (r.nip, f"{r.date_from:%Y-%m-%d}", f"{r.date_to:%Y-%m-%d}", r.decision, r.decided_by)
        for r in days.itertuples()
    ] == [(nip, "2024-03-01", "2024-03-13", "excuse", "Kepala BKPSDM (synthetic)")]
    early = []
    for path in sorted(p for p in (inbox / "attendance" / device).rglob("*") if p.is_file()):
        result = read_attendance(path.read_bytes(), path.name, device)
        mine = result.rows[result.rows["pin"].astype(str) == pin]
        early += [t for t in mine["local_time"] if t < pd.Timestamp("2024-03-14")]
    assert early  # the machine knew the employee before HR's PIN map did

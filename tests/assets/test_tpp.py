"""TPP end to end on the hand-made March 2024 inbox plus its payroll, sanctions, status events
and e-Kinerja exports (tests/fixtures/tpp/README.md): the month closed through the real
close_month_job assets, the finance files, LibreOffice, then a late leave approval and the
adjustment lines it produces. Every rupiah below was computed by hand (the README shows how)."""

import shutil
import subprocess
from pathlib import Path

import dagster as dg
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from assets.partitions import partition_of
from assets.reference import leave_records
from pipelines.jobs import ALL_ASSETS, CLOSE_ASSETS, MONTH_ASSETS
from resources.finance import FinanceResource
from tests.conftest import E1, E2, E3, E4, E5, E6, E7, MARCH_2024, Pipeline
from tests.tpp_fixtures import write_tpp_inbox

MONTH = "2024-03"
COLUMNS = ["ceiling", "paid_days", "cpns_factor", "tpp_base", "predikat", "kinerja_factor",
           "disiplin_deduction_pct", "disiplin_deduction", "sanction_factor", "kinerja_paid",
           "disiplin_paid", "gross", "salary_base", "bpjs_base", "bpjs_employer", "bpjs_employee",
           "pph21", "net"]  # fmt: skip
NASIONAL = {
    # nip: ceiling, paid days, CPNS, tpp_base, predikat, kinerja factor, discipline %, deduction,
    #      sanction, kinerja paid, disiplin paid, gross, salary base, BPJS base, 4 %, 1 %, PPh, net
    E1: (7188745, 18, "1.000000", "7188745.00", "sangat_baik", "1.000000", "15.7500",
         "1132227.34", "0.750000", 3234935, 1307453, 4542388, 8123456, 3876544, 155062, 38765,
         520526, 3983097),  # TL/PSW/TK, Sangat Baik, PP 94 cut 25 %, BPJS capped at 12 jt - gaji
    E2: (3854725, 18, "1.000000", "3854725.00", None, "0.000000", "10.0000", "385472.50",
         "1.000000", 0, 1156418, 1156418, 4098000, 1156418, 46257, 11564, 28925, 1115929),
    E3: (3349711, 18, "1.000000", "3349711.00", "butuh_perbaikan", "0.900000", "12.5000",
         "418713.88", "1.000000", 1808844, 921171, 2730015, 3713960, 2730015, 109201, 27300,
         85061, 2617654),  # PPPK (GPP layout); the sanction decided on 20 March starts in April
    E4: (4371943, 18, "1.000000", "4371943.00", "baik", "1.000000", "1.0000", "43719.43",
         "1.000000", 2623166, 1705058, 4328224, 5214000, 4328224, 173129, 43282, 201933, 4083009),
    E5: (3854725, 14, "1.000000", "2998119.44", "kurang", "0.850000", "5.5000", "164896.57",
         "1.000000", 1529041, 1034351, 2563392, 3485000, 2563392, 102536, 25634, 63944, 2473814),
    E6: (3854725, 9, "0.800000", "1541890.00", None, "0.000000", "5.0000", "77094.50",
         "1.000000", 0, 539662, 539662, 2558000, 539662, 21586, 5397, 0, 534265),
    E7: (9298296, 8, "1.000000", "4132576.00", None, "0.000000", "40.0000", "1653030.40",
         "1.000000", 0, 0, 0, 7750000, 0, 0, 0, 0, 125009),  # net: the true-up's refund
}  # fmt: skip


def _value(v):
    if pd.isna(v):
        return None
    return str(v) if not isinstance(v, (int, str)) else v


def rows(frame: pd.DataFrame) -> dict[str, tuple]:
    return {
        r.nip: tuple(_value(getattr(r, col)) for col in COLUMNS)
        for r in frame.sort_values("nip").itertuples(index=False)
    }


def close(p: Pipeline, finance: Path) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*ALL_ASSETS, *CLOSE_ASSETS],
        partition_key=partition_of(MONTH),
        resources={**p.resources(), "finance": FinanceResource(path=str(finance))},
        instance=p.instance,
    )


@pytest.fixture(scope="module")
def closed(tmp_path_factory):
    """March 2024 closed once; what the close left (final rows, files) is captured here."""
    tmp = tmp_path_factory.mktemp("tpp")
    shutil.copytree(MARCH_2024, tmp / "inbox")
    write_tpp_inbox(tmp / "inbox")
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(tmp / "inbox", tmp / "state", f"duckdb:///{tmp}/state/w.duckdb", instance)
        result = close(p, tmp / "finance")
        assert result.success
        final = p.table("fact_tpp_monthly", ["nip"])
        yield p, result, final, tmp / "finance" / MONTH


def test_hand_computed_month_nasional(closed):
    p, result, final, _ = closed
    assert rows(final) == NASIONAL
    assert set(final.status) == {"final"} and set(final.profile) == {"nasional"}
    # PPh 21 under nasional's ter_combined; no ptkp.csv here, so everyone is TK/0 (category A).
    # E1 by hand: base = gaji bruto 8,789,343 + TPP 4,542,388 + BPJS 4 % 155,062 = 13,486,793,
    # A 5 % -> 674,340; PPh on gaji: 8,789,343 at A 1.75 % = 153,814 (SIMGAJI states none);
    # 674,340 - 153,814 = 520,526. E3 (PPPK, GPP potpph 0): 3,965,693 + 2,730,015 + 109,201 =
    # 6,804,909, A 1.25 % -> 85,061. net = gross - BPJS 1 % - PPh.
    # E3's GPP row carries kdkawin 1100 (a man, a spouse on tunjangan, no child): K/0 from the
    # payroll's family data (issue 21), category A like TK/0, so the month's PPh is the same
    assert set(final.pph21_mode) == {"ter_combined"}
    assert final.set_index("nip").ptkp_status.to_dict() == {n: "TK/0" for n in NASIONAL} | {
        E3: "K/0"
    }
    sources = final.set_index("nip").ptkp_source
    assert sources[E3] == "payroll" and set(sources.drop(E3)) == {"default"}
    notes = final.set_index("nip").notes
    computed = "PPh 21 on gaji computed with TER (the payroll export does not state it)"
    default = "no PTKP status: PPh 21 with the default TK/0"
    assert notes[E1] == (
        "PP 94/2021 pemotongan_tpp 25% (decision 2024-01-15, 6 months from 2024-02); "
        f"{computed}; {default}"
    )
    assert notes[E3] == "PTKP K/0 from the payroll's family data (2024-02)"  # the first row
    assert notes[E4] == (
        f"no payroll row for the month: BPJS salary base from 2024-02; {computed}; {default}"
    )
    assert notes[E5] == f"cltn not paid on 4 working day(s); {computed}; {default}"
    assert notes[E6].startswith("not active on 9 of 18 working days; no predikat")
    close_row = p.table("tpp_month_close").iloc[0]
    assert (close_row.month, close_row.employees) == (MONTH, 7)
    assert (close_row.gross, close_row.net) == (15860099, 14932777)
    # E7 retires on the 15th (tmtPensiun in the master): March is E7's last paid month and
    # closes E7's tax year (issue 21). Bruto = the March gaji alone, below PTKP: tax 0, so the
    # PPh withheld on the March gaji (125,009) comes back as a refund line; January and
    # February are not in the warehouse: flagged, not filled in.
    e7 = final.set_index("nip").loc[E7]
    assert (e7.pph21_december_adjustment, e7.tax_year_end) == (-125009, "pensiun")
    assert "tax year closed without the months 2024-01, 2024-02" in e7.notes
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["tpp_monthly_contract"] and not checks["tpp_monthly_inputs"]


def test_inputs_are_audited_and_quarantined_with_reasons(closed):
    p, *_ = closed
    audit = p.table("load_audit", ["asset", "file"])
    tpp = audit[audit.asset.isin(["payroll", "disciplinary_sanctions", "status_events"])]
    assert (tpp.rows_in == tpp.rows_valid + tpp.rows_quarantined).all()
    got = {(r.file, r.layout): (r.rows_in, r.rows_valid) for r in tpp.itertuples()}
    assert got == {
        ("payroll/gpp_pppk_2024-03.csv", "gpp"): (5, 2),
        ("payroll/simgaji_2024-02.csv", "simgaji"): (2, 2),
        ("payroll/simgaji_2024-03.xlsx", "simgaji"): (7, 5),
        ("reference/sanctions.csv", "sanctions"): (4, 3),
        ("reference/status_events.csv", "status_events"): (4, 3),
    }
    q = p.table("quarantine", ["asset", "file", "line"])
    q = q[q.asset.isin(["payroll", "disciplinary_sanctions", "status_events"])]
    assert [(r.file.split("/")[-1], r.line, r.reason) for r in q.itertuples()] == [
        ("sanctions.csv", 5, "pemotongan_tpp lasts 7 months; PP 94/2021 allows pemotongan_tpp: "
         "[6, 9, 12]"),
        ("gpp_pppk_2024-03.csv", 3, "nip 199901012020011099 is not in the employee master"),
        ("gpp_pppk_2024-03.csv", 4, "NIP in scientific notation (1.99507202022211E+17): it was "
         "stored as a spreadsheet number and its last digits are lost; re-export the column as "
         "text; nip 1.99507202022211E+17 is not in the employee master; contract: nip is not 18 "
         "digits"),
        ("gpp_pppk_2024-03.csv", 5, "bulan '13' / tahun '2024' is not a month"),
        ("simgaji_2024-03.xlsx", 7, "duplicate payroll row for the NIP and month; first at "
         "payroll/simgaji_2024-03.xlsx:3"),
        ("simgaji_2024-03.xlsx", 8, "NIP arrived as a spreadsheet number (1.98801012012121e+17): "
         "digits after the 15th are lost; re-export the column formatted as text"),
        ("status_events.csv", 5, "status 'cuti besar' is not one of cpns, cltn, "
         "diberhentikan_sementara, tugas_belajar, pensiun, mutasi_keluar, berhenti"),
    ]  # fmt: skip
    plt = audit[audit.asset == "plt_assignments"]
    assert [(r.file, r.rows_in, r.rows_valid) for r in plt.itertuples()] == [
        ("reference/plt_assignments.csv", 2, 1)
    ]
    q = p.table("quarantine", ["asset", "file", "line"])
    assert q[q.asset == "plt_assignments"].reason.tolist() == [
        "sk_number is empty: an assignment is paid on its SK"
    ]


def test_a_plh_is_noted_and_adds_nothing_in_every_output(closed):
    """E2 held a kelas 9 post as Plh for 5 days: noted, no addition (nasional: plh_paid false),
    so every amount of NASIONAL stands; the column is in the table, the CSV and the workbook."""
    _, _, final, folder = closed
    notes = final.set_index("nip").notes
    assert (
        "Plh kelas 9 (SK 800/55/BKPSDM/2024, 2024-03-18..2024-03-22): 5 of 18 working days, "
        "higher level, a Plh earns no addition under the profile"
    ) in notes[E2]
    assert final.plt_addition.tolist() == [0] * 7
    csv = pd.read_csv(folder / "tpp_2024-03.csv", dtype=str)
    assert set(csv.plt_addition) == {"0"}
    book = openpyxl.load_workbook(folder / "daftar_nominatif_2024-03_dinas_kesehatan.xlsx")
    header = [cell.value for cell in book.active[7]]
    assert header[header.index("TPP disiplin (Rp)") + 1] == "Tambahan Plt/Plh (Rp)"


def test_finance_files_and_no_personal_numbers(closed):
    p, _, _, folder = closed
    names = sorted(f.name for f in folder.iterdir())
    assert names == [
        "daftar_nominatif_2024-03_bkpsdm.xlsx",
        "daftar_nominatif_2024-03_dinas_kesehatan.xlsx",
        "daftar_nominatif_2024-03_dinas_pendidikan.xlsx",
        "daftar_nominatif_2024-03_inspektorat.xlsx",
        "daftar_nominatif_2024-03_kecamatan_timur.xlsx",
        "hr_report_2024-03_deduction_causes.png",
        "hr_report_2024-03_discipline_deductions.png",
        "hr_report_2024-03_net_per_unit.png",
        "hr_report_2024-03_predikat.png",
        "pph21_1721a2_2024.csv",
        "tpp_2024-03.csv",
        "tpp_2024-03.parquet",
    ]
    csv = pd.read_csv(folder / "tpp_2024-03.csv", dtype=str)
    assert sorted(csv.nip) == sorted(NASIONAL) and csv.set_index("nip").net[E1] == "3983097"
    assert csv.set_index("nip").ter_rate_pct[E1] == "5.0000"
    # the year so far (one month held): what was withheld, per employee, no names
    year = pd.read_csv(folder / "pph21_1721a2_2024.csv", dtype={"nip": str}).set_index("nip")
    assert (year.loc[E1, "withheld_gaji"], year.loc[E1, "withheld_tpp"]) == (153814, 520526)
    assert year.loc[E1, "missing_months"] == "2024-01, 2024-02"
    assert int(year.withheld_tpp.sum()) == sum(v[-2] for v in NASIONAL.values()) - 125009
    assert (bool(year.loc[E7, "closed"]), year.loc[E7, "last_month"]) == (True, "2024-03")
    assert year.loc[E7, "status_of_withholding"] == "PartialYear"
    assert not year.drop(E7).closed.any()  # March closes no one else's year
    assert "nama" not in year.columns
    parquet = pq.read_table(folder / "tpp_2024-03.parquet")
    assert str(parquet.schema.field("nip").type) == "string"
    assert str(parquet.schema.field("tpp_base").type) == "decimal128(16, 2)"
    assert parquet.column("net").to_pylist() == [NASIONAL[n][-1] for n in csv.nip]
    text = "".join(
        [
            *(p.table(t).astype(str).to_csv() for t in ("fact_tpp_monthly", "quarantine")),
            (folder / "tpp_2024-03.csv").read_text(),
        ]
    )
    for secret in ("09.254.294.3-407.003", "1234567890", "BANK SULSELBAR", "Budi Santoso"):
        assert secret not in text


def test_workbook_opens_in_libreoffice_with_nips_intact(closed, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    _, _, _, folder = closed
    book = folder / "daftar_nominatif_2024-03_dinas_kesehatan.xlsx"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo'}"
    for target in ("pdf", "csv"):
        subprocess.run(
            ["soffice", "--headless", profile, "--convert-to", target, "--outdir", str(tmp_path),
             str(book)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    assert (tmp_path / book.with_suffix(".pdf").name).read_bytes().startswith(b"%PDF")
    lines = (tmp_path / book.with_suffix(".csv").name).read_text().splitlines()
    table = pd.read_csv(
        pd.io.common.StringIO("\n".join(lines[6:])), dtype=str, keep_default_na=False
    )
    people = table[table["No"].str.fullmatch(r"\d+")]
    assert people["NIP"].tolist() == [E1, E2, E6]  # text cells: all 18 digits survive
    assert people["TPP bersih dibayar (Rp)"].tolist() == ["3983097", "1115929", "534265"]
    assert people["PPh 21 atas TPP (Rp)"].tolist() == ["520526", "28925", "0"]
    total = table[table["NIP"] == "JUMLAH"].iloc[0]
    assert total["TPP bersih dibayar (Rp)"] == str(3983097 + 1115929 + 534265)  # SUM
    assert any(line.startswith(",Kepala Dinas Kesehatan") for line in lines)  # signature block


def backfill(p: Pipeline) -> bool:
    """What HR does after a correction: re-read the leave file, then month_job for the month."""
    month_job = [a.key for a in MONTH_ASSETS]
    result = dg.materialize(
        ALL_ASSETS,
        selection=dg.AssetSelection.assets(leave_records.key, *month_job),
        partition_key=partition_of(MONTH),
        resources=p.resources(),
        instance=p.instance,
    )
    return result.success


def test_late_leave_approval_after_close_gives_exact_adjustment_lines(closed):
    p, _, final, _ = closed
    leave = p.inbox / "leave.csv"
    original = leave.read_text()
    leave.write_text(original.replace("2024-03-25,pending", "2024-03-25,approved"))
    assert backfill(p)  # the closed month is recomputed
    assert set(p.table("tpp_adjustment").agency) == {""}  # a single-agency deployment
    lines = p.table("tpp_adjustment", drop=["agency", "created_at", "run_id"])
    assert lines.values.tolist() == [
        [E2, MONTH, 1115929, 1290771, 174842, "discipline deduction % 10.0000 -> 5.0000"]
    ]  # gross 1,349,154: base 4,582,320 + 1,349,154 + 53,966 = 5,985,440 crosses into A
    # 0.75 % -> PPh 44,891; net 1,349,154 - 13,492 - 44,891 = 1,290,771
    pd.testing.assert_frame_equal(p.table("fact_tpp_monthly", ["nip"]), final)  # as paid

    assert backfill(p)  # same inputs again: nothing new to pay
    assert len(p.table("tpp_adjustment")) == 1

    leave.write_text(original)  # HR withdraws the approval: recover what was paid
    assert p.run(MONTH).success  # (the whole nightly this time)
    lines = p.table("tpp_adjustment", ["difference"], drop=["agency", "created_at", "run_id"])
    assert lines.values.tolist() == [
        [E2, MONTH, 1115929, 1115929, -174842, "discipline deduction % 5.0000 -> 10.0000"],
        [E2, MONTH, 1115929, 1290771, 174842, "discipline deduction % 10.0000 -> 5.0000"],
    ]
    pd.testing.assert_frame_equal(p.table("fact_tpp_monthly", ["nip"]), final)


def test_regional_profile_tulang_bawang(tmp_path, instance):
    shutil.copytree(MARCH_2024, tmp_path / "inbox")
    write_tpp_inbox(tmp_path / "inbox")
    p = Pipeline(tmp_path / "inbox", tmp_path / "s", f"duckdb:///{tmp_path}/s/w.duckdb", instance)
    p.profile = "tulang_bawang"
    assert p.run(MONTH).success
    got = rows(p.table("fact_tpp_monthly", ["nip"]))
    # discipline % of the disiplin component (40 %): E1 13.5 % (make-up minutes, TK 1.5 %)
    assert got[E1] == (
        7188745, 18, "1.000000", "7188745.00", "sangat_baik", "1.000000", "13.5000",
        "388192.23", "0.750000", 3234935, 1865479, 5100414, 8123456, 3876544, 155062, 38765,
        688875, 4372774,
    )  # fmt: skip
    # PPh 21 (ter_combined, inherited from nasional): 8,789,343 + 5,100,414 + 155,062 =
    # 14,044,819, A 6 % -> 842,689, minus 153,814 on gaji = 688,875
    assert got[E2] == (
        3854725, 18, "1.000000", "3854725.00", None, "0.000000", "3.0000", "46256.70",
        "1.000000", 0, 1495633, 1495633, 4098000, 1495633, 59825, 14956, 46033, 1434644,
    )  # fmt: skip  # 4,582,320 + 1,495,633 + 59,825 = 6,137,778, A 0.75 % -> 46,033
    assert set(p.table("fact_tpp_monthly").deduction_base) == {"disiplin_component"}


def test_payroll_we_could_not_read_is_listed_with_finance_decision(closed):
    """Issue 21: E4 is paid TPP in March without a readable payroll row (its March row's NIP
    arrived as a spreadsheet number): payroll_gap lists it with the rejected rows that name no
    readable NIP, and finance's carry decision lets the month close (February's row stands).
    The sen cell '3203600,5' (E3's February row) is read: 3,203,601."""
    p, *_ = closed
    gaps = p.table("payroll_gap")
    assert gaps[["nip", "month", "decision", "decided_by"]].values.tolist() == [
        [E4, MONTH, "carry", "Kepala BPKAD (ND 900/8)"]
    ]
    assert gaps.gap_reason.iloc[0] == (
        "no payroll row for the month in any payroll file (rejected rows that name no readable "
        "NIP: payroll/gpp_pppk_2024-03.csv:4, payroll/simgaji_2024-03.xlsx:8)"
    )

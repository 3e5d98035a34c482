"""The Coretax files (issue 21 point 5; year-end.md §2) on a small computed 2024 in a real DuckDB
warehouse: five employees of tests/rules/test_tpp_pph21.py, each month computed with the months
before it and closed through the ledger, one of them leaving on 20 June (mutasi keluar: the year
closes in June). The BPMP gross is the month's TER base, the A2 PPh what was withheld plus the
true-up, every file validates against formats/coretax.xsd, and a re-export is byte-identical."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from export import coretax as ex
from formats import coretax as fmt
from resources.warehouse.engine import create_schema, make_engine
from resources.warehouse.tpp import ledger
from rules.tpp.pph21 import HISTORY_COLUMNS
from tests.rules.test_tpp import events
from tests.rules.test_tpp_pph21 import PEOPLE, TAX, _employees, _month, _payroll
from vocabulary import columns as c
from vocabulary import tax as vt

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
NIPS = [p[0] for p in PEOPLE]
LEAVER = NIPS[3]
TIN = "0012345678901000"
ENV = (TIN, None)  # NITKU derived: TIN + 000000
NIKS = {nip: f"32010112098500{i:02d}" for i, nip in enumerate(NIPS, start=1)}


def _events() -> pd.DataFrame:
    return events((LEAVER, "mutasi_keluar", "2024-06-20", None))


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> dict:
    """Jan..Dec computed and closed in a DuckDB warehouse; the last employee's TPP falls to 0
    from July (December refunds), the leaver is paid through June."""
    folder: Path = tmp_path_factory.mktemp("coretax")
    engine = make_engine(f"duckdb:///{folder}/w.duckdb")
    create_schema(engine)
    held: list[pd.DataFrame] = []
    for month in MONTHS:
        units = dict.fromkeys(NIPS, 0)
        if month >= "2024-07":
            units[NIPS[4]] = 1_000_000
        history = pd.concat(held, ignore_index=True)[HISTORY_COLUMNS] if held else None
        rows = _month("ter_combined", month, history, units, ev=_events())
        if month > "2024-06":
            rows = rows[rows[c.NIP] != LEAVER]
        held.append(rows)
        ledger.close_month(engine, rows.reset_index(drop=True), month, f"run-{month}")
    employees = _employees()
    employees[c.JABATAN] = ["Analis Kebijakan", "Pengelola & Kasir", "Pranata", "Guru", "Staf"]
    ids = pd.DataFrame({c.NIP: NIPS, "nik": [NIKS[n] for n in NIPS], "npwp": pd.NA})
    yield {
        "engine": engine,
        "months": pd.concat(held, ignore_index=True),
        "employees": employees,
        "ids": ids.astype("string"),
        "payroll": _payroll(MONTHS),
        "folder": folder,
    }
    engine.dispose()


def export(year, period, out, ids=None, env=ENV, employees=None, payroll=None):
    from resources.rulebook import load_profile

    return ex.export_coretax(
        period,
        year["engine"],
        "",
        year["employees"] if employees is None else employees,
        year["ids"] if ids is None else ids,
        year["payroll"] if payroll is None else payroll,
        _events(),
        load_profile("nasional"),
        TAX,
        out,
        env,
    )


def _rows(data: bytes, tag: str) -> list[dict[str, str | None]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    return [{el.tag: el.text for el in row} for row in root.iter(tag)]


def test_bpmp_gross_is_the_months_ter_base_and_reexport_is_byte_identical(year, tmp_path):
    [done] = export(year, "2024-03", tmp_path)  # no A2 closes in March
    assert done.rows == 5 and done.left_off == 0
    assert [p.name for p in done.xml] == ["bpmp_2024-03.xml"]
    data = done.xml[0].read_bytes()
    assert fmt.validate(data) == []
    rows = _rows(data, "MmPayroll")
    march = year["months"].query("month == '2024-03'").set_index(c.NIP)
    by_nik = {NIKS[n]: n for n in NIPS}
    for row in rows:
        line = march.loc[by_nik[row["CounterpartTin"]]]
        assert int(row["Gross"]) == line[c.PPH21_BASE] > 0
        assert Decimal(row["Rate"]) == Decimal(line[c.TER_RATE_PCT])
        assert row["StatusTaxExemption"] == line[c.PTKP_STATUS]
        assert (row["TaxPeriodMonth"], row["TaxPeriodYear"]) == ("3", "2024")
        assert row["TaxObjectCode"] == "21-100-01" and row["TaxCertificate"] == "N/A"
        assert row["IDPlaceOfBusinessActivity"] == TIN + "000000"
        assert row["WithholdingDate"] == "2024-03-31" and row["CounterpartPassport"] is None
    assert list(rows[0]) == list(fmt.BPMP_FIELDS)  # the element order of §2.2
    assert "<Position>Pengelola &amp; Kasir</Position>" in data.decode()
    [again] = export(year, "2024-03", tmp_path / "again")
    assert again.xml[0].read_bytes() == data
    assert again.review.read_bytes() == done.review.read_bytes()
    review = done.review.read_text()
    assert not any(nik in review for nik in NIKS.values())  # no NIK in the review CSV


def test_every_bpmp_row_of_the_year_is_the_ter_base(year, tmp_path):
    months = year["months"].set_index([c.NIP, c.MONTH])
    seen = 0
    for month in MONTHS[:-1]:
        done = export(year, month, tmp_path)[0]
        for row in _rows(done.xml[0].read_bytes(), "MmPayroll"):
            nip = next(n for n, k in NIKS.items() if k == row["CounterpartTin"])
            assert int(row["Gross"]) == months.loc[(nip, month), c.PPH21_BASE]
            seen += 1
    # the leaver's June is on the A2 (the year closed in June), not on the BPMP
    assert seen == 5 * 5 + 4 + 4 * 5  # Jan-May, June without the leaver, Jul-Nov
    lines = (tmp_path / "coretax_bpmp_2024-06.csv").read_text().splitlines()
    assert lines[0] == "nip,month,ptkp_status,pph21_base,ter_rate_pct,reason"
    leaver_line = next(line for line in lines if line.startswith(LEAVER))
    assert leaver_line.startswith(f"{LEAVER},2024-06,,,,")  # no amounts for a row left off
    assert all(re.fullmatch(r"\d{18},2024-06,[TK/0-3]+,\d+,[\d.]+,", x) for x in lines[1:4])
    june = pd.read_csv(tmp_path / "coretax_bpmp_2024-06.csv", dtype={c.NIP: str})
    assert june.set_index(c.NIP).loc[LEAVER, c.REASON] == (
        "the last month of the tax year: its withholding is reported on the BPA2"
    )
    # ... which June's export writes: the leaver's A2 in the masa their year closed
    a2 = _rows((tmp_path / "bpa2_2024-06.xml").read_bytes(), "A2")
    assert [(r["CounterpartNipNrp"], r["TaxPeriodMonthEnd"]) for r in a2] == [(LEAVER, "6")]
    assert {p.name for p in tmp_path.glob("bpa2_*.xml")} == {"bpa2_2024-06.xml"}


def test_december_has_no_bpmp_rows_the_bpa2_carries_the_year(year, tmp_path):
    bpmp, bpa2 = export(year, "2024-12", tmp_path)
    assert bpmp.xml == () and bpmp.rows == 0 and bpmp.left_off == 4
    assert not (tmp_path / "bpmp_2024-12.xml").exists()
    assert [p.name for p in bpa2.xml] == ["bpa2_2024-12.xml"] and bpa2.rows == 4
    assert bpa2.left_off == 0  # the leaver's A2 is June's, not listed in December


def test_a2_pph_is_the_withheld_months_plus_the_true_up(year, tmp_path):
    [done] = export(year, "2024", tmp_path)
    # one file per masa: the leaver's A2 in June, everyone else's in December
    assert [p.name for p in done.xml] == ["bpa2_2024-06.xml", "bpa2_2024-12.xml"]
    files = [p.read_bytes() for p in done.xml]
    assert all(fmt.validate(data) == [] for data in files)
    rows = {r["CounterpartNipNrp"]: r for data in files for r in _rows(data, "A2")}
    assert set(rows) == set(NIPS)
    months = year["months"]
    for nip, row in rows.items():
        mine = months[months[c.NIP] == nip]
        withheld = int((mine[c.PPH21_GAJI] + mine[c.PPH21]).sum())
        true_up = int(mine[c.PPH21_DECEMBER_ADJUSTMENT].sum())
        assert int(row["Article21IncomeTax"]) == withheld + true_up
        income = sum(int(row[line]) for line in vt.A2_INCOME_LINES)
        assert income == int(mine[c.PPH21_BASE].sum())  # the lines add up to the TER base
        assert int(row["OtherRegularIncome"]) == int(mine[c.GROSS].sum())  # the TPP line
        assert int(row["PensionContributionJhtThtFee"]) == int(mine[c.IURAN_PENSIUN].sum())
        assert row["CounterpartTin"] == NIKS[nip] and row["TaxObjectCode"] == "21-100-01"
    assert list(next(iter(rows.values()))) == list(fmt.A2_FIELDS)  # the element order of §2.3
    # the refund of the last employee (tests/rules/test_tpp_pph21.py): 2,397,360 for the year
    assert rows[NIPS[4]]["Article21IncomeTax"] == "2397360"
    full = rows[NIPS[0]]
    assert (full["TaxPeriodMonthStart"], full["TaxPeriodMonthEnd"]) == ("1", "12")
    assert (full["StatusOfWithholding"], full["NumberOfMonths"]) == ("FullYear", "12")
    assert full["SalaryPensionJhtTht"] == str(12 * 5_200_000)
    assert full["WifeBenefit"] == str(12 * 720_000) and full["RiceBenefit"] == str(12 * 72_420)
    assert full["WithholdingDate"] == "2024-12-31" and full["WorkForSecondEmployer"] == "No"
    leaver = rows[LEAVER]
    assert (leaver["TaxPeriodMonthStart"], leaver["TaxPeriodMonthEnd"]) == ("1", "6")
    assert leaver["StatusOfWithholding"] == "PartialYear" and leaver["NumberOfMonths"] == "6"
    assert leaver["WithholdingDate"] == "2024-06-30" and leaver["WorkForSecondEmployer"] == "Yes"
    assert leaver["CounterpartRank"] == "IX" and leaver["PrevWhTaxSlip"] is None
    # by hand (PPPK IX, gaji pokok 3,203,600, tunjangan umum 185,000, beras 72,420, TK/0):
    # premiums a month BPJS 4 % x 3,388,600 = 135,544, JKK 0.24 % x 3,203,600 = 7,689, JKM
    # 0.72 % = 23,066 -> 166,299; six months
    assert leaver["SalaryPensionJhtTht"] == str(6 * 3_203_600) == "19221600"
    assert leaver["RiceBenefit"] == str(6 * 72_420)
    mine = months[months[c.NIP] == LEAVER]
    other = 6 * 185_000 + 6 * 166_299 + int(mine[c.BPJS_EMPLOYER].sum())
    assert leaver["OtherBenefit"] == str(other)
    # bruto 63,714,236; biaya jabatan 5 % = 3,185,712, capped for a part year at 500,000 x 6
    # months = 3,000,000 (tax profile, year-end.md section 4); no iuran (PPPK); neto 60,714,236;
    # PTKP TK/0 54,000,000; PKP 6,714,000; Pasal 17 5 % = 335,700: the A2 PPh, settled in June
    assert int(mine[c.PPH21_BASE].sum()) == 63_714_236
    assert (
        leaver["Article21IncomeTax"] == "335700" and leaver["PensionContributionJhtThtFee"] == "0"
    )
    [again] = export(year, "2024", tmp_path / "again")
    assert [p.read_bytes() for p in again.xml] == files
    # the year's files are the months' files of the same masa
    june = export(year, "2024-06", tmp_path / "june")[1]
    assert june.xml[0].read_bytes() == files[0]


def test_an_a2_whose_payroll_is_gone_is_left_off_with_the_reason(year, tmp_path):
    payroll = year["payroll"][year["payroll"][c.NIP] != NIPS[1]]
    [done] = export(year, "2024", tmp_path, payroll=payroll)
    assert done.rows == 4 and done.left_off == 1
    review = pd.read_csv(done.review, dtype={c.NIP: str}).set_index(c.NIP)
    assert review.loc[NIPS[1], c.REASON] == (
        "no payroll row in the inbox for " + ", ".join(MONTHS) + ", whose gaji is in the TER "
        "base: the A2 salary lines cannot be split (put the payroll files back)"
    )
    assert not any(NIPS[1] in p.read_text() for p in done.xml)


def test_a_missing_nik_refuses_naming_the_row_without_any_nik(year, tmp_path):
    ids = year["ids"].copy()
    ids.loc[ids[c.NIP] == NIPS[2], "nik"] = pd.NA
    ids.loc[ids[c.NIP] == NIPS[1], "nik"] = "320101"  # cut short: unusable
    with pytest.raises(ex.CoretaxRefused) as refused:
        export(year, "2024-03", tmp_path, ids=ids)
    message = str(refused.value)
    assert "MmPayroll row 2 of bpmp_2024-03.xml, NIP …2002: no valid NIK (16 digits)" in message
    assert "MmPayroll row 3 of bpmp_2024-03.xml, NIP …1003: no valid NIK" in message
    assert "nothing was written" in message
    assert not re.search(r"\d{16}", message)  # neither a NIK nor a full NIP
    assert not list(tmp_path.glob("*"))
    employees = year["employees"].copy()
    employees[c.JABATAN] = employees[c.JABATAN].astype("object")
    employees.loc[employees[c.NIP] == NIPS[0], c.JABATAN] = None
    with pytest.raises(
        ex.CoretaxRefused, match=r"A2 row 1 of bpa2_2024-12.xml, NIP …1001: no jabatan"
    ):
        export(year, "2024", tmp_path, employees=employees)
    gone = year["employees"][year["employees"][c.NIP] != LEAVER]  # dropped from the master
    with pytest.raises(ex.CoretaxRefused) as refused:
        export(year, "2024", tmp_path, employees=gone)
    assert str(refused.value).endswith(
        "  * A2 row 1 of bpa2_2024-06.xml, NIP …1004: not in the employee master (a leaver no "
        "longer in the SIASN export? their row, with the NIK, is needed for the bukti potong)"
    )


def test_refused_without_the_withholder_or_before_the_close(year, tmp_path):
    with pytest.raises(ex.CoretaxRefused, match="KINERJA_CORETAX_TIN"):
        export(year, "2024-03", tmp_path, env=(None, None))
    with pytest.raises(ex.CoretaxRefused, match="NITKU"):
        export(year, "2024-03", tmp_path, env=("001234567890100", None))  # NPWP15, no NITKU
    with pytest.raises(ex.CoretaxRefused, match=r"2025-01 is not closed.*close --month 2025-01"):
        export(year, "2025-01", tmp_path)
    with pytest.raises(ex.CoretaxRefused, match="2025-12 is not closed"):
        export(year, "2025", tmp_path)


def test_the_schema_lists_the_vocabulary_and_the_validator_catches_errors():
    assert fmt.schema_enumeration("Ptkp") == vt.PTKP_STATUSES
    assert fmt.schema_enumeration("TaxObjectCode") == vt.TAX_OBJECT_CODES
    assert fmt.schema_enumeration("TaxCertificate") == vt.TAX_CERTIFICATES
    assert fmt.schema_enumeration("StatusOfWithholding") == vt.WITHHOLDING_STATUSES
    assert fmt.schema_enumeration("CounterpartOpt") == vt.COUNTERPART_OPTS
    good = {
        "TaxPeriodMonth": 3, "TaxPeriodYear": 2024, "CounterpartOpt": "Resident",
        "CounterpartPassport": None, "CounterpartTin": "3201011209850001",
        "StatusTaxExemption": "K/1", "Position": "Analis", "TaxCertificate": "N/A",
        "TaxObjectCode": "21-100-01", "Gross": 9_304_060, "Rate": Decimal("1.5000"),
        "IDPlaceOfBusinessActivity": TIN + "000000", "WithholdingDate": "2024-03-31",
    }  # fmt: skip
    assert fmt.validate(fmt.bulk_xml("bpmp", TIN, [good])) == []
    assert "<Rate>1.5</Rate>" in fmt.bulk_xml("bpmp", TIN, [good]).decode()
    bad = dict(good, Gross=0, TaxObjectCode="21-100-02x", Rate=Decimal("1.255"))
    errors = fmt.subset_errors(fmt.bulk_xml("bpmp", TIN, [bad]))
    assert errors == [
        "/MmPayrollBulk/ListOfMmPayroll/MmPayroll[1]/TaxObjectCode: '21-100-02x' is not one of "
        "21-100-01, 21-100-02, 21-100-32 (TaxObjectCode)",
        "/MmPayrollBulk/ListOfMmPayroll/MmPayroll[1]/Gross: 0 is less than 1 (PositiveRupiah)",
        "/MmPayrollBulk/ListOfMmPayroll/MmPayroll[1]/Rate: 1.255 has more than 2 decimals "
        "(RatePct)",
    ]
    swapped = fmt.bulk_xml("bpmp", TIN, [good]).replace(
        b"<TaxPeriodMonth>3</TaxPeriodMonth>\n      <TaxPeriodYear>2024</TaxPeriodYear>",
        b"<TaxPeriodYear>2024</TaxPeriodYear>\n      <TaxPeriodMonth>3</TaxPeriodMonth>",
    )
    assert fmt.subset_errors(swapped)[0] == (
        "/MmPayrollBulk/ListOfMmPayroll/MmPayroll[1]: expected TaxPeriodMonth, found TaxPeriodYear"
    )
    nik_error = fmt.validate(fmt.bulk_xml("bpmp", TIN, [dict(good, CounterpartTin="12345")]))
    assert nik_error and not any("12345" in e for e in nik_error)  # a NIK is never quoted


def test_the_full_xsd_validator_agrees_when_installed(year, tmp_path):
    xmlschema = pytest.importorskip(
        "xmlschema",
        reason="xmlschema is not installed: add 'xmlschema>=4.3,<5' to pyproject.toml to "
        "validate with a complete XSD engine as well (formats/coretax.py uses it when present)",
    )
    schema = xmlschema.XMLSchema(str(fmt.XSD_PATH))
    assert "xmlschema" in fmt.validators()
    for period in ("2024-03", "2024"):
        for done in export(year, period, tmp_path):
            assert all(schema.is_valid(str(p)) for p in done.xml)
            assert done.validators == ("xsd-subset", "xmlschema")
    data = (tmp_path / "bpa2_2024-12.xml").read_bytes()
    broken = [
        data.replace(b"<Zakat>0</Zakat>", b"<Zakat>-1</Zakat>", 1),
        data.replace(b"<TaxExemptOpt>K/2</TaxExemptOpt>", b"<TaxExemptOpt>HB/0</TaxExemptOpt>"),
        data.replace(b"<Zakat>0</Zakat>\n", b"", 1),
        data.replace(b'<PrevWhTaxSlip xsi:nil="true"/>', b"<PrevWhTaxSlip/>", 1),
        data.replace(b"<Article21IncomeTax>", b"<Article21IncomeTax>1.5", 1),
        data.replace(b"<WithholdingDate>2024-12-31", b"<WithholdingDate>2024-02-30", 1),
        data.replace(b"<Zakat>0</Zakat>", b'<Zakat xsi:nil="true"/>', 1),
    ]
    for doc in broken:
        assert doc != data
        assert fmt.subset_errors(doc) and not schema.is_valid(doc.decode())


@pytest.mark.slow
def test_the_cli_runs_the_asset_and_writes_the_same_bytes(year, tmp_path, monkeypatch, capsys):
    """``python -m pipelines export coretax`` materializes coretax_export on the warehouse: the
    NIKs come from the inbox's employee master, read at export time and printed nowhere."""
    from pipelines.cli import main

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    master = pd.DataFrame(
        {
            "nipBaru": NIPS,
            "nama": [f"Pegawai {i}" for i in range(5)],
            "nik": [NIKS[n] for n in NIPS],
            "noNpwp": "",
            "unorNama": "Seksi",
            "jabatanNama": year["employees"][c.JABATAN].tolist(),
            "golRuangAkhir": [p[2] for p in PEOPLE],
            "kelas_jabatan": 7,
        }
    )
    master.to_csv(inbox / "employees.csv", index=False)
    year["engine"].dispose()  # the run opens the DuckDB file itself
    monkeypatch.setenv("KINERJA_INBOX", str(inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("KINERJA_WAREHOUSE_URL", str(year["engine"].url))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.setenv("KINERJA_CORETAX_TIN", TIN)
    monkeypatch.delenv("KINERJA_CORETAX_NITKU", raising=False)
    out = tmp_path / "cli"
    assert main(["export", "coretax", "--month", "2024-03", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert f"Coretax BPMP 2024-03: 5 row(s) in {out / 'bpmp_2024-03.xml'}" in printed.out
    assert not any(nik in printed.out + printed.err for nik in NIKS.values())
    [direct] = export(year, "2024-03", tmp_path / "direct")
    assert (out / "bpmp_2024-03.xml").read_bytes() == direct.xml[0].read_bytes()
    # the NIKs are in the XML for finance and nowhere in the state (event log, asset storage)
    stored = [f for f in (tmp_path / "state").rglob("*") if f.is_file()]
    assert stored and not any(
        nik.encode() in f.read_bytes() for f in stored for nik in NIKS.values()
    )
    assert all(nik.encode() in direct.xml[0].read_bytes() for nik in NIKS.values())


def test_which_ter_lines_go_on_the_bpmp():
    from resources.rulebook import load_profile
    from rules.tpp import coretax as decide

    coretax = load_profile("nasional").versions[-1].tpp.coretax
    lines = pd.DataFrame(
        {
            c.NIP: ["1", "2", "3", "4", "5"],
            c.MONTH: ["2024-05", "2024-05", "2024-05", "2024-05", "2024-12"],
            c.PPH21_MODE: [
                "ter_combined",
                "final_by_golongan",
                "borne_tunjangan_pph",
                "ter_combined",
                "ter_combined",
            ],
            c.PTKP_STATUS: "K/0",
            c.PPH21_BASE: [9_000_000, 5_000_000, 0, 7_000_000, 8_000_000],
            c.TER_RATE_PCT: [
                Decimal("1.75"),
                Decimal("5"),
                Decimal("0"),
                Decimal("1.25"),
                Decimal("1.5"),
            ],
            c.PPH21_DECEMBER_ADJUSTMENT: [0, 0, 0, 0, 0],
            c.NOTES: [pd.NA, pd.NA, pd.NA, "tax year closed: Pasal 17 true-up this month", pd.NA],
        }
    )
    rows, left = decide.bpmp_lines(lines, coretax)
    assert rows[c.NIP].tolist() == ["1"] and rows[c.PPH21_BASE].tolist() == [9_000_000]
    assert dict(zip(left[c.NIP], left[c.REASON], strict=True)) == {
        "2": "PPh 21 mode final_by_golongan: no TER line to report",
        "3": "nothing in the TER base this month",
        "4": "the last month of the tax year: its withholding is reported on the BPA2",
        "5": "the last month of the tax year: its withholding is reported on the BPA2",
    }
    every = decide.bpmp_lines(lines, coretax.model_copy(update={"bpmp_in_last_month": True}))
    assert every[0][c.NIP].tolist() == ["1", "4", "5"]

"""Readers of the TPP inputs: both payroll layouts and their quirks, the reference files, and
personal fields dropped at the door; rows in = valid + quarantined for every file."""

import io

import pandas as pd
import pytest
import xlsxwriter

from formats.base import FileRejected
from formats.payroll import parse_rupiah, read_payroll
from formats.tpp_reference import read_tpp_reference
from resources.rulebook import load_profile
from tests.conftest import E1, E3, E4
from tests.tpp_fixtures import TPP, write_simgaji_march
from vocabulary import columns as c


@pytest.mark.parametrize(
    ("text", "amount", "reason"),
    [
        pytest.param("4500000", 4_500_000, None, id="plain"),
        pytest.param("4.500.000", 4_500_000, None, id="Indonesian thousands"),
        pytest.param("4,500,000", 4_500_000, None, id="English thousands"),
        pytest.param("Rp 4.500.000,-", 4_500_000, None, id="Rp and ,-"),
        pytest.param("4500000.00", 4_500_000, None, id="zero fraction"),
        pytest.param("4.500.000,00", 4_500_000, None, id="Indonesian zero fraction"),
        pytest.param("1.500", 1_500, None, id="three digits after a dot are thousands"),
        pytest.param("4500000,5", 4_500_001, None, id="sen: 50 sen rounds up"),
        pytest.param("12500,50", 12_501, None, id="sen: ,50 rounds half up (issue 21)"),
        pytest.param("12500,49", 12_500, None, id="sen: ,49 rounds down"),
        pytest.param("4.500.000,75", 4_500_001, None, id="sen after Indonesian thousands"),
        pytest.param("4,500,000.25", 4_500_000, None, id="sen after English thousands"),
        pytest.param("-150000", None, "'-150000' is negative", id="negative"),
        pytest.param("empat juta", None, "'empatjuta' is not an amount in rupiah", id="words"),
        pytest.param(None, None, None, id="empty is zero for an allowance"),
    ],
)
def test_parse_rupiah(text, amount, reason):
    got, why = parse_rupiah(pd.Series([text], dtype="string"))
    assert (None if pd.isna(got[0]) else int(got[0])) == amount
    assert (None if pd.isna(why[0]) else why[0]) == reason


def test_gpp_layout_keeps_components_and_drops_personal_fields():
    data = (TPP / "payroll" / "gpp_pppk_2024-03.csv").read_bytes()
    result = read_payroll(data, "payroll/gpp.csv")
    assert result.layout == "gpp" and result.rows_in == 5
    row = result.rows.iloc[0]
    sen = result.rows[result.rows[c.GAJI_POKOK] == 3_203_601]  # '3203600,5': sen read, half up
    assert len(sen) == 1 and len(result.rows) == 4
    assert (row[c.NIP], row[c.MONTH], row[c.GAJI_POKOK], row[c.TUNJANGAN_KELUARGA]) == (
        E3, "2024-03", 3_203_600, 320_360,
    )  # fmt: skip
    assert (row[c.TUNJANGAN_JABATAN], row[c.TUNJANGAN_UMUM]) == (0, 190_000)
    assert result.quarantine.reason.tolist() == [
        "bulan '13' / tahun '2024' is not a month",
    ]  # the other two rows fail the rules (unknown NIP, scientific notation), not the reader
    text = pd.concat([result.rows.astype(str), result.quarantine.astype(str)]).to_csv()
    for secret in ("09.254.294.3-407.003", "1234567890", "BANK SULSELBAR", "Budi Santoso"):
        assert secret not in text
    assert not {"npwp", "rekening", "nm_bank", "nmrek", "nmpeg", c.NAMA} & set(result.rows)


def test_simgaji_xlsx_and_semicolon_csv(tmp_path):
    write_simgaji_march(tmp_path / "m.xlsx")
    march = read_payroll((tmp_path / "m.xlsx").read_bytes(), "payroll/m.xlsx")
    assert march.layout == "simgaji" and march.rows_in == 7 and len(march.rows) == 6
    e1 = march.rows[march.rows[c.NIP] == E1].iloc[0]
    assert (e1[c.MONTH], e1[c.GAJI_POKOK], e1[c.TUNJANGAN_KELUARGA], e1[c.TUNJANGAN_JABATAN]) == (
        "2024-03", 5_340_600, 747_684, 2_035_172,
    )  # fmt: skip
    assert march.quarantine.reason.str.startswith("NIP arrived as a spreadsheet number").all()
    feb = read_payroll((TPP / "payroll" / "simgaji_2024-02.csv").read_bytes(), "p/feb.csv")
    assert feb.info["delimiter"] == ";" and feb.rows[c.MONTH].tolist() == ["2024-02"] * 2
    e4 = feb.rows[feb.rows[c.NIP] == E4].iloc[0]
    assert e4[[c.GAJI_POKOK, c.TUNJANGAN_KELUARGA, c.TUNJANGAN_JABATAN]].tolist() == [
        4_100_000, 574_000, 540_000,
    ]  # fmt: skip
    assert "O'Neil" not in feb.rows.to_csv()


def test_simgaji_tglgaji_as_a_mysql_datetime_dump():
    # a phpMyAdmin/HeidiSQL CSV of the fgaji table: DATETIME at midnight, DECIMAL money, all
    # quoted, ';', CRLF; before, every row was quarantined ('is not a date') and BPJS fell to 0
    header = '"TGLGAJI";"NIP";"NAMA";"GAPOK";"TJISTRI";"TJANAK";"TJESELON";"TJUMUM"'
    rows = [
        f'"2024-03-01 00:00:00";"{E1}";"-";"5340600.00";"534060.00";"213624.00";"0.00";"0.00"',
        f'"2024-03-01 07:15:00";"{E4}";"-";"4100000.00";"0.00";"0.00";"0.00";"0.00"',
    ]
    data = "\r\n".join([header, *rows, ""]).encode()
    result = read_payroll(data, "payroll/fgaji.csv")
    assert result.layout == "simgaji" and result.rows_in == 2
    assert result.rows[[c.NIP, c.MONTH, c.GAJI_POKOK, c.TUNJANGAN_KELUARGA]].values.tolist() == [
        [E1, "2024-03", 5_340_600, 747_684]
    ]
    assert result.quarantine[[c.SOURCE_LINE, c.REASON]].values.tolist() == [
        [3, "TGLGAJI '2024-03-01 07:15:00' is not a date"]
    ]


def test_payroll_json_and_unknown_layouts():
    records = b'[{"TGLGAJI": "2024-03-01", "NIP": 198509122010011001, "GAPOK": 5000000}]'
    result = read_payroll(records, "payroll/api.json")
    assert result.rows_in == 1 and result.quarantine.reason[0].startswith(
        "NIP arrived as a spreadsheet number"
    )
    with pytest.raises(FileRejected, match="is not a payroll export this pipeline knows"):
        read_payroll(b"nip;gaji\n1;2\n", "payroll/other.csv")


def _xlsx(rows: list[list]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    book.close()
    return buf.getvalue()


def test_reference_files_detected_from_their_header():
    sanctions = read_tpp_reference((TPP / "reference" / "sanctions.csv").read_bytes(), "s.csv")
    assert sanctions.layout == "sanctions"
    assert sanctions.rows[c.SANCTION_TYPE].tolist() == [
        "pemotongan_tpp", "teguran_lisan", "pemotongan_tpp", "pemotongan_tpp",
    ]  # fmt: skip
    assert "800/12" not in sanctions.rows.to_csv()  # nomor SK is not kept
    status = read_tpp_reference((TPP / "reference" / "status_events.csv").read_bytes(), "e.csv")
    assert status.layout == "status_events"
    assert status.rows[c.STATUS].tolist() == ["cltn", "cpns", "tugas_belajar"]
    assert status.rows_in == 4 and len(status.quarantine) == 1
    ceilings = read_tpp_reference(
        _xlsx([["Kelas Jabatan", "Valid From", "Amount"], [9, "2024-01-01", "Rp 6.100.000"],
               [18, "2024-01-01", 1], [7, "2024-01-01", "4.100.000,75"]]),
        "tpp_ceilings.xlsx",
    )  # fmt: skip
    assert ceilings.layout == "tpp_ceilings" and ceilings.rows_in == 3
    assert ceilings.rows[[c.KELAS_JABATAN, c.AMOUNT]].values.tolist() == [[9, 6_100_000]]
    assert ceilings.quarantine.reason.tolist() == [
        "kelas_jabatan '18' is not a kelas 1-17",
        "amount '4.100.000,75' has sen; this amount is whole rupiah",
    ]
    with pytest.raises(FileRejected, match="is not a TPP reference file this pipeline knows"):
        read_tpp_reference(b"a,b\n1,2\n", "reference/x.csv")


def test_synthetic_payroll_is_reproducible_and_readable(tmp_path):
    import numpy as np

    from synthetic.generator import generate
    from synthetic.payroll import write_payroll

    generate(tmp_path / "base", 60, "2024-03", 2, seed=4, profile=load_profile("nasional"))
    people = pd.read_csv(tmp_path / "base" / "employees.csv", dtype=str, keep_default_na=False)
    for name in ("a", "b"):
        write_payroll(tmp_path / name, people, "2024-03", 2, np.random.default_rng(4))
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert [str(f) for f in files] == [
        "attendance_decisions.csv",  # finance's carry/amount for the rows it left out
        "payroll/gpp_pppk_2024-03.csv", "payroll/gpp_pppk_2024-04.csv",
        "payroll/simgaji_2024-03.xlsx", "payroll/simgaji_2024-04.csv",
        "reference/sanctions.csv", "reference/status_events.csv",
    ]  # fmt: skip
    for f in files:
        data = (tmp_path / "a" / f).read_bytes()
        assert data == (tmp_path / "b" / f).read_bytes(), f
        if f.parts[0] == "attendance_decisions.csv":
            continue
        reader = read_payroll if f.parts[0] == "payroll" else read_tpp_reference
        result = reader(data, str(f))
        assert result.rows_in == len(result.rows) + len(result.quarantine) > 0
        assert "BANK PEMBANGUNAN DAERAH" not in result.rows.to_csv()
    march = read_payroll((tmp_path / "a" / files[2]).read_bytes(), "m.xlsx")
    assert march.quarantine.reason.str.startswith("NIP arrived as a spreadsheet number").all()


def test_gpp_gross_parts_for_pph21_and_the_stated_pph_on_gaji():
    """The PPPK fixture row is E3 of the domain note (IX, 3,203,600 + umum + beras) plus a
    tunjangan istri of 320,360: the gross is 3,786,380 + BPJS 4 % 148,558 (the export's own
    ``bpjs`` column) + JKK 7,689 + JKM 23,066."""
    import datetime as dt

    from resources.rulebook import load_tax_profile
    from rules.tax.gaji import gaji_bruto

    data = (TPP / "payroll" / "gpp_pppk_2024-03.csv").read_bytes()
    row = read_payroll(data, "payroll/gpp.csv").rows.iloc[[0]]
    assert (row[c.TUNJANGAN_BERAS].iloc[0], row[c.TUNJANGAN_LAIN].iloc[0]) == (72_420, 0)
    assert row[c.PPH21_GAJI_PAYROLL].iloc[0] == 0  # potpph stated as 0
    tax = load_tax_profile().version_for(dt.date(2024, 3, 1))
    assert gaji_bruto(row, tax)[0] == 3_965_693


def test_simgaji_without_a_pph_column_states_no_pph_on_gaji():
    data = (TPP / "payroll" / "simgaji_2024-02.csv").read_bytes()
    rows = read_payroll(data, "payroll/simgaji.csv").rows
    assert rows[c.PPH21_GAJI_PAYROLL].isna().all()
    assert (rows[c.TUNJANGAN_BERAS] > 0).all()


def test_ptkp_reference_is_detected_normalised_and_bad_rows_quarantined():
    text = (
        "nip,ptkp_status,valid_from,npwp_status,nama\n"
        f"{E1},K1,2024-01-01,ada,Siti\n"
        f"{E3},tk / 0,2023-06-01,,Budi\n"
        f"{E4},K/4,2024-01-01,valid,X\n"
        f"{E1},K/2,bukan tanggal,valid,X\n"
        f"{E3},TK/1,2024-02-01,mungkin,X\n"
    )
    result = read_tpp_reference(text.encode(), "reference/ptkp.csv")
    assert result.layout == "ptkp" and result.rows_in == 5
    rows = result.rows
    assert rows[c.PTKP_STATUS].tolist() == ["K/1", "TK/0"]
    assert rows[c.NPWP_STATUS].tolist()[0] == "valid" and pd.isna(rows[c.NPWP_STATUS][1])
    assert result.quarantine.reason.tolist() == [
        "ptkp_status 'K/4' is not one of TK/0, TK/1, TK/2, TK/3, K/0, K/1, K/2, K/3 (at most "
        "3 dependants count for PTKP)",
        "valid_from 'bukan tanggal' is not a date",
        "npwp_status 'mungkin' is not valid or none",
    ]
    assert "Siti" not in rows.to_csv()

"""The finance files' totals are reconciled before anything is written; the THR / gaji-13
files of a pay month (issue 21)."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from formats.finance import TotalsDoNotReconcile, reconcile, thr13_files
from resources.finance import unit_file_names
from vocabulary import columns as c


def _rows(net_of_second: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.GROSS: [8_000_000, 3_000_000],
            c.BPJS_EMPLOYEE: [51_125, 30_000],
            c.PPH21: [867_390, 0],
            c.PPH21_DECEMBER_ADJUSTMENT: [0, -12_000],  # a refund line
            c.TUNJANGAN_PPH: [0, 0],
            c.NET: [7_081_485, net_of_second],
        }
    )


def test_totals_reconcile_with_a_refund_line():
    assert reconcile(_rows(2_982_000), "TPP 2024-12") == 7_081_485 + 2_982_000


def test_totals_that_do_not_add_up_stop_the_files():
    with pytest.raises(TotalsDoNotReconcile) as err:
        reconcile(_rows(2_970_000), "TPP 2024-12 Dinas X")
    assert str(err.value) == (
        "TPP 2024-12 Dinas X: gross 11,000,000 - BPJS 1% 81,125 - PPh 21 867,390 - adjustment "
        "-12,000 + tunjangan PPh 0 = 10,063,485, but the net paid adds up to 10,051,485"
    )


# THR / gaji-13 files of a pay month (issue 21): hand-made rows of two units, April 2024
A = "198501012010011001"  # PNS: THR 5,000,000, PPh 21 1,350,545 borne by the government
B = "199001012020122002"  # PPPK, tax deducted: 3,000,000 - 225,000 = 2,775,000
C = "198701012012011003"  # other unit: THR 4,000,000, tax borne 80,000
CLOSED_AT = dt.datetime(2024, 5, 2, 3, 4, 5, tzinfo=dt.UTC)


def _thr13(net_of_b: int = 2_775_000) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: [B, A, C],
            c.YEAR: 2024,
            c.KIND: "thr",
            c.REFERENCE_MONTH: "2024-03",
            c.PAY_MONTH: "2024-04",
            c.UNIT_INDUK: ["Dinas Kesehatan", "Dinas Kesehatan", "Inspektorat"],
            c.TPP_AMOUNT: [3_000_000, 5_000_000, 4_000_000],
            c.PPH21: [225_000, 1_350_545, 80_000],
            c.PPH21_BORNE_BY_GOVERNMENT: [0, 1_350_545, 80_000],
            c.NET: [net_of_b, 5_000_000, 4_000_000],
            c.NOTES: "100% of the TPP paid for 2024-03",
        }
    )


PEOPLE = pd.DataFrame(
    {
        c.NIP: [A, B, C],
        c.NAMA: ["Ani", "Budi", "Citra"],
        c.JABATAN: ["Analis", "Perawat", "Auditor"],
        c.GOLONGAN: ["III/c", "IX", "III/b"],
    }
)


def _files(rows: pd.DataFrame) -> dict[str, bytes]:
    return thr13_files(rows, PEOPLE, "2024-04", CLOSED_AT, "run-abcdefgh", unit_file_names)


def test_thr13_files_per_unit_like_the_monthly_ones():
    files = _files(_thr13())
    assert sorted(files) == [
        "daftar_nominatif_thr_gaji13_2024-04_dinas_kesehatan.xlsx",
        "daftar_nominatif_thr_gaji13_2024-04_inspektorat.xlsx",
        "tpp_thr_gaji13_2024-04.csv",
        "tpp_thr_gaji13_2024-04.parquet",
    ]
    ws = openpyxl.load_workbook(
        io.BytesIO(files["daftar_nominatif_thr_gaji13_2024-04_dinas_kesehatan.xlsx"])
    )["Daftar Nominatif"]
    header = [cell.value for cell in ws[7]]
    assert header[:3] == ["No", "NIP", "Nama"] and header[-2:] == [
        "TPP bersih dibayar (Rp)", "Keterangan",
    ]  # fmt: skip
    body = [[cell.value for cell in row] for row in ws.iter_rows(min_row=8, max_row=9)]
    assert [r[1:3] + r[5:11] for r in body] == [
        [A, "Ani", "THR", "Maret 2024", 5_000_000, 1_350_545, 1_350_545, 5_000_000],
        [B, "Budi", "THR", "Maret 2024", 3_000_000, 225_000, 0, 2_775_000],
    ]
    assert ws["B8"].number_format == "@" and ws["H8"].number_format == "#,##0"
    total = [cell.value for cell in ws[10]]
    assert total[1] == "JUMLAH" and total[7:11] == [
        "=SUM(H8:H9)", "=SUM(I8:I9)", "=SUM(J8:J9)", "=SUM(K8:K9)",
    ]  # fmt: skip
    assert ws["A2"].value == "Dibayar bulan: April 2024"
    table = pq.read_table(io.BytesIO(files["tpp_thr_gaji13_2024-04.parquet"]))
    assert str(table.schema.field(c.NIP).type) == "string"
    assert str(table.schema.field(c.NET).type) == "int64"
    assert table.column(c.NIP).to_pylist() == [A, B, C]
    assert table.column(c.NET).to_pylist() == [5_000_000, 2_775_000, 4_000_000]
    assert c.NAMA not in table.column_names  # names only in the workbook
    assert _files(_thr13()) == files  # a re-export is byte-identical


def test_thr13_files_are_refused_when_a_unit_does_not_reconcile():
    with pytest.raises(TotalsDoNotReconcile) as err:
        _files(_thr13(net_of_b=2_770_000))
    assert str(err.value) == (
        "THR/gaji-13 2024-04 Dinas Kesehatan: TPP 8,000,000 - PPh 21 1,575,545 + borne "
        "1,350,545 = 7,775,000, but net paid is 7,770,000"
    )

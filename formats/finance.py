"""The finance files of a closed month, as bytes (resources/finance.py writes them atomically).

- ``nominatif_workbook``: the daftar nominatif of one unit (OPD): a title block, one row per
  employee with every TPP component, totals, and a signature block; NIP written as a text cell
  (Excel keeps 15 digits of a number), rupiah as whole numbers formatted ``#,##0``; A4
  landscape, fit to one page wide, header row repeated on every page.
- ``month_csv`` / ``month_parquet``: every row of the month (no names), the same columns as
  ``fact_tpp_monthly``; decimals exact (text in CSV, decimal128 in Parquet), NIP as text.
- ``adjustments_csv``: the adjustment lines of a month;
- ``year_summary_csv``: per employee the year's PPh 21 figures up to the month (1721-A2).
- ``thr13_files``: in a THR / gaji-13 pay month (issue 21) the same set for those payments: a
  daftar nominatif per unit (``thr13_workbook``), CSV and Parquet, and the adjustment lines when
  the closed pay month was recomputed; reconciled per unit (Σ TPP - Σ PPh 21 deducted = Σ net).

Before anything is written the totals are reconciled (``reconcile``): Σ gross - Σ BPJS 1 % -
Σ PPh 21 - Σ December adjustment + Σ tunjangan PPh = Σ net paid, per unit and for the month.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

from vocabulary import columns as c
from vocabulary.performance import PREDIKAT_LABELS
from vocabulary.tpp import FACTOR_COLUMNS, SEN_COLUMNS, TPP_COLUMNS

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]  # fmt: skip

# (header, column in the joined frame, kind) in the order finance reads them
WORKBOOK_COLUMNS = (
    ("No", None, "no"),
    ("NIP", c.NIP, "nip"),
    ("Nama", c.NAMA, "text"),
    ("Jabatan", c.JABATAN, "text"),
    ("Gol.", c.GOLONGAN, "text"),
    ("Kelas", c.KELAS_JABATAN, "int"),
    ("Sub unit", c.UNIT, "text"),
    ("Pagu TPP (Rp)", c.CEILING, "rupiah"),
    ("Hari dibayar", "_days", "text"),
    ("Faktor CPNS", c.CPNS_FACTOR, "factor"),
    ("Predikat", "_predikat", "text"),
    ("Potongan disiplin (%)", c.DISIPLIN_DEDUCTION_PCT, "pct"),
    ("Faktor hukdis", c.SANCTION_FACTOR, "factor"),
    ("TPP kinerja (Rp)", c.KINERJA_PAID, "rupiah"),
    ("TPP disiplin (Rp)", c.DISIPLIN_PAID, "rupiah"),
    ("Tambahan Plt/Plh (Rp)", c.PLT_ADDITION, "rupiah"),
    ("TPP bruto (Rp)", c.GROSS, "rupiah"),
    ("BPJS 4% pemda (Rp)", c.BPJS_EMPLOYER, "rupiah"),
    ("BPJS 1% pegawai (Rp)", c.BPJS_EMPLOYEE, "rupiah"),
    ("PTKP", c.PTKP_STATUS, "text"),
    ("Dasar PPh 21 (Rp)", c.PPH21_BASE, "rupiah"),
    ("Tarif PPh 21 (%)", c.TER_RATE_PCT, "pct"),
    ("PPh 21 atas gaji (Rp)", c.PPH21_GAJI, "rupiah"),
    ("PPh 21 atas TPP (Rp)", c.PPH21, "rupiah"),
    ("PPh 21 penyesuaian akhir tahun (Rp)", c.PPH21_DECEMBER_ADJUSTMENT, "rupiah"),
    ("Tunjangan PPh (Rp)", c.TUNJANGAN_PPH, "rupiah"),
    ("TPP bersih dibayar (Rp)", c.NET, "rupiah"),
    ("Keterangan", c.NOTES, "text"),
)
TITLE_ROWS = 6  # the header row of the table is row 7 (index 6)


# what the workbook totals must satisfy before anything is written (Σ over the rows)
NET_PARTS = {c.GROSS: 1, c.BPJS_EMPLOYEE: -1, c.PPH21: -1, c.PPH21_DECEMBER_ADJUSTMENT: -1,
             c.TUNJANGAN_PPH: 1}  # fmt: skip


class TotalsDoNotReconcile(ValueError):
    """Σ gross - Σ BPJS 1 % - Σ PPh 21 (+ Σ tunjangan PPh) differs from Σ net paid."""


def reconcile(rows: pd.DataFrame, where: str) -> int:
    """Σ net paid, after checking Σ gross - Σ BPJS 1 % - Σ PPh 21 - Σ adjustment + Σ tunjangan
    PPh = Σ net (whole rupiah, exact).

    Raises:
        TotalsDoNotReconcile: naming ``where`` and both totals; no file is written then.
    """
    parts = {col: int(rows[col].astype("int64").sum()) if col in rows else 0 for col in NET_PARTS}
    expected = sum(sign * parts[col] for col, sign in NET_PARTS.items())
    net = int(rows[c.NET].astype("int64").sum())
    if expected != net:
        raise TotalsDoNotReconcile(
            f"{where}: gross {parts[c.GROSS]:,} - BPJS 1% {parts[c.BPJS_EMPLOYEE]:,} - PPh 21 "
            f"{parts[c.PPH21]:,} - adjustment {parts[c.PPH21_DECEMBER_ADJUSTMENT]:,} + tunjangan "
            f"PPh {parts[c.TUNJANGAN_PPH]:,} = {expected:,}, but the net paid adds up to {net:,}"
        )
    return net


def month_label(month: str) -> str:
    """'2024-03' -> 'Maret 2024'."""
    return f"{MONTHS_ID[int(month[5:7]) - 1]} {month[:4]}"


def _column_letter(index: int) -> str:
    return xlsxwriter.utility.xl_col_to_name(index)


def _cells(data: pd.DataFrame, col: str | None, kind: str) -> list:
    """One workbook column as Python values: NIP and text as str (written as text cells),
    rupiah as int, factors and percentages as numbers for display (exact in the CSV); kelas
    as text, since it may be missing."""
    if kind == "no":
        return list(range(1, len(data) + 1))
    values = data[col]
    if kind == "rupiah":
        return values.astype("int64").tolist()
    if kind in ("factor", "pct"):
        return pd.to_numeric(values.astype("string")).tolist()
    return values.astype("string").fillna("").tolist()


def nominatif_workbook(
    rows: pd.DataFrame,
    people: pd.DataFrame,
    unit: str,
    month: str,
    closed_at: dt.datetime,
    run_id: str,
) -> bytes:
    """The daftar nominatif of one unit for a closed month.

    Args:
        rows: the unit's final rows (fact_tpp_monthly columns).
        people: nip, nama, jabatan, golongan from the employee master (names are only here).
        unit: the unit (OPD) name.
        month: 'YYYY-MM'.
        closed_at: when the month was closed (also the workbook's creation time, so the same
            close gives the same bytes).
        run_id: the run that closed the month.
    """
    data = rows.merge(people, on=c.NIP, how="left").sort_values([c.UNIT, c.NIP], kind="stable")
    data["_days"] = (
        data[c.PAID_DAYS].astype("string") + "/" + data[c.MONTH_WORKDAYS].astype("string")
    )
    data["_predikat"] = data[c.PREDIKAT].map(PREDIKAT_LABELS).fillna("-")
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.set_properties(
        {"title": f"Daftar nominatif TPP {month} {unit}", "created": closed_at.replace(tzinfo=None)}
    )
    f = _formats(book)
    ws = book.add_worksheet("Daftar Nominatif")
    ws.write_string(0, 0, "DAFTAR NOMINATIF TAMBAHAN PENGHASILAN PEGAWAI (TPP)", f["title"])
    ws.write_string(1, 0, f"Bulan: {month_label(month)}")
    ws.write_string(2, 0, f"Unit kerja: {unit}")
    ws.write_string(
        3, 0, f"Status: FINAL, ditutup {closed_at:%Y-%m-%d %H:%M} UTC (run {run_id[:8]})"
    )
    profile = str(rows[c.PROFILE].iloc[0]) if len(rows) else ""
    modes = ", ".join(sorted(rows[c.PPH21_MODE].astype("string").dropna().unique()))
    ws.write_string(4, 0, f"Rulebook: {profile}; PPh 21: {modes or '-'} (lihat docs/tpp.md)")
    _table_and_signatures(ws, f, data, WORKBOOK_COLUMNS, unit, month, right=14)
    ws.set_footer("&LTPP " + month + " " + unit[:40] + "&RHalaman &P dari &N")
    book.close()
    return buf.getvalue()


def _formats(book: xlsxwriter.Workbook) -> dict:
    """The cell formats of every daftar nominatif (monthly TPP, THR / gaji-13)."""
    return {
        "title": book.add_format({"bold": True, "font_size": 12}),
        "head": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#DDEBF7"}
        ),
        "nip": book.add_format({"num_format": "@", "border": 1}),
        "text": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "int": book.add_format({"border": 1}),
        "no": book.add_format({"num_format": "0", "border": 1}),
        "rupiah": book.add_format({"num_format": "#,##0", "border": 1}),
        "factor": book.add_format({"num_format": "0.00##", "border": 1}),
        "pct": book.add_format({"num_format": "0.00##", "border": 1}),
        "total": book.add_format({"bold": True, "num_format": "#,##0", "border": 1}),
        "total_label": book.add_format({"bold": True, "border": 1}),
    }


def _table_and_signatures(ws, f: dict, data: pd.DataFrame, columns, unit: str, month: str,
                          right: int) -> None:  # fmt: skip
    """The header row (row 7), one row per employee written column by column, the JUMLAH row
    (a SUM formula with its value cached, whole rupiah), the two signature blocks (the unit's
    head left, the bendahara at column ``right``) and the A4 landscape page setup."""
    for j, (header, _, kind) in enumerate(columns):
        ws.write_string(TITLE_ROWS, j, header, f["head"])
        ws.set_column(j, j, {"nip": 21, "text": 24, "no": 5}.get(kind, 14))
    first_row = TITLE_ROWS + 1
    for j, (_, col, kind) in enumerate(columns):  # column by column, not row by row
        ws.write_column(first_row, j, _cells(data, col, kind), f[kind])
    total_row = TITLE_ROWS + 1 + len(data)
    ws.write_string(total_row, 1, "JUMLAH", f["total_label"])
    for j, (_, col, kind) in enumerate(columns):
        if kind == "rupiah":
            letter = _column_letter(j)
            total = int(data[col].sum()) if len(data) else 0
            formula = f"=SUM({letter}{TITLE_ROWS + 2}:{letter}{total_row})"
            ws.write_formula(total_row, j, formula, f["total"], total)
    sign = total_row + 3
    last = (pd.Timestamp(f"{month}-01") + pd.offsets.MonthEnd(0)).date()
    ws.write_string(sign, 1, "Mengetahui,")
    ws.write_string(sign + 1, 1, f"Kepala {unit}")
    ws.write_string(sign + 5, 1, "(................................)")
    ws.write_string(sign + 6, 1, "NIP. ")
    ws.write_string(sign, right, f"..............., {last.day} {month_label(month)}")
    ws.write_string(sign + 1, right, "Bendahara Pengeluaran")
    ws.write_string(sign + 5, right, "(................................)")
    ws.write_string(sign + 6, right, "NIP. ")
    ws.freeze_panes(TITLE_ROWS + 1, 2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(TITLE_ROWS)


def month_csv(frame: pd.DataFrame) -> bytes:
    """The month as CSV (UTF-8, comma, exact decimals, NIP as written)."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def month_parquet(frame: pd.DataFrame) -> bytes:
    """The month as Parquet: NIP string, rupiah int64, decimals as decimal128."""
    arrays, names = [], []
    decimals = {**dict.fromkeys(SEN_COLUMNS, (16, 2)), **dict.fromkeys(FACTOR_COLUMNS, (9, 6))}
    decimals[c.DISIPLIN_DEDUCTION_PCT] = (9, 4)
    decimals[c.TER_RATE_PCT] = (9, 4)
    decimals[c.NPWP_MULTIPLIER] = (3, 1)
    for col in frame.columns:
        values = frame[col]
        if col in decimals:
            arr = pa.array(values.astype("string"), type=pa.string()).cast(
                pa.decimal128(*decimals[col])
            )
        elif col == c.NIP or values.dtype == "string" or values.dtype == object:
            arr = pa.array(values.astype("string"), type=pa.string())
        else:
            arr = pa.array(values, from_pandas=True)
        arrays.append(arr)
        names.append(col)
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, names=names), buf)
    return buf.getvalue()


def adjustments_csv(lines: pd.DataFrame) -> bytes:
    return lines.to_csv(index=False, lineterminator="\n").encode("utf-8")


FILE_COLUMNS = [*TPP_COLUMNS, c.STATUS, c.RUN_ID]


def _utc(value) -> dt.datetime:
    ts = pd.Timestamp(value)
    return (ts.tz_convert("UTC") if ts.tzinfo else ts.tz_localize("UTC")).to_pydatetime()


def year_summary_csv(summary: pd.DataFrame) -> bytes:
    """The yearly PPh 21 summary per employee (the figures of a bukti potong 1721-A2): no
    names, NIP as text."""
    return summary.to_csv(index=False, lineterminator="\n").encode("utf-8")


def reconcile_thr13(rows: pd.DataFrame, where: str) -> int:
    """Σ net of THR / gaji-13 rows, after checking Σ tpp_amount - Σ PPh 21 + Σ PPh borne by the
    government = Σ net (issue 21).

    Raises:
        TotalsDoNotReconcile: naming ``where`` and both totals.
    """
    total = {
        col: int(rows[col].astype("int64").sum())
        for col in (c.TPP_AMOUNT, c.PPH21, c.PPH21_BORNE_BY_GOVERNMENT, c.NET)
    }
    expected = total[c.TPP_AMOUNT] - total[c.PPH21] + total[c.PPH21_BORNE_BY_GOVERNMENT]
    if expected != total[c.NET]:
        raise TotalsDoNotReconcile(
            f"{where}: TPP {total[c.TPP_AMOUNT]:,} - PPh 21 {total[c.PPH21]:,} + borne "
            f"{total[c.PPH21_BORNE_BY_GOVERNMENT]:,} = {expected:,}, but net paid is "
            f"{total[c.NET]:,}"
        )
    return total[c.NET]


THR13_WORKBOOK_COLUMNS = (
    ("No", None, "no"),
    ("NIP", c.NIP, "nip"),
    ("Nama", c.NAMA, "text"),
    ("Jabatan", c.JABATAN, "text"),
    ("Gol.", c.GOLONGAN, "text"),
    ("Pembayaran", "_kind", "text"),
    ("Bulan acuan", "_reference", "text"),
    ("TPP THR / gaji ke-13 (Rp)", c.TPP_AMOUNT, "rupiah"),
    ("PPh 21 (Rp)", c.PPH21, "rupiah"),
    ("PPh 21 ditanggung pemerintah (Rp)", c.PPH21_BORNE_BY_GOVERNMENT, "rupiah"),
    ("TPP bersih dibayar (Rp)", c.NET, "rupiah"),
    ("Keterangan", c.NOTES, "text"),
)
THR13_KIND_LABELS = {"thr": "THR", "gaji13": "Gaji ke-13"}


def _thr13_order(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values([c.KIND, c.UNIT_INDUK, c.NIP], kind="stable")


def thr13_workbook(
    rows: pd.DataFrame,
    people: pd.DataFrame,
    unit: str,
    month: str,
    closed_at: dt.datetime,
    run_id: str,
) -> bytes:
    """The daftar nominatif of the THR / gaji-13 TPP one unit pays in ``month``: the layout of
    the monthly workbook (title block, NIP as text, whole rupiah ``#,##0``, JUMLAH row as SUM
    formulas, signatures, A4 landscape, header repeated), one row per employee and payment;
    the tax borne by the government is shown and not deducted. ``closed_at`` (the pay month's
    close) is the creation time, so the same close gives the same bytes."""
    data = _thr13_order(rows).merge(people, on=c.NIP, how="left")
    data["_kind"] = data[c.KIND].map(THR13_KIND_LABELS).fillna(data[c.KIND])
    data["_reference"] = data[c.REFERENCE_MONTH].map(month_label)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.set_properties(
        {
            "title": f"Daftar nominatif THR / gaji ke-13 TPP {month} {unit}",
            "created": closed_at.replace(tzinfo=None),
        }
    )
    f = _formats(book)
    ws = book.add_worksheet("Daftar Nominatif")
    ws.write_string(
        0, 0, "DAFTAR NOMINATIF THR DAN GAJI KE-13 BAGIAN TAMBAHAN PENGHASILAN PEGAWAI (TPP)",
        f["title"],
    )  # fmt: skip
    ws.write_string(1, 0, f"Dibayar bulan: {month_label(month)}")
    ws.write_string(2, 0, f"Unit kerja: {unit}")
    ws.write_string(
        3, 0, f"Status: FINAL, ditutup {closed_at:%Y-%m-%d %H:%M} UTC (run {run_id[:8]})"
    )
    ws.write_string(
        4, 0, "Tanpa iuran dan potongan lain; PPh 21: TER bulan dibayar (dengan dikurangi tanpa "
        "THR / gaji ke-13); yang ditanggung pemerintah tidak dipotong (lihat docs/tpp.md)",
    )  # fmt: skip
    _table_and_signatures(ws, f, data, THR13_WORKBOOK_COLUMNS, unit, month, right=8)
    ws.set_footer("&LTHR/gaji-13 TPP " + month + " " + unit[:40] + "&RHalaman &P dari &N")
    book.close()
    return buf.getvalue()


def thr13_csv(rows: pd.DataFrame, month: str) -> bytes:
    """The THR / gaji-13 TPP paid in ``month``, per employee (no names), reconciled per unit
    and in total before it is written."""
    reconcile_thr13_units(rows, month)
    return _thr13_order(rows).to_csv(index=False, lineterminator="\n").encode("utf-8")


def reconcile_thr13_units(rows: pd.DataFrame, month: str) -> int:
    """``reconcile_thr13`` for every unit, then for the month; Σ net of the month."""
    unit = rows[c.UNIT_INDUK].astype("string").fillna("(tanpa unit)")
    for name, part in rows.groupby(unit, sort=True):
        reconcile_thr13(part, f"THR/gaji-13 {month} {name}")
    return reconcile_thr13(rows, f"THR/gaji-13 {month}")


def thr13_files(
    rows: pd.DataFrame,
    people: pd.DataFrame,
    month: str,
    closed_at: dt.datetime,
    run_id: str,
    file_names: Callable[..., dict[str, str]],
    adjustments: pd.DataFrame | None = None,
) -> dict[str, bytes]:
    """The THR / gaji-13 files of a pay month, like the monthly ones: a daftar nominatif per
    unit (``daftar_nominatif_thr_gaji13_<month>_<unit>.xlsx``, with names), the month as CSV
    and Parquet (no names; NIP text, rupiah int64) and, after a recomputation of the closed
    pay month, its adjustment lines (``tpp_thr_gaji13_adjustment_<month>.csv``). Every unit
    and the month are reconciled before anything is made.

    Raises:
        TotalsDoNotReconcile: naming the unit and both totals (no file is written).
    """
    reconcile_thr13_units(rows, month)
    unit = rows[c.UNIT_INDUK].astype("string").fillna("(tanpa unit)")
    names = file_names(sorted(unit.unique()), month, prefix="daftar_nominatif_thr_gaji13")
    files = {}
    for name, part in rows.groupby(unit, sort=True):
        files[names[name]] = thr13_workbook(part, people, name, month, closed_at, run_id)
    ordered = _thr13_order(rows).reset_index(drop=True)
    files[f"tpp_thr_gaji13_{month}.csv"] = thr13_csv(rows, month)
    files[f"tpp_thr_gaji13_{month}.parquet"] = month_parquet(ordered)
    if adjustments is not None and len(adjustments):
        files[f"tpp_thr_gaji13_adjustment_{month}.csv"] = adjustments_csv(adjustments)
    return files


def month_files(
    final: pd.DataFrame,
    people: pd.DataFrame,
    lines: pd.DataFrame,
    month: str,
    file_names: Callable[..., dict[str, str]],
    year_summary: pd.DataFrame | None = None,
    thr13: pd.DataFrame | None = None,
    thr13_lines: pd.DataFrame | None = None,
) -> dict[str, bytes]:
    """Every finance file of a closed month by name: a workbook per unit (named by
    ``file_names``), the month as CSV and Parquet, the adjustment lines when there are any, and
    the yearly PPh 21 summary up to the month (``pph21_1721a2_<year>.csv``) when given, and in
    a THR / gaji-13 pay month their files (``thr13_files``, with ``thr13_lines``, the
    adjustment lines of those payments).

    Raises:
        TotalsDoNotReconcile: a unit's or the month's totals do not add up (nothing written).
    """
    closed_at = _utc(final["computed_at"].iloc[0]) if len(final) else None
    run_id = str(final[c.RUN_ID].iloc[0]) if len(final) else ""
    unit = final[c.UNIT_INDUK].astype("string").fillna("(tanpa unit)")
    names = file_names(sorted(unit.unique()), month)
    reconcile(final, f"TPP {month}")
    files = {}
    for name, rows in final.groupby(unit, sort=True):
        reconcile(rows, f"TPP {month} {name}")
        files[names[name]] = nominatif_workbook(rows, people, name, month, closed_at, run_id)
    columns = [col for col in FILE_COLUMNS if col in final.columns]
    files[f"tpp_{month}.csv"] = month_csv(final[columns])
    files[f"tpp_{month}.parquet"] = month_parquet(final[columns])
    if len(lines):
        files[f"tpp_adjustment_{month}.csv"] = adjustments_csv(lines)
    if year_summary is not None and len(year_summary):
        files[f"pph21_1721a2_{month[:4]}.csv"] = year_summary_csv(year_summary)
    lines_thr13 = thr13_lines is not None and len(thr13_lines)
    if thr13 is not None and (len(thr13) or lines_thr13):  # issue 21: THR / gaji-13
        files |= thr13_files(thr13, people, month, closed_at, run_id, file_names, thr13_lines)
    return files

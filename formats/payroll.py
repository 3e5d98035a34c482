"""Payroll exports in inbox/payroll/: the salary components BPJS on TPP needs, per NIP and month.

Two real layouts (source-formats §2.5), detected from the header, never from the file name:

- GPP (central payroll; lower-case): ``kdsatker, ..., bulan, tahun, ..., nip, nmpeg, ..., npwp,
  nmrek, nm_bank, rekening, ..., gjpokok, tjistri, tjanak, tjupns, tjstruk, tjfungs, ...``;
- SIMGAJI ``fgaji`` (regional; upper-case): ``TGLGAJI, NIP, NAMA, GAPOK, TJISTRI, TJANAK,
  TJESELON, TJFUNGSI, TJKHUSUS, TJBERAS, TJUMUM, TBULAT, BERSIH``.

Only the columns below are kept: names, NPWP, bank names and account numbers are dropped at the
door and never reach a frame, a log, the warehouse or a preview (the raw record kept for
quarantine is built from the kept columns only). Money is integer rupiah: thousand separators
(``4.500.000``, ``4,500,000``) and a fraction (``4500000.00``, ``4.500.000,00``) are read, sen
rounded half up to the rupiah (``12500,50`` -> 12,501; issue 21); negative amounts and text are
quarantined with the reason.

For PPh 21 (rules/tax) the rest of the gross is read too: tunjangan beras (``tjberas``), the
other allowances (GPP ``tjdaerah, tjpencil, tjlain, tjkompen``; SIMGAJI ``TJKHUSUS``) and, when
the export states it, the PPh on gaji (GPP ``potpph``; ``PPH``/``POTPPH`` in a SIMGAJI export).
Tunjangan keluarga is istri + anak; the anak part is kept apart too (``tunjangan_anak``) for the
1721-A2's WifeBenefit / ChildBenefit lines.
For the PTKP (issue 21) the family data when present: GPP ``kdkawin``, SIMGAJI ``KDSTAWIN``,
``JISTRI``, ``JANAK`` (absent or unreadable: <NA>, the PTKP comes from elsewhere).
"""

from __future__ import annotations

import pandas as pd

from formats.base import FileRejected, ReadResult
from formats.reference import column_dates, nip_text, numeric_cells, raw_of, reference_result
from formats.tabular import Table, read_table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.tpp import GPP, SIMGAJI

GPP_REQUIRED = {"nip", "bulan", "tahun", "gjpokok"}
SIMGAJI_REQUIRED = {"nip", "tglgaji", "gapok"}
# canonical component <- the header keys that add up to it, per layout
GPP_FIELDS = {
    c.GAJI_POKOK: ("gjpokok",),
    c.TUNJANGAN_KELUARGA: ("tjistri", "tjanak"),
    c.TUNJANGAN_JABATAN: ("tjstruk", "tjfungs"),
    c.TUNJANGAN_UMUM: ("tjupns",),
}
SIMGAJI_FIELDS = {
    c.GAJI_POKOK: ("gapok",),
    c.TUNJANGAN_KELUARGA: ("tjistri", "tjanak"),
    c.TUNJANGAN_JABATAN: ("tjeselon", "tjfungsi"),
    c.TUNJANGAN_UMUM: ("tjumum",),
}
# the rest of the month's gross for PPh 21 (rules/tax/gaji.py): beras and the other allowances
GPP_FIELDS_TAX = {
    c.TUNJANGAN_BERAS: ("tjberas",),
    c.TUNJANGAN_LAIN: ("tjdaerah", "tjpencil", "tjlain", "tjkompen"),
}
SIMGAJI_FIELDS_TAX = {
    c.TUNJANGAN_BERAS: ("tjberas",),
    c.TUNJANGAN_LAIN: ("tjkhusus",),
}
# the PPh 21 on gaji the export states: GPP potpph (withheld; for PNS equal to tjpph), SIMGAJI
# PPH or POTPPH when the export carries it; absent -> computed with TER (rules/tax/monthly.py)
PPH_KEYS = ("potpph", "pph")
# the anak part of tunjangan keluarga (in it, never added again): both layouts state it apart,
# and the 1721-A2 has a line for each (WifeBenefit, ChildBenefit); absent column -> 0
CHILD_PART = {c.TUNJANGAN_ANAK: ("tjanak",)}
COMPONENTS = tuple(GPP_FIELDS)
FAMILY = (c.STATUS_KAWIN, c.SPOUSES, c.CHILDREN)  # family data for the PTKP (issue 21)
TAX_PARTS = tuple(GPP_FIELDS_TAX)
ACCEPTED = (
    "accepted: the GPP export (nip, bulan, tahun, gjpokok, tjistri, tjanak, tjupns, tjstruk, "
    "tjfungs, ...) or the SIMGAJI fgaji table (TGLGAJI, NIP, GAPOK, TJISTRI, TJANAK, TJESELON, "
    "TJFUNGSI, TJUMUM, ...) as CSV, XLSX or JSON"
)

_DOT_THOUSANDS = r"[0-9]{1,3}(?:\.[0-9]{3})+"
_COMMA_THOUSANDS = r"[0-9]{1,3}(?:,[0-9]{3})+"


def parse_rupiah(values: pd.Series, round_sen: bool = True) -> tuple[pd.Series, pd.Series]:
    """Amounts in whole rupiah from export text, vectorised.

    Accepted: ``4500000``, ``4.500.000`` (Indonesian thousands), ``4,500,000``, a fraction of
    one or two digits (``4500000.00``, ``4.500.000,50``, ``12500,5``: sen, rounded half up to the
    rupiah), ``Rp`` and a trailing ``,-``. A group
    of exactly three digits after one separator is read as thousands (``1.500`` = 1500).

    Args:
        values: the cells as text.
        round_sen: sen are rounded half up (payroll, decisions); False quarantines an amount
            with sen (a TPP ceiling is a whole-rupiah amount of a Perkada table).

    Returns:
        The amount (Int64, <NA> when empty or unreadable) and a reason where it is unreadable
        (<NA> elsewhere; an empty cell is not an error here).
    """
    s = values.astype("string").str.strip()
    s = s.str.replace(r"^[Rr][Pp]\.?\s*", "", regex=True).str.replace(r",-$", "", regex=True)
    s = s.str.replace(r"[\s\u00a0]", "", regex=True).replace("", pd.NA)
    whole = pd.Series(pd.NA, index=s.index, dtype="string")
    frac = pd.Series(pd.NA, index=s.index, dtype="string")
    patterns = (
        (r"[0-9]+", None, None),
        (_DOT_THOUSANDS, ".", None),
        (_COMMA_THOUSANDS, ",", None),
        (rf"(?:{_DOT_THOUSANDS}|[0-9]+),[0-9]{{1,2}}", ".", ","),
        (rf"(?:{_COMMA_THOUSANDS}|[0-9]+)\.[0-9]{{1,2}}", ",", "."),
    )
    for pattern, thousands, decimal in patterns:
        m = s.str.fullmatch(pattern).fillna(False) & whole.isna()
        if not m.any():
            continue
        text = s[m]
        if decimal is not None:
            frac[m] = text.str.rsplit(decimal, n=1).str[1]
            text = text.str.rsplit(decimal, n=1).str[0]
        if thousands is not None:
            text = text.str.replace(thousands, "", regex=False)
        whole[m] = text
    # sen are read and rounded half up to whole rupiah (issue 21): '12500,50' -> 12501,
    # '12500,49' -> 12500, '12500,5' (= 50 sen) -> 12501; docs/tpp.md "Payroll amounts"
    sen = pd.to_numeric(frac.str.ljust(2, "0"), errors="coerce").fillna(0).astype("int64")
    amount = pd.to_numeric(whole, errors="coerce").astype("Int64") + (sen >= 50).astype("int64")
    has_sen = (sen > 0) & pd.Series(not round_sen, index=s.index)
    amount = amount.mask(has_sen)
    reason = first_reason(
        (s.str.startswith("-").fillna(False), "'" + s.fillna("") + "' is negative"),
        (has_sen, "'" + s.fillna("") + "' has sen; this amount is whole rupiah"),
        (s.notna() & whole.isna(), "'" + s.fillna("") + "' is not an amount in rupiah"),
        index=s.index,
    )
    return amount, reason


def _money(table: Table, fields: dict[str, tuple[str, ...]], required: str) -> pd.DataFrame:
    """The canonical components (int64) and one reason per row for the first bad cell."""
    v = table.values
    out = pd.DataFrame(index=v.index)
    reasons = []
    for col, keys in fields.items():
        total = pd.Series(0, index=v.index, dtype="Int64")
        for key in keys:
            if key not in v.columns:
                continue
            amount, why = parse_rupiah(v[key])
            reasons.append(first_reason((why.notna(), key + " " + why.fillna("")), index=v.index))
            total = total + amount.fillna(0)
        out[col] = total
    empty = v[required].isna() if required in v.columns else pd.Series(True, index=v.index)
    reasons.insert(0, first_reason((empty, f"{required} (gaji pokok) is empty"), index=v.index))
    out[c.REASON] = first_reason(*[(r.notna(), r) for r in reasons], index=v.index)
    return out


def _pph_field(values: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The stated PPh on gaji, when the export has the column (first of PPH_KEYS)."""
    key = next((k for k in PPH_KEYS if k in values.columns), None)
    return {c.PPH21_GAJI_PAYROLL: (key,)} if key else {}


def _keys(values: pd.DataFrame, *fields: dict[str, tuple[str, ...]]) -> list[str]:
    """The header keys read (for the raw record): the components, then the stated PPh."""
    keys = [k for f in fields for keys in f.values() for k in keys if k in values.columns]
    return keys + [k for keys in _pph_field(values).values() for k in keys]


def _int_cells(values: pd.DataFrame, key: str) -> pd.Series:
    """An optional small-integer column (<NA> where absent or not a whole number)."""
    if key not in values.columns:
        return pd.Series(pd.NA, index=values.index, dtype="Int64")
    text = values[key].astype("string").str.strip().str.replace(r"\.0+$", "", regex=True)
    return pd.to_numeric(text.where(text.str.fullmatch(r"[0-9]{1,2}")), errors="coerce").astype(
        "Int64"
    )


def gpp_family(values: pd.DataFrame) -> pd.DataFrame:
    """GPP ``kdkawin`` (4 digits: the employee, a spouse on tunjangan 0/1, two digits of
    children on tunjangan; domain note year-end §3.1) as ``status_kawin`` (2 with a spouse on
    tunjangan, else 1: not married on the payroll), spouses and children; <NA> when the
    column is absent or not 4 digits (no family data, never an error)."""
    out = pd.DataFrame(index=values.index)
    if "kdkawin" not in values.columns:
        for col in (c.STATUS_KAWIN, c.SPOUSES, c.CHILDREN):
            out[col] = pd.Series(pd.NA, index=values.index, dtype="Int64")
        return out
    code = values["kdkawin"].astype("string").str.strip().str.replace(r"\.0+$", "", regex=True)
    code = code.where(code.str.fullmatch(r"[0-9]{4}").fillna(False))
    spouse = pd.to_numeric(code.str.slice(1, 2), errors="coerce").astype("Int64")
    out[c.STATUS_KAWIN] = spouse.map(lambda v: pd.NA if pd.isna(v) else (2 if v > 0 else 1))
    out[c.STATUS_KAWIN] = out[c.STATUS_KAWIN].astype("Int64")
    out[c.SPOUSES] = spouse
    out[c.CHILDREN] = pd.to_numeric(code.str.slice(2, 4), errors="coerce").astype("Int64")
    return out


def simgaji_family(values: pd.DataFrame) -> pd.DataFrame:
    """SIMGAJI ``KDSTAWIN`` (1 belum kawin, 2 kawin, 3 janda/duda [S, weak]; codes outside
    1-3 are <NA>), ``JISTRI`` (for a woman: her husband) and ``JANAK`` when the export has them."""
    status = _int_cells(values, "kdstawin")
    return pd.DataFrame(
        {
            c.STATUS_KAWIN: status.where(status.isin([1, 2, 3])).astype("Int64"),
            c.SPOUSES: _int_cells(values, "jistri"),
            c.CHILDREN: _int_cells(values, "janak"),
        },
        index=values.index,
    )


def _read_gpp(table: Table, file: str) -> ReadResult:
    v = table.values
    bulan = pd.to_numeric(v["bulan"].str.strip(), errors="coerce").astype("Int64")
    tahun = pd.to_numeric(v["tahun"].str.strip(), errors="coerce").astype("Int64")
    ok = bulan.between(1, 12).fillna(False) & tahun.between(2000, 2100).fillna(False)
    month = (tahun.astype("string") + "-" + bulan.astype("string").str.zfill(2)).where(ok)
    money = _money(
        table, {**GPP_FIELDS, **GPP_FIELDS_TAX, **CHILD_PART, **_pph_field(v)}, "gjpokok"
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (v["nip"].isna(), "nip is empty"),
        (
            ~ok,
            "bulan '" + v["bulan"].fillna("") + "' / tahun '" + v["tahun"].fillna("") + "' "
            "is not a month",
        ),
        (money[c.REASON].notna(), money[c.REASON]),
        index=v.index,
    )
    keep = ["bulan", "tahun", "nip", *_keys(v, GPP_FIELDS, GPP_FIELDS_TAX)]
    return _result(GPP, file, table, v["nip"], month, money, reason, keep, gpp_family(v))


def _read_simgaji(table: Table, file: str) -> ReadResult:
    v = table.values
    when = column_dates(table, "tglgaji")
    month = when.dt.strftime("%Y-%m").astype("string")
    money = _money(
        table, {**SIMGAJI_FIELDS, **SIMGAJI_FIELDS_TAX, **CHILD_PART, **_pph_field(v)}, "gapok"
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (v["nip"].isna(), "NIP is empty"),
        (when.isna(), "TGLGAJI '" + v["tglgaji"].fillna("") + "' is not a date"),
        (money[c.REASON].notna(), money[c.REASON]),
        index=v.index,
    )
    keep = ["tglgaji", "nip", *_keys(v, SIMGAJI_FIELDS, SIMGAJI_FIELDS_TAX)]
    return _result(SIMGAJI, file, table, v["nip"], month, money, reason, keep, simgaji_family(v))


def _result(
    layout: str,
    file: str,
    table: Table,
    nip: pd.Series,
    month: pd.Series,
    money: pd.DataFrame,
    reason: pd.Series,
    keep: list[str],
    family: pd.DataFrame,
) -> ReadResult:
    frame = pd.DataFrame({c.NIP: nip_text(nip), c.MONTH: month, c.LAYOUT: layout})
    for col in (*COMPONENTS, *TAX_PARTS, *CHILD_PART):
        frame[col] = money[col].fillna(0).astype("int64")
    key = next((k for k in PPH_KEYS if k in table.values.columns), None)
    frame[c.PPH21_GAJI_PAYROLL] = (  # an empty cell states nothing (<NA>), unlike an allowance
        parse_rupiah(table.values[key])[0]
        if key
        else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    )
    for col in FAMILY:
        frame[col] = family[col].astype("Int64").to_numpy(dtype=object)
        frame[col] = frame[col].astype("Int64")
    result = reference_result(layout, file, table, frame, reason, raw_of(table.values, keep))
    result.info["layout"] = layout
    return result


def header_missing(exc: FileRejected) -> bool:
    """True when a reader rejected a file only because its header is not the one it reads
    (so that another layout may be tried)."""
    return "no header row" in exc.message or "lack the fields" in exc.message


def read_payroll(data: bytes, file: str) -> ReadResult:
    """A payroll export, GPP or SIMGAJI, detected from its header.

    Raises:
        FileRejected: neither header is found (the message lists both layouts).
    """
    try:
        return _read_gpp(read_table(data, file, GPP_REQUIRED), file)
    except FileRejected as gpp_error:
        if not header_missing(gpp_error):
            raise
    try:
        return _read_simgaji(read_table(data, file, SIMGAJI_REQUIRED), file)
    except FileRejected as exc:
        if not header_missing(exc):
            raise
        message = f"is not a payroll export this pipeline knows; {ACCEPTED}"
        raise FileRejected(file, message) from None


EMPTY_COLUMNS = {
    c.SOURCE_FILE: "string",
    c.SOURCE_LINE: "int64",
    c.NIP: "string",
    c.MONTH: "string",
    c.LAYOUT: "string",
    **{col: "int64" for col in (*COMPONENTS, *TAX_PARTS)},
    c.PPH21_GAJI_PAYROLL: "Int64",
    **{col: "Int64" for col in (c.STATUS_KAWIN, c.SPOUSES, c.CHILDREN)},
}


def empty_payroll() -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in EMPTY_COLUMNS.items()})

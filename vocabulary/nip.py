"""NIP (Nomor Induk Pegawai) and NI PPPK validation, vectorised over text.

Structure (Perka BKN 22/2007; source-formats.md §2.1):

    digits 1-8    birth date YYYYMMDD
    digits 9-14   PNS: TMT CPNS YYYYMM (month 01-12)
                  PPPK: TMT year YYYY, then code '2' and the contract count 1-9
                  (the two PPPK sources disagree on the wording; both say 13-14 is not a month)
    digit 15      gender, 1 = male, 2 = female
    digits 16-18  sequence, 001-999

NIPs are always handled as text. A value that looks like a spreadsheet number (scientific
notation, a trailing ``.0``) is rejected with a reason that says so, because Excel keeps only 15
significant digits and the last three digits are already lost.
"""

from __future__ import annotations

import pandas as pd

from vocabulary.frames import first_reason

PNS = "pns"
PPPK = "pppk"

_SCIENTIFIC = r"^[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]+$"
_DECIMAL = r"^[0-9]+[.,][0-9]+$"

# Birth years accepted as plausible for serving ASN (the oldest retire at 65; the youngest are 18).
MIN_BIRTH_YEAR = 1930
MAX_BIRTH_YEAR = 2015
MIN_AGE_AT_TMT = 18


def number_reason(values: pd.Series) -> pd.Series:
    """The reason for NIP cells that arrived as spreadsheet numbers (XLSX or JSON numbers)."""
    return (
        "NIP arrived as a spreadsheet number ("
        + values.astype("string").fillna("")
        + "): digits after the 15th are lost; re-export the column formatted as text"
    )


def normalise_nip_text(values: pd.Series) -> pd.Series:
    """Strip blanks, including the spaces of the printed form ``19860926 201505 1 001``."""
    s = values.astype("string")
    # pandas runs a regex with \s value by value in Python: only the values that hold something
    # other than ASCII digits can change (Arrow finds them), so only they go through it
    plain = s.str.fullmatch("[0-9]*").fillna(True).to_numpy(dtype=bool)
    if plain.all():
        return s.copy()
    out = s.copy()
    out[~plain] = s[~plain].str.replace(r"[\s\u00a0]+", "", regex=True)
    return out


def check_nips(values: pd.Series) -> pd.DataFrame:
    """Validate NIP / NI PPPK values.

    Args:
        values: NIPs as text (any index); missing values are reported as missing.

    Returns:
        A frame on the same index with ``nip`` (normalised text), ``kind`` (``pns``/``pppk``/<NA>)
        and ``reason`` (<NA> when valid, else a sentence an HR clerk can act on).
    """
    # the answer depends on the value alone: each distinct value is checked once, and once per
    # process (a pemda's NIPs come back in every e-Kinerja kind, the PIN map, the leave ...)
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=False)  # as read below
    keys = uniques.to_numpy(dtype=object, na_value=None)
    new = [k for k in dict.fromkeys(keys) if k not in _CHECKED]
    if new:
        if len(_CHECKED) + len(new) > _CHECKED_MAX:
            _CHECKED.clear()
        done = _check_nips(pd.Series(new, dtype="string"))
        answers = zip(
            *(done[col].to_numpy(dtype=object, na_value=None) for col in _COLUMNS), strict=True
        )
        _CHECKED.update(zip(new, answers, strict=True))
    found = [_CHECKED[k] for k in keys]
    return pd.DataFrame(
        {
            col: pd.array([f[i] for f in found], dtype="string").take(codes)
            for i, col in enumerate(_COLUMNS)
        },
        index=values.index,
    )


_COLUMNS = ("nip", "kind", "reason")
# the answers of this process by value (missing = None); emptied when it would pass the bound
_CHECKED: dict[str | None, tuple[str | None, str | None, str | None]] = {}
_CHECKED_MAX = 1_000_000


def _check_nips(values: pd.Series) -> pd.DataFrame:
    nip = normalise_nip_text(values)
    reason = pd.Series(pd.NA, index=values.index, dtype="string")

    def flag(mask: pd.Series, text: pd.Series | str) -> None:
        found = first_reason((mask, text), index=values.index)
        reason.fillna(found, inplace=True)

    flag(nip.isna() | (nip == ""), "NIP is empty")
    is_sci = nip.str.fullmatch(_SCIENTIFIC)
    flag(
        is_sci,
        "NIP in scientific notation (" + nip.fillna("") + "): it was stored as a "
        "spreadsheet number and its last digits are lost; re-export the column as text",
    )
    flag(
        nip.str.fullmatch(_DECIMAL),
        "NIP has a decimal part (" + nip.fillna("") + "): it was "
        "stored as a spreadsheet number; re-export the column as text",
    )
    flag(
        ~nip.str.fullmatch(r"[0-9]+"), "NIP must contain digits only, got '" + nip.fillna("") + "'"
    )
    length = nip.str.len()
    flag(length != 18, "NIP must have 18 digits, got " + length.astype("string").fillna("0"))

    ok = reason.isna()
    birth = pd.to_datetime(nip.str.slice(0, 8).where(ok), format="%Y%m%d", errors="coerce")
    flag(ok & birth.isna(), "NIP digits 1-8 are not a valid birth date (YYYYMMDD)")
    birth_year = birth.dt.year
    flag(
        (birth_year < MIN_BIRTH_YEAR) | (birth_year > MAX_BIRTH_YEAR),
        "NIP birth year is implausible for a serving employee",
    )

    tmt_year = pd.to_numeric(nip.str.slice(8, 12), errors="coerce")
    mid = nip.str.slice(12, 14)
    is_pns_month = mid.str.fullmatch(r"0[1-9]|1[0-2]")
    is_pppk = mid.str.fullmatch(r"2[1-9]")
    flag(
        ~(is_pns_month | is_pppk),
        "NIP digits 13-14 are neither a TMT month (PNS) nor a PPPK code '2' + contract count",
    )
    flag(
        tmt_year - birth_year < MIN_AGE_AT_TMT,
        "NIP TMT year is less than 18 years after the birth date",
    )
    flag(~nip.str.slice(14, 15).isin(["1", "2"]), "NIP digit 15 (gender) must be 1 or 2")
    flag(nip.str.slice(15, 18) == "000", "NIP sequence (digits 16-18) cannot be 000")

    kind = pd.Series(pd.NA, index=values.index, dtype="string")
    valid = reason.isna()
    kind.loc[valid & is_pns_month.fillna(False)] = PNS
    kind.loc[valid & is_pppk.fillna(False)] = PPPK
    return pd.DataFrame({"nip": nip, "kind": kind, "reason": reason}, index=values.index)


def nip_birth_date(nips: pd.Series) -> pd.Series:
    """Birth date encoded in valid NIPs (digits 1-8)."""
    return pd.to_datetime(nips.str.slice(0, 8), format="%Y%m%d", errors="coerce")

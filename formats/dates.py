"""Date and date-time text as exports write it: one format per file, never guessed per row.

The format is chosen for the whole column: the candidate that parses the most values wins. A
declared order of the source (``devices.csv`` ``date_order``) is never overridden: values that
only parse the other way are left unparsed (quarantined). Without one, when day-first and
month-first both parse everything (every day <= 12), 12-hour AM/PM times are taken as US
month-first (ZKTime's US locale) and others as day-first (Indonesian locale). Indonesian and English
month names (``12 Maret 2024``, ``12-Agu-2024``, ``31-Jul-26``) are understood; a column written
with month names is day-first. Where a date is expected, a date-time at midnight is the date (a
MySQL ``DATETIME`` dump writes ``2024-03-01 00:00:00``, Access and SQL Server ``3/1/2024 12:00:00
AM``); any other time of day is not a date and stays unparsed.
"""

from __future__ import annotations

import re

import pandas as pd

MONTHS_ID = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nop": 11, "desember": 12,
    "des": 12, "dec": 12, "may": 5,
}  # fmt: skip
_MONTH_NAME = re.compile(
    r"(?i)\b(\d{1,2})[\s\-/.]+("
    + "|".join(sorted(MONTHS_ID, key=len, reverse=True))
    + r")\.?[\s\-/.,]+(\d{4}|\d{2})\b"
)
# a time of day that is midnight, after a date: ' 00:00', 'T00:00:00.000', ' 12:00:00 AM'
_MIDNIGHT = re.compile(
    r"(?i)^(?P<date>\S+)(?:[ T]+0?0:00(?::00(?:\.0+)?)?|\s+12:00(?::00)?\s*AM)(?:Z|[+-]00:?00)?$"
)

DATETIME_FORMATS = {
    "ymd": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S",
            "%Y/%m/%d %H:%M", "%Y/%m/%d %I:%M:%S %p", "%Y-%m-%d %I:%M:%S %p",
            "%Y/%m/%d %I:%M %p"],
    "dmy": ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M",
            "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p",
            "%d-%m-%Y %I:%M:%S %p"],
    "mdy": ["%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%y %I:%M:%S %p",
            "%m/%d/%y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m-%d-%Y %H:%M:%S",
            "%m-%d-%Y %H:%M", "%m-%d-%Y %I:%M:%S %p", "%m-%d-%Y %I:%M %p"],
}  # fmt: skip
DATE_FORMATS = {
    "ymd": ["%Y-%m-%d", "%Y/%m/%d"],
    "dmy": ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
    "mdy": ["%m/%d/%Y", "%m/%d/%y"],
}
_SAMPLE = 2000


def normalise_month_names(values: pd.Series) -> pd.Series:
    """Rewrite '12 Maret 2024 07:31' as '12/03/2024 07:31' (day-first, as written)."""
    s = values.astype("string")
    if not s.str.contains(r"[A-Za-z]{3}", regex=True, na=False).any():
        return s

    def repl(m: re.Match) -> str:
        year = m.group(3) if len(m.group(3)) == 4 else f"20{m.group(3)}"
        return f"{int(m.group(1)):02d}/{MONTHS_ID[m.group(2).lower()]:02d}/{year}"

    return s.str.replace(_MONTH_NAME, repl, regex=True)


def _best_format(
    sample: pd.Series, formats: dict[str, list[str]], order: str | None, ampm: bool = False
) -> str:
    scores: list[tuple[int, int, str]] = []
    has_ampm = ampm or bool(sample.str.contains(r"(?i)\b[AP]M\b", regex=True, na=False).any())
    preferred = order or ("mdy" if has_ampm else "dmy")
    for family, fmts in formats.items():
        for rank, fmt in enumerate(fmts):
            ok = int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum())
            tie = 0 if family == preferred else 1
            scores.append((-ok, tie * 100 + rank, fmt))
    scores.sort()
    return scores[0][2]


def parse_datetimes(
    values: pd.Series, order: str | None = None, dates_only: bool = False
) -> tuple[pd.Series, str]:
    """Parse a column of date(-time) text with one format chosen for the whole column.

    Year-first ISO values cannot be mistaken for day- or month-first ones, so a column may mix
    ISO with one slashed format (a hand-edited CSV); it never mixes day-first and month-first.
    With ``dates_only``, a value with a midnight time (``2024-03-01 00:00:00``) is its date.

    Args:
        values: text values (missing values stay missing).
        order: declared field order ``dmy``/``mdy``/``ymd`` of the source, or None.
        dates_only: parse dates without times.

    Returns:
        Naive datetimes at second resolution (NaT where a value does not match) and the
        format(s) used.
    """
    formats = DATE_FORMATS if dates_only else DATETIME_FORMATS
    if order in ("dmy", "mdy"):
        # a declared order is the truth about the source: a few rows that only parse the other
        # way (a typo like 13/4/2024 in a month-first file) must not flip every other date
        formats = {k: v for k, v in formats.items() if k in (order, "ymd")}
    # a column of dates repeats a few hundred values: the text is cleaned and parsed once per
    # distinct value and spread back (the format is still chosen on the rows as they come)
    codes, distinct = pd.factorize(values.astype("string"), use_na_sentinel=False)
    few = 2 * len(distinct) <= len(values)
    text = (pd.Series(distinct) if few else values.astype("string")).str.strip()

    def spread(part: pd.Series) -> pd.Series:
        return pd.Series(part.array.take(codes), index=values.index) if few else part

    s_once = normalise_month_names(text).replace("", pd.NA)
    if order is None and not s_once.equals(text.replace("", pd.NA)):
        order = "dmy"  # month names were written out: the day came first
    ampm = False  # a US '12:00:00 AM' midnight was removed: the date is month-first
    if dates_only:
        ampm = bool(s_once.str.contains(r"(?i)\bAM$", regex=True, na=False).any())
        s_once = s_once.str.replace(_MIDNIGHT, r"\g<date>", regex=True)
    s = spread(s_once)
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    if s.dropna().empty:
        return parsed, ""
    fmt = _best_format(s.dropna().head(_SAMPLE), formats, order, ampm)
    parsed = spread(pd.to_datetime(s_once, format=fmt, errors="coerce").astype("datetime64[s]"))
    used = [fmt]
    rest = s[parsed.isna() & s.notna()]
    if not rest.empty:
        iso_first = fmt in formats["ymd"]
        others = {k: v for k, v in formats.items() if (k != "ymd") == iso_first}
        if not others:
            return parsed, fmt
        second = _best_format(rest.head(_SAMPLE), others, order, ampm)
        more = pd.to_datetime(rest, format=second, errors="coerce").astype("datetime64[s]")
        if more.notna().any():
            parsed = parsed.fillna(more.reindex(parsed.index))
            used.append(second)
    return parsed, " + ".join(used)


def excel_serial_to_datetime(values: pd.Series) -> pd.Series:
    """Excel serial day numbers (1900 date system) to naive datetimes, to the second."""
    seconds = (pd.to_numeric(values, errors="coerce") * 86400).round()
    base = pd.Timestamp("1899-12-30")
    return (base + pd.to_timedelta(seconds, unit="s")).astype("datetime64[s]")

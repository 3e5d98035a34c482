"""Dialog kinerja follow-up (issue 25; dialog §4): ratings below expectation without dialogue
become tindak lanjut cases for the penilai's atasan. Flag, never a TPP input.

The trigger: rating hasil kerja or perilaku Di Bawah Ekspektasi, or a predikat of
``predikat_pemicu``, in the evaluation period (the one holding the rated period's end); the first
such rating of the period counts, on its exported day or, when none is exported, the rated
period's end + ``hari_rating_setelah_periode``.

- ``dialog_none_before_rating``: no umpan balik row that counts (*F*) and no pembinaan session
  (not cancelled) of the pegawai dated from the start of the ``lookback`` periods ending with the
  rated one up to the rating day;
- ``dialog_no_pembinaan_after``: the pembinaan export holds sessions, and no session of a
  ``jenis_pembinaan`` (not cancelled) within ``batas_pembinaan_hari`` days after the rating day,
  once that window has closed within the exports' reach (the horizon).

Each case is assigned to the penilai's penilai (``assigned_to``; empty when the org tree does not
say: BKPSDM assigns it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rules.performance.dialog_periods import bounds, earlier, label_of
from rules.performance.tindak_lanjut import CASE_COLUMNS
from rules.rulebook.performance import DialogKinerjaRules
from vocabulary import columns as c
from vocabulary.performance import (
    BATAL,
    DI_BAWAH,
    PREDIKAT_LABELS,
    RATING_LABELS,
    TL_DIALOG_NO_PEMBINAAN,
    TL_DIALOG_NONE,
)

DIALOG_CASE_COLUMNS = [*CASE_COLUMNS, c.ASSIGNED_TO]
_DAY = "%Y-%m-%d"


@dataclass(frozen=True)
class CaseContext:
    """What the follow-up of one SKP year reads besides the ratings.

    Attributes:
        year, kind, rules: the SKP year, its evaluation period kind and rules.
        units: nip -> unit (the OPD); penilai: nip -> nip_penilai of the year.
        data_units: units with umpan balik data that year (no case elsewhere).
        periods: the measured periods of the year.
        feedback: the umpan balik rows that count (*F*), of every year (a look-back may reach
            the year before).
        pembinaan: the valid pembinaan sessions.
        horizon: the last day the exports reach.
    """

    year: int
    kind: str
    rules: DialogKinerjaRules
    units: pd.Series
    penilai: pd.Series
    data_units: set[str]
    periods: list[str]
    feedback: pd.DataFrame
    pembinaan: pd.DataFrame
    horizon: pd.Timestamp


def triggers(ratings: pd.DataFrame, rules: DialogKinerjaRules) -> pd.DataFrame:
    """Rating rows below expectation, with a sentence of what triggered."""
    hk = ratings[c.RATING_HASIL_KERJA] == DI_BAWAH
    pk = ratings[c.RATING_PERILAKU] == DI_BAWAH
    pred = ratings[c.PREDIKAT].isin(rules.predikat_pemicu)
    hit = (hk.fillna(False) | pk.fillna(False) | pred.fillna(False)).astype(bool)
    r = ratings[hit].copy()
    words = pd.Series("", index=r.index, dtype="string")
    below = RATING_LABELS[DI_BAWAH]
    words = words.mask(hk[hit].fillna(False), "hasil kerja " + below)
    sep = words.str.len().gt(0).map({True: ", ", False: ""})
    words = words.mask(pk[hit].fillna(False), words + sep + "perilaku " + below)
    sep = words.str.len().gt(0).map({True: ", ", False: ""})
    label = r[c.PREDIKAT].map(PREDIKAT_LABELS).astype("string")
    words = words.mask(pred[hit].fillna(False), words + sep + "predikat " + label.fillna(""))
    r["_what"] = words
    return r


def any_in(
    events: pd.DataFrame, when: str, nips: pd.Series, first: pd.Series, last: pd.Series
) -> pd.Series:
    """True where ``events`` (nip, ``when``) has a row of the nip dated in [first, last]."""
    pairs = pd.DataFrame({c.NIP: nips, "_a": first, "_b": last, "_i": nips.index})
    hits = pairs.merge(events[[c.NIP, when]], on=c.NIP, how="inner")
    inside = hits[(hits[when] >= hits["_a"]) & (hits[when] <= hits["_b"])]
    return pd.Series(nips.index.isin(inside["_i"]), index=nips.index)


def follow_up_cases(ratings: pd.DataFrame, y: CaseContext) -> pd.DataFrame:
    """The two rules' cases of one SKP year (module docstring), ``DIALOG_CASE_COLUMNS`` sorted
    by unit, period, rule and nip."""
    r = y.rules
    ratings = ratings[ratings[c.PERIOD_END].dt.year == y.year]
    t = triggers(ratings, r)
    t["_t"] = label_of(t[c.PERIOD_END], y.kind)
    unit = t[c.NIP].map(y.units).astype("string")
    t = t[t["_t"].isin(y.periods) & unit.isin(y.data_units).fillna(False)].assign(**{c.UNIT: unit})
    given = t[c.TANGGAL_RATING] if c.TANGGAL_RATING in t.columns else pd.Series(pd.NaT, t.index)
    assumed = given.isna()
    day = given.fillna(t[c.PERIOD_END] + pd.Timedelta(days=r.hari_rating_setelah_periode))
    t = t.assign(_day=pd.to_datetime(day).astype("datetime64[s]"), _assumed=assumed)
    t = t.sort_values([c.NIP, "_t", "_day", c.PERIOD], kind="stable").drop_duplicates([c.NIP, "_t"])
    if t.empty:
        return pd.DataFrame({col: pd.Series(dtype="string") for col in DIALOG_CASE_COLUMNS})
    firsts = {p: bounds(earlier(p, r.lookback)[0])[0] for p in t["_t"].unique()}
    t["_from"] = t["_t"].map(firsts).astype("datetime64[s]")
    f = y.feedback
    held = y.pembinaan[y.pembinaan[c.STATUS] != BATAL]
    talked = any_in(f, c.TANGGAL_DIBERIKAN, t[c.NIP], t["_from"], t["_day"])
    coached = any_in(held, c.TANGGAL, t[c.NIP], t["_from"], t["_day"])
    kinds = held[held[c.JENIS].isin(r.jenis_pembinaan)]
    until = t["_day"] + pd.Timedelta(days=r.batas_pembinaan_hari)
    after = any_in(kinds, c.TANGGAL, t[c.NIP], t["_day"], until)
    closed = until <= y.horizon
    when = t[c.PERIOD] + ", dinilai " + t["_day"].dt.strftime(_DAY)
    when = when + t["_assumed"].map(
        {True: f" (diasumsikan: akhir periode + {r.hari_rating_setelah_periode} hari)", False: ""}
    )
    known = not y.pembinaan.empty
    no_sessions = "" if known else "; data pembinaan tidak tersedia"
    t["_none"] = (
        t["_what"] + " " + when + ": tidak ada umpan balik penilai maupun pembinaan "
        + t["_from"].dt.strftime(_DAY) + " s.d. " + t["_day"].dt.strftime(_DAY) + no_sessions
    )  # fmt: skip
    t["_late"] = (
        t["_what"] + " " + when + ": tidak ada bimbingan/konseling kinerja "
        + t["_day"].dt.strftime(_DAY) + " s.d. " + until.dt.strftime(_DAY)
    )  # fmt: skip
    none = t[~talked & ~coached].assign(**{c.RULE: TL_DIALOG_NONE})
    none[c.DETAIL] = none["_none"]
    late = t[~after & closed & known].assign(**{c.RULE: TL_DIALOG_NO_PEMBINAAN})
    late[c.DETAIL] = late["_late"]
    cases = pd.concat([none, late], ignore_index=True)
    penilai = cases[c.NIP].map(y.penilai)
    cases[c.ASSIGNED_TO] = penilai.map(y.penilai).astype("string")
    cases[c.SINCE] = cases[c.PERIOD]
    cases[c.PERIOD] = cases["_t"]
    cases[c.PERIODS] = pd.array([pd.NA] * len(cases), dtype="Int64")
    for col in (c.UNIT, c.NIP, c.PERIOD, c.RULE, c.DETAIL, c.SINCE):
        cases[col] = cases[col].astype("string")
    ordered = cases.sort_values([c.UNIT, c.PERIOD, c.RULE, c.NIP], kind="stable")
    return ordered[DIALOG_CASE_COLUMNS].reset_index(drop=True)

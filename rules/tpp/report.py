"""The HR report of a month: totals per unit, the distribution of discipline deductions and of
predikat, and where the money between the ceilings and the gross went (top causes).

Only counts and sums per group: no NIP, no name. Rupiah are exact integers; the charts
(formats/charts.py) draw them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.profile import RuleVersion
from rules.tpp.money import FULL, SEN, as_int, div_half_up
from vocabulary import columns as c
from vocabulary.columns import PCT_SCALE
from vocabulary.performance import PREDIKAT_CODES, PREDIKAT_LABELS
from vocabulary.units import text_to_scaled

NOT_ASSESSED_LABEL = "Tanpa penilaian"
DEDUCTION_BANDS = ((0, "0 %"), (1, "> 0-1 %"), (5, "> 1-5 %"), (10, "> 5-10 %"),
                   (25, "> 10-25 %"), (50, "> 25-50 %"), (100, "> 50 %"))  # fmt: skip
CAUSES = {
    "unpaid_days": "Hari tidak dibayar (belum/tidak aktif, CLTN, ...)",
    "cpns": "CPNS (persentase CPNS)",
    "predikat": "Predikat kinerja di bawah 100 % / tanpa penilaian",
    "late": "Terlambat (TL1-TL4)",
    "early": "Pulang sebelum waktunya (PSW1-PSW4)",
    "tk": "Tanpa keterangan (TK)",
    "leave": "Cuti/izin yang dipotong",
    "sanction": "Hukuman disiplin (PP 94/2021)",
}


def _sen(frame: pd.DataFrame, col: str) -> np.ndarray:
    return text_to_scaled(frame[col].astype("string"), 2)


def unit_totals(tpp: pd.DataFrame) -> pd.DataFrame:
    """Per unit (OPD): employees, sum of ceilings, gross, BPJS 4 %, BPJS 1 %, net (rupiah)."""
    cols = [c.CEILING, c.GROSS, c.BPJS_EMPLOYER, c.BPJS_EMPLOYEE, c.NET]
    unit = tpp[c.UNIT_INDUK].astype("string").fillna("(tanpa unit)")
    out = tpp[cols].astype("int64").groupby(unit).sum()
    out.insert(0, "employees", tpp.groupby(unit).size())
    return out.reset_index(names=c.UNIT_INDUK).sort_values(c.NET, ascending=False, kind="stable")


def deduction_distribution(tpp: pd.DataFrame) -> pd.DataFrame:
    """Employees per band of the month's discipline deduction percentage."""
    units = text_to_scaled(tpp[c.DISIPLIN_DEDUCTION_PCT].astype("string"), 4)
    edges = [b * PCT_SCALE for b, _ in DEDUCTION_BANDS]
    band = np.searchsorted(np.asarray(edges[:-1]), units, side="left")
    counts = np.bincount(band, minlength=len(DEDUCTION_BANDS))
    return pd.DataFrame({"band": [label for _, label in DEDUCTION_BANDS], "employees": counts})


def predikat_distribution(tpp: pd.DataFrame) -> pd.DataFrame:
    """Employees per predikat of the month, best first, then those without an assessment."""
    counts = tpp[c.PREDIKAT].astype("string").fillna("_none").value_counts()
    labels = [PREDIKAT_LABELS[k] for k in PREDIKAT_CODES] + [NOT_ASSESSED_LABEL]
    values = [int(counts.get(k, 0)) for k in (*PREDIKAT_CODES, "_none")]
    return pd.DataFrame({c.PREDIKAT: labels, "employees": values})


def _discipline_shares(daily: pd.DataFrame, version: RuleVersion) -> pd.DataFrame:
    """Per NIP: the month's discipline percentage units by cause (before caps)."""
    bands = {b.code: b.units for b in [*version.lateness.late_bands, *version.lateness.early_bands]}
    absence = daily[c.ABSENCE_CODE].astype("string")
    tk = (absence == c.TK).fillna(False)
    leave = absence.notna() & ~tk
    units = daily["deduction_units"].astype("int64")
    parts = pd.DataFrame(
        {
            c.NIP: daily[c.NIP].astype("string"),
            "late": daily[c.LATE_CODE].map(bands).fillna(0).astype("int64"),
            "early": daily[c.EARLY_CODE].map(bands).fillna(0).astype("int64"),
            "tk": units.where(tk, 0),
            "leave": units.where(leave, 0),
        }
    )
    return parts.groupby(c.NIP).sum()


def deduction_causes(tpp: pd.DataFrame, daily: pd.DataFrame, version: RuleVersion) -> pd.DataFrame:
    """Rupiah between the ceilings and the gross, by cause, largest first.

    The discipline deduction of each employee is split over TL, PSW, TK and leave in proportion
    to the percentage units each contributed in the month (exact integer shares, the rounding
    remainder to the last cause).
    """
    ceiling = as_int(tpp[c.CEILING]) * SEN
    paid = as_int(tpp[c.PAID_DAYS])
    workdays = np.maximum(as_int(tpp[c.MONTH_WORKDAYS]), 1)
    eligible = div_half_up(ceiling * paid, workdays)
    base = _sen(tpp, c.TPP_BASE)
    kinerja = _sen(tpp, c.KINERJA_AMOUNT) - _sen(tpp, c.DEDUCTION_FROM_KINERJA)
    before_sanction = kinerja + _sen(tpp, c.DISIPLIN_AMOUNT)
    sanction = text_to_scaled(tpp[c.SANCTION_FACTOR].astype("string"), 6)
    cut = before_sanction - div_half_up(before_sanction * sanction, FULL)
    totals = {
        "unpaid_days": int((ceiling - eligible).sum()),
        "cpns": int((eligible - base).sum()),
        "predikat": int((_sen(tpp, c.KINERJA_PART) - _sen(tpp, c.KINERJA_AMOUNT)).sum()),
        "sanction": int(cut.sum()),
    }
    deduction = _sen(tpp, c.DISIPLIN_DEDUCTION)
    shares = _discipline_shares(daily, version).reindex(tpp[c.NIP].astype("string")).fillna(0)
    weights = shares.astype("int64").to_numpy()
    weight_sum = weights.sum(axis=1)
    has = weight_sum > 0
    split = np.zeros_like(weights)
    split[has] = (deduction[has, None] * weights[has]) // weight_sum[has, None]
    top = weights.argmax(axis=1)  # the rounding remainder goes to the largest cause
    rows = np.flatnonzero(has)
    split[rows, top[rows]] += deduction[rows] - split[rows].sum(axis=1)
    for i, cause in enumerate(shares.columns):
        totals[cause] = int(split[:, i].sum())
    out = pd.DataFrame(
        {
            "cause": [CAUSES[k] for k in totals],
            "rupiah": [div_half_up(np.array([v]), SEN)[0] for v in totals.values()],
        }
    )
    return out.sort_values("rupiah", ascending=False, kind="stable").reset_index(drop=True)


def hr_figures(tpp: pd.DataFrame, daily: pd.DataFrame, version: RuleVersion) -> dict[str, list]:
    """The four figures of the HR report, each as (labels, values): net per unit, employees per
    deduction band, employees per predikat, rupiah per cause of deduction."""
    units = unit_totals(tpp)
    bands = deduction_distribution(tpp)
    predikat = predikat_distribution(tpp)
    causes = deduction_causes(tpp, daily, version)
    return {
        "net_per_unit": [units[c.UNIT_INDUK].tolist(), units[c.NET].tolist()],
        "discipline_deductions": [bands["band"].tolist(), bands["employees"].tolist()],
        "predikat": [predikat[c.PREDIKAT].tolist(), predikat["employees"].tolist()],
        "deduction_causes": [causes["cause"].tolist(), causes["rupiah"].tolist()],
    }


MONEY_COLUMNS = [c.UNIT_INDUK, c.GROSS, c.PPH21, c.PPH21_DECEMBER_ADJUSTMENT, c.NET]
NO_UNIT = "(tanpa unit)"


def unit_money(tpp: pd.DataFrame) -> pd.DataFrame:
    """Per unit (OPD), indexed by unit: employees, gross, PPh 21 (with the December / last-month
    adjustment) and net, exact rupiah. Empty rows give an empty frame."""
    cols = ["employees", c.GROSS, c.PPH21, c.NET]
    if tpp is None or tpp.empty:
        return pd.DataFrame({col: pd.Series(dtype="int64") for col in cols})
    unit = tpp[c.UNIT_INDUK].astype("string").fillna(NO_UNIT).rename(c.UNIT_INDUK)
    money = pd.DataFrame(
        {
            "employees": 1,
            c.GROSS: tpp[c.GROSS].astype("int64"),
            c.PPH21: tpp[c.PPH21].astype("int64")
            + tpp[c.PPH21_DECEMBER_ADJUSTMENT].astype("int64"),
            c.NET: tpp[c.NET].astype("int64"),
        }
    )
    return money.groupby(unit.to_numpy()).sum()[cols].astype("int64")


def largest_unit_changes(before: pd.DataFrame, after: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """The ``top`` units whose net changed most (by size, ties by unit name) between two
    ``unit_money`` frames: unit, net before, net after, change. Units without a change are
    left out; a unit missing on one side counts as 0 there."""
    units = before.index.union(after.index)
    old = before[c.NET].reindex(units, fill_value=0).astype("int64")
    new = after[c.NET].reindex(units, fill_value=0).astype("int64")
    out = pd.DataFrame(
        {c.UNIT_INDUK: units.astype("string"), "before": old, "after": new, "change": new - old}
    )
    out = out[out["change"] != 0].assign(size=lambda f: f["change"].abs())
    out = out.sort_values(["size", c.UNIT_INDUK], ascending=[False, True], kind="stable")
    return out.head(top).drop(columns="size").reset_index(drop=True)

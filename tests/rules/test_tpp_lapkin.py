"""The e-Lapkin kinerja basis of TPP (issue 16; tax-360 §5.3) as a profile choice: with
``performance.lapkin.basis: minutes`` the kinerja factor is the month's approved minutes over
the target, with the predikat basis (the default) nothing changes."""

import pandas as pd
import pytest

from resources.rulebook import load_profile
from rules.performance.cycle import month_workdays
from rules.performance.lapkin import monthly_lapkin
from rules.profile import parse_profile
from rules.tpp.compute import compute_month
from tests.rules.test_tpp import (
    MONTH,
    NO_DAILY,
    X,
    discipline,
    employees,
    events,
    payroll,
    predikat,
    sanctions,
    untaxed,
)
from vocabulary import columns as c

MINUTES = untaxed(
    parse_profile(
        "name: t\ntitle: t\nregion: t\ndescription: t\nextends: nasional\nversions:\n"
        "  - valid_from: 2024-01-01\n    performance:\n      lapkin:\n        basis: minutes\n",
        "t.yaml",
        resolve_base=load_profile,
    )
)


WORKDAYS = month_workdays(MINUTES, MONTH)  # the 18 working days of March 2024


def reports(minutes: list[int], status: str = "sudah_diverifikasi") -> pd.DataFrame:
    days = pd.Series(WORKDAYS[: len(minutes)]).astype("datetime64[s]")
    return pd.DataFrame(
        {
            c.NIP: pd.Series([X] * len(minutes), dtype="string"),
            c.TANGGAL: days,
            c.MENIT: pd.array(minutes, dtype="Int64"),
            c.STATUS: status,
            c.TANGGAL_LAPOR: days,
        }
    )


def tpp(profile, lapkin=None, pred="sangat_kurang") -> pd.Series:
    out = compute_month(
        employees(), discipline({X: 0}), NO_DAILY, predikat({X: pred}), payroll({X: 0}),
        sanctions(), events(), pd.DataFrame(), profile, MONTH, lapkin=lapkin,
    )  # fmt: skip
    return out.set_index(c.NIP).loc[X]


def test_minutes_basis_pays_the_share_of_approved_minutes():
    rules = MINUTES.for_period(MONTH).performance.lapkin
    # 270 credited minutes on each of the 18 working days: 4,860 of 18 x 300 = 5,400 = 90 %
    lapkin = monthly_lapkin(reports([270] * 18), employees(), MONTH, WORKDAYS, rules)
    assert lapkin[c.KINERJA_PCT_UNITS].tolist() == [900_000]
    row = tpp(MINUTES, lapkin)
    base = tpp(untaxed(load_profile("nasional")), pred="baik")  # 100 % under the predikat table
    assert row[c.KINERJA_PART] == base[c.KINERJA_PART] == "6977208.60"  # 60 % of 11,628,681
    assert row[c.KINERJA_FACTOR] == "0.900000"
    assert row[c.KINERJA_AMOUNT] == "6279487.74"  # 6,977,208.60 x 0.9
    assert row[c.KINERJA_PAID] == 6_279_488 and row[c.PREDIKAT] == "sangat_kurang"
    assert "kinerja part by e-Lapkin (minutes), not by predikat" in row[c.NOTES]


def test_without_reports_the_lapkin_basis_pays_nothing_and_needs_its_rows():
    rules = MINUTES.for_period(MONTH).performance.lapkin
    none = monthly_lapkin(reports([]), employees(), MONTH, WORKDAYS, rules)
    assert tpp(MINUTES, none)[c.KINERJA_AMOUNT] == "0.00"
    with pytest.raises(ValueError, match="pays the kinerja part by e-Lapkin"):
        tpp(MINUTES, None)


def test_the_predikat_basis_ignores_lapkin_rows():
    rules = MINUTES.for_period(MONTH).performance.lapkin
    lapkin = monthly_lapkin(reports([300] * 18), employees(), MONTH, WORKDAYS, rules)
    nasional = untaxed(load_profile("nasional"))
    assert tpp(nasional, lapkin).equals(tpp(nasional, None))

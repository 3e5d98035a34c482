"""The TPP rules of issue 22 on hand-made frames, every value computed by hand (docs/tpp.md):
the Plt/Plh addition (same level, higher post, under the minimum of working days, beyond the
maximum duration, Plh), a demotion under PP 94/2021 across a month boundary, a regional cut for
a hukuman ringan, and December paid in full.

Employee X is PNS, kelas 13 (Basic TPP TA 2023: 11,628,681), predikat Baik, no discipline
deduction; nasional splits 60/40. October 2024 and October 2025 have 23 working days, November
2024 20 and December 2024 20 under nasional (no holiday on a weekday in October)."""

import pandas as pd
import pytest

from resources.rulebook import load_profile
from rules.tpp.compute import compute_month
from tests.rules.test_tpp import (
    NO_DAILY,
    X,
    Y,
    discipline,
    employees,
    events,
    payroll,
    predikat,
    profile_with,
    sanctions,
    untaxed,
)
from vocabulary import columns as c

OCT = "2024-10"


def assignments(*rows: tuple[str, str, int, str, str | None, str]) -> pd.DataFrame:
    """(nip, plt|plh, covered kelas, date_from, date_to, SK number)."""
    return pd.DataFrame(
        {
            c.NIP: pd.Series([r[0] for r in rows], dtype="string"),
            c.ASSIGNMENT_KIND: pd.Series([r[1] for r in rows], dtype="string"),
            c.COVERED_KELAS: pd.Series([r[2] for r in rows], dtype="Int64"),
            c.COVERED_POSITION: pd.Series([pd.NA] * len(rows), dtype="string"),
            c.DATE_FROM: pd.to_datetime([r[3] for r in rows]).astype("datetime64[s]"),
            c.DATE_TO: pd.to_datetime([r[4] for r in rows]).astype("datetime64[s]"),
            c.SK_NUMBER: pd.Series([r[5] for r in rows], dtype="string"),
        }
    )


def run(
    profile="nasional",
    month=OCT,
    emp=None,
    plt=None,
    sanc=None,
    units=None,
    pred=None,
) -> pd.DataFrame:
    emp = emp if emp is not None else employees()
    nips = emp[c.NIP].tolist()
    out = compute_month(
        emp,
        discipline(units or dict.fromkeys(nips, 0)),
        NO_DAILY,
        pred if pred is not None else predikat(dict.fromkeys(nips, "baik")),
        payroll(dict.fromkeys(nips, 0), month),
        sanc if sanc is not None else sanctions(),
        events(),
        pd.DataFrame(),
        untaxed(profile if not isinstance(profile, str) else load_profile(profile)),
        month,
        plt=plt,
    )
    return out.set_index(c.NIP)


# --- Plt/Plh (Perbup Balangan 57/2020 Pasal 35 [V]) ------------------------------------------


def test_plt_of_a_same_level_post_adds_20_percent_of_its_tpp():
    plt = assignments((X, "plt", 13, "2024-10-01", "2024-12-31", "800/12/BKPSDM/2024"))
    row = run(plt=plt).loc[X]
    assert (row[c.KINERJA_PAID], row[c.DISIPLIN_PAID]) == (6_977_209, 4_651_472)
    assert row[c.PLT_ADDITION] == 2_325_736  # 20 % of 11,628,681 = 2,325,736.2
    assert row[c.GROSS] == 6_977_209 + 4_651_472 + 2_325_736 == 13_954_417
    assert row[c.NOTES] == (
        "Plt kelas 13 (SK 800/12/BKPSDM/2024, 2024-10-01..2024-12-31): 23 of 23 working days, "
        "same level, Plt/Plh addition Rp 2,325,736"
    )


def test_plt_of_a_higher_post_is_paid_that_posts_tpp():
    emp = employees({c.KELAS_JABATAN: 9})  # 5,439,503
    plt = assignments((X, "plt", 12, "2024-09-16", None, "821/45/2024"))  # 9,298,296
    row = run(emp=emp, plt=plt).loc[X]
    assert row[c.PLT_ADDITION] == 9_298_296 - 5_439_503 == 3_858_793
    assert row[c.GROSS] == 9_298_296
    assert row[c.NOTES].endswith(
        "23 of 23 working days, higher level, Plt/Plh addition Rp 3,858,793"
    )


def test_plt_under_20_working_days_adds_nothing():
    plt = assignments((X, "plt", 13, "2024-10-01", "2024-10-18", "800/13/2024"))  # 14 days
    row = run(plt=plt).loc[X]
    assert row[c.PLT_ADDITION] == 0 and row[c.GROSS] == 11_628_681
    assert row[c.NOTES] == (
        "Plt kelas 13 (SK 800/13/2024, 2024-10-01..2024-10-18): 14 of 23 working days, same "
        "level, fewer than 20 working days held: no addition"
    )


def test_plt_beyond_its_maximum_duration_and_plh_and_a_lower_post_add_nothing():
    emp = employees({}, {c.NIP: Y})
    plt = assignments(
        # from 15 April the 6 months end on 14 October: 10 working days held in October
        (X, "plt", 14, "2024-04-15", None, "800/1/2024"),
        (X, "plh", 14, "2024-10-01", "2024-10-31", "800/2/2024"),
        (Y, "plt", 11, "2024-10-01", "2024-10-31", "800/3/2024"),
    )
    out = run(emp=emp, plt=plt)
    assert out[c.PLT_ADDITION].tolist() == [0, 0]
    assert out.loc[X, c.NOTES] == (
        "Plt kelas 14 (SK 800/1/2024, 2024-04-15..open): 10 of 23 working days, higher level, "
        "fewer than 20 working days held: no addition; Plh kelas 14 (SK 800/2/2024, "
        "2024-10-01..2024-10-31): 23 of 23 working days, higher level, a Plh earns no "
        "addition under the profile"
    )
    assert out.loc[Y, c.NOTES].endswith("lower level, Plt/Plh addition Rp 0")
    later = run(month="2024-11", plt=plt.iloc[:1]).loc[X]
    assert (later[c.PLT_ADDITION], later[c.NOTES]) == (
        0,
        "Plt kelas 14 (SK 800/1/2024, 2024-04-15..open): 0 of 20 working days, higher level, "
        "beyond the maximum of 6 months: no addition",
    )


def test_a_month_shorter_than_the_minimum_counts_when_every_day_is_held():
    plt = assignments((X, "plt", 13, "2024-11-01", "2024-11-30", "800/14/2024"))  # 20 days
    pay = payroll({X: 0}, "2024-11")
    out = compute_month(
        employees(), discipline({X: 0}), NO_DAILY, predikat({X: "baik"}), pay, sanctions(),
        events(), pd.DataFrame(), untaxed(load_profile("nasional")), "2024-11", plt=plt,
    )  # fmt: skip
    assert out[c.PLT_ADDITION].tolist() == [2_325_736]


def test_plt_pro_rata_when_the_profile_says_so():
    patch = "      plt:\n        partial_month: pro_rata_workdays\n        min_working_days: 10\n"
    plt = assignments((X, "plt", 13, "2024-10-01", "2024-10-18", "800/13/2024"))  # 14 of 23
    row = run(profile_with(patch), plt=plt).loc[X]
    assert row[c.PLT_ADDITION] == 1_415_665  # 2,325,736 x 14 / 23 = 1,415,665.39


# --- PP 94/2021 demotion (hukuman berat) across a month boundary --------------------------


DEMOTED = sanctions((X, "penurunan_jabatan", "2024-10-16", 12))


@pytest.mark.parametrize(
    ("month", "ceiling", "inside"),
    [
        # (11,628,681 x 11 + 9,298,296 x 12) / 23 = 10,412,827.96: 16-31 Oct is 12 working days
        pytest.param("2024-10", 10_412_828, 12, id="starts on 16 October"),
        pytest.param("2024-11", 9_298_296, 20, id="a whole month at kelas 12"),
        # ends 15 October 2025: (11,628,681 x 12 + 9,298,296 x 11) / 23 = 10,514,149.04
        pytest.param("2025-10", 10_514_149, 11, id="ends on 15 October a year later"),
    ],
)
def test_demotion_pays_the_lower_kelas_for_its_working_days(month, ceiling, inside):
    out = run(month=month, sanc=DEMOTED)
    row = out.loc[X]
    assert row[c.CEILING] == ceiling and row[c.KELAS_JABATAN] == 13
    assert row[c.KINERJA_PAID] + row[c.DISIPLIN_PAID] == row[c.GROSS] == ceiling
    days = {"2024-10": 23, "2024-11": 20, "2025-10": 23}[month]
    assert row[c.NOTES] == (
        "PP 94/2021 penurunan_jabatan (decision 2024-10-16, 12 months, 2024-10-16..2025-10-15): "
        f"kelas 13 -> 12 for {inside} of {days} working days, ceiling {ceiling:,}"
    )


def test_demotion_is_over_after_its_months_and_pembebasan_goes_to_pelaksana_kelas():
    assert run(month="2025-11", sanc=DEMOTED).loc[X, c.CEILING] == 11_628_681
    freed = sanctions((X, "pembebasan_jabatan", "2024-09-02", 0))  # months empty: 12
    assert run(sanc=freed).loc[X, c.CEILING] == 3_854_725  # kelas 7


def test_demotion_in_whole_months_from_the_month_after_the_decision():
    patch = "      sanctions:\n        demotion:\n          start: month_after_decision\n"
    profile = profile_with(patch)
    assert run(profile, sanc=DEMOTED).loc[X, c.CEILING] == 11_628_681  # October: not yet
    assert run(profile, month="2024-11", sanc=DEMOTED).loc[X, c.CEILING] == 9_298_296


def test_a_regional_cut_for_a_hukuman_ringan_from_the_profile_table():
    patch = "      sanctions:\n        light_cuts: {teguran_lisan: {pct: 100, months: 1}}\n"
    sanc = sanctions((X, "teguran_lisan", "2024-09-05", 0))
    assert run(profile_with(patch), sanc=sanc).loc[X, c.GROSS] == 0  # October: no TPP
    assert run(profile_with(patch), month="2024-11", sanc=sanc).loc[X, c.GROSS] == 11_628_681
    assert run("nasional", sanc=sanc).loc[X, c.GROSS] == 11_628_681  # PP 94/2021 cuts none


# --- December paid in full (Perbup Balangan 57/2020 Pasal 25(5) [V]) -------------------------


FULL_DECEMBER = (
    "      december: {source: '[V] Balangan', paid_in_full: true, tax_month: december}\n"
)


def test_december_paid_in_full_takes_no_attendance_or_performance_cut():
    args = dict(month="2024-12", units={X: 70_000}, pred=predikat({X: "kurang"}))
    normal = run(**args).loc[X]
    # kurang 85 % of 6,977,208.60 = 5,930,627.31; 7 % of 11,628,681 = 814,007.67 off 40 %
    assert (normal[c.KINERJA_PAID], normal[c.DISIPLIN_PAID]) == (5_930_627, 3_837_465)
    full = run(profile_with(FULL_DECEMBER), **args).loc[X]
    assert (full[c.KINERJA_FACTOR], full[c.DISIPLIN_DEDUCTION_PCT]) == ("1.000000", "0.0000")
    assert (full[c.KINERJA_PAID], full[c.DISIPLIN_PAID], full[c.GROSS]) == (
        6_977_209, 4_651_472, 11_628_681,
    )  # fmt: skip
    assert full[c.NOTES] == (
        "December paid in full (profile tpp.december): no attendance or performance cut"
    )
    november = run(profile_with(FULL_DECEMBER), **{**args, "month": "2024-11"}).loc[X]
    assert november[c.KINERJA_FACTOR] == "0.850000"  # only December


def test_december_in_full_keeps_the_pp94_cut():
    sanc = sanctions((X, "pemotongan_tpp", "2024-11-10", 6))
    row = run(profile_with(FULL_DECEMBER), month="2024-12", sanc=sanc).loc[X]
    assert row[c.SANCTION_FACTOR] == "0.750000"
    assert row[c.GROSS] == 5_232_906 + 3_488_604  # 75 % of 6,977,208.60 and of 4,651,472.40


def test_the_sks_new_kelas_replaces_the_profiles_guess():
    sanc = sanctions((X, "penurunan_jabatan", "2024-09-02", 12))
    sanc[c.NEW_KELAS] = pd.Series([11], dtype="Int64")
    assert run(sanc=sanc).loc[X, c.CEILING] == 7_188_745  # kelas 11, not 13 - 1

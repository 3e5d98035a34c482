"""The TPP rules on tiny frames, every value computed by hand (docs/tpp.md shows the steps):
the month's computation under each profile and deduction base, eligibility, PP 94/2021
sanctions, exact rounding, adjustment lines and the HR report's figures. PPh 21 is set to
not_computed here (``untaxed``) so that each TPP step stands alone: the tax has its own tests
(tests/rules/test_tax.py, tests/rules/test_tpp_pph21.py)."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from resources.rulebook import load_profile
from rules.profile import parse_profile
from rules.tpp.adjustments import adjustments
from rules.tpp.compute import compute_month
from rules.tpp.money import div_half_up
from rules.tpp.report import deduction_causes, deduction_distribution, predikat_distribution
from vocabulary import columns as c
from vocabulary.units import decimal_text, text_to_scaled

X = "198001012005011001"
Y = "199001012015031002"
MONTH = "2024-03"  # 18 working days under nasional (tests/fixtures/march2024/README.md)


def employees(*rows: dict) -> pd.DataFrame:
    base = {
        c.NIP: X,
        c.NAMA: "x",
        c.UNIT: "Seksi",
        c.UNIT_INDUK: "Dinas",
        c.JABATAN: "j",
        c.JENIS_JABATAN: "Fungsional",
        c.KEDUDUKAN: "Aktif",
        c.GOLONGAN: "III/a",
        c.TMT_CPNS: pd.Timestamp("2005-01-01"),
        c.KELAS_JABATAN: 13,
        c.ACTIVE_FROM: pd.Timestamp("2005-01-01"),
        c.ACTIVE_TO: pd.NaT,
        c.EMPLOYEE_KIND: "pns",
    }
    frame = pd.DataFrame([{**base, **r} for r in rows or ({},)])
    frame[c.KELAS_JABATAN] = frame[c.KELAS_JABATAN].astype("Int64")
    for col in (c.TMT_CPNS, c.ACTIVE_FROM, c.ACTIVE_TO):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    for col in (c.NIP, c.UNIT, c.UNIT_INDUK, c.KEDUDUKAN, c.EMPLOYEE_KIND):
        frame[col] = frame[col].astype("string")
    return frame


def discipline(units: dict[str, int], tk: dict[str, int] | None = None) -> pd.DataFrame:
    """Monthly discipline: deduction in 1/10,000 % (7 % = 70_000)."""
    return pd.DataFrame(
        {
            c.NIP: list(units),
            "deduction_units": list(units.values()),
            c.TK_DAYS: [(tk or {}).get(n, 0) for n in units],
        }
    )


def daily(*rows: tuple[str, str, str | None, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series([r[0] for r in rows], dtype="string"),
            c.WORK_DATE: pd.to_datetime([r[1] for r in rows]).astype("datetime64[s]"),
            c.LATE_CODE: pd.Series([None] * len(rows), dtype="string"),
            c.EARLY_CODE: pd.Series([None] * len(rows), dtype="string"),
            c.ABSENCE_CODE: pd.Series([r[2] for r in rows], dtype="string"),
            "deduction_units": [r[3] for r in rows],
        }
    )


NO_DAILY = daily()


def payroll(salary: dict[str, int], month: str = MONTH) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: list(salary),
            c.MONTH: month,
            c.GAJI_POKOK: list(salary.values()),
            c.TUNJANGAN_KELUARGA: 0,
            c.TUNJANGAN_JABATAN: 0,
            c.TUNJANGAN_UMUM: 0,
        }
    )


def sanctions(*rows: tuple[str, str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: [r[0] for r in rows],
            c.SANCTION_TYPE: [r[1] for r in rows],
            c.DECISION_DATE: pd.to_datetime([r[2] for r in rows]),
            c.MONTHS: [r[3] for r in rows],
        }
    )


def events(*rows: tuple[str, str, str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series([r[0] for r in rows], dtype="string"),
            c.STATUS: pd.Series([r[1] for r in rows], dtype="string"),
            c.DATE_FROM: pd.to_datetime([r[2] for r in rows]).astype("datetime64[s]"),
            c.DATE_TO: pd.to_datetime([r[3] for r in rows]).astype("datetime64[s]"),
        }
    )


def predikat(values: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c.NIP: list(values), c.PREDIKAT: list(values.values())})


def profile_with(patch: str, base: str = "nasional"):
    text = (
        f"name: t\ntitle: t\nregion: t\ndescription: t\nextends: {base}\nversions:\n"
        f"  - valid_from: 2024-01-01\n    tpp:\n{patch}"
    )
    return parse_profile(text, "t.yaml", resolve_base=load_profile)


def untaxed(profile):
    """The profile with PPh 21 not computed in every version."""
    versions = [
        v.model_copy(
            update={
                "tpp": v.tpp.model_copy(
                    update={"pph21": v.tpp.pph21.model_copy(update={"mode": "not_computed"})}
                )
            }
        )
        for v in profile.versions
    ]
    return profile.model_copy(update={"versions": versions})


def run(
    profile,
    emp=None,
    units=None,
    day=NO_DAILY,
    pred=None,
    pay=None,
    sanc=None,
    ev=None,
    month=MONTH,
    tk=None,
) -> pd.DataFrame:
    out = compute_month(
        emp if emp is not None else employees(),
        discipline(units or {X: 0}, tk),
        day,
        pred if pred is not None else predikat({X: "baik"}),
        pay if pay is not None else payroll({X: 0}),
        sanc if sanc is not None else sanctions(),
        ev if ev is not None else events(),
        pd.DataFrame(),
        untaxed(profile if not isinstance(profile, str) else load_profile(profile)),
        month,
    )
    return out.set_index(c.NIP)


STEPS = [c.TPP_BASE, c.KINERJA_PART, c.KINERJA_AMOUNT, c.DISIPLIN_PART, c.DISIPLIN_DEDUCTION,
         c.DEDUCTION_FROM_KINERJA, c.DISIPLIN_AMOUNT, c.KINERJA_PAID, c.DISIPLIN_PAID, c.GROSS,
         c.BPJS_BASE, c.BPJS_EMPLOYER, c.BPJS_EMPLOYEE, c.PPH21, c.NET]  # fmt: skip


def steps(row: pd.Series) -> tuple:
    return tuple(row[col] if isinstance(row[col], str) else int(row[col]) for col in STEPS)


# One employee with everything: kelas 13 (Basic TPP TA 2023: 11,628,681), CPNS 80 %, 2 x TL1 +
# 1 x PSW2 + 1 TK (nasional 0.5 + 0.5 + 1 + 5 = 7 %; Tulang Bawang TK 1.5 %: 3.5 %), predikat
# Baik, a PP 94/2021 cut of 25 % decided 10 January for 6 months (Feb-Jul), salary base
# 6,123,457 so that BPJS is capped at 12,000,000 - 6,123,457 = 5,876,543.
EVERYTHING = dict(
    emp=employees({c.KEDUDUKAN: "CPNS"}),
    pay=payroll({X: 6_123_457}),
    sanc=sanctions((X, "pemotongan_tpp", "2024-01-10", 6)),
)


def test_hand_computed_example_nasional():
    row = run("nasional", units={X: 70_000}, **EVERYTHING).loc[X]
    assert (row[c.CEILING], row[c.PAID_DAYS], row[c.MONTH_WORKDAYS]) == (11_628_681, 18, 18)
    assert (row[c.CPNS_FACTOR], row[c.KINERJA_FACTOR], row[c.SANCTION_FACTOR]) == (
        "0.800000", "1.000000", "0.750000",
    )  # fmt: skip
    assert row[c.DISIPLIN_DEDUCTION_PCT] == "7.0000" and row[c.DEDUCTION_BASE] == "full_tpp"
    assert steps(row) == (
        "9302944.80",  # 11,628,681 x 18/18 x 0.8
        "5581766.88",  # x 60 %
        "5581766.88",  # Baik: 100 %
        "3721177.92",  # the rest
        "651206.14",  # 7 % of the full 9,302,944.80 = 651,206.136
        "0.00",
        "3069971.78",
        4186325,  # 5,581,766.88 x 0.75 = 4,186,325.16
        2302479,  # 3,069,971.78 x 0.75 = 2,302,478.835 -> half up
        6488804,
        5876543,  # capped: 12,000,000 - 6,123,457
        235062,  # 4 % = 235,061.72
        58765,  # 1 % = 58,765.43
        0,  # PPh 21 not computed: the gross is carried
        6430039,
    )
    assert row[c.SALARY_MONTH] == MONTH and row[c.PPH21_MODE] == "not_computed"
    assert row[c.NOTES] == (
        "PP 94/2021 pemotongan_tpp 25% (decision 2024-01-10, 6 months from 2024-02)"
    )


def test_hand_computed_example_tulang_bawang():
    row = run("tulang_bawang", units={X: 35_000}, **EVERYTHING).loc[X]
    assert row[c.DEDUCTION_BASE] == "disiplin_component"
    assert steps(row) == (
        "9302944.80", "5581766.88", "5581766.88", "3721177.92",
        "130241.23",  # 3.5 % of the disiplin part 3,721,177.92 = 130,241.2272
        "0.00", "3590936.69",
        4186325,
        2693203,  # 3,590,936.69 x 0.75 = 2,693,202.5175
        6879528, 5876543, 235062, 58765, 0, 6820763,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("patch", "gross", "net"),
    [
        pytest.param(
            "      disiplin: {source: '[S] reg 10.3 A', deduction_base: disiplin_component,"
            " deduction_limit: disiplin_component}\n",
            5_330_713,
            5_277_406,
            id="A: % of the disiplin component",
        ),
        pytest.param("", 5_167_528, 5_115_853, id="B: % of the full TPP (nasional)"),
    ],
)
def test_worked_example_of_the_notes(patch, gross, net):
    """reg §10.3: kelas 9 (5,439,503), 60/40, Baik, 5 % discipline, salary base 4,500,000."""
    emp = employees({c.KELAS_JABATAN: 9})
    row = run(profile_with(patch or "      source: same\n"), emp=emp, units={X: 50_000},
              pay=payroll({X: 4_500_000})).loc[X]  # fmt: skip
    assert (row[c.GROSS], row[c.NET]) == (gross, net)
    assert row[c.KINERJA_PART] == "3263701.80" and row[c.DISIPLIN_PART] == "2175801.20"


def test_jawa_timur_pays_40_kinerja_60_disiplin_on_its_own_tariff():
    emp = employees({c.KELAS_JABATAN: 9})
    row = run("jawa_timur", emp=emp, units={X: 100_000}, pay=payroll({X: 5_000_000})).loc[X]
    assert row[c.CEILING] == 13_320_000
    assert (row[c.KINERJA_PART], row[c.DISIPLIN_PART]) == ("5328000.00", "7992000.00")
    assert row[c.DISIPLIN_DEDUCTION] == "799200.00"  # 10 % of the 60 % component
    assert (row[c.GROSS], row[c.BPJS_BASE], row[c.BPJS_EMPLOYEE]) == (12_520_800, 7_000_000, 70_000)


def test_deduction_beyond_the_disiplin_part_comes_off_kinerja_in_nasional():
    emp = employees({c.KELAS_JABATAN: 9})
    row = run("nasional", emp=emp, units={X: 600_000}).loc[X]  # 60 % of 5,439,503
    assert row[c.DISIPLIN_DEDUCTION] == "3263701.80"
    assert row[c.DEDUCTION_FROM_KINERJA] == "1087900.60"  # beyond the 2,175,801.20 part
    assert (row[c.DISIPLIN_AMOUNT], row[c.KINERJA_PAID], row[c.GROSS]) == ("0.00", 2175801, 2175801)
    assert "the rest comes off the kinerja part" in row[c.NOTES]
    tb = run("tulang_bawang", emp=emp, units={X: 1_000_000}).loc[X]  # 100 % of the component
    assert (tb[c.DISIPLIN_DEDUCTION], tb[c.GROSS]) == ("2175801.20", 3263702)


def test_daily_base_charges_each_day_on_that_days_tpp():
    """PPU style (reg §7.3 row 5): an absent day costs 100 % of that day's TPP."""
    prof = profile_with(
        "      disiplin: {source: '[S] PPU draft', deduction_base: daily_tpp,"
        " deduction_limit: tpp}\n"
    )
    emp = employees({c.KELAS_JABATAN: 9})
    day = daily((X, "2024-03-14", "TK", 1_000_000), (X, "2024-03-15", "TK", 1_000_000))
    row = run(prof, emp=emp, units={X: 1_000_000}, day=day, tk={X: 2}).loc[X]
    assert row[c.DISIPLIN_DEDUCTION] == "604389.22"  # 5,439,503 x 2 / 18 = 604,389.2222
    assert row[c.DISIPLIN_DEDUCTION_PCT] == "11.1111"  # 200 % / 18 days
    assert row[c.GROSS] == 4_835_114  # 5,439,503.00 - 604,389.22 = 4,835,113.78


def test_eligibility_days_cpns_pppk_and_end_events():
    emp = employees(
        {c.NIP: X, c.ACTIVE_FROM: pd.Timestamp("2024-03-18"), c.KEDUDUKAN: "Aktif"},
        {c.NIP: Y, c.KEDUDUKAN: "PPPK Aktif", c.EMPLOYEE_KIND: "pppk", c.KELAS_JABATAN: 7},
    )
    ev = events(
        (X, "cpns", "2024-03-18", "2025-03-17"),  # CPNS by the status file, not the master
        (Y, "cltn", "2024-03-04", "2024-03-06"),
        (Y, "pensiun", "2024-03-27", None),
    )
    day = daily((Y, "2024-03-07", "cltn", 0))  # CLTN from approved leave counts too
    out = run("nasional", emp=emp, units={X: 0, Y: 0}, ev=ev, day=day,
              pred=predikat({X: "baik", Y: "baik"}), pay=payroll({X: 0, Y: 0}))  # fmt: skip
    assert (out.loc[X, c.PAID_DAYS], out.loc[X, c.CPNS_FACTOR]) == (9, "0.800000")
    assert out.loc[X, c.TPP_BASE] == "4651472.40"  # 11,628,681 x 9/18 x 0.8
    # Y: 18 days - CLTN 4-6 (3) - CLTN leave 7 (1) - from pensiun 27 (27, 28) = 12
    assert out.loc[Y, c.PAID_DAYS] == 12 and out.loc[Y, c.ELIGIBILITY_FACTOR] == "0.666667"
    assert out.loc[Y, c.NOTES] == (
        "pensiun (end of service) on 2 working day(s); cltn not paid on 3 working day(s); "
        "cltn leave on 1 working day(s)"
    )
    whole = profile_with(
        "      eligibility: {source: test, cpns_pct: 80, pppk_paid: false, partial_month: "
        "whole_month, unpaid_leave: [cltn], unpaid_statuses: [cltn]}\n"
    )
    out = run(whole, emp=emp, units={X: 0, Y: 0}, ev=ev, pred=predikat({X: "baik", Y: "baik"}),
              pay=payroll({X: 0, Y: 0}))  # fmt: skip
    assert out.loc[X, c.PAID_DAYS] == 18 and out.loc[Y, c.PAID_DAYS] == 0
    assert out.loc[Y, c.NOTES].startswith("PPPK: not paid under this profile")


@pytest.mark.parametrize(
    ("month", "factor"),
    [
        pytest.param("2024-01", "1.000000", id="decision month: not yet"),
        pytest.param("2024-02", "0.750000", id="first month after the decision"),
        pytest.param("2024-07", "0.750000", id="sixth month"),
        pytest.param("2024-08", "1.000000", id="over"),
    ],
)
def test_sanction_runs_six_months_from_the_month_after_the_decision(month, factor):
    sanc = sanctions((X, "pemotongan_tpp", "2024-01-31", 6), (X, "teguran_lisan", "2024-01-05", 0))
    pay = payroll({X: 0}, month)
    row = run("nasional", sanc=sanc, month=month, pay=pay).loc[X]
    assert row[c.SANCTION_FACTOR] == factor


def test_two_cuts_in_one_month_do_not_add_up():
    sanc = sanctions(
        (X, "pemotongan_tpp", "2024-01-31", 12), (X, "pemotongan_tpp", "2024-02-15", 6)
    )
    row = run("nasional", sanc=sanc).loc[X]
    assert row[c.SANCTION_FACTOR] == "0.750000"
    assert row[c.NOTES].count("PP 94/2021") == 2


def test_missing_inputs_are_noted_and_bpjs_uses_the_latest_salary():
    emp = employees({c.KELAS_JABATAN: 16})  # no Basic TPP for kelas 16
    out = run("nasional", emp=emp, pred=predikat({}), pay=payroll({X: 4_000_000}, "2024-01"))
    row = out.loc[X]
    assert (row[c.CEILING], row[c.GROSS], row[c.SALARY_MONTH]) == (0, 0, "2024-01")
    assert row[c.NOTES] == (
        "no ceiling for kelas 16 in force: ceiling 0; "
        "no payroll row for the month: BPJS salary base from 2024-01"
    )
    row = run("nasional", pred=predikat({}), pay=payroll({Y: 1})).loc[X]
    assert row[c.NOTES] == (
        "no predikat for the month: kinerja part paid at 0%; "
        "no payroll row: BPJS salary base taken as 0"
    )
    # kinerja 0 %; disiplin 11,628,681 x 40 % = 4,651,472.40; BPJS on all of it (salary 0)
    assert pd.isna(row[c.SALARY_BASE]) and row[c.BPJS_BASE] == row[c.GROSS] == 4_651_472


def test_half_up_rounding_and_exact_text():
    assert div_half_up(np.array([5, 15, 25, 14, 0]), 10).tolist() == [1, 2, 3, 1, 0]
    with pytest.raises(ValueError, match="negative"):
        div_half_up(np.array([-1]), 2)
    with pytest.raises(ValueError, match="int64 limit"):
        div_half_up(np.array([2**62]), 2)
    text = decimal_text(np.array([123456789, 5, 0]), 2)
    assert text.tolist() == ["1234567.89", "0.05", "0.00"]
    assert text_to_scaled(pd.Series(["1234567.89", "0.5", "7"]), 2).tolist() == [
        123456789, 50, 700,
    ]  # fmt: skip


def _tpp(net: dict[str, int], pct: str = "10.0000") -> pd.DataFrame:
    out = run("nasional", emp=employees(*({c.NIP: n} for n in net)), units=dict.fromkeys(net, 0),
              pred=predikat(dict.fromkeys(net, "baik")),
              pay=payroll(dict.fromkeys(net, 0))).reset_index()  # fmt: skip
    out[c.NET] = out[c.NIP].map(net).astype("int64")
    out[c.DISIPLIN_DEDUCTION_PCT] = pct
    return out


def test_adjustments_are_idempotent_and_reversible():
    final = _tpp({X: 1000, Y: 500})
    prior = pd.DataFrame({c.NIP: [], c.DIFFERENCE: []})
    recomputed = _tpp({X: 1200, Y: 500}, "5.0000")
    lines = adjustments(final, prior, pd.DataFrame(), recomputed, MONTH, "r1")
    assert lines[[c.NIP, c.PAID_NET, c.RECOMPUTED_NET, c.DIFFERENCE, c.REASON]].values.tolist() == [
        [X, 1000, 1200, 200, "discipline deduction % 10.0000 -> 5.0000"]
    ]
    prior = lines[[c.NIP, c.DIFFERENCE]]
    again = adjustments(final, prior, recomputed, recomputed, MONTH, "r2")
    assert again.empty  # the same inputs add nothing
    back = adjustments(final, prior, recomputed, final, MONTH, "r3")
    assert back[[c.NIP, c.DIFFERENCE, c.REASON]].values.tolist() == [
        [X, -200, "discipline deduction % 5.0000 -> 10.0000"]
    ]
    gone = adjustments(final, prior, recomputed, _tpp({X: 1200}), MONTH, "r4")
    assert gone[[c.NIP, c.RECOMPUTED_NET, c.DIFFERENCE, c.REASON]].values.tolist() == [
        [Y, 0, -500, "no longer in the month's recomputation"]
    ]


def test_hr_report_figures():
    tpp = run("nasional", units={X: 70_000}, **EVERYTHING).reset_index()
    version = load_profile("nasional").version_for(dt.date(2024, 3, 1))
    day = daily(
        (X, "2024-03-14", "TK", 50_000),
        (X, "2024-03-01", None, 15_000),  # TL1 0.5 % + PSW2 1 %
        (X, "2024-03-04", None, 5_000),  # TL1 0.5 %
    )
    day.loc[[1, 2], c.LATE_CODE] = "TL1"
    day.loc[1, c.EARLY_CODE] = "PSW2"
    causes = deduction_causes(tpp, day, version).set_index("cause").rupiah.to_dict()
    assert causes == {
        "CPNS (persentase CPNS)": 2_325_736,  # 11,628,681 x 20 % = 2,325,736.20
        "Hukuman disiplin (PP 94/2021)": 2_162_935,  # 25 % of 8,651,738.66, in sen
        "Tanpa keterangan (TK)": 465_147,  # 651,206.14 x 5/7 (+ the 2 sen remainder)
        "Terlambat (TL1-TL4)": 93_029,  # x 1/7
        "Pulang sebelum waktunya (PSW1-PSW4)": 93_029,  # x 1/7
        "Hari tidak dibayar (belum/tidak aktif, CLTN, ...)": 0,
        "Predikat kinerja di bawah 100 % / tanpa penilaian": 0,
        "Cuti/izin yang dipotong": 0,
    }
    assert deduction_distribution(tpp).employees.tolist() == [0, 0, 0, 1, 0, 0, 0]
    assert predikat_distribution(tpp).employees.tolist() == [0, 1, 0, 0, 0, 0]
    assert Decimal(tpp[c.DISIPLIN_DEDUCTION_PCT].iloc[0]) == 7


def test_every_tpp_number_has_a_source_and_regions_differ_where_their_sources_say():
    from resources.rulebook import available_profiles

    for name in available_profiles():
        for v in load_profile(name).versions:
            t = v.tpp
            sections = [t, t.ceilings, *t.ceilings.tables, t.split, t.eligibility, t.kinerja,
                        t.disiplin, t.sanctions, t.bpjs, t.pph21, t.rounding]  # fmt: skip
            assert all(len(s.source) > 10 for s in sections), name
    day = dt.date(2024, 3, 1)
    names = ("nasional", "pakpak_bharat", "jawa_timur")
    splits = [load_profile(n).version_for(day).tpp.split for n in names]
    assert [(s.kinerja_pct, s.disiplin_pct) for s in splits] == [(60, 40), (70, 30), (40, 60)]
    tb = load_profile("tulang_bawang").version_for(day).tpp.disiplin
    assert (tb.deduction_base, tb.deduction_limit) == ("disiplin_component", "disiplin_component")

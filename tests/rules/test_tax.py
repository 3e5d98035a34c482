"""PPh 21 on TPP (rules/tax): the TER tables at every bracket edge, PTKP, the tax profile's
validation, each mode's worked example, and E0–E3 of the domain note to the rupiah
(shared/domain/tax-360-cascading-siasn.md §1.7)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from resources.rulebook import TAX_PROFILE, load_tax_profile
from rules.tax.gaji import gaji_bruto, iuran_pensiun
from rules.tax.monthly import withhold_month
from rules.tax.profile import TaxProfileError, parse_tax_profile
from rules.tax.rates import pasal17, ptkp_amount, ter_category, ter_rate_units
from rules.tax.year_end import (
    BIAYA_JABATAN,
    LAST_MONTH_PPH,
    MISSING_MONTHS,
    NETO_YEAR,
    PKP,
    PPH_YEAR,
    WITHHELD_BEFORE_LAST,
    year_end,
)
from vocabulary import columns as c
from vocabulary.tax import BORNE_TUNJANGAN_PPH, FINAL_BY_GOLONGAN, NOT_COMPUTED, TER_COMBINED
from vocabulary.units import pct_units

TAX = load_tax_profile().version_for(dt.date(2024, 1, 1))

# The oracle: the domain note's tables (three public implementations agree), typed here by hand
# and independent of rules/tax/pph21.yaml, so a typo in the profile fails a test.
# fmt: off
ORACLE = {
    "A": [(5400000, 0), (5650000, 0.25), (5950000, 0.5), (6300000, 0.75), (6750000, 1),
          (7500000, 1.25), (8550000, 1.5), (9650000, 1.75), (10050000, 2), (10350000, 2.25),
          (10700000, 2.5), (11050000, 3), (11600000, 3.5), (12500000, 4), (13750000, 5),
          (15100000, 6), (16950000, 7), (19750000, 8), (24150000, 9), (26450000, 10),
          (28000000, 11), (30050000, 12), (32400000, 13), (35400000, 14), (39100000, 15),
          (43850000, 16), (47800000, 17), (51400000, 18), (56300000, 19), (62200000, 20),
          (68600000, 21), (77500000, 22), (89000000, 23), (103000000, 24), (125000000, 25),
          (157000000, 26), (206000000, 27), (337000000, 28), (454000000, 29), (550000000, 30),
          (695000000, 31), (910000000, 32), (1400000000, 33), (None, 34)],
    "B": [(6200000, 0), (6500000, 0.25), (6850000, 0.5), (7300000, 0.75), (9200000, 1),
          (10750000, 1.5), (11250000, 2), (11600000, 2.5), (12600000, 3), (13600000, 4),
          (14950000, 5), (16400000, 6), (18450000, 7), (21850000, 8), (26000000, 9),
          (27700000, 10), (29350000, 11), (31450000, 12), (33950000, 13), (37100000, 14),
          (41100000, 15), (45800000, 16), (49500000, 17), (53800000, 18), (58500000, 19),
          (64000000, 20), (71000000, 21), (80000000, 22), (93000000, 23), (109000000, 24),
          (129000000, 25), (163000000, 26), (211000000, 27), (374000000, 28), (459000000, 29),
          (555000000, 30), (704000000, 31), (957000000, 32), (1405000000, 33), (None, 34)],
    "C": [(6600000, 0), (6950000, 0.25), (7350000, 0.5), (7800000, 0.75), (8850000, 1),
          (9800000, 1.25), (10950000, 1.5), (11200000, 1.75), (12050000, 2), (12950000, 3),
          (14150000, 4), (15550000, 5), (17050000, 6), (19500000, 7), (22700000, 8),
          (26600000, 9), (28100000, 10), (30100000, 11), (32600000, 12), (35400000, 13),
          (38900000, 14), (43000000, 15), (47400000, 16), (51200000, 17), (55800000, 18),
          (60400000, 19), (66700000, 20), (74500000, 21), (83200000, 22), (95600000, 23),
          (110000000, 24), (134000000, 25), (169000000, 26), (221000000, 27), (390000000, 28),
          (463000000, 29), (561000000, 30), (709000000, 31), (965000000, 32), (1419000000, 33),
          (None, 34)],
}
# fmt: on


def _edges():
    for cat, rows in ORACLE.items():
        yield pytest.param(cat, 0, rows[0][1], id=f"{cat} zero")
        for i, (upper, rate) in enumerate(rows[:-1]):
            yield pytest.param(cat, upper, rate, id=f"{cat} {upper:,}")
            yield pytest.param(cat, upper + 1, rows[i + 1][1], id=f"{cat} {upper + 1:,}")
        yield pytest.param(cat, 10**10, rows[-1][1], id=f"{cat} 10 milyar")


def _rate(cat: str, bruto: int) -> float:
    units = ter_rate_units(np.array([bruto]), pd.Series([cat]), TAX)[0]
    return units / pct_units(1)


@pytest.mark.parametrize(("cat", "bruto", "rate"), list(_edges()))
def test_every_ter_bracket_edge(cat, bruto, rate):
    assert _rate(cat, bruto) == rate


def test_row_counts_and_the_named_edges():
    assert {k: len(v) for k, v in TAX.ter.brackets.items()} == {"A": 44, "B": 40, "C": 41}
    assert (_rate("A", 5_400_000), _rate("A", 5_400_001)) == (0, 0.25)
    # dannyaudian/Payroll-Indonesia has 9,880,000 here (a typo): 9,800,001 is 1.5 %
    assert (_rate("C", 9_800_000), _rate("C", 9_800_001)) == (1.25, 1.5)
    assert (_rate("B", 6_200_000), _rate("B", 6_200_001)) == (0, 0.25)


@pytest.mark.parametrize(
    ("status", "ptkp", "category"),
    [
        ("TK/0", 54_000_000, "A"),
        ("TK/1", 58_500_000, "A"),
        ("K/0", 58_500_000, "A"),
        ("TK/2", 63_000_000, "B"),
        ("TK/3", 67_500_000, "B"),
        ("K/1", 63_000_000, "B"),
        ("K/2", 67_500_000, "B"),
        ("K/3", 72_000_000, "C"),
    ],
)
def test_ptkp_and_category(status, ptkp, category):
    s = pd.Series([status])
    assert ptkp_amount(s, TAX)[0] == ptkp
    assert ter_category(s, TAX)[0] == category


@pytest.mark.parametrize(
    ("pkp", "tax"),
    [
        (0, 0),
        (60_000_000, 3_000_000),
        (62_866_000, 3_429_900),
        (250_000_000, 31_500_000),
        (500_000_000, 94_000_000),
        (5_000_000_000, 1_444_000_000),
        (5_000_001_000, 1_444_000_350),
    ],
)
def test_pasal17(pkp, tax):
    assert pasal17(np.array([pkp]), TAX)[0] == tax


# --- the profile is validated on load ---------------------------------------------------------


def _broken(old: str, new: str) -> str:
    text = TAX_PROFILE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "- [5650000, 0.25]",
            "- [5300000, 0.25]",
            "ter.brackets.A[1]: upper bound 5,300,000 must be above the previous bound "
            "5,400,000",
            id="unordered",
        ),
        pytest.param(
            "- [null, 35]", "- [9000000000, 35]", "pasal17.brackets: the last bracket must "
            "be open-ended", id="last bracket bounded",
        ),
        pytest.param(
            "- [5650000, 0.25]", "- [null, 0.25]", "ter.brackets.A[1]: only the last bracket "
            "may be open-ended", id="open bracket in the middle",
        ),
        pytest.param("        K/3: C\n", "", "ptkp.category: missing ['K/3']", id="no category"),
        pytest.param(
            "- [5650000, 0.25]", "- [5650000, 0.255]", "ter.brackets.A[1]: rate 0.255 has "
            "more than two decimals", id="rate with three decimals",
        ),
    ],
)  # fmt: skip
def test_invalid_profile_names_the_file_and_field(old, new, message):
    with pytest.raises(TaxProfileError) as err:
        parse_tax_profile(_broken(old, new), "tax/broken.yaml")
    assert str(err.value).startswith("tax/broken.yaml: invalid tax profile:")
    assert message in str(err.value)


def test_a_later_version_changes_only_what_it_names():
    text = TAX_PROFILE.read_text(encoding="utf-8") + (
        "  - valid_from: 2026-01-01\n    biaya_jabatan: {max_per_year: 7200000}\n"
    )
    profile = parse_tax_profile(text, "pph21.yaml")
    assert profile.version_for(dt.date(2025, 12, 31)).biaya_jabatan.max_per_year == 6_000_000
    later = profile.version_for(dt.date(2026, 1, 1))
    assert (later.biaya_jabatan.max_per_year, later.biaya_jabatan.pct) == (7_200_000, 5)
    assert later.ter == TAX.ter
    with pytest.raises(TaxProfileError, match="no version in force on 2023-12-31"):
        profile.version_for(dt.date(2023, 12, 31))


# --- E0-E3 and each mode ----------------------------------------------------------------------


def _payroll(**parts) -> pd.DataFrame:
    cols = (c.GAJI_POKOK, c.TUNJANGAN_KELUARGA, c.TUNJANGAN_JABATAN, c.TUNJANGAN_UMUM,
            c.TUNJANGAN_BERAS, c.TUNJANGAN_LAIN)  # fmt: skip
    return pd.DataFrame({col: [parts.get(col, 0)] for col in cols})


# simgaji fixture, PNS IV/c, K/2 (E0)
E0_PAY = _payroll(
    gaji_pokok=5_182_000,
    tunjangan_keluarga=518_200 + 207_280,
    tunjangan_jabatan=980_000,
    tunjangan_beras=289_680,
)
# E2: PNS III, K/1
E2_PAY = _payroll(
    gaji_pokok=4_000_000, tunjangan_keluarga=480_000, tunjangan_umum=185_000,
    tunjangan_beras=217_260,
)  # fmt: skip
# E3: PPPK IX, TK/0
E3_PAY = _payroll(gaji_pokok=3_203_600, tunjangan_umum=190_000, tunjangan_beras=72_420)


def _rows(kind, gol, status, gross, employer, gaji, stated=None, npwp="valid", n=1):
    return pd.DataFrame(
        {
            c.EMPLOYEE_KIND: [kind] * n,
            c.GOLONGAN: [gol] * n,
            c.PTKP_STATUS: [status] * n,
            c.NPWP_STATUS: [npwp] * n,
            c.GROSS: [gross] * n,
            c.BPJS_EMPLOYER: [employer] * n,
            c.GAJI_BRUTO: pd.array([gaji] * n, dtype="Int64"),
            c.PPH21_GAJI_PAYROLL: pd.array([stated] * n, dtype="Int64"),
        }
    )


def _month(rows, mode, include=True):
    return withhold_month(rows, pd.Series(mode, index=rows.index), include, TAX)


def test_e0_gaji_gross_and_its_ter_match_the_simgaji_fixture():
    bruto = gaji_bruto(E0_PAY, TAX)[0]
    assert bruto == 7_502_406
    out = _month(_rows("pns", "IV/c", "K/2", 0, 0, bruto), TER_COMBINED).iloc[0]
    assert (out[c.TER_CATEGORY], out[c.TER_RATE_PCT], out[c.PPH21_GAJI]) == ("B", "1.0000", 75_024)
    assert out[c.PPH21] == 0
    assert iuran_pensiun(E0_PAY, pd.Series(["pns"]), TAX)[0] == 472_598  # the slip's IWP 8 %


def test_e1_ter_combined_and_final_by_golongan():
    # BPJS 4 % on TPP = 4 % x min(8,000,000, 12,000,000 - 6,887,480) = 204,500.80 -> 204,501
    rows = _rows("pns", "IV/c", "K/2", 8_000_000, 204_501, 7_502_406)
    ter = _month(rows, TER_COMBINED).iloc[0]
    assert (ter[c.PPH21_BASE], ter[c.TER_RATE_PCT]) == (15_706_907, "6.0000")
    assert (ter[c.PPH21_GAJI], ter[c.PPH21], ter[c.TUNJANGAN_PPH]) == (75_024, 867_390, 0)
    final = _month(rows, FINAL_BY_GOLONGAN).iloc[0]
    assert (final[c.PPH21_BASE], final[c.TER_RATE_PCT], final[c.PPH21]) == (
        8_000_000, "15.0000", 1_200_000,
    )  # fmt: skip


def test_borne_tunjangan_pph_pays_the_tax_back_and_not_computed_withholds_nothing():
    rows = _rows("pns", "IV/c", "K/2", 8_000_000, 204_501, 7_502_406)
    borne = _month(rows, BORNE_TUNJANGAN_PPH).iloc[0]
    assert (borne[c.PPH21], borne[c.TUNJANGAN_PPH]) == (867_390, 867_390)
    none = _month(rows, NOT_COMPUTED).iloc[0]
    assert (none[c.PPH21_BASE], none[c.TER_RATE_PCT], none[c.PPH21_GAJI], none[c.PPH21]) == (
        0, "0.0000", 0, 0,
    )  # fmt: skip
    assert none[c.TER_CATEGORY] == "B" and pd.isna(none[c.NOTES])


def test_the_payroll_stated_pph_on_gaji_is_used_and_the_difference_floored_at_zero():
    rows = _rows("pns", "IV/c", "K/2", 100_000, 4_000, 7_502_406, stated=900_000)
    out = _month(rows, TER_COMBINED).iloc[0]
    assert (out[c.PPH21_GAJI], out[c.PPH21]) == (900_000, 0)
    assert pd.isna(out[c.NOTES])  # nothing computed in its place


def test_without_npwp_the_tax_is_20_percent_higher():
    out = _month(_rows("pns", "III/b", "K/1", 6_000_000, 240_000, 5_107_260, npwp="none"),
                 TER_COMBINED).iloc[0]  # fmt: skip
    # 11,347,260 x 2.5 % x 1.2 = 340,417.80
    assert (out[c.NPWP_MULTIPLIER], out[c.PPH21]) == ("1.2", 340_418)


def test_final_rates_by_golongan_and_unknown_golongan():
    cases = (("pns", "II/d"), ("pns", "III/a"), ("pppk", "VII"), ("pppk", "IX"), ("pns", "?"))
    rows = pd.concat(
        [_rows(k, g, "TK/0", 1_000_000, 0, 3_000_000) for k, g in cases], ignore_index=True
    )
    out = _month(rows, FINAL_BY_GOLONGAN)
    assert out[c.PPH21].tolist() == [0, 50_000, 0, 50_000, 0]
    assert out[c.NOTES].iloc[4].startswith("no PP 80/2010 final rate for golongan '?'")


def test_ceil_rounding_is_a_profile_choice():
    text = TAX_PROFILE.read_text(encoding="utf-8").replace("monthly: half_up", "monthly: ceil")
    ceil = parse_tax_profile(text, "ceil.yaml").versions[0]
    rows = _rows("pns", "III/b", "K/1", 0, 0, 6_200_001)  # B 0.25 % -> 15,500.0025
    assert withhold_month(rows, pd.Series([TER_COMBINED]), True, ceil)[c.PPH21_GAJI][0] == 15_501
    assert _month(rows, TER_COMBINED)[c.PPH21_GAJI][0] == 15_500


def _year(rows_one_month: pd.DataFrame, gross_by_month, employer_by_month, kind, mode, last):
    frames = []
    for m, (gross, employer) in enumerate(zip(gross_by_month, employer_by_month, strict=True)):
        r = rows_one_month.assign(**{c.GROSS: gross, c.BPJS_EMPLOYER: employer})
        out = _month(r, mode)
        out[c.NIP] = "199001012015031001"
        out[c.MONTH] = f"2024-{m + 1:02d}"
        for col in (c.GAJI_BRUTO, c.GROSS, c.BPJS_EMPLOYER):
            out[col] = r[col].astype("int64")
        out[c.IURAN_PENSIUN] = iuran_pensiun(
            E2_PAY if kind == "pns" else E3_PAY, pd.Series([kind]), TAX
        )[0]
        out[c.PPH21_DECEMBER_ADJUSTMENT] = 0
        frames.append(out)
    months = pd.concat(frames, ignore_index=True)
    summary = year_end(months, TAX, pd.Series({"199001012015031001": last}))
    return months, summary.iloc[0]


def test_e2_december_true_up():
    gaji = gaji_bruto(E2_PAY, TAX)[0]
    assert gaji == 5_107_260
    one = _rows("pns", "III/b", "K/1", 0, 0, gaji)
    months, s = _year(one, [6_000_000] * 12, [240_000] * 12, "pns", TER_COMBINED, "2024-12")
    assert months[c.PPH21].tolist() == [283_682] * 12
    assert s[WITHHELD_BEFORE_LAST] == 3_120_502
    assert (s[BIAYA_JABATAN], s[c.IURAN_PENSIUN], s[NETO_YEAR]) == (
        6_000_000, 4_300_800, 125_866_320,
    )  # fmt: skip
    assert (s[PKP], s[PPH_YEAR]) == (62_866_000, 3_429_900)
    assert s[LAST_MONTH_PPH] == 309_398  # December PPh on TPP (E2)
    assert s[c.PPH21_DECEMBER_ADJUSTMENT] == 309_398 - 283_682
    assert s[MISSING_MONTHS] == ""


def test_e3_pppk_december_true_up_and_final_rate():
    gaji = gaji_bruto(E3_PAY, TAX)[0]
    assert gaji == 3_632_519
    assert iuran_pensiun(E3_PAY, pd.Series(["pppk"]), TAX)[0] == 0
    one = _rows("pppk", "IX", "TK/0", 0, 0, gaji)
    months, s = _year(one, [3_500_000] * 12, [140_000] * 12, "pppk", TER_COMBINED, "2024-12")
    assert months[c.PPH21].iloc[0] == 90_906
    assert (s[BIAYA_JABATAN], s[NETO_YEAR], s[PKP], s[PPH_YEAR]) == (
        4_363_511, 82_906_717, 28_906_000, 1_445_300,
    )  # fmt: skip
    assert (s[WITHHELD_BEFORE_LAST], s[LAST_MONTH_PPH]) == (999_966, 445_334)
    final = _month(one.assign(**{c.GROSS: 3_500_000}), FINAL_BY_GOLONGAN)
    assert final[c.PPH21][0] == 175_000


def test_a_late_drop_in_tpp_gives_a_refund_line():
    one = _rows("pns", "III/b", "K/1", 0, 0, 5_107_260)
    gross = [20_000_000] * 6 + [0] * 6
    employer = [275_000] * 6 + [0] * 6
    _, s = _year(one, gross, employer, "pns", TER_COMBINED, "2024-12")
    assert s[c.PPH21_DECEMBER_ADJUSTMENT] < 0
    assert s[WITHHELD_BEFORE_LAST] + s[LAST_MONTH_PPH] == s[PPH_YEAR]


def test_missing_months_are_flagged_not_filled_and_a_rerun_is_stable():
    one = _rows("pns", "III/b", "K/1", 0, 0, 5_107_260)
    months, s = _year(one, [6_000_000] * 12, [240_000] * 12, "pns", TER_COMBINED, "2024-12")
    held = months[~months[c.MONTH].isin(["2024-03", "2024-07"])]
    s = year_end(held, TAX, pd.Series({"199001012015031001": "2024-12"})).iloc[0]
    assert s[MISSING_MONTHS] == "2024-03, 2024-07" and s["months_held"] == 10
    assert s[WITHHELD_BEFORE_LAST] + s[LAST_MONTH_PPH] == s[PPH_YEAR]
    # the stored December row carries its adjustment: recomputing gives the same one
    stored = held.copy()
    stored.loc[stored[c.MONTH] == "2024-12", c.PPH21_DECEMBER_ADJUSTMENT] = s[
        c.PPH21_DECEMBER_ADJUSTMENT
    ]
    again = year_end(stored, TAX, pd.Series({"199001012015031001": "2024-12"})).iloc[0]
    assert again[c.PPH21_DECEMBER_ADJUSTMENT] == s[c.PPH21_DECEMBER_ADJUSTMENT]


def test_final_and_not_computed_years_are_not_trued_up():
    one = _rows("pns", "III/b", "K/1", 0, 0, 5_107_260)
    for mode in (FINAL_BY_GOLONGAN, NOT_COMPUTED):
        _, s = _year(one, [6_000_000] * 12, [240_000] * 12, "pns", mode, "2024-12")
        assert (s[c.PPH21_DECEMBER_ADJUSTMENT], s["closed"]) == (0, False)


def test_ptkp_status_at_the_start_of_the_year_latest_wins_and_defaults_are_noted():
    from rules.tax.inputs import status_for_year

    ptkp = pd.DataFrame(
        {
            c.NIP: ["a", "a", "a", "b", "d"],
            c.PTKP_STATUS: ["TK/0", "K/0", "K/1", "K/2", "K/3"],
            c.VALID_FROM: pd.to_datetime(
                ["2020-01-01", "2023-07-01", "2024-05-01", "2024-03-10", "2024-09-01"]
            ),
            c.NPWP_STATUS: ["valid", pd.NA, "none", pd.NA, "none"],
        }
    )
    nips = pd.Series(["a", "b", "c", "d"])
    status, npwp, note = status_for_year(nips, ptkp, "2024-06", TAX)
    # a: K/0 held on 1 January (the May change waits for 2025); b: only a later row, used for
    # the year; c: nothing -> TK/0; d: its row is dated after June
    assert status.tolist() == ["K/0", "K/2", "TK/0", "TK/0"]
    assert npwp.tolist() == ["none", "valid", "valid", "valid"]
    assert note.tolist() == [
        pd.NA,
        "PTKP status dated 2024-03-10, after the start of the tax year: used for the whole "
        "year; NPWP status not given: valid assumed",
        "no PTKP status: PPh 21 with the default TK/0",
        "no PTKP status: PPh 21 with the default TK/0",
    ]

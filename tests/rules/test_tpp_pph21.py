"""PPh 21 wired into the month's TPP (rules/tpp/pph21.py): for every row, in every mode, the tax
recomputed independently (exact decimals, the hand-typed TER oracle) from the stored columns
equals the stored value; a year computed month by month closes in December with the Pasal 17
true-up, and the yearly summary equals the sum of its months."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest

from resources.rulebook import load_profile, load_tax_profile
from rules.tax.year_end import PPH_YEAR, year_end
from rules.tpp.compute import compute_month
from rules.tpp.contract import contract_failures, missing_inputs
from rules.tpp.pph21 import HISTORY_COLUMNS
from tests.rules.test_tax import ORACLE
from tests.rules.test_tpp import NO_DAILY, discipline, employees, events, predikat, sanctions
from vocabulary import columns as c

TAX = load_tax_profile()
PEOPLE = [  # nip, kind, golongan, gaji pokok, keluarga, ptkp, npwp
    ("198001012005011001", "pns", "IV/a", 5_200_000, 720_000, "K/2", "valid"),
    ("198502022010012002", "pns", "III/c", 4_100_000, 0, None, None),  # no PTKP row
    ("199001012015031003", "pns", "II/b", 2_900_000, 290_000, "K/3", "none"),
    ("199507202022211004", "pppk", "IX", 3_203_600, 0, "TK/0", "valid"),
    ("199601012023212005", "pppk", "V", 2_400_000, 240_000, "K/1", "none"),
]
FINAL = {"pns": {"II": 0, "III": 5, "IV": 15}, "pppk": {"V": 0, "IX": 5}}


def _employees() -> pd.DataFrame:
    rows = [
        {c.NIP: n, c.EMPLOYEE_KIND: k, c.GOLONGAN: g, c.KELAS_JABATAN: 5 + 2 * i}
        for i, (n, k, g, *_rest) in enumerate(PEOPLE)
    ]
    return employees(*rows)


def _payroll(months: list[str]) -> pd.DataFrame:
    rows = [
        {
            c.NIP: n,
            c.MONTH: m,
            c.GAJI_POKOK: gp,
            c.TUNJANGAN_KELUARGA: kel,
            c.TUNJANGAN_JABATAN: 0,
            c.TUNJANGAN_UMUM: 185_000,
            c.TUNJANGAN_BERAS: 72_420,
            c.TUNJANGAN_LAIN: 0,
            c.PPH21_GAJI_PAYROLL: pd.NA,
        }
        for m in months
        for n, _k, _g, gp, kel, *_rest in PEOPLE
    ]
    frame = pd.DataFrame(rows)
    frame[c.PPH21_GAJI_PAYROLL] = frame[c.PPH21_GAJI_PAYROLL].astype("Int64")
    return frame


def _ptkp() -> pd.DataFrame:
    rows = [(n, s, w) for n, _k, _g, _gp, _kel, s, w in PEOPLE if s]
    return pd.DataFrame(
        {
            c.NIP: [r[0] for r in rows],
            c.PTKP_STATUS: [r[1] for r in rows],
            c.VALID_FROM: pd.Timestamp("2023-01-01"),
            c.NPWP_STATUS: [r[2] for r in rows],
        }
    )


def _profile(mode: str):
    profile = load_profile("nasional")
    versions = [
        v.model_copy(
            update={
                "tpp": v.tpp.model_copy(
                    update={"pph21": v.tpp.pph21.model_copy(update={"mode": mode})}
                )
            }
        )
        for v in profile.versions
    ]
    return profile.model_copy(update={"versions": versions})


def _month(mode: str, month: str, history=None, units=None, ev=None) -> pd.DataFrame:
    nips = [p[0] for p in PEOPLE]
    return compute_month(
        _employees(),
        discipline(units or dict.fromkeys(nips, 0)),
        NO_DAILY,
        predikat(dict.fromkeys(nips, "baik")),
        _payroll([month]),
        sanctions(),
        ev if ev is not None else events(),
        pd.DataFrame(),
        _profile(mode),
        month,
        tax=TAX,
        ptkp=_ptkp(),
        history=history,
    )


def _ter(category: str, base: int) -> Decimal:
    for upper, rate in ORACLE[category]:
        if upper is None or base <= upper:
            return Decimal(str(rate))
    raise AssertionError


def _round(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("mode", ["ter_combined", "borne_tunjangan_pph", "final_by_golongan",
                                  "not_computed"])  # fmt: skip
def test_every_row_recomputes_from_its_columns(mode):
    out = _month(mode, "2024-03")
    assert len(out) == len(PEOPLE) and not contract_failures(out)
    for r in out.itertuples(index=False):
        mult = Decimal(r.npwp_multiplier)
        rate = Decimal(r.ter_rate_pct)
        assert r.pph21_mode == mode
        if mode in ("ter_combined", "borne_tunjangan_pph"):
            assert r.pph21_base == r.gaji_bruto + r.gross + r.bpjs_employer
            assert rate == _ter(r.ter_category, r.pph21_base)
            gaji_tax = _round(r.gaji_bruto * _ter(r.ter_category, r.gaji_bruto) / 100 * mult)
            assert r.pph21_gaji == gaji_tax
            assert r.pph21 == max(0, _round(r.pph21_base * rate / 100 * mult) - r.pph21_gaji)
            assert r.tunjangan_pph == (r.pph21 if mode == "borne_tunjangan_pph" else 0)
        elif mode == "final_by_golongan":
            gol = r.golongan if hasattr(r, "golongan") else None
            assert gol is None  # golongan is not a column of the month: the rate is
            kind = dict((p[0], p[1]) for p in PEOPLE)[r.nip]
            roman = dict((p[0], p[2].split("/")[0]) for p in PEOPLE)[r.nip]
            assert rate == FINAL[kind][roman] and r.pph21_base == r.gross
            assert r.pph21 == _round(r.gross * rate / 100 * mult)
        else:
            assert (r.pph21_base, r.pph21, r.pph21_gaji, rate) == (0, 0, 0, 0)
        assert r.net == (
            r.gross - r.bpjs_employee - r.pph21 - r.pph21_december_adjustment + r.tunjangan_pph
        )
    if mode != "not_computed":
        assert out[c.PPH21].sum() > 0
    statuses = out.set_index(c.NIP)[c.PTKP_STATUS].to_dict()
    assert statuses[PEOPLE[1][0]] == "TK/0"  # the default, and a warning
    assert missing_inputs(out)["no PTKP status (default used)"] == 1
    multipliers = out.set_index(c.NIP)[c.NPWP_MULTIPLIER].to_dict()
    assert multipliers[PEOPLE[2][0]] == "1.2" and multipliers[PEOPLE[0][0]] == "1.0"


def _year(mode: str, skip: tuple[str, ...] = (), drop_from: str = "2024-07"):
    """Jan..Dec computed in order, each month fed the months before it; the last employee's TPP
    (the largest) falls to 0 from ``drop_from`` on (a 100 % discipline cut): TER withheld at
    6 % on the first half, the year's Pasal 17 is lower, so December refunds."""
    nips = [p[0] for p in PEOPLE]
    held: list[pd.DataFrame] = []
    for m in range(1, 13):
        month = f"2024-{m:02d}"
        units = dict.fromkeys(nips, 0)
        if month >= drop_from:
            units[PEOPLE[4][0]] = 1_000_000  # 100 % discipline deduction
        history = pd.concat(held, ignore_index=True)[HISTORY_COLUMNS] if held else None
        out = _month(mode, month, history, units)
        if month not in skip:
            held.append(out)
    return pd.concat(held, ignore_index=True)


def test_a_year_closes_in_december_and_the_summary_is_the_sum_of_its_months():
    months = _year("ter_combined")
    dec = months[months[c.MONTH] == "2024-12"].set_index(c.NIP)
    before = months[months[c.MONTH] < "2024-12"]
    assert (before[c.PPH21_DECEMBER_ADJUSTMENT] == 0).all()
    assert dec[c.PPH21_DECEMBER_ADJUSTMENT].ne(0).all()
    # by hand: gaji bruto 2,897,420 + BPJS 113,000 + JKK 5,760 + JKM 17,280 = 3,033,460; Jan-Jun
    # base 3,033,460 + TPP 11,628,681 + BPJS 4 % 367,000 = 15,029,141 (B 6 %, x1.2 without
    # NPWP) -> 1,082,098 a month, 6,492,588 withheld. Year: bruto 108,375,606, biaya jabatan
    # 5,418,780, neto 102,956,826, PTKP K/1 63,000,000, PKP 39,956,000, 5 % = 1,997,800, x1.2 =
    # 2,397,360; December: 2,397,360 - 6,492,588 = -4,095,228.
    assert dec.loc[PEOPLE[4][0], c.PPH21_DECEMBER_ADJUSTMENT] == -4_095_228  # refund line
    assert dec.loc[PEOPLE[4][0], c.NET] == 4_095_228  # paid back with the (zero) TPP
    assert dec[c.NOTES].str.contains("tax year closed: Pasal 17 true-up this month").all()
    summary = year_end(months[HISTORY_COLUMNS], TAX.versions[0], pd.Series(dtype="string"))
    summary = summary.set_index(c.NIP)
    withheld = months.groupby(c.NIP)[[c.PPH21_GAJI, c.PPH21, c.PPH21_DECEMBER_ADJUSTMENT]].sum()
    assert (withheld.sum(axis=1) == summary[PPH_YEAR]).all()  # the year is settled exactly
    for col in (c.GROSS, c.GAJI_BRUTO, c.BPJS_EMPLOYER, c.IURAN_PENSIUN):
        assert (months.groupby(c.NIP)[col].sum() == summary[col]).all()
    assert (summary[c.PPH21_DECEMBER_ADJUSTMENT] == dec[c.PPH21_DECEMBER_ADJUSTMENT]).all()


def test_a_missing_month_is_flagged_and_a_leaver_closes_in_their_last_month():
    months = _year("ter_combined", skip=("2024-04",))
    dec = months[months[c.MONTH] == "2024-12"].set_index(c.NIP)
    assert (
        dec[c.NOTES]
        .str.contains(
            "tax year closed without the months 2024-04 (not in the warehouse)", regex=False
        )
        .all()
    )
    leaver = PEOPLE[3][0]
    ev = events((leaver, "mutasi_keluar", "2024-06-20", None))
    out = _month("ter_combined", "2024-06", months[months[c.MONTH] < "2024-06"], ev=ev)
    row = out.set_index(c.NIP).loc[leaver]
    assert "tax year closed" in row[c.NOTES] and row[c.PPH21_DECEMBER_ADJUSTMENT] != 0
    others = out.set_index(c.NIP).drop(index=leaver)
    assert (others[c.PPH21_DECEMBER_ADJUSTMENT] == 0).all()


def test_without_the_tax_profile_only_not_computed_runs():
    with pytest.raises(ValueError, match="need the tax profile"):
        compute_month(
            _employees(), discipline({}), NO_DAILY, predikat({}), _payroll(["2024-03"]),
            sanctions(), events(), pd.DataFrame(), _profile("ter_combined"), "2024-03",
        )  # fmt: skip
    assert np.issubdtype(_month("not_computed", "2024-03")[c.NET].dtype, np.integer)
    assert dt.date(2024, 1, 1) == TAX.versions[0].valid_from


def test_a_month_before_the_tax_profile_is_not_computed_and_says_why():
    """The TER tables start 2024-01: March 2023 under ter_combined is the TPP of the same
    month under not_computed (every rupiah), with the reason in each row's notes."""
    taxed, untaxed = _month("ter_combined", "2023-03"), _month("not_computed", "2023-03")
    why = (
        "PPh 21 not computed for 2023-03: the tax profile 'pph21' (rules/tax/pph21.yaml) starts "
        "2024-01-01, so PPh 21 of earlier months is left to finance's tax system (add a version "
        "for those months to compute it here)"
    )
    assert list(taxed[c.NOTES]) == [why] * len(PEOPLE)
    assert untaxed[c.NOTES].isna().all()
    pd.testing.assert_frame_equal(taxed.drop(columns=c.NOTES), untaxed.drop(columns=c.NOTES))
    assert set(taxed[c.PPH21_MODE]) == {"not_computed"} and (taxed[c.PPH21] == 0).all()
    assert (taxed[c.NET] == taxed[c.GROSS] - taxed[c.BPJS_EMPLOYEE]).all()
    assert (taxed[c.GROSS] > 0).all() and not contract_failures(taxed)
    # the yearly summary of a month before the profile holds nothing (nothing was withheld)
    from rules.tpp.pph21 import yearly_summary

    assert yearly_summary(taxed, TAX, "2023-03").empty

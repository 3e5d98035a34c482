"""PTKP from the payroll's family data (issue 21; domain note year-end §3.2): GPP ``kdkawin`` and
SIMGAJI ``KDSTAWIN``/``JISTRI``/``JANAK`` read by the real readers, the status at the start of
the year, children capped at 3, married women TK unless ptkp.csv says otherwise, and every row's
source."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from formats.payroll import read_payroll
from resources.rulebook import load_tax_profile
from rules.tax.inputs import resolve_ptkp
from vocabulary import columns as c

TAX = load_tax_profile().version_for(dt.date(2024, 1, 1))
# NIP digit 15 is the gender: 1 man, 2 woman
K0, K1, K2, K3 = (f"19850101201001100{i}" for i in range(1, 5))
WIFE = "198501012010012005"  # a married woman, husband and 2 children on tunjangan: TK/0
WIDOW = "198501012010012006"  # janda (KDSTAWIN 3) with 2 children: TK/2
SINGLE = "198501012010011007"  # belum kawin: TK/0
GPP_MAN = "199001012015011008"  # kdkawin 1103: K/3
GPP_WOMAN = "199001012015012009"  # kdkawin 1103: TK/0
OVERRIDDEN = "198501012010012010"  # a married woman whose husband has no income: ptkp.csv K/2
HIRED = "199801012024101011"  # first payroll row in October: K/1 from then
NOTHING = "198501012010011012"  # a SIMGAJI row without family columns' values: default TK/0


def _simgaji() -> bytes:
    rows = [
        (K0, 2, 1, 0), (K1, 2, 1, 1), (K2, 2, 1, 2), (K3, 2, 1, 4), (WIFE, 2, 1, 2),
        (WIDOW, 3, 0, 2), (SINGLE, 1, 0, 0), (OVERRIDDEN, 2, 1, 2), (NOTHING, "", "", ""),
    ]  # fmt: skip
    lines = ["TGLGAJI;NIP;GAPOK;KDSTAWIN;JISTRI;JANAK"]
    lines += [f"01/01/2024;{nip};4000000;{k};{s};{a}" for nip, k, s, a in rows]
    # later in the year K0 has a child: the status at 1 January holds for the year
    lines += [f"01/06/2024;{K0};4000000;2;1;1", f"01/10/2024;{HIRED};2800000;2;1;1"]
    return ("\n".join(lines) + "\n").encode()


def _gpp() -> bytes:
    return (
        "nip,bulan,tahun,gjpokok,kdkawin\n"
        f"{GPP_MAN},01,2024,4000000,1103\n"
        f"{GPP_WOMAN},01,2024,4000000,1103\n"
    ).encode()


def _payroll() -> pd.DataFrame:
    frames = [read_payroll(_simgaji(), "s.csv").rows, read_payroll(_gpp(), "g.csv").rows]
    return pd.concat(frames, ignore_index=True)


PTKP_CSV = pd.DataFrame(
    {
        c.NIP: [OVERRIDDEN],
        c.PTKP_STATUS: ["K/2"],
        c.VALID_FROM: [pd.Timestamp("2023-01-01")],
        c.NPWP_STATUS: ["valid"],
    }
)


def test_status_from_family_data_with_its_source():
    nips = pd.Series([K0, K1, K2, K3, WIFE, WIDOW, SINGLE, GPP_MAN, GPP_WOMAN, OVERRIDDEN, NOTHING])
    status, _, note, source = resolve_ptkp(nips, PTKP_CSV, "2024-06", TAX, _payroll())
    got = dict(zip(nips, zip(status, source, strict=True), strict=True))
    assert got == {
        K0: ("K/0", "payroll"),  # January's row, not June's child
        K1: ("K/1", "payroll"),
        K2: ("K/2", "payroll"),
        K3: ("K/3", "payroll"),  # JANAK 4, capped at 3
        WIFE: ("TK/0", "payroll"),  # her husband is not her dependant; children on his PTKP
        WIDOW: ("TK/2", "payroll"),
        SINGLE: ("TK/0", "payroll"),
        GPP_MAN: ("K/3", "payroll"),
        GPP_WOMAN: ("TK/0", "payroll"),
        OVERRIDDEN: ("K/2", "reference"),  # ptkp.csv overrides the family data
        NOTHING: ("TK/0", "default"),
    }
    notes = dict(zip(nips, note, strict=True))
    assert notes[K3] == "PTKP K/3 from the payroll's family data (2024-01)"
    assert notes[NOTHING] == "no PTKP status: PPh 21 with the default TK/0"
    assert pd.isna(notes[OVERRIDDEN])
    # PTKP per year (54 jt + 4.5 jt married + 4.5 jt per dependant): K/0 58.5 jt .. K/3 72 jt
    assert [TAX.ptkp.amount(s) for s in ("K/0", "K/1", "K/2", "K/3", "TK/0")] == [
        58_500_000, 63_000_000, 67_500_000, 72_000_000, 54_000_000,
    ]  # fmt: skip


def test_a_new_hire_takes_the_first_month_of_work_in_the_year():
    nips = pd.Series([HIRED])
    for month, expected in (("2024-09", ("TK/0", "default")), ("2024-11", ("K/1", "payroll"))):
        status, _, _, source = resolve_ptkp(nips, PTKP_CSV, month, TAX, _payroll())
        assert (status.iloc[0], source.iloc[0]) == expected, month

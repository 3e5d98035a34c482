"""Payroll files that disagree (issue 19, item 4e): two files of one layout giving one NIP and
month different amounts are both quarantined, with both values, until HR or finance keeps one
(a keep decision); two layouts keep their profile precedence; identical rows are duplicates."""

import pandas as pd

from rules.tpp.inputs import open_payroll_conflicts, payroll_reasons
from vocabulary import columns as c

X, Y, Z = "199001012015031001", "198502022010012002", "198001012005011003"


def _payroll() -> pd.DataFrame:
    rows = [  # file, line, layout, nip, month, gaji pokok, keluarga
        ("payroll/gpp_a.csv", 2, "gpp", X, "2024-03", 3_200_000, 320_000),
        ("payroll/gpp_b.csv", 2, "gpp", X, "2024-03", 3_300_000, 320_000),  # disagrees
        ("payroll/gpp_a.csv", 3, "gpp", Y, "2024-03", 4_100_000, 0),
        ("payroll/gpp_b.csv", 3, "gpp", Y, "2024-03", 4_100_000, 0),  # the same: duplicate
        ("payroll/gpp_a.csv", 4, "gpp", Z, "2024-03", 5_000_000, 0),
        ("payroll/simgaji.csv", 2, "simgaji", Z, "2024-03", 5_100_000, 0),  # precedence
        ("payroll/gpp_a.csv", 5, "gpp", X, "2024-02", 3_200_000, 320_000),  # another month
    ]
    frame = pd.DataFrame(
        rows,
        columns=[c.SOURCE_FILE, c.SOURCE_LINE, c.LAYOUT, c.NIP, c.MONTH, c.GAJI_POKOK,
                 c.TUNJANGAN_KELUARGA],
    )  # fmt: skip
    frame[c.TUNJANGAN_JABATAN] = 0
    frame[c.TUNJANGAN_UMUM] = 185_000
    return frame.astype({c.NIP: "string", c.MONTH: "string", c.SOURCE_FILE: "string"})


def _keep(file: str, nip: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.DEVICE_KEY: pd.Series([None], dtype="string"),
            c.NIP: pd.Series([nip], dtype="string"),
            c.DATE_FROM: pd.Series([pd.Timestamp("2024-03-01")], dtype="datetime64[s]"),
            c.DATE_TO: pd.Series([pd.Timestamp("2024-03-31")], dtype="datetime64[s]"),
            c.DECISION: pd.Series(["keep"], dtype="string"),
            c.DECIDED_BY: pd.Series(["Kepala BPKAD (ND 900/7)"], dtype="string"),
            c.DECISION_FILE: pd.Series([file], dtype="string"),
        }
    )


KNOWN = pd.Series([X, Y, Z], dtype="string")
BOTH = (
    f"payroll rows disagree for NIP {X} in 2024-03 (files of one layout, gpp): "
    "payroll/gpp_a.csv:2 says gaji pokok 3200000, tunjangan 505000; payroll/gpp_b.csv:2 says "
    "gaji pokok 3300000, tunjangan 505000. None of them is used until HR or finance names the "
    "file to keep in attendance_decisions.csv (decision keep, file, decided_by)"
)
Z_HELD = (
    "conflicting payroll row for the NIP and month: this gpp row says gaji pokok 5000000, "
    "tunjangan 185000; the simgaji row at payroll/simgaji.csv:2 says gaji pokok 5100000, "
    "tunjangan 185000 and holds (profile tpp.payroll_priority)"
)


def _reasons(decisions=None) -> list:
    reasons = payroll_reasons(_payroll(), KNOWN, ["simgaji", "gpp"], decisions)
    return [None if pd.isna(r) else r for r in reasons]


def test_files_of_one_layout_that_disagree_are_both_quarantined_with_both_values():
    assert _reasons() == [
        BOTH,
        BOTH,
        None,
        "duplicate payroll row for the NIP and month; first at payroll/gpp_a.csv:3",
        Z_HELD,
        None,
        None,
    ]
    quarantine = pd.DataFrame({c.REASON: pd.Series(_reasons(), dtype="string")}).dropna()
    assert open_payroll_conflicts(quarantine, "2024-03").to_dict("records") == [
        {c.NIP: X, c.REASON: BOTH}
    ]
    assert open_payroll_conflicts(quarantine, "2024-02").empty


def test_a_keep_decision_names_the_row_that_holds():
    kept_b = (
        "conflicting payroll row for the NIP and month: this gpp row says gaji pokok 3200000, "
        "tunjangan 505000; the gpp row at payroll/gpp_b.csv:2 says gaji pokok 3300000, "
        "tunjangan 505000 and holds (HR/finance kept that file: attendance_decisions.csv, "
        "decided by Kepala BPKAD (ND 900/7))"
    )
    expected = [kept_b, None, None, _reasons()[3], Z_HELD, None, None]
    assert _reasons(_keep("payroll/gpp_b.csv")) == expected  # every NIP of the file
    assert _reasons(_keep("payroll/gpp_b.csv", X)) == expected  # or one NIP
    assert _reasons(_keep("payroll/gpp_b.csv", Y)) == _reasons()  # another NIP: still open
    assert _reasons(_keep("payroll/other.csv")) == _reasons()  # a file without X's row

"""formats.decisions: HR's decision file names a machine, an employee (NIP) or a payroll file to
keep; a row that says neither, or both, is quarantined with its reason (issue 19)."""

import pandas as pd

from formats.decisions import read_decisions
from vocabulary import columns as c

NIP = "199001012015031001"


def test_machine_employee_and_payroll_rows_and_what_is_refused():
    text = (
        "device_key,nip,date_from,date_to,decision,decided_by,note,file\n"
        "kec-timur,,2024-03-01,2024-03-31,excuse,Kepala BKPSDM,mesin rusak,\n"  # 2
        f",{NIP},2024-03-01,2024-03-15,charge,Kepala BKPSDM,,\n"  # 3
        f",19900101 201503 1 001,2024-03-18,2024-03-31,dimaafkan,Kepala BKPSDM,,\n"  # 4
        ",,2024-03-01,2024-03-31,keep,Kepala BPKAD,re-export,payroll/gpp_b.csv\n"  # 5
        ",,2024-03-01,2024-03-31,excuse,Kepala BKPSDM,,\n"  # 6: about nothing
        f"kec-timur,{NIP},2024-03-01,2024-03-31,excuse,Kepala BKPSDM,,\n"  # 7: about both
        ",,2024-03-01,2024-03-31,keep,Kepala BPKAD,,\n"  # 8: keep without a file
        f",{NIP},2024-03-01,2024-03-31,charge,Kepala BKPSDM,,payroll/x.csv\n"  # 9
        "kec-timur,,2024-03-01,2024-03-31,keep,Kepala BPKAD,,payroll/x.csv\n"  # 10
        f",{NIP},2024-03-01,2024-03-31,forgive,Kepala BKPSDM,,\n"  # 11
        f",{NIP},2024-03-01,2024-03-31,excuse,,,\n"  # 12
    )
    result = read_decisions(text.encode(), "attendance_decisions.csv")
    rows = result.rows
    assert list(rows[c.SOURCE_LINE]) == [2, 3, 4, 5]
    assert [None if pd.isna(v) else v for v in rows[c.DEVICE_KEY]] == [
        "kec-timur",
        None,
        None,
        None,
    ]
    assert [None if pd.isna(v) else v for v in rows[c.NIP]] == [None, NIP, NIP, None]
    assert list(rows[c.DECISION]) == ["excuse", "charge", "excuse", "keep"]
    assert rows[c.DECISION_FILE].iloc[3] == "payroll/gpp_b.csv"
    reasons = dict(zip(result.quarantine[c.SOURCE_LINE], result.quarantine[c.REASON], strict=True))
    assert reasons == {
        6: "device_key and nip are both empty: name the machine (device_key) or the employee "
        "(nip) the decision is about",
        7: "device_key and nip are both given: a decision is about a machine or about an "
        "employee; write two rows",
        8: "file is empty: a keep decision names the payroll file to keep",
        9: "file is given: only a keep decision names a payroll file; leave it empty",
        10: "device_key is given: a keep decision is about payroll files, not a machine",
        11: "decision must be excuse, charge, keep, carry or amount",
        12: "decided_by is empty: say who decided (it is audited)",
    }
    assert result.rows_in == len(rows) + len(result.quarantine) == 11


def test_a_file_written_before_issue_19_reads_as_before():
    text = (
        "device_key,date_from,date_to,decision,decided_by,note\n"
        "kec-timur,2024-03-01,2024-03-31,excuse,Kepala BKPSDM (ND 800/123),mesin rusak\n"
    )
    rows = read_decisions(text.encode(), "attendance_decisions.csv").rows
    assert list(rows[c.DEVICE_KEY]) == ["kec-timur"] and rows[c.NIP].isna().all()
    assert rows[c.DECISION_FILE].isna().all() and list(rows[c.NOTE]) == ["mesin rusak"]


def test_carry_and_amount_rows_about_one_employees_payroll_month():
    """Issue 21: finance decides an employee-month with TPP and no readable payroll row."""
    text = (
        "device_key,nip,date_from,date_to,decision,decided_by,note,file,amount\n"
        f",{NIP},2024-03-01,2024-03-31,carry,Kepala BPKAD,,,\n"  # 2
        f',{NIP},2024-04-01,2024-04-30,koreksi,Kepala BPKAD,,,"5.214.000,50"\n'  # 3
        ",,2024-03-01,2024-03-31,carry,Kepala BPKAD,,,\n"  # 4: no nip
        f",{NIP},2024-03-01,2024-03-31,amount,Kepala BPKAD,,,\n"  # 5: no amount
        f",{NIP},2024-03-01,2024-03-31,carry,Kepala BPKAD,,,100\n"  # 6: amount on carry
        f",{NIP},2024-03-01,2024-03-31,amount,Kepala BPKAD,,,lima juta\n"  # 7
    )
    result = read_decisions(text.encode(), "attendance_decisions.csv")
    rows = result.rows
    assert list(rows[c.DECISION]) == ["carry", "amount"]
    assert [None if pd.isna(v) else int(v) for v in rows[c.AMOUNT]] == [None, 5_214_001]
    reasons = dict(zip(result.quarantine[c.SOURCE_LINE], result.quarantine[c.REASON], strict=True))
    assert reasons == {
        4: "a carry or amount decision is about one employee's payroll month: give the nip, "
        "leave device_key and file empty",
        5: "amount is empty: an amount decision states the month's gaji gross in rupiah",
        6: "amount is given: only an amount decision states an amount; leave it empty",
        7: "amount 'limajuta' is not an amount in rupiah",
    }

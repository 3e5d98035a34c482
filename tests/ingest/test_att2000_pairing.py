"""An Att2000 CHECKINOUT export is read with the USERINFO table exported next to it (same machine
folder): USERIDs become the machines' PINs (Badgenumber), the staged parse is keyed by the
USERINFO's content, and every file (the USERINFO included) has its load_audit row. Without a
USERINFO the USERID is the PIN and the audit says so; with an ambiguous or unreadable one the
CHECKINOUT is rejected rather than read with the wrong PINs."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from ingest.attendance import file_manifest, stage_attendance
from resources import inbox as ib
from resources.rulebook import load_profile
from resources.state import StagingCache
from vocabulary import columns as c

MODIFIED = dt.datetime(2024, 4, 2, tzinfo=dt.UTC)
CHECKINOUT = (
    "USERID,CHECKTIME,CHECKTYPE,VERIFYCODE,SENSORID,Memoinfo,WorkCode,sn,UserExtFmt\r\n"
    "4,3/4/2024 7:26:00 AM,I,1,1,,0,3485154901201,0\r\n"
    "4,3/4/2024 4:31:00 PM,O,1,1,,0,3485154901201,0\r\n"
    "9,3/5/2024 7:40:00 AM,I,1,1,,0,3485154901201,0\r\n"
)
USERINFO = "USERID,Badgenumber,SSN,Name\r\n4,1023,,Budi\r\n9,88,,Siti\r\n5,,,Adi\r\n"


def stage(inbox: Path, files: dict[str, str | bytes], staging: Path | None = None):
    for rel, data in files.items():
        path = inbox / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    listed = [
        ib.InboxFile(**{**f.__dict__, "modified": MODIFIED}) for f in ib.list_attendance(inbox)
    ]
    cache = StagingCache(staging or inbox.parent / "staging")
    staged = stage_attendance(listed, {}, cache)
    checked, _ = file_manifest(staged, {}, load_profile("nasional"), dt.date(2020, 1, 1))
    return staged, checked


def audit_of(checked, file: str) -> dict:
    rows = checked.audit[checked.audit["file"] == file]
    assert len(rows) == 1, checked.audit
    return rows.iloc[0].to_dict()


def pins(staged, file: str) -> list[str]:
    (s,) = [s for s in staged if s.entry.rel == file]
    return s.result.rows[c.PIN].tolist()


def test_userids_become_badgenumbers_and_the_userinfo_is_audited(tmp_path):
    inbox = tmp_path / "inbox"
    staged, checked = stage(
        inbox,
        {
            "attendance/kantor/CHECKINOUT.csv": CHECKINOUT,
            "attendance/kantor/USERINFO.csv": USERINFO,
            "attendance/gudang/USERINFO.csv": USERINFO,  # the same table beside another machine
        },
    )
    assert pins(staged, "attendance/kantor/CHECKINOUT.csv") == ["1023", "1023", "88"]
    a = audit_of(checked, "attendance/kantor/CHECKINOUT.csv")
    assert (a["layout"], a["status"], a["rows_in"], a["rows_valid"]) == (
        "att2000_checkinout", "ok", 3, 3,
    )  # fmt: skip
    u = audit_of(checked, "attendance/kantor/USERINFO.csv")
    assert (u["layout"], u["status"], u["rows_in"], u["rows_valid"], u["rows_quarantined"]) == (
        "att2000_userinfo", "partial", 3, 2, 1,
    )  # fmt: skip
    assert u["message"].startswith("USERINFO table: USERID -> Badgenumber of 2 users")
    # a copy of the database's USERINFO beside a second machine is not a misplaced export
    assert audit_of(checked, "attendance/gudang/USERINFO.csv")["status"] == "partial"
    q = checked.quarantine
    assert q[[c.SOURCE_FILE, c.SOURCE_LINE, c.REASON]].values.tolist()[:1] == [
        ["attendance/gudang/USERINFO.csv", 4, "Badgenumber is empty: the PIN of this user is "
         "unknown"],
    ]  # fmt: skip
    assert (checked.audit["rows_in"] == checked.audit["rows_valid"] + checked.audit[
        "rows_quarantined"]).all()  # fmt: skip


def test_a_changed_userinfo_re_reads_the_checkinout(tmp_path):
    inbox, staging = tmp_path / "inbox", tmp_path / "staging"
    files = {"attendance/k/CHECKINOUT.csv": CHECKINOUT, "attendance/k/USERINFO.csv": USERINFO}
    first, _ = stage(inbox, files, staging)
    again, _ = stage(inbox, files, staging)
    assert [s.parsed_now for s in again if s.entry.rel.endswith("CHECKINOUT.csv")] == [False]
    changed = USERINFO.replace("4,1023", "4,2001")
    after, _ = stage(inbox, {"attendance/k/USERINFO.csv": changed}, staging)
    (s,) = [s for s in after if s.entry.rel.endswith("CHECKINOUT.csv")]
    assert s.parsed_now and s.result.rows[c.PIN].tolist() == ["2001", "2001", "88"]
    (old,) = [s for s in first if s.entry.rel.endswith("CHECKINOUT.csv")]
    assert old.cache_key != s.cache_key


def test_without_userinfo_the_userid_is_the_pin_and_the_audit_says_so(tmp_path):
    staged, checked = stage(tmp_path / "inbox", {"attendance/k/CHECKINOUT.csv": CHECKINOUT})
    assert pins(staged, "attendance/k/CHECKINOUT.csv") == ["4", "4", "9"]
    a = audit_of(checked, "attendance/k/CHECKINOUT.csv")
    assert a["status"] == "ok" and a["message"].startswith(
        "no USERINFO table beside this CHECKINOUT export: USERID (Att2000's internal user number) "
        "is taken as the PIN"
    )


def test_an_ambiguous_or_unreadable_userinfo_rejects_the_checkinout(tmp_path):
    _, checked = stage(
        tmp_path / "a",
        {
            "attendance/k/CHECKINOUT.csv": CHECKINOUT,
            "attendance/k/USERINFO.csv": USERINFO,
            "attendance/k/USERINFO_old.csv": USERINFO.replace("1023", "7"),
        },
    )
    a = audit_of(checked, "attendance/k/CHECKINOUT.csv")
    assert a["status"] == "rejected" and a["message"] == (
        "attendance/k/CHECKINOUT.csv: 2 USERINFO tables in attendance/k/ (USERINFO.csv, "
        "USERINFO_old.csv): which one maps this export's USERIDs to PINs is unknown; keep the "
        "one exported with it"
    )
    assert audit_of(checked, "attendance/k/USERINFO_old.csv")["status"] == "rejected"
    _, checked = stage(
        tmp_path / "b",
        {
            "attendance/k/CHECKINOUT.csv": CHECKINOUT,
            "attendance/k/USERINFO.csv": "USERID,Badgenumber\n",
        },
    )
    u = audit_of(checked, "attendance/k/USERINFO.csv")
    assert u["status"] == "empty" and "is empty: a header row" in u["message"]
    a = audit_of(checked, "attendance/k/CHECKINOUT.csv")
    assert (
        a["status"] == "rejected"
        and "its USERINFO table (USERINFO.csv) could not be read" in (a["message"])
    )


def test_a_userinfo_workbook_is_recognised(tmp_path):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("USERINFO")
    ws.write_row(0, 0, ["USERID", "Badgenumber", "Name"])
    ws.write_row(1, 0, ["4", "1023", "Budi"])
    wb.close()
    staged, checked = stage(
        tmp_path / "inbox",
        {"attendance/k/CHECKINOUT.csv": CHECKINOUT, "attendance/k/users.xlsx": buf.getvalue()},
    )
    assert pins(staged, "attendance/k/CHECKINOUT.csv") == ["1023", "1023"]
    a = audit_of(checked, "attendance/k/CHECKINOUT.csv")
    assert (a["rows_in"], a["rows_valid"], a["rows_quarantined"]) == (3, 2, 1)

"""ZKTime / Att2000 database tables exported to CSV or XLSX: ``CHECKINOUT`` (one row per scan)
and ``USERINFO`` (who each internal user number is).

``CHECKINOUT``: ``USERID, CHECKTIME, CHECKTYPE, VERIFYCODE, SENSORID, Memoinfo, WorkCode, sn,
UserExtFmt`` (the columns posted in adempiere/adempiere#1834 and written by Att2000 clients;
SQL Server copies add ``STAFFNO, TRDATE, TRTIME``). ``USERID`` is the database's own number for a
person, not the PIN typed on the machine: that is ``USERINFO.Badgenumber``. So a CHECKINOUT
export is read with the USERINFO export found next to it (same machine folder): each USERID
becomes its Badgenumber. An export that already joined the two (a ``Badgenumber`` column in
CHECKINOUT) needs no USERINFO. Without either, USERID is taken as the PIN and the file's info
says so (the PIN map must then list USERIDs).

``CHECKTIME`` is text in the exporting PC's locale (``6/27/16 9:26 AM``, ``2016-06-27 09:26:00``)
or an Excel date-time cell; one format per file. ``CHECKTYPE`` (``I``/``O``, either case, or
digits) is kept as a hint; ``VERIFYCODE`` as the verify method; ``sn`` is the machine serial and
``SENSORID`` the machine number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from formats.base import ReadResult, empty_quarantine, quarantine_rows
from formats.punches import build_result
from formats.tabular import Table, read_table
from formats.zktime_acno import cell_times
from vocabulary.frames import first_reason

ATT2000_CHECKINOUT = "att2000_checkinout"
ATT2000_USERINFO = "att2000_userinfo"
CHECKINOUT_REQUIRED = {"userid", "checktime"}
USERINFO_REQUIRED = {"userid", "badgenumber"}
# USERINFO holds names, ID numbers, addresses, phones: only these two columns are ever kept
_PERSONAL = re.compile(r"nam|nik|npwp|rek|account|card|pass|ssn|memo")


@dataclass
class UserInfo:
    """USERINFO read: USERID -> Badgenumber of the users whose row is usable.

    ``rows_in`` rows were read; ``quarantine`` holds the unusable ones with their reason (so that
    rows in = usable + quarantined)."""

    file: str
    badges: pd.Series  # Badgenumber (text) indexed by USERID (text), unique USERIDs
    rows_in: int
    quarantine: pd.DataFrame


def read_userinfo(data: bytes, file: str) -> UserInfo:
    """Read an Att2000 USERINFO export (only USERID and Badgenumber are kept).

    Raises:
        FileEmpty: a header and no rows.
        FileRejected: no USERID/Badgenumber header, or unreadable.
    """
    table = read_table(data, file, USERINFO_REQUIRED)
    v = table.values
    userid = v["userid"].str.strip()
    badge = v["badgenumber"].str.strip()
    counts = userid.map(userid.value_counts())
    badges_per_id = badge.groupby(userid).transform("nunique")
    reason = first_reason(
        (userid.isna(), "USERID is empty"),
        (badge.isna(), "Badgenumber is empty: the PIN of this user is unknown"),
        (
            (counts > 1) & (badges_per_id > 1),
            lambda i: (
                "USERID " + userid.loc[i] + " has several Badgenumbers: which PIN is meant "
                "is unknown"
            ),
        ),
        index=v.index,
    )
    bad = reason.notna().to_numpy()
    good = pd.DataFrame({"userid": userid[~bad], "badge": badge[~bad]})
    badges = good.drop_duplicates("userid").set_index("userid")["badge"]
    raw = v["userid"].fillna("") + " -> " + v["badgenumber"].fillna("")
    quarantine = (
        quarantine_rows(file, table.lines[bad], raw[bad], reason[bad])
        if bad.any()
        else empty_quarantine()
    )
    return UserInfo(file=file, badges=badges, rows_in=len(v), quarantine=quarantine)


def read_checkinout(
    table: Table,
    file: str,
    device_key: str,
    date_order: str | None,
    userinfo: UserInfo | None = None,
) -> ReadResult:
    """Read a CHECKINOUT export already split into a text table (see the module docstring for
    where the PIN comes from)."""
    v = table.values
    index = v.index
    userid = v["userid"].str.strip()
    info = dict(table.info)
    unknown_user = pd.Series(False, index=index)
    if "badgenumber" in v.columns:
        pin = v["badgenumber"].str.strip()
        info["pin"] = "Badgenumber (joined in the export)"
        no_pin = "Badgenumber is empty"
    elif userinfo is not None:
        pin = userid.map(userinfo.badges).astype("string")
        unknown_user = userid.notna() & pin.isna()
        info["pin"] = f"Badgenumber from {userinfo.file}"
        info["userinfo"] = userinfo.file
        no_pin = "USERID is empty"
    else:
        pin = userid
        info["pin"] = "USERID (no USERINFO)"
        info["warning"] = (
            "no USERINFO table beside this CHECKINOUT export: USERID (Att2000's internal user "
            "number) is taken as the PIN, so the PIN map must list USERIDs; export USERINFO "
            "(USERID, Badgenumber) into the same folder to use the machine's PINs"
        )
        no_pin = "USERID is empty"
    local_time, found = cell_times(table, "checktime", date_order)
    info.update(found)
    when = v["checktime"]
    where = userinfo.file if userinfo is not None else "USERINFO"
    reason = first_reason(
        (userid.isna() & ("badgenumber" not in v.columns), "USERID is empty"),
        (
            unknown_user,
            lambda i: (
                "USERID " + userid.loc[i] + f" is not in {where}: the PIN (Badgenumber) "
                "of this user is unknown"
            ),
        ),
        (pin.isna() | (pin == ""), no_pin),
        (when.isna(), "CHECKTIME is empty"),
        (
            local_time.isna(),
            lambda i: (
                "CHECKTIME '"
                + when.loc[i].fillna("")
                + "' does not match the file's date-time format "
                + info.get("time_format", "")
            ),
        ),
        index=index,
    )
    if "sn" in v.columns:
        serials = v["sn"].dropna().str.strip()
        serials = sorted(set(serials[serials != ""].tolist()))
        if serials:
            info["serial"] = ", ".join(serials[:10])
    kept = [col for col in v.columns if col in CHECKINOUT_REQUIRED or not _PERSONAL.search(col)]

    return build_result(
        layout=ATT2000_CHECKINOUT,
        file=file,
        device_key=device_key,
        lines=pd.Series(np.asarray(table.lines, dtype="int64"), index=index),
        raw=table.raw(kept),
        pin=pin,
        local_time=local_time,
        direction_hint=table.optional("checktype"),
        verify=table.optional("verifycode"),
        reason=reason,
        info=info,
    )

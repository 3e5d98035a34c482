"""Throughput of each attendance reader: records per second, one layout at a time.

    .venv/bin/python benchmarks/readers.py                          1 M records, 3 runs each
    .venv/bin/python benchmarks/readers.py --records 200000 --layouts easylink_scanlog zk_adms_kv
    ... --append BENCHMARKS.md

For every layout a file of ``--records`` scans is written in memory, in that layout's real shape
(deterministic: 20,000 PINs, one month of scans, in and out), and ``formats.attendance
.read_attendance`` reads it exactly as the pipeline does: detection, decoding, parsing, lineage,
quarantine. The time is wall time of that call (generation not counted), the median of
``--repeat`` runs, with the spread; records/s is records read / median. Every generated record
must be read as valid: a benchmark that quarantines its own input measures nothing.
"""

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# after the path (run as a script): E402
from benchmarks import measure  # noqa: E402
from formats.att2000 import UserInfo, read_userinfo  # noqa: E402
from formats.attendance import read_attendance  # noqa: E402

PINS = 20_000
START = np.datetime64("2024-03-01T00:00:00")


def _scans(n: int, seed: int = 1) -> pd.DataFrame:
    """n scans: PIN, naive local time (one month, 06:00-19:00), in/out state, verify code."""
    rng = np.random.default_rng(seed)
    seconds = rng.integers(0, 31, n) * 86_400 + rng.integers(6 * 3600, 19 * 3600, n)
    when = pd.Series(START + seconds.astype("timedelta64[s]"))
    state = (when.dt.hour >= 12).astype(int)
    return pd.DataFrame(
        {
            "pin": pd.Series(rng.integers(1, PINS + 1, n)).astype(str),
            "when": when,
            "iso": when.dt.strftime("%Y-%m-%d %H:%M:%S"),
            "state": state.astype(str),
            "verify": pd.Series(rng.choice([1, 15, 20], n)).astype(str),
        }
    )


def _text(lines: pd.Series, head: str = "") -> bytes:
    return (head + "\n".join(lines.tolist()) + "\n").encode()


def attlog(s: pd.DataFrame) -> bytes:
    return _text(s["pin"].str.rjust(9) + "\t" + s["iso"] + "\t1\t" + s["state"] + "\t1\t0")


def attlog_11(s: pd.DataFrame) -> bytes:
    return _text(s["pin"] + "\t" + s["iso"] + "\t1\t" + s["state"] + "\t1\t0\t0\t0\t0\t0\t0")


def adms(s: pd.DataFrame) -> bytes:
    lines = s["pin"] + "\t" + s["iso"] + "\t" + s["state"] + "\t" + s["verify"] + "\t0\t0\t0"
    return _text(lines, "POST /iclock/cdata?SN=CKJG1&table=ATTLOG&Stamp=9999 HTTP/1.1\n")


def adms_form(s: pd.DataFrame) -> bytes:
    lines = s["pin"] + "\t" + s["iso"] + "\t" + s["state"] + "\t" + s["verify"] + "\t0\t0\t0"
    return _text(lines, "SN=CKJG1&table=ATTLOG&Stamp=9999&data=")


def adms_kv(s: pd.DataFrame) -> bytes:
    lines = "PIN=" + s["pin"] + "\tTime=" + s["iso"] + "\tStatus=" + s["state"]
    return _text(lines + "\tVerifyMode=" + s["verify"])


def zktime_acno(s: pd.DataFrame) -> bytes:
    us = s["when"].dt.strftime("%m/%d/%Y %I:%M %p")
    lines = s["pin"] + "," + s.index.astype(str) + ",N" + s["pin"] + "," + us + ",C/In"
    return _text(lines, "AC-No.,No.,Name,Time,State\n")


def zk_standalone(s: pd.DataFrame) -> bytes:
    when = s["when"].dt.strftime("%d/%m/%Y %H:%M").str.replace(r"^0?|(?<= )0", "", regex=True)
    lines = 'DINAS,"Nama, ' + s["pin"] + '",' + s["pin"] + "," + when + " A12P12,C/In,1"
    return _text(lines, "Department,Name,No.,Date/Time,Status,Location ID\n")


def checkinout(s: pd.DataFrame) -> bytes:
    us = s["when"].dt.strftime("%m/%d/%Y %I:%M:%S %p")
    lines = s["pin"] + "," + us + ",I," + s["verify"] + ",1,,0,3485154901201"
    return _text(lines, "USERID,CHECKTIME,CHECKTYPE,VERIFYCODE,SENSORID,Memoinfo,WorkCode,sn\n")


def _userinfo() -> UserInfo:
    ids = pd.Series(range(1, PINS + 1)).astype(str)
    data = _text(ids + "," + (ids.astype(int) + 1000).astype(str), "USERID,Badgenumber\n")
    return read_userinfo(data, "USERINFO.csv")


def _records(s: pd.DataFrame, columns: dict[str, str], ints: tuple[str, ...] = ()) -> list:
    frame = pd.DataFrame({key: s[col] for key, col in columns.items()})
    for key in ints:
        frame[key] = frame[key].astype(int)
    return frame.to_dict("records")


EL = {"PIN": "pin", "ScanDate": "iso", "VerifyMode": "verify", "IOMode": "state"}


def easylink(s: pd.DataFrame) -> bytes:
    records = _records(s, EL, ("VerifyMode", "IOMode"))
    for r in records:
        r.update(SN="FIO66208021230737", WorkCode=0)
    return json.dumps({"Result": True, "Data": records}).encode()


def easylink_pages(s: pd.DataFrame, page: int = 1000) -> bytes:
    records = _records(s, EL, ("VerifyMode", "IOMode"))
    pages = [
        json.dumps({"Result": True, "IsSession": True, "Data": records[i : i + page]})
        for i in range(0, len(records), page)
    ]
    return ("\n".join(pages) + "\n").encode()


def fingerspot(s: pd.DataFrame) -> bytes:
    cols = {"pin": "pin", "scan": "iso", "verify": "verify", "status_scan": "state"}
    return json.dumps({"status": True, "data": _records(s, cols)}).encode()


def glog(s: pd.DataFrame) -> bytes:
    """The real office's GLog shape: record counter, terminal, EnNo, 'Name GMNo', Mode."""
    when = s["when"].dt.strftime("%Y/%m/%d %H:%M:%S")
    no = pd.Series(np.arange(1, len(s) + 1), index=s.index).astype(str)
    lines = no + "\t1\t" + s["pin"] + "\tPEGAWAI " + s["pin"] + " 1\t" + s["verify"] + "\t" + when
    return _text(lines, "No\tTMNo\tEnNo\tName GMNo\tMode\tDateTime\n")


def glog_12h(s: pd.DataFrame) -> bytes:
    """Newer firmware: IN/OUT and Antipass columns, MM-DD-YYYY and a 12-hour clock."""
    when = s["when"].dt.strftime("%m-%d-%Y %I:%M:%S%p")
    no = pd.Series(np.arange(1, len(s) + 1), index=s.index).astype(str)
    pin = s["pin"].str.zfill(8)
    lines = no + "\t2\t" + pin + "\t\t1\tFP\t" + s["state"] + "\t0\t" + when
    head = "No\tTMNo\tEnNo\tName\tGMNo\tMode\tIN/OUT\tAntipass\tDateTime\n"
    return _text(lines, head)


def hikvision(s: pd.DataFrame, page: int = 30) -> bytes:
    """Saved AcsEvent pages, one per line, 30 fingerprint or face events each."""
    when = s["when"].dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")
    minor = np.where(s["verify"] == "1", 38, 75)
    events = pd.DataFrame(
        {
            "major": 5,
            "minor": minor,
            "time": when,
            "employeeNoString": s["pin"],
            "serialNo": np.arange(1, len(s) + 1),
            "userType": "normal",
            "attendanceStatus": np.where(s["state"] == "0", "checkIn", "checkOut"),
        }
    ).to_dict("records")
    pages = [
        json.dumps({"AcsEvent": {"searchID": "1", "responseStatusStrg": "MORE",
                                 "numOfMatches": page, "InfoList": events[i : i + page]}})
        for i in range(0, len(events), page)
    ]  # fmt: skip
    return ("\n".join(pages) + "\n").encode()


BT = {"emp_code": "pin", "punch_time": "iso", "punch_state": "state", "verify_type": "verify"}


def biotime_json(s: pd.DataFrame, page: int = 1000) -> bytes:
    """Saved transactions pages (BioTime API), one per line."""
    records = _records(s, BT, ("verify_type",))
    for r in records:
        r.update(terminal_sn="CGE8231", first_name="", last_name="", upload_time=r["punch_time"])
    pages = [
        json.dumps({"count": len(records), "next": None, "previous": None, "msg": "",
                    "code": 0, "data": records[i : i + page]})
        for i in range(0, len(records), page)
    ]  # fmt: skip
    return ("\n".join(pages) + "\n").encode()


def biotime_csv(s: pd.DataFrame) -> bytes:
    """BioTime's transactions export with the API's names as headers."""
    lines = (
        pd.Series(np.arange(1, len(s) + 1), index=s.index).astype(str) + "," + s["pin"]
        + ",Budi,S,BKPSDM," + s["iso"] + "," + s["state"] + "," + s["verify"] + ",CGE8231"
    )  # fmt: skip
    head = "id,emp_code,first_name,last_name,department,punch_time,punch_state,verify_type,"
    return _text(lines, head + "terminal_sn\n")


# label -> (writer, the layout it must be read as, whether the USERINFO table is passed)
LAYOUTS: dict[str, tuple[Callable[[pd.DataFrame], bytes], str, bool]] = {
    "zk_attlog": (attlog, "zk_attlog", False),
    "zk_attlog (11 fields)": (attlog_11, "zk_attlog", False),
    "zk_adms": (adms, "zk_adms", False),
    "zk_adms (form-encoded)": (adms_form, "zk_adms", False),
    "zk_adms_kv": (adms_kv, "zk_adms_kv", False),
    "zktime_acno (CSV)": (zktime_acno, "zktime_acno", False),
    "zk_standalone_csv": (zk_standalone, "zk_standalone_csv", False),
    "att2000_checkinout (+USERINFO)": (checkinout, "att2000_checkinout", True),
    "easylink_scanlog": (easylink, "easylink_scanlog", False),
    "easylink_scanlog (JSON lines)": (easylink_pages, "easylink_scanlog", False),
    "fingerspot_json": (fingerspot, "fingerspot_json", False),
    "zk_glog": (glog, "zk_glog", False),
    "zk_glog (12-hour, MM-DD-YYYY)": (glog_12h, "zk_glog", False),
    "hikvision_acsevent (JSON lines)": (hikvision, "hikvision_acsevent", False),
    "biotime_json (JSON lines)": (biotime_json, "biotime_json", False),
    "biotime_csv": (biotime_csv, "biotime_csv", False),
}


def measure_layout(label: str, n: int, repeat: int) -> dict:
    """Generate ``n`` scans in the layout, read them ``repeat`` times; median seconds."""
    writer, layout, with_userinfo = LAYOUTS[label]
    data = writer(_scans(n))
    userinfo = _userinfo() if with_userinfo else None
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = read_attendance(data, "attendance/m1/bench", "m1", None, userinfo)
        times.append(time.perf_counter() - t)
    if result.layout != layout or len(result.rows) != n or len(result.quarantine):
        raise SystemExit(
            f"{label}: read as {result.layout}, {len(result.rows)} valid of {n}, "
            f"{len(result.quarantine)} quarantined: {result.quarantine.head(3).to_dict()}"
        )
    return {"label": label, "records": n, "bytes": len(data), "times": times}


def table(results: list[dict], repeat: int) -> list[str]:
    lines = [
        "| layout | records | MiB | s (median) | spread | records/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        med = statistics.median(r["times"])
        spread = f"{min(r['times']):.2f}–{max(r['times']):.2f}" if repeat > 1 else "–"
        lines.append(
            f"| {r['label']} | {r['records']:,} | {r['bytes'] / 2**20:,.0f} | {med:.2f} | "
            f"{spread} | {r['records'] / med:,.0f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layouts", nargs="+", choices=list(LAYOUTS), default=list(LAYOUTS))
    parser.add_argument("--append", type=Path, help="append the table to this markdown file")
    args = parser.parse_args()
    results = []
    for label in args.layouts:
        results.append(measure_layout(label, args.records, args.repeat))
        med = statistics.median(results[-1]["times"])
        print(f"{label}: {med:.2f} s", file=sys.stderr)
    blocks = [
        f"### Readers, run of {dt.date.today()}",
        "",
        f"Machine: {measure.machine()}; {args.repeat} runs per layout.",
        "",
        *table(results, args.repeat),
    ]
    text = "\n".join(blocks)
    print(text)
    if args.append:
        with args.append.open("a") as fh:
            fh.write("\n" + text + "\n")


if __name__ == "__main__":
    main()

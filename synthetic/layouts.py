"""Writing a machine's punches the way its export software does.

Lines are built with vectorised concatenation of object arrays from lookup tables (a string per
day, per second of the day, per PIN), so there is no Python loop per punch except for XLSX,
which only small machines use.

Files overlap as they do in a real inbox: a USB flash disk is dumped mid-month and again at the
end of the month (the second dump holds the first), ADMS bodies are pushed again after a
timeout, the Fingerspot pulls overlap by one two-day call, ZKTime exports are made mid-month and
for the whole month.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xlsxwriter

from synthetic.behaviour import Punches
from synthetic.machines import (
    ACNO_CSV,
    ACNO_XLSX,
    ADMS,
    FINGERSPOT,
    USB,
    USB_SSR,
    Device,
)
from synthetic.population import Period

# the reader's layout names, for the summary
LAYOUT_NAMES = {
    USB: "zk_attlog",
    USB_SSR: "zk_attlog_ssr",
    ADMS: "zk_adms",
    FINGERSPOT: "fingerspot_json",
    ACNO_CSV: "zktime_acno (csv)",
    ACNO_XLSX: "zktime_acno (xlsx)",
}
ACNO_HEADER = ["AC-No.", "No.", "Name", "Time", "State", "New State", "Exception", "Operation"]
RESET_DAY = dt.date(2000, 1, 1)
FIXED_CREATED = dt.datetime(2024, 1, 1, 8, 0, 0)  # workbook metadata: fixed for identical bytes
FINGERSPOT_VERIFY = {1: "1", 15: "4", 4: "3", 0: "2"}


@dataclass
class Written:
    rel: str  # path relative to the inbox
    layout: str
    records: int
    modified: dt.datetime  # local wall time of the machine when the file was made


class Tables:
    """Lookup tables shared by all machines: text per day, per second, per PIN."""

    def __init__(self, period: Period, max_pin: int) -> None:
        days = [*period.days, period.last + dt.timedelta(days=1), RESET_DAY]
        self.day_iso = np.array([f"{d.isoformat()} " for d in days], dtype=object)
        self.day_dmy = np.array([f"{d:%d/%m/%Y} " for d in days], dtype=object)
        self.day_us = np.array([f"{d.month}/{d.day}/{d.year} " for d in days], dtype=object)
        secs = np.arange(86400)
        h, m, s = secs // 3600, secs // 60 % 60, secs % 60
        self.tod = np.array(
            [f"{a:02d}:{b:02d}:{c:02d}" for a, b, c in zip(h, m, s, strict=True)], dtype=object
        )
        minutes = np.arange(1440)
        self.tod_us = np.array(
            [
                f"{(x // 60 + 11) % 12 + 1}:{x % 60:02d} {'AM' if x < 720 else 'PM'}"
                for x in minutes
            ],
            dtype=object,
        )
        pins = np.arange(max_pin + 1)
        self.pin = np.array([str(p) for p in pins], dtype=object)
        self.pin9 = np.array([f"{p:>9}" for p in pins], dtype=object)
        self.small = np.array([str(i) for i in range(16)], dtype=object)
        self.fs_verify = np.array([FINGERSPOT_VERIFY.get(i, "1") for i in range(16)], dtype=object)
        self.acno_state = np.array(["C/In", "C/Out"], dtype=object)
        self.days = days

    def iso(self, p: Punches) -> np.ndarray:
        return self.day_iso[p.shown_day] + self.tod[p.shown_sec]


def _bounds(p: Punches, n_days: int) -> np.ndarray:
    """Row offsets where each day starts (p is sorted by day)."""
    return np.searchsorted(p.day, np.arange(n_days + 1))


def _rows(lines: np.ndarray, sep: str) -> str:
    return sep.join(lines.tolist()) + sep


def _write(root: Path, rel: str, text: str, bom: bool = False) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def write_usb(
    root: Path, dev: Device, p: Punches, period: Period, t: Tables, ssr: bool
) -> list[Written]:
    """ZK USB attlog: a dump on the 16th (days 1-15) and one on the 1st of the next month
    (the whole month), each in a folder named after the day it was copied."""
    lines = (
        t.pin9[p.pin]
        + "\t"
        + t.iso(p)
        + "\t"
        + str(dev.number)
        + "\t"
        + t.small[p.state]
        + "\t"
        + t.small[p.verify]
        + "\t0"
    )
    cut = _bounds(p, period.n_days)
    out = []
    for _, a, b in period.months:
        for lo, hi in ((a, min(a + 15, b)), (a, b)):
            part = lines[cut[lo] : cut[hi]]
            if not len(part):
                continue
            dump_day = t.days[hi]
            rel = f"attendance/{dev.key}/{dump_day.isoformat()}/{dev.number}_attlog.dat"
            if ssr:
                body = _rows(part, "\r\n")
                check = f"{zlib.crc32(body.encode()):08X}"
                text = f"{dev.serial}\r\n{body}{check}\r\n"
            else:
                text = _rows(part, "\n")
            _write(root, rel, text)
            layout = USB_SSR if ssr else USB
            out.append(Written(rel, layout, len(part), _at(dump_day, 9, 5 + 3 * dev.number)))
    return out


def write_adms(root: Path, dev: Device, p: Punches, period: Period, t: Tables) -> list[Written]:
    """ADMS ATTLOG bodies saved by the server, a file per week; the last body of a week is
    pushed again at the start of the next (the machine missed the server's OK)."""
    lines = (
        t.pin[p.pin]
        + "\t"
        + t.iso(p)
        + "\t"
        + t.small[p.state]
        + "\t"
        + t.small[p.verify]
        + "\t0\t0\t0\t0\t0\t0"
    )
    cut = _bounds(p, period.n_days)
    out = []
    for _, a, b in period.months:
        last_body, last_count = "", 0
        for lo in range(a, b, 7):
            hi = min(lo + 7, b)
            bodies = [last_body] if last_body else []  # pushed again: the OK got lost
            repeated, new = last_count, 0
            for d in range(lo, hi):
                part = lines[cut[d] : cut[d + 1]]
                if not len(part):
                    continue
                stamp = 900_000_000 + int(cut[d])
                last_body = (
                    f"POST /iclock/cdata?SN={dev.serial}&table=ATTLOG&Stamp={stamp}\n"
                    + _rows(part, "\n")
                )
                last_count = len(part)
                bodies.append(last_body)
                new += len(part)
            if not new:
                continue
            rel = f"attendance/{dev.key}/cdata_{t.days[lo]:%Y%m%d}_{t.days[hi - 1]:%Y%m%d}.txt"
            _write(root, rel, "".join(bodies))
            out.append(Written(rel, ADMS, new + repeated, _at(t.days[hi], 0, 5)))
    return out


def write_fingerspot(
    root: Path, dev: Device, p: Punches, period: Period, t: Tables, refuse_once: bool
) -> list[Written]:
    """Saved get_attlog responses (two days per call): days 1-16 pulled on the 17th, days 15 to
    the end pulled on the 1st of the next month, so one call is in both files."""
    records = (
        '{"pin": "'
        + t.pin[p.pin]
        + '", "scan": "'
        + t.iso(p)
        + '", "verify": "'
        + t.fs_verify[p.verify]
        + '", "status_scan": "'
        + t.small[p.state]
        + '"}'
    )
    cut = _bounds(p, period.n_days)
    out = []
    for m, (_, a, b) in enumerate(period.months):
        calls = [(lo, min(lo + 2, b)) for lo in range(a, b, 2)]
        for half, chosen in enumerate((calls[:8], calls[7:])):
            responses = []
            count = 0
            for k, (lo, hi) in enumerate(chosen):
                part = records[cut[lo] : cut[hi]]
                if refuse_once and m == 0 and half == 1 and k == 2:
                    responses.append(
                        '{"status": false, "message": "request limit reached, try again in 60 '
                        'seconds", "data": []}'
                    )
                data = ",\n    ".join(part.tolist())
                data = f"\n    {data}\n  " if len(part) else ""
                responses.append(f'{{"status": true, "message": "success", "data": [{data}]}}')
                count += len(part)
            if not count:
                continue
            first, last = t.days[chosen[0][0]], t.days[chosen[-1][1] - 1]
            rel = f"attendance/{dev.key}/attlog_{first.isoformat()}_{last.isoformat()}.json"
            _write(root, rel, "[\n  " + ",\n  ".join(responses) + "\n]\n")
            out.append(Written(rel, FINGERSPOT, count, _at(t.days[chosen[-1][1]], 8, 15)))
    return out


def _acno_order(p: Punches, lo: int, hi: int) -> np.ndarray:
    """ZKTime lists 'original records' by employee, then time."""
    idx = np.flatnonzero((p.day >= lo) & (p.day < hi))
    return idx[np.lexsort((p.sec[idx], p.day[idx], p.pin[idx]))]


def write_acno_csv(
    root: Path, dev: Device, p: Punches, period: Period, t: Tables, names: np.ndarray
) -> list[Written]:
    """ZKTime CSV exports (day-first times), mid-month and for the whole month, CRLF."""
    sep = dev.csv_delimiter
    out = []
    for label, a, b in period.months:
        for lo, hi in ((a, min(a + 15, b)), (a, b)):
            idx = _acno_order(p, lo, hi)
            if not len(idx):
                continue
            q = p.take(idx)
            pin = t.pin[q.pin]
            when = t.day_dmy[q.shown_day] + t.tod[q.shown_sec]
            lines = (
                pin
                + sep
                + pin
                + sep
                + names[q.pin]
                + sep
                + when
                + sep
                + t.acno_state[q.state]
                + sep
                + sep
                + sep
            )
            header = sep.join(ACNO_HEADER)
            whole = hi == b
            name = (
                f"AttLog_{label}.csv"
                if whole
                else f"AttLog_{t.days[lo].isoformat()}_{t.days[hi - 1].isoformat()}.csv"
            )
            rel = f"attendance/{dev.key}/{name}"
            _write(root, rel, header + "\r\n" + _rows(lines, "\r\n"), bom=sep == ";")
            out.append(Written(rel, ACNO_CSV, len(idx), _at(t.days[hi], 10, 20)))
    return out


def write_acno_xlsx(
    root: Path, dev: Device, p: Punches, period: Period, t: Tables, names: np.ndarray
) -> list[Written]:
    """ZKTime workbook per month with US 'M/D/YYYY h:mm AM' text times (the export PC runs an
    English locale), the AC-No. as a number cell."""
    out = []
    for label, a, b in period.months:
        idx = _acno_order(p, a, b)
        if not len(idx):
            continue
        q = p.take(idx)
        when = (t.day_us[q.shown_day] + t.tod_us[q.shown_sec // 60]).tolist()
        who = names[q.pin].tolist()
        state = t.acno_state[q.state].tolist()
        pins = q.pin.tolist()
        rel = f"attendance/{dev.key}/AttLog_{label}.xlsx"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        book.set_properties({"created": FIXED_CREATED, "author": "ZKTime"})
        sheet = book.add_worksheet("Original Records")
        for col, text in enumerate(ACNO_HEADER):
            sheet.write_string(0, col, text)
        write_number, write_string = sheet.write_number, sheet.write_string
        for row, (pin, name, tm, st) in enumerate(zip(pins, who, when, state, strict=True), 1):
            write_number(row, 0, pin)
            write_number(row, 1, pin)
            if name:
                write_string(row, 2, name)
            write_string(row, 3, tm)
            write_string(row, 4, st)
        book.close()
        out.append(Written(rel, ACNO_XLSX, len(idx), _at(t.days[b], 10, 40)))
    return out

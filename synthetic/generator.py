"""Generate a simulated pemda inbox: what HR would drop for the pipeline, in every layout.

    generate(Path("inbox-sim"), employees=20_000, start="2024-03", months=1, seed=1,
             profile=load_profile("nasional"))

writes ``attendance/<device_key>/...`` (ZK USB attlog plain and SSR, ZK ADMS bodies, ZKTime
AC-No. CSV and XLSX, Fingerspot JSON), ``devices.csv``, ``pin_map.csv``, ``employees.csv``,
``leave.csv`` and a ``.synthetic`` marker. The same seed gives byte-identical files. Files get the
modification time the machine's export would have (the morning after the dump, in its zone), so
the pipeline's "scan from the future" check sees realistic files.

The behaviour is realistic rather than tidy: late arrivals (some employees chronically),
early departures, missing check-ins and check-outs, repeated scans, absences without leave,
leave and dinas luar (approved, pending, rejected), weekend punches, PINs in no map, PIN
re-enrolments with stray punches of the old PIN, a machine whose clock drifts, one punch dated
2000-01-01 after a power cut, new employees and retirements inside the period, and files that
repeat each other's records.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from rules.profile import Profile
from synthetic import layouts
from synthetic.behaviour import simulate
from synthetic.dialog import write_dialog
from synthetic.ekinerja import write_ekinerja
from synthetic.enrolment import plant_late_enrolment
from synthetic.feedback_rhk_lapkin import hierarchy, write_feedback_rhk_lapkin
from synthetic.machines import (
    ACNO_CSV,
    ACNO_XLSX,
    ADMS,
    FINGERSPOT,
    USB,
    USB_SSR,
)
from synthetic.payroll import write_payroll
from synthetic.population import build_population, make_period

MARKER = ".synthetic"


@dataclass(frozen=True)
class GenerationSummary:
    """What ``generate`` wrote."""

    out: Path
    employees: int
    devices: int
    first_day: dt.date
    last_day: dt.date
    seed: int
    files: dict[str, int]  # files written per layout (reference files under their own name)
    punches: int  # punch records written over all attendance files, repeats included
    unique_punches: int  # distinct punches the machines recorded
    leave_rows: int
    pin_map_rows: int
    seconds: float
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        per_layout = ", ".join(f"{k} {v}" for k, v in self.files.items())
        return [
            f"synthetic inbox {self.out} (seed {self.seed}): {self.employees} employees, "
            f"{self.devices} devices, {self.first_day} to {self.last_day}",
            f"files: {sum(self.files.values())} ({per_layout})",
            f"punch records written: {self.punches:,} ({self.unique_punches:,} distinct punches; "
            "the rest repeat across overlapping files)",
            f"reference rows: pin_map {self.pin_map_rows:,}, leave {self.leave_rows:,}",
            *self.notes,
            f"generated in {self.seconds:.1f} s",
        ]


def _prepare(out: Path) -> None:
    """Create ``out`` or empty it if it holds an earlier synthetic inbox; refuse otherwise."""
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a directory; choose another output path")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FileExistsError(
                f"{out} is not empty and has no {MARKER} marker, so it is not a synthetic inbox "
                "written by this generator; refusing to overwrite it. Choose an empty or new "
                "directory."
            )
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def _csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def _touch(path: Path, local: dt.datetime, zone: str) -> None:
    stamp = local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).timestamp()
    os.utime(path, (stamp, stamp))


def generate(
    out: Path, employees: int, start: str, months: int, seed: int = 1, *, profile: Profile
) -> GenerationSummary:
    """Write a simulated inbox.

    Args:
        out: the inbox directory; created, or emptied when it holds an earlier synthetic inbox.
        employees: number of employees (all four export layouts appear from about 50 on).
        start: first month, 'YYYY-MM'.
        months: number of months.
        seed: random seed; the same seed gives byte-identical files.
        profile: the rulebook whose work calendar the simulated office keeps (the caller loads
            it, e.g. ``resources.rulebook.load_profile('nasional')``).

    Raises:
        FileExistsError: ``out`` is not empty and has no ``.synthetic`` marker.
        ValueError: bad ``start``, ``months`` or ``employees``.
    """
    began = time.perf_counter()
    out = Path(out)
    period = make_period(start, months, profile)
    if employees < 1:
        raise ValueError(f"employees must be at least 1, got {employees}")
    _prepare(out)
    (out / MARKER).write_text(
        "Synthetic inbox written by synthetic.generator; the generator may wipe this "
        f"directory.\nseed={seed} employees={employees} start={start} months={months}\n",
        encoding="utf-8",
    )

    rng = np.random.default_rng(seed)
    pop = build_population(rng, employees, period)
    punches, specials = simulate(rng, pop, period)

    max_pin = int(punches.pin.max()) if len(punches) else 0
    tables = layouts.Tables(period, max(max_pin, int(pop.new_pin.max(initial=0))))
    written: list[tuple[layouts.Written, str]] = []
    starts = np.searchsorted(punches.device, np.arange(len(pop.devices) + 1))
    refused = False
    for i, dev in enumerate(pop.devices):
        p = punches.take(np.arange(starts[i], starts[i + 1]))
        if dev.layout in (USB, USB_SSR):
            files = layouts.write_usb(out, dev, p, period, tables, ssr=dev.layout == USB_SSR)
        elif dev.layout == ADMS:
            files = layouts.write_adms(out, dev, p, period, tables)
        elif dev.layout == FINGERSPOT:
            files = layouts.write_fingerspot(out, dev, p, period, tables, refuse_once=not refused)
            refused = True
        else:
            mine = pop.emp_device == i
            names = np.full(len(tables.pin), "", dtype=object)
            names[pop.pin[mine]] = pop.device_name[mine]
            names[pop.new_pin[mine]] = pop.device_name[mine]
            if dev.layout == ACNO_CSV:
                names = np.array([n.replace(dev.csv_delimiter, " ") for n in names], dtype=object)
                files = layouts.write_acno_csv(out, dev, p, period, tables, names)
            else:
                files = layouts.write_acno_xlsx(out, dev, p, period, tables, names)
        written += [(f, dev.timezone) for f in files]

    devices = pd.DataFrame(
        {
            "device_key": [d.key for d in pop.devices],
            "timezone": [d.timezone for d in pop.devices],
            "date_order": [d.date_order for d in pop.devices],
        }
    )
    # an employee the PIN map knows only from the 8th working day (issue 19), from its own
    # random stream so that every other file of the seed stays byte-identical
    pin_map, decisions, late_note = plant_late_enrolment(
        np.random.default_rng([seed, 6]),
        pop.pin_map,
        pop.employees,
        period.days,
        period.is_workday,
        period.first + dt.timedelta(days=period.months[0][2] - 1),
    )
    _csv(devices, out / "devices.csv")
    _csv(pin_map, out / "pin_map.csv")
    _csv(pop.employees, out / "employees.csv")
    _csv(pop.leave, out / "leave.csv")
    reference = ["devices.csv", "pin_map.csv", "employees.csv", "leave.csv"]
    if decisions is not None:
        _csv(decisions, out / "attendance_decisions.csv")
        reference.append("attendance_decisions.csv")
    received = dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time(7, 45))
    for name in reference:
        _touch(out / name, received, "Asia/Jakarta")
    for f, zone in written:
        _touch(out / f.rel, f.modified, zone)

    counts: dict[str, int] = {}
    for layout in (USB, USB_SSR, ADMS, ACNO_CSV, ACNO_XLSX, FINGERSPOT):
        n = sum(1 for f, _ in written if f.layout == layout)
        if n:
            counts[layouts.LAYOUT_NAMES[layout]] = n
    counts["reference csv"] = len(reference)
    # e-Kinerja exports from their own random stream, so the attendance files of a seed do not
    # change when the e-Kinerja writer does
    for kind, n in write_payroll(
        out,
        pop.employees,
        start,
        months,
        np.random.default_rng([seed, 3]),
        tax_rng=np.random.default_rng([seed, 5]),  # PTKP: its own stream (synthetic/tax.py)
    ).items():
        counts[f"payroll {kind}"] = n
    # the atasan of each employee, as the RHK writer draws it first from its own stream: the
    # penilai of the annual assessment
    boss = (
        hierarchy(pop.employees.reset_index(drop=True), np.random.default_rng([seed, 4]))
        if len(pop.employees) >= 2
        else None
    )
    for kind, n in write_ekinerja(
        out, pop.employees, start, months, np.random.default_rng([seed, 2]), boss
    ).items():
        counts[f"ekinerja {kind}"] = n
    for kind, n in write_feedback_rhk_lapkin(
        out, pop.employees, start, months, np.random.default_rng([seed, 4])
    ).items():
        counts[f"ekinerja {kind}"] = n
    # dialog kinerja: its own stream (issue 25), after the RHK export it reads back
    for kind, n in write_dialog(
        out, pop.employees, start, months, np.random.default_rng([seed, 25])
    ).items():
        counts[f"ekinerja {kind}"] = n
    wita = [d.key for d in pop.devices if d.timezone != "Asia/Jakarta"]
    notes = [
        "devices: " + ", ".join(f"{d.key}={layouts.LAYOUT_NAMES[d.layout]}" for d in pop.devices),
        f"clock drift on {specials.drift_device}; reset punch (2000-01-01) on "
        f"{specials.reset_device}; WITA devices: {', '.join(wita) or 'none'}",
        f"weekend/holiday punches {specials.weekend_punches}, punches of unmapped PINs "
        f"{specials.unmapped_punches}, stray old-PIN punches {specials.stray_old_pin_punches}",
        *([late_note] if late_note else []),
    ]
    return GenerationSummary(
        out=out,
        employees=employees,
        devices=len(pop.devices),
        first_day=period.first,
        last_day=period.last,
        seed=seed,
        files=counts,
        punches=sum(f.records for f, _ in written),
        unique_punches=len(punches),
        leave_rows=len(pop.leave),
        pin_map_rows=len(pop.pin_map),
        seconds=time.perf_counter() - began,
        notes=notes,
    )

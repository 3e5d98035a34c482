"""Enrolment of the simulated employees on their machines: PINs numbered per machine with gaps,
re-enrolments under a new PIN, the PIN map HR keeps (with its usual omissions) and PINs that
punch without being in the map."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from synthetic.machines import Device
from synthetic.people import iso


def pins(
    rng: np.random.Generator, n_devices: int, emp_device: np.ndarray, starter: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each employee's PIN on their machine (new employees enrolled after everyone else) and
    the highest PIN per machine."""
    pin = np.zeros(len(emp_device), dtype=np.int64)
    max_pin = np.zeros(n_devices, dtype=np.int64)
    for d in range(n_devices):
        m = np.flatnonzero(emp_device == d)
        if len(m) == 0:
            continue
        pool = np.arange(1, int(len(m) * 1.3) + 12)
        pin[m] = np.sort(rng.choice(pool, len(m), replace=False))
        new = m[starter[m]]
        pin[new] = pin[m].max() + 1 + np.arange(len(new))
        max_pin[d] = pin[m].max()
    return pin, max_pin


def reenrolments(
    rng: np.random.Generator,
    is_workday: np.ndarray,
    regular: np.ndarray,
    emp_device: np.ndarray,
    pin: np.ndarray,
    max_pin: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """A new PIN on the same machine from ``change_day`` on for a few regular employees
    (``max_pin`` is advanced in place). Returns (new_pin, change_day)."""
    n, n_days = len(pin), len(is_workday)
    change_day = np.full(n, n_days + 1, dtype=np.int64)
    new_pin = pin.copy()
    workdays = np.flatnonzero(is_workday)
    n_change = min(len(regular), max(1, min(40, n // 500))) if n >= 20 and len(workdays) > 2 else 0
    lo, hi = len(workdays) // 3, max(len(workdays) // 3 + 1, (len(workdays) * 4) // 5)
    for e in rng.choice(regular, n_change, replace=False) if n_change else []:
        d = int(emp_device[e])
        max_pin[d] += int(rng.integers(1, 4))
        new_pin[e] = max_pin[d]
        change_day[e] = workdays[int(rng.integers(lo, hi))]
    return new_pin, change_day


def pin_map(
    rng: np.random.Generator,
    devices: list[Device],
    emp_device: np.ndarray,
    nip: np.ndarray,
    tmt_text: pd.Series,
    pin: np.ndarray,
    new_pin: np.ndarray,
    change_day: np.ndarray,
    retiree: np.ndarray,
    retire_day: np.ndarray,
    days64: np.ndarray,
) -> pd.DataFrame:
    """pin_map.csv: one row per PIN, valid from the machine's installation or the employee's
    TMT; a re-enrolment closes the old PIN; HR closes a retiree's PIN only sometimes."""
    n, n_days = len(nip), len(days64)
    install = np.array(
        [dt.date(int(y), 1, 2) for y in rng.integers(2018, 2023, len(devices))],
        dtype="datetime64[D]",
    )
    tmt_date = pd.to_datetime(tmt_text, format="%d-%m-%Y").to_numpy().astype("datetime64[D]")
    valid_from = np.maximum(install[emp_device], tmt_date)
    keys = np.array([d.key for d in devices], dtype=object)
    changed = np.flatnonzero(change_day <= n_days)
    old_to = np.full(n, "", dtype=object)
    old_to[changed] = iso(days64[change_day[changed] - 1])
    retire_to = rng.random(n) < 0.5  # HR closes the PIN of a retiree only sometimes
    old_to = np.where(retiree & retire_to, iso(days64[np.maximum(retire_day - 1, 0)]), old_to)
    base = pd.DataFrame(
        {
            "device_key": keys[emp_device],
            "pin": pin.astype(str),
            "nip": nip,
            "valid_from": iso(valid_from),
            "valid_to": old_to,
        }
    )
    extra = pd.DataFrame(
        {
            "device_key": keys[emp_device[changed]],
            "pin": new_pin[changed].astype(str),
            "nip": nip[changed],
            "valid_from": iso(days64[change_day[changed]]),
            "valid_to": "",
        }
    )
    frame = pd.concat([base, extra], ignore_index=True)
    frame["_dev"] = np.concatenate([emp_device, emp_device[changed]])
    frame["_pin"] = np.concatenate([pin, new_pin[changed]])
    frame = frame.sort_values(["_dev", "_pin"], kind="stable").drop(columns=["_dev", "_pin"])
    return frame.reset_index(drop=True)


def unknown_pins(rng: np.random.Generator, max_pin: np.ndarray) -> list[np.ndarray]:
    """Per machine, PINs that punch but are in no map (guests, staff enrolled before HR was
    told)."""
    n_devices = len(max_pin)
    unknown: list[np.ndarray] = [np.zeros(0, np.int64) for _ in range(n_devices)]
    n_unknown = max(2, round(n_devices * 0.3))
    for d in rng.choice(n_devices, n_unknown, replace=True):
        extra_pin = max_pin[d] + 200 + int(rng.integers(1, 300))
        unknown[d] = np.unique(np.append(unknown[d], extra_pin))
    return unknown


DECIDED_BY = "Kepala BKPSDM (synthetic)"


def plant_late_enrolment(
    rng: np.random.Generator,
    pin_map: pd.DataFrame,
    employees: pd.DataFrame,
    days: list[dt.date],
    is_workday: np.ndarray,
    month_last: dt.date,
) -> tuple[pd.DataFrame, pd.DataFrame | None, str]:
    """One employee HR added to the PIN map late (issue 19): their only row starts on the
    first month's 8th working day, so on the days before it no machine knows them (the
    machine has their punches, quarantined as unmapped) and they are not judged. The decision
    file carries HR's excuse for those days, so the demo's months still close; the run summary
    lists them as not enrolled, decided. Drawn from its own random stream: every other file
    of a seed stays as it was.

    Returns:
        The PIN map with that row's ``valid_from`` moved, attendance_decisions.csv's rows (None
        when no employee fits: one PIN-map row, open-ended, on one machine, active before the
        period and not retiring in it) and a note for the summary.
    """
    rows_per_nip = pin_map["nip"].value_counts()
    tmt = pd.to_datetime(employees["tmtCpns"], format="%d-%m-%Y").dt.date
    staying = employees.loc[(employees["tmtPensiun"] == "") & (tmt <= days[0]), "nipBaru"]
    candidates = pin_map[
        pin_map["nip"].isin(staying)
        & pin_map["nip"].map(rows_per_nip).eq(1)
        & (pin_map["valid_to"] == "")
        & (pin_map["device_key"] != "*")
    ]
    workdays = [d for d, w in zip(days, is_workday, strict=True) if w and d <= month_last]
    if candidates.empty or len(workdays) < 2:
        return pin_map, None, ""
    row = candidates.index[int(rng.integers(len(candidates)))]
    start = workdays[min(7, len(workdays) - 1)]
    out = pin_map.copy()
    out.loc[row, "valid_from"] = start.isoformat()
    nip = str(out.loc[row, "nip"])
    decisions = pd.DataFrame(
        {
            "device_key": [""],
            "nip": [nip],
            "date_from": [days[0].isoformat()],
            "date_to": [(start - dt.timedelta(days=1)).isoformat()],
            "decision": ["excuse"],
            "decided_by": [DECIDED_BY],
            "note": ["PIN-map row added late; the machine has the punches (unmapped)"],
            "file": [""],
        }
    )
    note = (
        f"not enrolled until {start}: NIP {nip} (its pin_map.csv row starts late, its earlier "
        "punches are unmapped; attendance_decisions.csv excuses those days)"
    )
    return out, decisions, note

"""Punches of the simulated employees, vectorised over every (employee, day) pair.

Times are seconds since local midnight of the machine, so the branch office in WITA punches at
07:20 WITA like everyone else at 07:20 WIB. Each punch carries the day and second it really
happened (``day``/``sec``: the machine's log order) and what the machine wrote
(``shown_day``/``shown_sec``: with a drifting clock, or 2000-01-01 after a reset).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synthetic.machines import ACNO_XLSX, ADMS, USB, USB_SSR
from synthetic.population import Period, Population

MINUTE = 60
LATEST_EARLY_LEAVE = 12 * 3600 + 30 * MINUTE  # early leavers still leave after 12:30
DRIFT_PER_DAY = 30  # seconds the drifting machine gains per day


@dataclass
class Punches:
    device: np.ndarray
    pin: np.ndarray
    day: np.ndarray
    sec: np.ndarray
    shown_day: np.ndarray  # n_days + 1 means the reset date 2000-01-01
    shown_sec: np.ndarray
    state: np.ndarray  # 0 = in, 1 = out (the machine's hint; sometimes wrong)
    verify: np.ndarray  # 1 finger, 15 face, 4 card, 0 password (ZK codes)

    def __len__(self) -> int:
        return len(self.device)

    def take(self, index: np.ndarray) -> Punches:
        return Punches(*(getattr(self, f)[index] for f in self.__dataclass_fields__))


@dataclass
class Specials:
    """Where the one-off events landed, for the summary."""

    drift_device: str | None
    reset_device: str | None
    weekend_punches: int
    unmapped_punches: int
    stray_old_pin_punches: int


def _cat(parts: list[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    return tuple(np.concatenate(cols) for cols in zip(*parts, strict=True))


def simulate(rng: np.random.Generator, pop: Population, period: Period) -> tuple[Punches, Specials]:
    """Every punch the machines record in the period, sorted by machine and time."""
    n, n_days = len(pop.pin), period.n_days
    cells = n * n_days
    emp = np.repeat(np.arange(n, dtype=np.int64), n_days)
    day = np.tile(np.arange(n_days, dtype=np.int64), n)
    active = (day >= pop.active_from[emp]) & (day < pop.active_to[emp])
    on_leave = pop.on_leave[:, :n_days].reshape(-1)
    workday = period.is_workday[day]

    u = rng.random((6, cells), dtype=np.float32)
    present = active & workday & ~on_leave & (u[0] >= pop.absent_p[emp])
    weekend = active & ~workday & ~on_leave & (u[1] < 0.001)

    # working days: arrival and departure around the schedule
    p_emp, p_day = emp[present], day[present]
    k = len(p_emp)
    start, end = period.start_s[p_day], period.end_s[p_day]
    late = u[2][present] < pop.late_p[p_emp]
    late_min = np.minimum(1 + np.floor(rng.exponential(16.0, k)), 200).astype(np.int64)
    arrive = np.where(
        late,
        start + late_min * MINUTE + rng.integers(0, MINUTE, k),
        start - rng.integers(5 * MINUTE, 25 * MINUTE + 1, k),
    )
    early = u[3][present] < pop.early_p[p_emp]
    early_min = (1 + np.floor(rng.exponential(22.0, k))).astype(np.int64)
    leave = np.where(
        early,
        np.maximum(end - early_min * MINUTE - rng.integers(0, MINUTE, k), LATEST_EARLY_LEAVE),
        end + rng.integers(0, 40 * MINUTE + 1, k),
    )
    miss = u[4][present]
    has_in = ~((miss >= 0.03) & (miss < 0.04))  # ~1 % without a check-in
    has_out = miss >= 0.03  # ~3 % without a check-out
    rep = u[5][present]
    rep_in = has_in & (rep < 0.03)
    rep_out = has_out & (rep >= 0.97)

    def gap(m: int) -> np.ndarray:
        """Seconds to a repeated scan: a few seconds (finger not read), or minutes."""
        return np.where(
            rng.random(m) < 0.6, rng.integers(2, 16, m), rng.integers(MINUTE, 5 * MINUTE, m)
        )

    # weekends and holidays: a few come in for a morning (kerja bakti, lembur)
    w_emp, w_day = emp[weekend], day[weekend]
    n_weekend = len(w_emp)
    w_in = rng.integers(7 * 3600 + 30 * MINUTE, 9 * 3600, n_weekend)
    w_out = rng.integers(12 * 3600, 14 * 3600, n_weekend)

    parts = [
        (p_emp[has_in], p_day[has_in], arrive[has_in], np.zeros(int(has_in.sum()), np.int8)),
        (p_emp[has_out], p_day[has_out], leave[has_out], np.ones(int(has_out.sum()), np.int8)),
        (
            p_emp[rep_in],
            p_day[rep_in],
            arrive[rep_in] + gap(int(rep_in.sum())),
            np.zeros(int(rep_in.sum()), np.int8),
        ),
        (
            p_emp[rep_out],
            p_day[rep_out],
            leave[rep_out] + gap(int(rep_out.sum())),
            np.ones(int(rep_out.sum()), np.int8),
        ),
        (w_emp, w_day, w_in, np.zeros(n_weekend, np.int8)),
        (w_emp, w_day, w_out, np.ones(n_weekend, np.int8)),
    ]
    e_all, d_all, s_all, st_all = _cat(parts)
    dev_all = pop.emp_device[e_all]
    pin_all = np.where(d_all >= pop.change_day[e_all], pop.new_pin[e_all], pop.pin[e_all])

    # stray punches of an old PIN after its re-enrolment (the old template was not deleted)
    changed = np.flatnonzero(pop.change_day <= n_days)
    stray: list[tuple[np.ndarray, ...]] = []
    later = np.flatnonzero(period.is_workday)
    if len(changed):
        who = rng.choice(changed, 2)
        for e in who:
            after = later[later >= pop.change_day[e]]
            if not len(after):
                continue
            d = int(after[int(rng.integers(0, len(after)))])
            s = int(period.start_s[d]) - int(rng.integers(6 * MINUTE, 20 * MINUTE))
            stray.append(
                (
                    np.array([pop.emp_device[e]]),
                    np.array([pop.pin[e]]),
                    np.array([d]),
                    np.array([s]),
                    np.zeros(1, np.int8),
                )
            )

    # PINs in no map: guests and staff HR has not told about yet
    unknown: list[tuple[np.ndarray, ...]] = []
    wd = np.flatnonzero(period.is_workday)
    for dev, pins in enumerate(pop.unknown_pins):
        for p in pins:
            if not len(wd):
                break
            days = np.sort(rng.choice(wd, min(len(wd), int(rng.integers(1, 3))), replace=False))
            c = len(days)
            unknown.append(
                (
                    np.full(2 * c, dev),
                    np.full(2 * c, p),
                    np.repeat(days, 2),
                    np.repeat(period.start_s[days], 2)
                    + np.tile([-10 * MINUTE, 8 * 3600], c)
                    + rng.integers(0, 900, 2 * c),
                    np.tile(np.array([0, 1], np.int8), c),
                )
            )

    cols = [(dev_all, pin_all, d_all, s_all, st_all), *stray, *unknown]
    device, pin, dayv, sec, state = _cat(cols)
    n_p = len(device)
    shown_day, shown_sec = dayv.copy(), sec.copy()

    # a machine whose clock gains ~30 s a day (set right again when HR collects the month)
    candidates = [i for i, d in enumerate(pop.devices) if d.layout in (USB, USB_SSR, ADMS)]
    drift = int(rng.choice(candidates)) if candidates else None
    if drift is not None:
        month_start = np.zeros(n_days, np.int64)
        for _, a, b in period.months:
            month_start[a:b] = a
        m = device == drift
        shown_sec[m] += DRIFT_PER_DAY * (dayv[m] - month_start[dayv[m]])
        carry = shown_sec // 86400
        shown_day += carry
        shown_sec -= carry * 86400

    # one punch right after a power cut: the clock fell back to 2000-01-01 00:00:00
    usb = [i for i, d in enumerate(pop.devices) if d.layout in (USB, USB_SSR)]
    text = [i for i, d in enumerate(pop.devices) if d.layout != ACNO_XLSX]
    pool = [i for i in usb if i != drift] or usb or text
    reset = int(rng.choice(pool)) if pool else None
    if reset is not None:
        mine = np.flatnonzero(device == reset)
        if len(mine):
            i = int(rng.choice(mine))
            shown_day[i], shown_sec[i] = n_days + 1, 0

    verify = rng.choice(np.array([1, 15, 4, 0], np.int8), n_p, p=[0.87, 0.09, 0.03, 0.01])
    flip = rng.random(n_p) < 0.06  # the in/out key is pressed wrongly now and then
    state = np.where(flip, 1 - state, state).astype(np.int8)

    punches = Punches(device, pin, dayv, sec, shown_day, shown_sec, state, verify)
    order = np.lexsort((pin, sec, dayv, device))
    punches = punches.take(order)
    specials = Specials(
        drift_device=pop.devices[drift].key if drift is not None else None,
        reset_device=pop.devices[reset].key if reset is not None else None,
        weekend_punches=2 * n_weekend,
        unmapped_punches=int(sum(len(x[0]) for x in unknown)),
        stray_old_pin_punches=len(stray),
    )
    return punches, specials

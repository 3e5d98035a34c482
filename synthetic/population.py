"""The simulated pemda: its calendar, units (OPD), machines and employees, with SIASN-style
reference tables (employees, PIN map, leave, devices).

Everything is drawn from one ``numpy.random.Generator`` in a fixed order, so a seed gives the
same pemda every time: ``build_population`` calls the steps below (organisation, machines,
people, enrolment, leave) in that order, and a step never draws for another. Names, NIK and NPWP
are made up (synthetic.people); they only exist so that the pipeline can show that it drops
personal data at the door.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rules import calendar as cal
from rules.profile import Profile
from synthetic import enrolment
from synthetic.machines import Device, build_machines
from synthetic.organisation import UnitSpec, choose_units, positions, sub_units
from synthetic.people import display_names, personal_numbers, unique_nips, zfill
from vocabulary.units import month_bounds


@dataclass
class Period:
    """The simulated months: calendar days with working-day flags and schedule seconds."""

    first: dt.date
    last: dt.date
    days: list[dt.date]
    is_workday: np.ndarray  # bool per day
    start_s: np.ndarray  # schedule start, seconds since local midnight (0 on non-working days)
    end_s: np.ndarray
    months: list[tuple[str, int, int]]  # ('YYYY-MM', first day index, end day index exclusive)

    @property
    def n_days(self) -> int:
        return len(self.days)


def make_period(start: str, months: int, profile: Profile) -> Period:
    """The calendar of ``months`` months from ``start`` ('YYYY-MM') under ``profile``'s rules
    (the generator is given a profile; it loads none)."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", start or ""):
        raise ValueError(f"start must be a month as YYYY-MM, got {start!r}")
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    first = dt.date.fromisoformat(f"{start}-01")
    spans: list[tuple[str, dt.date, dt.date]] = []
    month_first = first
    for _ in range(months):
        month_last = month_bounds(month_first.strftime("%Y-%m"))[1]
        spans.append((month_first.strftime("%Y-%m"), month_first, month_last))
        month_first = month_last + dt.timedelta(days=1)
    last = spans[-1][2]
    frame = cal.work_calendar(profile, first, last)
    days = [first + dt.timedelta(days=i) for i in range(len(frame))]
    index = [(label, (a - first).days, (b - first).days + 1) for label, a, b in spans]
    return Period(
        first=first,
        last=last,
        days=days,
        is_workday=frame[cal.IS_WORKDAY].to_numpy(dtype=bool),
        start_s=frame[cal.SCHED_START_S].fillna(0).to_numpy(dtype=np.int64),
        end_s=frame[cal.SCHED_END_S].fillna(0).to_numpy(dtype=np.int64),
        months=index,
    )


@dataclass
class Population:
    units: list[UnitSpec]
    devices: list[Device]
    employees: pd.DataFrame  # employees.csv, all text
    pin_map: pd.DataFrame  # pin_map.csv, all text
    leave: pd.DataFrame  # leave.csv, all text
    # per employee
    emp_device: np.ndarray
    pin: np.ndarray  # PIN until change_day
    new_pin: np.ndarray  # PIN from change_day on (== pin when never re-enrolled)
    change_day: np.ndarray  # day index of a re-enrolment (n_days + 1 when none)
    active_from: np.ndarray  # first active day index (0 when active before the period)
    active_to: np.ndarray  # first inactive day index (n_days + 1 when active throughout)
    device_name: np.ndarray  # the short upper-case name the machine shows (object)
    on_leave: np.ndarray  # bool (employee, day): a leave record of any status covers the day
    late_p: np.ndarray
    early_p: np.ndarray
    absent_p: np.ndarray
    unknown_pins: list[np.ndarray] = field(default_factory=list)  # per device, PINs not mapped


def siasn_ids(nips: pd.Series) -> np.ndarray:
    """SIASN's PNS id (data-utama ``id``, 32 hex digits) for about 95 % of the employees, the
    rest empty (not yet synchronised): derived from the NIP, so no random draw moves."""
    digest = [hashlib.md5(f"siasn:{n}".encode()).hexdigest().upper() for n in nips]
    return np.array([d if int(d[:2], 16) < 243 else "" for d in digest], dtype=object)


def _who(rng: np.random.Generator, n: int) -> tuple[np.ndarray, ...]:
    """PPPK share, new starters and retirees inside the period, women."""
    pppk = rng.random(n) < 0.10
    special = rng.permutation(n)
    n_start = max(1, round(n * 0.004)) if n >= 20 else 0
    n_retire = max(1, round(n * 0.004)) if n >= 20 else 0
    starter = np.zeros(n, bool)
    retiree = np.zeros(n, bool)
    starter[special[:n_start]] = True
    retiree[special[n_start : n_start + n_retire]] = True
    pppk &= ~starter & ~retiree
    female = rng.random(n) < 0.52
    return pppk, starter, retiree, female


@dataclass
class _Dates:
    birth_year: np.ndarray
    birth_month: np.ndarray
    birth_day: np.ndarray
    tmt_year: np.ndarray
    tmt_month: np.ndarray
    tmt_dd: np.ndarray
    start_day: np.ndarray  # day index a starter begins
    retire_day: np.ndarray  # day index a retiree leaves
    retire_date: np.ndarray


def _dates(rng, n: int, period: Period, pppk, starter, retiree) -> _Dates:
    """Birth, TMT (PNS: YYYYMM in the NIP; PPPK: year only) and pensiun dates."""
    year, n_days = period.first.year, period.n_days
    days64 = np.array(period.days, dtype="datetime64[D]")
    age = rng.integers(23, 58, n)
    age = np.where(pppk, rng.integers(25, 56, n), age)
    age = np.where(starter, rng.integers(22, 31, n), age)
    age = np.where(retiree, 58, age)
    inner = np.arange(1, n_days)  # a day inside the period, not its first
    start_day = rng.choice(inner, n) if n_days > 1 else np.zeros(n, int)
    retire_day = rng.choice(inner, n) if n_days > 1 else np.zeros(n, int)
    # a period that holds 1 October: the first PNS starter joins then as a CPNS (issue 21: a
    # new hire whose months before the TMT are never "missing"); no random draw changes
    october = np.flatnonzero(days64 == np.datetime64(f"{year}-10-01"))
    joiners = np.flatnonzero(np.asarray(starter) & ~np.asarray(pppk))
    if len(october) and len(joiners):
        start_day[joiners[0]] = october[0]
    retire_date = days64[retire_day]
    birth_year = np.where(
        retiree, retire_date.astype("datetime64[Y]").astype(int) + 1970 - 58, year - age
    )
    birth_month = rng.integers(1, 13, n)
    birth_day = rng.integers(1, 29, n)
    tmt_offset = np.floor(19 + rng.random(n) * (np.maximum(age - 1, 20) - 19)).astype(int)
    tmt_year = birth_year + tmt_offset
    tmt_month = rng.integers(1, 13, n)
    pppk_low = max(2019, year - 5) if year > 2020 else year - 3
    pppk_year = np.maximum(birth_year + 18, rng.integers(pppk_low, year, n))
    tmt_year = np.where(pppk, pppk_year, tmt_year)
    start_date = days64[start_day]
    start_y = start_date.astype("datetime64[Y]").astype(int) + 1970
    start_m = start_date.astype("datetime64[M]").astype(int) % 12 + 1
    tmt_year = np.where(starter, start_y, tmt_year)
    tmt_month = np.where(starter, start_m, tmt_month)
    tmt_dd = np.where(starter, pd.Series(start_date).dt.day.to_numpy(), 1)
    return _Dates(
        birth_year, birth_month, birth_day, tmt_year, tmt_month, tmt_dd, start_day, retire_day,
        retire_date,
    )  # fmt: skip


def _nips(rng, d: _Dates, pppk, female) -> np.ndarray:
    """NIP: birth date, TMT (PPPK: year, '2' and the contract digit), gender, sequence."""
    n = len(pppk)
    contract = rng.choice([1, 2, 3], n, p=[0.8, 0.18, 0.02])
    gender = np.where(female, 2, 1)
    birth_txt = zfill(d.birth_year, 4) + zfill(d.birth_month, 2) + zfill(d.birth_day, 2)
    mid = np.where(
        pppk,
        (zfill(d.tmt_year, 4) + "2" + zfill(contract, 1)).to_numpy(),
        (zfill(d.tmt_year, 4) + zfill(d.tmt_month, 2)).to_numpy(),
    )
    prefix = birth_txt + mid + zfill(gender, 1).to_numpy()
    return unique_nips(prefix, rng).to_numpy(dtype=object)


def _traits(rng, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Behaviour: probabilities of arriving late, leaving early and staying away."""
    late_p = rng.beta(1.3, 28, n)
    chronic = rng.random(n) < 0.05
    late_p = np.where(chronic, rng.uniform(0.3, 0.6, n), late_p)
    early_p = rng.beta(1.2, 40, n)
    early_p = np.where(rng.random(n) < 0.03, rng.uniform(0.2, 0.45, n), early_p)
    absent_p = np.where(rng.random(n) < 0.01, rng.uniform(0.1, 0.25, n), 0.011)
    return late_p, early_p, absent_p


def build_population(rng: np.random.Generator, n: int, period: Period) -> Population:
    """Draw the units, machines, employees and their reference tables."""
    if n < 1:
        raise ValueError(f"employees must be at least 1, got {n}")
    units, sizes = choose_units(rng, n)
    devices, dev_sizes = build_machines(rng, units, sizes, n)
    unit = np.repeat(np.arange(len(units)), sizes)
    emp_device = np.repeat(np.arange(len(devices)), dev_sizes)
    kind = np.array([units[u].kind for u in unit], dtype=object)
    unit_name = np.array([units[u].name for u in unit], dtype=object)
    pppk, starter, retiree, female = _who(rng, n)
    d = _dates(rng, n, period, pppk, starter, retiree)
    nip = _nips(rng, d, pppk, female)
    kelas, jenis, jabatan, golongan = positions(rng, kind, unit_name, pppk, starter)
    sub = sub_units(rng, kind)
    nama, short = display_names(rng, female, kind, kelas, jabatan)
    nik, npwp = personal_numbers(rng, female, d.birth_year, d.birth_month, d.birth_day)
    tmt_text = zfill(d.tmt_dd, 2) + "-" + zfill(d.tmt_month, 2) + "-" + zfill(d.tmt_year, 4)
    pensiun = pd.Series(d.retire_date).dt.strftime("%d-%m-%Y").to_numpy(dtype=object)
    employees = pd.DataFrame(
        {
            "nipBaru": nip,
            "nama": nama,
            "nik": nik,
            "noNpwp": npwp,
            "unorNama": sub,
            "unorIndukNama": unit_name,
            "jabatanNama": jabatan,
            "jenisJabatan": jenis,
            "kedudukanPnsNama": np.where(pppk, "PPPK Aktif", "Aktif"),
            "golRuangAkhir": golongan,
            "tmtCpns": tmt_text.to_numpy(dtype=object),
            "tmtPensiun": np.where(retiree, pensiun, ""),
            "kelas_jabatan": kelas.astype(str),
        }
    )
    employees["siasn_id"] = siasn_ids(employees["nipBaru"])
    pin, max_pin = enrolment.pins(rng, len(devices), emp_device, starter)
    regular = np.flatnonzero(~starter & ~retiree)
    new_pin, change_day = enrolment.reenrolments(
        rng, period.is_workday, regular, emp_device, pin, max_pin
    )
    days64 = np.array(period.days, dtype="datetime64[D]")
    pin_map = enrolment.pin_map(
        rng, devices, emp_device, nip, tmt_text, pin, new_pin, change_day, retiree,
        d.retire_day, days64,
    )  # fmt: skip
    unknown = enrolment.unknown_pins(rng, max_pin)
    late_p, early_p, absent_p = _traits(rng, n)
    leave, on_leave = _leave(rng, period, nip, female, ~starter & ~retiree)
    return Population(
        units=units,
        devices=devices,
        employees=employees,
        pin_map=pin_map,
        leave=leave,
        emp_device=emp_device,
        pin=pin,
        new_pin=new_pin,
        change_day=change_day,
        active_from=np.where(starter, d.start_day, 0),
        active_to=np.where(retiree, d.retire_day, period.n_days + 1),
        device_name=short,
        on_leave=on_leave,
        late_p=late_p,
        early_p=early_p,
        absent_p=absent_p,
        unknown_pins=unknown,
    )


SHORT_LEAVE = {  # type: (share, min workdays, max workdays)
    "cuti_tahunan": (0.46, 1, 5),
    "cuti_sakit": (0.2, 1, 3),
    "dinas_luar": (0.22, 1, 4),
    "izin": (0.05, 1, 1),
    "cuti_alasan_penting": (0.07, 1, 3),
}
LONG_LEAVE = {  # type: (share of employees, min days, max days)
    "cuti_melahirkan": (0.003, 90, 90),
    "cuti_besar": (0.001, 30, 90),
    "cltn": (0.0005, 120, 365),
    "tugas_belajar": (0.001, 365, 730),
}
STATUS = (["approved", "disetujui", "pending", "rejected"], [0.86, 0.06, 0.05, 0.03])


def _leave(
    rng: np.random.Generator, period: Period, nip: np.ndarray, female: np.ndarray, eligible
) -> tuple[pd.DataFrame, np.ndarray]:
    """Leave and dinas luar records, and the (employee, day) cells they cover (any status:
    nobody punches on a day they asked off, approved or not). Every month with working days
    gets at least one record: a header-only leave.csv is legal but the reader fails on it."""
    n, n_days = len(nip), period.n_days
    first = np.datetime64(period.first, "D")
    workdays = np.flatnonzero(period.is_workday)
    emp_parts, from_parts, to_parts, type_parts = [], [], [], []
    candidates = np.flatnonzero(eligible)
    if len(workdays) and len(candidates):
        # long leave first; an employee has at most one long leave and then no short leave,
        # so approved leave never overlaps (the pipeline quarantines overlapping leave)
        for lt, (share, dmin, dmax) in LONG_LEAVE.items():
            pool = candidates[female[candidates]] if lt == "cuti_melahirkan" else candidates
            k = min(len(pool), int(rng.binomial(len(pool), share)))
            if k == 0:
                continue
            who = np.sort(rng.choice(pool, k, replace=False))
            candidates = np.setdiff1d(candidates, who)
            length = rng.integers(dmin, dmax + 1, k)
            begin = rng.integers(-length // 2, n_days, k)
            emp_parts.append(who)
            from_parts.append(first + begin)
            to_parts.append(first + begin + length - 1)
            type_parts.append(np.full(k, lt, dtype=object))
        for _, a, b in period.months:
            month_wd = workdays[(workdays >= a) & (workdays < b)]
            if not len(month_wd) or not len(candidates):
                continue
            k = min(len(candidates), max(1, int(rng.binomial(len(candidates), 0.16))))
            who = np.sort(rng.choice(candidates, k, replace=False))
            types = list(SHORT_LEAVE)
            shares = np.array([SHORT_LEAVE[t][0] for t in types])
            t = rng.choice(len(types), k, p=shares / shares.sum())
            lo = np.array([SHORT_LEAVE[x][1] for x in types])[t]
            hi = np.array([SHORT_LEAVE[x][2] for x in types])[t]
            length = lo + np.floor(rng.random(k) * (hi - lo + 1)).astype(int)
            start = rng.integers(0, len(month_wd), k)
            end = np.minimum(start + length - 1, len(month_wd) - 1)
            emp_parts.append(who)
            from_parts.append(first + month_wd[start])
            to_parts.append(first + month_wd[end])
            type_parts.append(np.asarray(types, dtype=object)[t])
    if emp_parts:
        emp = np.concatenate(emp_parts)
        d_from = np.concatenate(from_parts).astype("datetime64[D]")
        d_to = np.concatenate(to_parts).astype("datetime64[D]")
        ltype = np.concatenate(type_parts)
    else:
        emp = np.zeros(0, int)
        d_from = d_to = np.zeros(0, "datetime64[D]")
        ltype = np.zeros(0, object)
    statuses, weights = STATUS
    status = np.asarray(statuses, dtype=object)[rng.choice(len(statuses), len(emp), p=weights)]
    long_leave = np.isin(ltype, list(LONG_LEAVE))
    status = np.where(long_leave, "approved", status)  # long leave always has its SK

    on_leave = np.zeros((n, n_days + 2), dtype=bool)
    lo = np.clip((d_from - first).astype(int), 0, n_days)
    hi = np.clip((d_to - first).astype(int) + 1, 0, n_days)
    lengths = np.maximum(hi - lo, 0)
    if lengths.sum():
        rows = np.repeat(emp, lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        on_leave[rows, np.repeat(lo, lengths) + offsets] = True

    frame = pd.DataFrame(
        {
            "nip": nip[emp],
            "leave_type": ltype,
            "date_from": pd.Series(d_from).dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
            "date_to": pd.Series(d_to).dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
            "status": status,
        }
    )
    frame = frame.sort_values(["date_from", "nip", "leave_type"], kind="stable")
    return frame.reset_index(drop=True), on_leave

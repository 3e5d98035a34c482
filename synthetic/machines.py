"""The simulated pemda's fingerprint machines: which export layout each writes, its serial and
zone, and how a unit's employees are split over its machines."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# layout families a machine can export (see synthetic.layouts)
USB = "usb"
USB_SSR = "usb_ssr"
ADMS = "adms"
FINGERSPOT = "fingerspot"
ACNO_CSV = "acno_csv"
ACNO_XLSX = "acno_xlsx"

BIG_UNIT = 1500  # a unit with more employees than this gets two machines
XLSX_SHARE = 0.06  # at most this share of employees on machines that export XLSX
ACNO_CSV_MAX_SHARE = 0.04  # ZKTime CSV only on machines with at most this share of employees
WIB = "Asia/Jakarta"
WITA = "Asia/Makassar"


@dataclass
class Device:
    key: str
    unit: int
    number: int  # the machine number ZK puts in '<n>_attlog.dat'
    timezone: str
    layout: str
    date_order: str
    serial: str
    csv_delimiter: str = ","


def assign_layouts(
    rng: np.random.Generator, devices: list[Device], sizes: np.ndarray, n: int
) -> None:
    """Give every machine an export layout: all families appear once there are enough machines;
    XLSX (slow to read) and ZKTime CSV stay on small machines; most volume is ZK text."""
    order = np.argsort(sizes, kind="stable")
    todo = [int(i) for i in rng.permutation(len(devices))]
    xlsx_left = XLSX_SHARE * n
    branch = [i for i, d in enumerate(devices) if d.timezone == WITA]
    for i in branch:  # the branch office exports ZKTime workbooks with US dates
        devices[i].layout = ACNO_XLSX
        xlsx_left -= sizes[i]
        todo.remove(i)
    # one of each text family first, the biggest machines as USB/ADMS
    big_first = [int(i) for i in order[::-1] if int(i) in todo]
    for layout in (USB, ADMS, USB_SSR, FINGERSPOT, ACNO_CSV):
        if not big_first:
            break
        pick = big_first.pop(0) if layout in (USB, ADMS) else big_first.pop()
        devices[pick].layout = layout
        todo.remove(pick)
    families = [USB, USB_SSR, ADMS, FINGERSPOT, ACNO_CSV, ACNO_XLSX]
    weights = np.array([0.28, 0.17, 0.25, 0.15, 0.08, 0.07])
    for i in todo:
        layout = families[int(rng.choice(len(families), p=weights))]
        if layout == ACNO_XLSX:
            if sizes[i] <= xlsx_left:
                xlsx_left -= sizes[i]
            else:
                layout = USB
        elif layout == ACNO_CSV and sizes[i] > ACNO_CSV_MAX_SHARE * n:
            layout = ADMS  # big offices push to a server rather than export from ZKTime
        devices[i].layout = layout
    csv_seen = 0
    for d in devices:
        if d.layout == ACNO_XLSX:
            d.date_order = "mdy"
        elif d.layout == ACNO_CSV:
            d.date_order = "dmy" if csv_seen % 2 == 0 else ""
            d.csv_delimiter = "," if csv_seen % 2 == 0 else ";"
            csv_seen += 1


def serial(rng: np.random.Generator, layout: str) -> str:
    letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ"))
    head = "".join(letters[rng.integers(0, len(letters), 4)])
    digits = "".join(str(d) for d in rng.integers(0, 10, 9))
    return head + digits if layout != FINGERSPOT else "FS" + digits


def build_machines(
    rng: np.random.Generator, units: list, sizes: np.ndarray, n: int
) -> tuple[list[Device], np.ndarray]:
    """One machine per unit, two for big units (employees split between them), each with its
    export layout and serial number."""
    devices: list[Device] = []
    dev_sizes: list[int] = []
    for u, (spec, size) in enumerate(zip(units, sizes, strict=True)):
        count = 2 if size > BIG_UNIT else 1
        for k in range(count):
            key = spec.key if count == 1 else f"{spec.key}-{k + 1}"
            zone = WITA if spec.branch else WIB
            devices.append(Device(key, u, k + 1, zone, USB, "", ""))
        share = rng.uniform(0.45, 0.6) if count == 2 else 1.0
        first_part = round(size * share)
        dev_sizes += [first_part, size - first_part] if count == 2 else [size]
    dev_sizes_arr = np.array(dev_sizes)
    assign_layouts(rng, devices, dev_sizes_arr, n)
    for d in devices:
        d.serial = serial(rng, d.layout)
    return devices, dev_sizes_arr

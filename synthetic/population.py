"""The simulated pemda: its calendar, units (OPD), machines and employees, with SIASN-style
reference tables (employees, PIN map, leave, devices).

Everything is drawn from one ``numpy.random.Generator`` in a fixed order, so a seed gives the
same pemda every time. Names, NIK and NPWP are made up from syllables and random digits; they
only exist so that the pipeline can show that it drops personal data at the door.
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
from rules.units import month_bounds

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


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: str  # pendidikan, kesehatan, rsud, pengawasan, teknis, kecamatan, umum
    weight: float
    branch: bool = False  # the branch office in another time zone


# In priority order: a small pemda keeps the first ones.
UNIT_POOL: tuple[UnitSpec, ...] = (
    UnitSpec("disdik", "Dinas Pendidikan", "pendidikan", 38.0),
    UnitSpec("dinkes", "Dinas Kesehatan", "kesehatan", 14.0),
    UnitSpec("setda", "Sekretariat Daerah", "umum", 5.0),
    UnitSpec("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM", "umum", 2.0),
    UnitSpec("penghubung", "Kantor Penghubung Makassar", "umum", 0.5, branch=True),
    UnitSpec("rsud", "RSUD Kabupaten", "rsud", 10.0),
    UnitSpec("bappeda", "Bappeda", "umum", 1.8),
    UnitSpec("dpupr", "Dinas PUPR", "teknis", 4.0),
    UnitSpec("inspektorat", "Inspektorat", "pengawasan", 1.5),
    UnitSpec("dinsos", "Dinas Sosial", "umum", 1.8),
    UnitSpec("kec-kota", "Kecamatan Kota", "kecamatan", 1.4),
    UnitSpec("kec-utara", "Kecamatan Utara", "kecamatan", 1.1),
    UnitSpec("satpolpp", "Satuan Polisi Pamong Praja", "umum", 2.5),
    UnitSpec("kec-selatan", "Kecamatan Selatan", "kecamatan", 1.0),
    UnitSpec("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "umum", 2.2),
    UnitSpec("dishub", "Dinas Perhubungan", "teknis", 2.0),
)

SUB_UNITS = {
    "pendidikan": ["Sekretariat", "Bidang Pembinaan SD", "Bidang Pembinaan SMP",
                   "Bidang PAUD dan PNF", "UPT SD Negeri {k}", "UPT SMP Negeri {k}"],
    "kesehatan": ["Sekretariat", "Bidang Pelayanan Kesehatan", "Bidang Kesehatan Masyarakat",
                  "Bidang Pencegahan dan Pengendalian Penyakit", "UPT Puskesmas {k}"],
    "rsud": ["Bagian Tata Usaha", "Bidang Pelayanan Medik", "Bidang Keperawatan",
             "Instalasi Gawat Darurat", "Instalasi Rawat Inap", "Instalasi Farmasi"],
    "pengawasan": ["Sekretariat", "Inspektur Pembantu I", "Inspektur Pembantu II",
                   "Inspektur Pembantu III", "Inspektur Pembantu Khusus"],
    "teknis": ["Sekretariat", "Bidang Bina Marga", "Bidang Sumber Daya Air",
               "Bidang Cipta Karya", "UPT Peralatan"],
    "kecamatan": ["Sekretariat Kecamatan", "Seksi Pemerintahan", "Seksi Pelayanan Umum",
                  "Seksi Ketenteraman dan Ketertiban", "Kelurahan {k}"],
    "umum": ["Sekretariat", "Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan",
             "Bidang Perencanaan", "Bidang Pelayanan", "Bidang Pengembangan"],
}  # fmt: skip

FUNGSIONAL = {
    "pendidikan": ["Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Guru Ahli Muda",
                   "Guru Ahli Pertama", "Pengawas Sekolah Ahli Muda", "Penilik Ahli Pertama"],
    "kesehatan": ["Perawat Ahli Pertama", "Perawat Terampil", "Bidan Terampil",
                  "Bidan Ahli Pertama", "Dokter Ahli Pertama", "Dokter Ahli Muda",
                  "Apoteker Ahli Pertama", "Sanitarian Terampil", "Nutrisionis Terampil",
                  "Epidemiolog Kesehatan Ahli Pertama"],
    "rsud": ["Perawat Ahli Pertama", "Perawat Terampil", "Bidan Terampil", "Dokter Ahli Muda",
             "Dokter Spesialis Ahli Muda", "Radiografer Terampil",
             "Pranata Laboratorium Kesehatan Terampil", "Apoteker Ahli Pertama",
             "Perekam Medis Terampil"],
    "pengawasan": ["Auditor Ahli Pertama", "Auditor Ahli Muda", "Auditor Terampil",
                   "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda"],
    "teknis": ["Teknik Jalan dan Jembatan Ahli Pertama", "Teknik Pengairan Ahli Pertama",
               "Penata Ruang Ahli Pertama", "Penguji Kendaraan Bermotor Terampil",
               "Pranata Komputer Terampil"],
    "kecamatan": ["Analis Kebijakan Ahli Pertama", "Pranata Komputer Terampil",
                  "Arsiparis Terampil", "Penyuluh Sosial Ahli Pertama"],
    "umum": ["Analis Kebijakan Ahli Pertama", "Analis Kebijakan Ahli Muda",
             "Perencana Ahli Pertama", "Pranata Komputer Ahli Pertama",
             "Pranata Komputer Terampil", "Arsiparis Terampil",
             "Analis Sumber Daya Manusia Aparatur Ahli Pertama", "Pekerja Sosial Ahli Pertama",
             "Pranata Hubungan Masyarakat Ahli Pertama"],
}  # fmt: skip
PELAKSANA = ["Pengadministrasi Perkantoran", "Pengolah Data dan Informasi",
             "Penata Layanan Operasional", "Operator Layanan Operasional",
             "Pengelola Umum Operasional", "Pengadministrasi Umum", "Bendahara"]  # fmt: skip
PELAKSANA_LOW = ["Pengemudi", "Pramu Bakti", "Petugas Keamanan", "Operator Layanan Operasional"]
STRUKTURAL_HIGH = ["Kepala", "Sekretaris", "Kepala Bidang"]
STRUKTURAL_MID = ["Kepala Seksi", "Kepala Sub Bagian Umum dan Kepegawaian",
                  "Kepala Sub Bagian Keuangan", "Kepala UPT"]  # fmt: skip

KELAS_WEIGHTS = np.array([1, 1.5, 2, 3, 7, 11, 15, 15, 12, 7, 4, 2, 0.8, 0.3, 0.15])
GOLONGAN_PNS = {
    1: ["II/a", "II/b"], 2: ["II/a", "II/b"], 3: ["II/a", "II/b", "II/c"],
    4: ["II/b", "II/c", "II/d"], 5: ["II/b", "II/c", "II/d"], 6: ["II/c", "II/d", "III/a"],
    7: ["II/d", "III/a", "III/b"], 8: ["III/a", "III/b", "III/c"], 9: ["III/b", "III/c", "III/d"],
    10: ["III/c", "III/d", "IV/a"], 11: ["III/d", "IV/a", "IV/b"], 12: ["IV/a", "IV/b", "IV/c"],
    13: ["IV/b", "IV/c"], 14: ["IV/c", "IV/d"], 15: ["IV/d", "IV/e"],
}  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII"]  # fmt: skip

SYL_START = np.array(["A", "Ba", "Bu", "Da", "De", "Di", "E", "Fa", "Ga", "Gi", "Ha", "He", "I",
                      "Ja", "Ju", "Ka", "Ku", "La", "Li", "Ma", "Mu", "Na", "Ni", "Nu", "Pu", "Ra",
                      "Ri", "Ru", "Sa", "Se", "Si", "Su", "Ta", "Ti", "Tu", "Wa", "Wi", "Ya", "Yu",
                      "Za"])  # fmt: skip
SYL_MID = np.array(["di", "ri", "na", "sa", "ma", "lan", "war", "yan", "dra", "tri", "gus",
                    "ndi", "rif", "san", "mi", "ni", "ti", "ko", "ra", "lu", "be",
                    "ha"])  # fmt: skip
END_MALE = np.array(["to", "di", "man", "yanto", "wan", "ri", "dra", "sman", "no", "ful", "har",
                     "din"])  # fmt: skip
END_FEMALE = np.array(["ti", "ni", "wati", "ningsih", "yani", "sari", "na", "lia", "ah", "rah",
                       "tuti"])  # fmt: skip
SURNAME_END = np.array(["ya", "ndi", "wan", "jaya", "putra", "sih", "nata", "ngga", "rja", "din",
                        "sto"])  # fmt: skip
DEGREES = {
    "pendidikan": ["S.Pd.", "S.Pd.", "S.Pd., M.Pd.", "S.Pd.I."],
    "kesehatan": ["S.Kep., Ns.", "Amd.Keb.", "S.KM.", "S.Farm., Apt."],
    "rsud": ["S.Kep., Ns.", "Amd.Kep.", "Amd.Keb.", "S.Farm., Apt."],
    "pengawasan": ["S.E.", "S.Ak.", "S.H.", "S.E., M.Si."],
    "teknis": ["S.T.", "S.T., M.T.", "Amd.T."],
    "kecamatan": ["S.Sos.", "S.IP.", "S.H."],
    "umum": ["S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.IP., M.Si.", "S.AP."],
}


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
class Device:
    key: str
    unit: int
    number: int  # the machine number ZK puts in '<n>_attlog.dat'
    timezone: str
    layout: str
    date_order: str
    serial: str
    csv_delimiter: str = ","


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


def _zfill(values: np.ndarray, width: int) -> pd.Series:
    return pd.Series(values, dtype="int64").astype(str).str.zfill(width)


def _iso(dates: np.ndarray) -> np.ndarray:
    return pd.Series(dates).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)


def _pick(rng: np.random.Generator, options: list[str], n: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), n)]


def _names(rng: np.random.Generator, female: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Made-up names from syllables: (given + optional family name, the machine's short name)."""
    n = len(female)
    start = SYL_START[rng.integers(0, len(SYL_START), n)].astype(object)
    mid = SYL_MID[rng.integers(0, len(SYL_MID), n)].astype(object)
    use_mid = rng.random(n) < 0.45
    end = np.where(
        female,
        END_FEMALE[rng.integers(0, len(END_FEMALE), n)],
        END_MALE[rng.integers(0, len(END_MALE), n)],
    ).astype(object)
    given = start + np.where(use_mid, mid, "") + end
    fam_start = SYL_START[rng.integers(0, len(SYL_START), n)].astype(object)
    fam_mid = SYL_MID[rng.integers(0, len(SYL_MID), n)].astype(object)
    fam_end = SURNAME_END[rng.integers(0, len(SURNAME_END), n)].astype(object)
    family = fam_start + fam_mid + fam_end
    two = rng.random(n) < 0.62
    full = np.where(two, given + " " + family, given)
    short = pd.Series(full).str.upper().str.slice(0, 20).to_numpy(dtype=object)
    return full.astype(object), short


def _unique_nips(prefix: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Append a sequence 001-999 to each 15-digit prefix so that every NIP is unique."""
    groups = prefix.groupby(prefix, sort=False)
    rank = groups.cumcount().to_numpy()
    base = pd.Series(rng.integers(1, 900, len(prefix)), index=prefix.index)
    base = base.groupby(prefix, sort=False).transform("first").to_numpy()
    seq = (base + rank - 1) % 999 + 1  # one start per prefix, then consecutive: unique
    return prefix + _zfill(seq, 3).to_numpy()


def _choose_units(rng: np.random.Generator, n: int) -> tuple[list[UnitSpec], np.ndarray]:
    n_units = int(rng.integers(10, 15))
    n_units = max(1, min(n_units, n // 5, len(UNIT_POOL)))
    units = list(UNIT_POOL[:n_units])
    weights = np.array([u.weight for u in units]) * rng.lognormal(0.0, 0.25, n_units)
    weights = weights / weights.sum()
    floor = min(2, n // n_units)
    sizes = floor + rng.multinomial(n - floor * n_units, weights)
    return units, sizes


def _assign_layouts(
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


def _serial(rng: np.random.Generator, layout: str) -> str:
    letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ"))
    head = "".join(letters[rng.integers(0, len(letters), 4)])
    digits = "".join(str(d) for d in rng.integers(0, 10, 9))
    return head + digits if layout != FINGERSPOT else "FS" + digits


def siasn_ids(nips: pd.Series) -> np.ndarray:
    """SIASN's PNS id (data-utama ``id``, 32 hex digits) for about 95 % of the employees, the
    rest empty (not yet synchronised): derived from the NIP, so no random draw moves."""
    digest = [hashlib.md5(f"siasn:{n}".encode()).hexdigest().upper() for n in nips]
    return np.array([d if int(d[:2], 16) < 243 else "" for d in digest], dtype=object)


def build_population(rng: np.random.Generator, n: int, period: Period) -> Population:
    """Draw the units, machines, employees and their reference tables."""
    if n < 1:
        raise ValueError(f"employees must be at least 1, got {n}")
    units, sizes = _choose_units(rng, n)
    year, n_days = period.first.year, period.n_days
    days64 = np.array(period.days, dtype="datetime64[D]")

    # machines: one per unit, two for big units
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
    _assign_layouts(rng, devices, dev_sizes_arr, n)
    for d in devices:
        d.serial = _serial(rng, d.layout)

    unit = np.repeat(np.arange(len(units)), sizes)
    emp_device = np.repeat(np.arange(len(devices)), dev_sizes_arr)
    kind = np.array([units[u].kind for u in unit], dtype=object)

    # who: PPPK share, new starters and retirees inside the period
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

    # dates: birth, TMT (PNS: YYYYMM in the NIP; PPPK: year only), pensiun
    age = rng.integers(23, 58, n)
    age = np.where(pppk, rng.integers(25, 56, n), age)
    age = np.where(starter, rng.integers(22, 31, n), age)
    age = np.where(retiree, 58, age)
    inner = np.arange(1, n_days)  # a day inside the period, not its first
    start_day = rng.choice(inner, n) if n_days > 1 else np.zeros(n, int)
    retire_day = rng.choice(inner, n) if n_days > 1 else np.zeros(n, int)
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

    contract = rng.choice([1, 2, 3], n, p=[0.8, 0.18, 0.02])
    gender = np.where(female, 2, 1)
    birth_txt = _zfill(birth_year, 4) + _zfill(birth_month, 2) + _zfill(birth_day, 2)
    mid = np.where(
        pppk,
        (_zfill(tmt_year, 4) + "2" + _zfill(contract, 1)).to_numpy(),
        (_zfill(tmt_year, 4) + _zfill(tmt_month, 2)).to_numpy(),
    )
    prefix = birth_txt + mid + _zfill(gender, 1).to_numpy()
    nip = _unique_nips(prefix, rng).to_numpy(dtype=object)

    # jabatan, kelas, golongan
    kelas = rng.choice(np.arange(1, 16), n, p=KELAS_WEIGHTS / KELAS_WEIGHTS.sum())
    kelas = np.where(pppk, np.clip(kelas, 5, 11), kelas)
    kelas = np.where(starter, np.clip(kelas, 5, 9), kelas)
    r = rng.random(n)
    jenis = np.where(
        kelas >= 12,
        "Struktural",
        np.where(
            kelas >= 9,
            np.where(r < 0.35, "Struktural", "Fungsional"),
            np.where(kelas >= 6, np.where(r < 0.55, "Fungsional", "Pelaksana"), "Pelaksana"),
        ),
    ).astype(object)
    teaching = np.isin(kind, ["pendidikan", "kesehatan", "rsud"])
    jenis = np.where(
        teaching & (jenis == "Pelaksana") & (kelas >= 5) & (r < 0.6), "Fungsional", jenis
    )
    jenis = np.where(pppk & (jenis == "Struktural"), "Fungsional", jenis)
    jabatan = np.empty(n, dtype=object)
    for k in sorted(set(kind)):
        m = kind == k
        jabatan[m] = _pick(rng, FUNGSIONAL[k], int(m.sum()))
    pel = _pick(rng, PELAKSANA, n)
    low = _pick(rng, PELAKSANA_LOW, n)
    high = _pick(rng, STRUKTURAL_HIGH, n)
    midj = _pick(rng, STRUKTURAL_MID, n)
    unit_name = np.array([units[u].name for u in unit], dtype=object)
    jabatan = np.where(jenis == "Pelaksana", np.where(kelas <= 4, low, pel), jabatan)
    jabatan = np.where(
        jenis == "Struktural", np.where(kelas >= 12, high + " " + unit_name, midj), jabatan
    )
    golongan = np.empty(n, dtype=object)
    for k in range(1, 16):
        m = kelas == k
        golongan[m] = _pick(rng, GOLONGAN_PNS[k], int(m.sum()))
    pppk_gol = np.clip(kelas + rng.integers(-1, 2, n), 1, 17) - 1
    golongan = np.where(pppk, np.asarray(ROMAN, dtype=object)[pppk_gol], golongan)

    sub = np.empty(n, dtype=object)
    for k in sorted(set(kind)):
        m = kind == k
        sub[m] = _pick(rng, SUB_UNITS[k], int(m.sum()))
    numbers = rng.integers(1, 40, n)
    sub = np.array(
        [s.replace("{k}", str(i)) for s, i in zip(sub, numbers, strict=True)], dtype=object
    )

    full, short = _names(rng, female)
    degree = np.empty(n, dtype=object)
    for k in sorted(set(kind)):
        m = kind == k
        degree[m] = _pick(rng, DEGREES[k], int(m.sum()))
    has_degree = (kelas >= 7) & (rng.random(n) < 0.8)
    nama = np.where(has_degree, full + ", " + degree, full)
    doctor = pd.Series(jabatan).str.startswith("Dokter").to_numpy()
    nama = np.where(doctor, "dr. " + full, nama)
    haji = rng.random(n) < 0.04
    nama = np.where(haji & ~doctor, np.where(female, "Hj. ", "H. ") + nama, nama)

    # NIK (16 digits, date of birth with +40 for women) and NPWP: personal data to be dropped
    nik = (
        "73"
        + _zfill(rng.integers(1, 30, n), 2)
        + _zfill(rng.integers(1, 25, n), 2)
        + _zfill(birth_day + np.where(female, 40, 0), 2)
        + _zfill(birth_month, 2)
        + _zfill(birth_year % 100, 2)
        + _zfill(rng.integers(1, 3000, n), 4)
    ).to_numpy(dtype=object)
    npwp = (
        _zfill(rng.integers(1, 100, n), 2)
        + "."
        + _zfill(rng.integers(0, 1000, n), 3)
        + "."
        + _zfill(rng.integers(0, 1000, n), 3)
        + "."
        + _zfill(rng.integers(0, 10, n), 1)
        + "-"
        + _zfill(rng.integers(0, 1000, n), 3)
        + "."
        + _zfill(rng.integers(0, 1000, n), 3)
    ).to_numpy(dtype=object)
    npwp_kind = rng.random(n)
    npwp = np.where(npwp_kind < 0.2, nik, np.where(npwp_kind < 0.85, npwp, ""))

    tmt_text = _zfill(tmt_dd, 2) + "-" + _zfill(tmt_month, 2) + "-" + _zfill(tmt_year, 4)
    pensiun = pd.Series(retire_date).dt.strftime("%d-%m-%Y").to_numpy(dtype=object)
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

    active_from = np.where(starter, start_day, 0)
    active_to = np.where(retiree, retire_day, n_days + 1)

    # PINs: numbered per machine with gaps (people left, templates deleted)
    pin = np.zeros(n, dtype=np.int64)
    max_pin = np.zeros(len(devices), dtype=np.int64)
    for d in range(len(devices)):
        m = np.flatnonzero(emp_device == d)
        if len(m) == 0:
            continue
        pool = np.arange(1, int(len(m) * 1.3) + 12)
        pin[m] = np.sort(rng.choice(pool, len(m), replace=False))
        new = m[starter[m]]  # new employees are enrolled after everyone else
        pin[new] = pin[m].max() + 1 + np.arange(len(new))
        max_pin[d] = pin[m].max()

    # re-enrolments: a new PIN on the same machine from change_day on
    change_day = np.full(n, n_days + 1, dtype=np.int64)
    new_pin = pin.copy()
    regular = np.flatnonzero(~starter & ~retiree)
    workdays = np.flatnonzero(period.is_workday)
    n_change = min(len(regular), max(1, min(40, n // 500))) if n >= 20 and len(workdays) > 2 else 0
    lo, hi = len(workdays) // 3, max(len(workdays) // 3 + 1, (len(workdays) * 4) // 5)
    for e in rng.choice(regular, n_change, replace=False) if n_change else []:
        d = int(emp_device[e])
        max_pin[d] += int(rng.integers(1, 4))
        new_pin[e] = max_pin[d]
        change_day[e] = workdays[int(rng.integers(lo, hi))]

    # PIN map
    install = np.array(
        [dt.date(int(y), 1, 2) for y in rng.integers(2018, 2023, len(devices))],
        dtype="datetime64[D]",
    )
    tmt_date = pd.to_datetime(tmt_text, format="%d-%m-%Y").to_numpy().astype("datetime64[D]")
    valid_from = np.maximum(install[emp_device], tmt_date)
    keys = np.array([d.key for d in devices], dtype=object)
    changed = np.flatnonzero(change_day <= n_days)
    old_to = np.full(n, "", dtype=object)
    old_to[changed] = _iso(days64[change_day[changed] - 1])
    retire_to = rng.random(n) < 0.5  # HR closes the PIN of a retiree only sometimes
    old_to = np.where(retiree & retire_to, _iso(days64[np.maximum(retire_day - 1, 0)]), old_to)
    base = pd.DataFrame(
        {
            "device_key": keys[emp_device],
            "pin": pin.astype(str),
            "nip": nip,
            "valid_from": _iso(valid_from),
            "valid_to": old_to,
        }
    )
    extra = pd.DataFrame(
        {
            "device_key": keys[emp_device[changed]],
            "pin": new_pin[changed].astype(str),
            "nip": nip[changed],
            "valid_from": _iso(days64[change_day[changed]]),
            "valid_to": "",
        }
    )
    pin_map = pd.concat([base, extra], ignore_index=True)
    pin_map["_dev"] = np.concatenate([emp_device, emp_device[changed]])
    pin_map["_pin"] = np.concatenate([pin, new_pin[changed]])
    pin_map = pin_map.sort_values(["_dev", "_pin"], kind="stable").drop(columns=["_dev", "_pin"])

    # PINs that punch but are in no map (guests, staff enrolled before HR was told)
    unknown: list[np.ndarray] = [np.zeros(0, np.int64) for _ in devices]
    n_unknown = max(2, round(len(devices) * 0.3))
    for d in rng.choice(len(devices), n_unknown, replace=True):
        extra_pin = max_pin[d] + 200 + int(rng.integers(1, 300))
        unknown[d] = np.unique(np.append(unknown[d], extra_pin))

    # behaviour traits
    late_p = rng.beta(1.3, 28, n)
    chronic = rng.random(n) < 0.05
    late_p = np.where(chronic, rng.uniform(0.3, 0.6, n), late_p)
    early_p = rng.beta(1.2, 40, n)
    early_p = np.where(rng.random(n) < 0.03, rng.uniform(0.2, 0.45, n), early_p)
    absent_p = np.where(rng.random(n) < 0.01, rng.uniform(0.1, 0.25, n), 0.011)

    leave, on_leave = _leave(rng, period, nip, female, ~starter & ~retiree)

    return Population(
        units=units,
        devices=devices,
        employees=employees,
        pin_map=pin_map.reset_index(drop=True),
        leave=leave,
        emp_device=emp_device,
        pin=pin,
        new_pin=new_pin,
        change_day=change_day,
        active_from=active_from,
        active_to=active_to,
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

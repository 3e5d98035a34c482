"""The simulated pemda's organisation: its units (OPD) and sub-units, jabatan, kelas jabatan and
golongan, drawn in a fixed order from the generator's random stream."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synthetic.people import pick


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


def choose_units(rng: np.random.Generator, n: int) -> tuple[list[UnitSpec], np.ndarray]:
    n_units = int(rng.integers(10, 15))
    n_units = max(1, min(n_units, n // 5, len(UNIT_POOL)))
    units = list(UNIT_POOL[:n_units])
    weights = np.array([u.weight for u in units]) * rng.lognormal(0.0, 0.25, n_units)
    weights = weights / weights.sum()
    floor = min(2, n // n_units)
    sizes = floor + rng.multinomial(n - floor * n_units, weights)
    return units, sizes


def positions(
    rng: np.random.Generator,
    kind: np.ndarray,
    unit_name: np.ndarray,
    pppk: np.ndarray,
    starter: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Kelas jabatan, jenis jabatan, jabatan and golongan of each employee."""
    n = len(kind)
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
        jabatan[m] = pick(rng, FUNGSIONAL[k], int(m.sum()))
    pel = pick(rng, PELAKSANA, n)
    low = pick(rng, PELAKSANA_LOW, n)
    high = pick(rng, STRUKTURAL_HIGH, n)
    midj = pick(rng, STRUKTURAL_MID, n)
    jabatan = np.where(jenis == "Pelaksana", np.where(kelas <= 4, low, pel), jabatan)
    jabatan = np.where(
        jenis == "Struktural", np.where(kelas >= 12, high + " " + unit_name, midj), jabatan
    )
    golongan = np.empty(n, dtype=object)
    for k in range(1, 16):
        m = kelas == k
        golongan[m] = pick(rng, GOLONGAN_PNS[k], int(m.sum()))
    pppk_gol = np.clip(kelas + rng.integers(-1, 2, n), 1, 17) - 1
    golongan = np.where(pppk, np.asarray(ROMAN, dtype=object)[pppk_gol], golongan)
    return kelas, jenis, jabatan, golongan


def sub_units(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    """The sub-unit (bidang, UPT ...) of each employee."""
    n = len(kind)
    sub = np.empty(n, dtype=object)
    for k in sorted(set(kind)):
        m = kind == k
        sub[m] = pick(rng, SUB_UNITS[k], int(m.sum()))
    numbers = rng.integers(1, 40, n)
    return np.array(
        [s.replace("{k}", str(i)) for s, i in zip(sub, numbers, strict=True)], dtype=object
    )

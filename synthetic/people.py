"""Made-up people: names from syllables, academic degrees, NIPs with their structure, NIK and
NPWP. They only exist so that the pipeline can show that it drops personal data at the door."""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def zfill(values: np.ndarray, width: int) -> pd.Series:
    return pd.Series(values, dtype="int64").astype(str).str.zfill(width)


def iso(dates: np.ndarray) -> np.ndarray:
    return pd.Series(dates).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)


def pick(rng: np.random.Generator, options: list[str], n: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), n)]


def names(rng: np.random.Generator, female: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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


def unique_nips(prefix: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Append a sequence 001-999 to each 15-digit prefix so that every NIP is unique."""
    groups = prefix.groupby(prefix, sort=False)
    rank = groups.cumcount().to_numpy()
    base = pd.Series(rng.integers(1, 900, len(prefix)), index=prefix.index)
    base = base.groupby(prefix, sort=False).transform("first").to_numpy()
    seq = (base + rank - 1) % 999 + 1  # one start per prefix, then consecutive: unique
    return prefix + zfill(seq, 3).to_numpy()


def display_names(
    rng: np.random.Generator,
    female: np.ndarray,
    kind: np.ndarray,
    kelas: np.ndarray,
    jabatan: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The name as the master writes it (degrees, dr., H./Hj.) and the machine's short name."""
    n = len(female)
    full, short = names(rng, female)
    degree = np.empty(n, dtype=object)
    for k in sorted(set(kind)):
        m = kind == k
        degree[m] = pick(rng, DEGREES[k], int(m.sum()))
    has_degree = (kelas >= 7) & (rng.random(n) < 0.8)
    nama = np.where(has_degree, full + ", " + degree, full)
    doctor = pd.Series(jabatan).str.startswith("Dokter").to_numpy()
    nama = np.where(doctor, "dr. " + full, nama)
    haji = rng.random(n) < 0.04
    nama = np.where(haji & ~doctor, np.where(female, "Hj. ", "H. ") + nama, nama)
    return nama, short


def personal_numbers(
    rng: np.random.Generator,
    female: np.ndarray,
    birth_year: np.ndarray,
    birth_month: np.ndarray,
    birth_day: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """NIK (16 digits, date of birth with +40 for women) and NPWP (15 digits, the NIK for some,
    none for others): personal data the pipeline must drop."""
    n = len(female)
    nik = (
        "73"
        + zfill(rng.integers(1, 30, n), 2)
        + zfill(rng.integers(1, 25, n), 2)
        + zfill(birth_day + np.where(female, 40, 0), 2)
        + zfill(birth_month, 2)
        + zfill(birth_year % 100, 2)
        + zfill(rng.integers(1, 3000, n), 4)
    ).to_numpy(dtype=object)
    npwp = (
        zfill(rng.integers(1, 100, n), 2)
        + "."
        + zfill(rng.integers(0, 1000, n), 3)
        + "."
        + zfill(rng.integers(0, 1000, n), 3)
        + "."
        + zfill(rng.integers(0, 10, n), 1)
        + "-"
        + zfill(rng.integers(0, 1000, n), 3)
        + "."
        + zfill(rng.integers(0, 1000, n), 3)
    ).to_numpy(dtype=object)
    npwp_kind = rng.random(n)
    npwp = np.where(npwp_kind < 0.2, nik, np.where(npwp_kind < 0.85, npwp, ""))
    return nik, npwp

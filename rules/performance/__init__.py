"""Performance scores (SKP / predikat kinerja) under each regulation regime.

The predikat codes and labels are defined here once; readers, engines, the TPP slice and the
warehouse import them. One module per regime (``pp46``, ``permenpanrb8``, ``permenpanrb6``), the
2021 integration (``integration``), the kurva distribusi check (``kurva``), SKP compliance
(``compliance``), the per-period orchestration (``scores``) and the profile section (``model``).
"""

from __future__ import annotations

import re

import pandas as pd

# --- predikat kinerja: one code per level, best first -------------------------------------------
SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"
PREDIKAT_CODES: tuple[str, ...] = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
PREDIKAT_LABELS: dict[str, str] = {
    SANGAT_BAIK: "Sangat Baik",
    BAIK: "Baik",
    BUTUH_PERBAIKAN: "Butuh Perbaikan",
    KURANG: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang",
}
# Ordinal rank for rules that compare or aggregate predikat (5 = best).
PREDIKAT_RANK: dict[str, int] = {code: 5 - i for i, code in enumerate(PREDIKAT_CODES)}

# Labels of every regime mapped onto the codes (keys are lower case, single spaces). Why:
# - PP 46/2011 and PP 30/2019 call the middle level "Cukup"; PermenPAN-RB 8/2021 and 6/2022 call
#   it "Butuh Perbaikan", and SE MenPAN-RB 3/2023 writes "Butuh Perbaikan/Cukup" (reg §3.2 [S]);
# - PP 46/2011's lowest level "Buruk" (<= 50) is the bottom of its scale like "Sangat Kurang"
#   (reg §2.4 [S]);
# - 6/2022 writes "Kurang/Misconduct" for one cell of the matrix (reg §5.2 [S]): one level.
PREDIKAT_ALIASES: dict[str, str] = {
    "sangat baik": SANGAT_BAIK,
    "baik": BAIK,
    "butuh perbaikan": BUTUH_PERBAIKAN,
    "cukup": BUTUH_PERBAIKAN,
    "butuh perbaikan/cukup": BUTUH_PERBAIKAN,
    "kurang": KURANG,
    "misconduct": KURANG,
    "kurang/misconduct": KURANG,
    "kurang (misconduct)": KURANG,
    "sangat kurang": SANGAT_KURANG,
    "buruk": SANGAT_KURANG,
}
NOT_ASSESSED = ("-", "")  # BKN e-Kinerja writes '-' for an SKP not (yet) assessed

# --- ratings of PermenPAN-RB 6/2022 (hasil kerja and perilaku) ---------------------------------
DI_ATAS = "di_atas_ekspektasi"
SESUAI = "sesuai_ekspektasi"
DI_BAWAH = "di_bawah_ekspektasi"
RATING_CODES: tuple[str, ...] = (DI_ATAS, SESUAI, DI_BAWAH)
RATING_LABELS = {
    DI_ATAS: "Di Atas Ekspektasi",
    SESUAI: "Sesuai Ekspektasi",
    DI_BAWAH: "Di Bawah Ekspektasi",
}
RATING_ALIASES: dict[str, str] = {
    "di atas ekspektasi": DI_ATAS,
    "diatas ekspektasi": DI_ATAS,
    "di atas": DI_ATAS,
    "sesuai ekspektasi": SESUAI,
    "sesuai": SESUAI,
    "di bawah ekspektasi": DI_BAWAH,
    "dibawah ekspektasi": DI_BAWAH,
    "di bawah": DI_BAWAH,
}

# --- kinds of e-Kinerja rows (one asset each) and the layouts that carry them -----------------
PLANS = "skp_plans"
ASSESSMENTS = "performance_assessments"
DETAILS = "skp_details"
ORGANISATION = "organisation_predikat"
EKINERJA_KINDS: tuple[str, ...] = (PLANS, ASSESSMENTS, DETAILS, ORGANISATION)

# --- jenis of an SKP detail row (the numeric regimes' template, docs/performance.md) ----------
KEGIATAN = "kegiatan"  # PP 46/2011 kegiatan tugas jabatan
UTAMA = "utama"  # PermenPAN-RB 8/2021 kinerja utama (IKI)
TAMBAHAN = "tambahan"  # kinerja tambahan
PERILAKU = "perilaku"  # an aspect of perilaku kerja
JENIS_CODES: tuple[str, ...] = (KEGIATAN, UTAMA, TAMBAHAN, PERILAKU)
IKI_JENIS: tuple[str, ...] = (UTAMA, TAMBAHAN)  # graded as indicators of 8/2021

# --- predikat kinerja organisasi (SE MenPAN-RB 3/2023; the kurva distribusi) ------------------
ORG_CODES: tuple[str, ...] = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
ORG_ALIASES: dict[str, str] = {
    "istimewa": "istimewa",
    "baik": "baik",
    "butuh perbaikan": "butuh_perbaikan",
    "cukup": "butuh_perbaikan",
    "butuh perbaikan/cukup": "butuh_perbaikan",
    "kurang": "kurang",
    "kurang/misconduct": "kurang",
    "sangat kurang": "sangat_kurang",
}

# --- regimes ----------------------------------------------------------------------------------
PP46 = "pp46_2011"
PERMENPANRB_8_2021 = "permenpanrb_8_2021"
PERMENPANRB_6_2022 = "permenpanrb_6_2022"
INTEGRASI_2021 = "integrasi_2021"
REGIMES: tuple[str, ...] = (PP46, PERMENPANRB_8_2021, PERMENPANRB_6_2022)
NUMERIC_REGIMES: tuple[str, ...] = (PP46, PERMENPANRB_8_2021)

# --- sources (which export a row or a score came from) ------------------------------------------
BKN_LAPORAN_SKP = "bkn_laporan_skp"
BKN_PENILAIAN = "bkn_penilaian"
SIASN_PERIODIK = "siasn_periodik"
SKP_DETAIL = "skp_detail"
PREDIKAT_ORGANISASI = "predikat_organisasi"

LAYOUT_KIND: dict[str, str] = {
    BKN_LAPORAN_SKP: PLANS,
    BKN_PENILAIAN: ASSESSMENTS,
    SIASN_PERIODIK: ASSESSMENTS,
    SKP_DETAIL: DETAILS,
    PREDIKAT_ORGANISASI: ORGANISATION,
}

_SPACES = re.compile(r"\s+")


def normalise_label(values: pd.Series) -> pd.Series:
    """Lower case, single spaces, no surrounding blanks: the key of the alias tables."""
    s = values.astype("string").str.strip().str.lower()
    return s.str.replace(_SPACES, " ", regex=True)


def predikat_code(values: pd.Series) -> pd.Series:
    """Predikat text of any regime as a code; <NA> where the text is not a known label."""
    return normalise_label(values).map(PREDIKAT_ALIASES).astype("string")


def rating_code(values: pd.Series) -> pd.Series:
    """Rating text as a code; <NA> where the text is not a known rating."""
    return normalise_label(values).map(RATING_ALIASES).astype("string")


def predikat_label(codes: pd.Series) -> pd.Series:
    return codes.astype("string").map(PREDIKAT_LABELS).astype("string")

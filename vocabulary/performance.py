"""Performance vocabulary: predikat, ratings, regimes, e-Kinerja layouts and kinds, 360° relations,
RHK jenis and cascading link statuses; names, codes and their aliases, no formulas."""

from __future__ import annotations

import re

import pandas as pd

from vocabulary.frames import per_distinct

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
REGIME_LABELS: dict[str, str] = {
    PP46: "PP 46/2011",
    PERMENPANRB_8_2021: "PermenPAN-RB 8/2021",
    PERMENPANRB_6_2022: "PermenPAN-RB 6/2022",
}
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

# === the performance cycle (issue 16): 360 feedback, RHK cascading, e-Lapkin, SIASN, tindak
# lanjut. Sources: shared/domain/tax-360-cascading-siasn.md (cited 'tax-360 §x'). ===========
# --- layouts of the new e-Kinerja exports (inbox/ekinerja/) -------------------------------------
FEEDBACK_360 = "perilaku_360"  # tax-360 §2.3
RHK_PLAN = "rhk"  # tax-360 §3.2
LAPKIN = "lapkin_harian"  # tax-360 §5.2
CYCLE_LAYOUTS: tuple[str, ...] = (FEEDBACK_360, RHK_PLAN, LAPKIN)
# ... and the kinds (one asset each) they carry
FEEDBACK_KIND = "feedback_360"
RHK_KIND = "rhk_plans"
LAPKIN_KIND = "lapkin_reports"
CYCLE_KINDS: tuple[str, ...] = (FEEDBACK_KIND, RHK_KIND, LAPKIN_KIND)
CYCLE_LAYOUT_KIND: dict[str, str] = {
    FEEDBACK_360: FEEDBACK_KIND,
    RHK_PLAN: RHK_KIND,
    LAPKIN: LAPKIN_KIND,
}

# --- 360: who rates whom (tax-360 §2.3 [I]) ----------------------------------------------------
ATASAN = "atasan"
REKAN = "rekan_setingkat"
BAWAHAN = "bawahan"
DIRI_SENDIRI = "diri_sendiri"
RELASI_CODES: tuple[str, ...] = (ATASAN, REKAN, BAWAHAN, DIRI_SENDIRI)
RELASI_ALIASES: dict[str, str] = {
    "atasan": ATASAN,
    "atasan langsung": ATASAN,
    "pejabat penilai": ATASAN,
    "rekan": REKAN,
    "rekan setingkat": REKAN,
    "rekan kerja": REKAN,
    "rekan_setingkat": REKAN,
    "sejawat": REKAN,
    "peer": REKAN,
    "bawahan": BAWAHAN,
    "bawahan langsung": BAWAHAN,
    "diri sendiri": DIRI_SENDIRI,
    "diri_sendiri": DIRI_SENDIRI,
    "self": DIRI_SENDIRI,
}
# the period kinds a 360 export names (tax-360 §2.3: periode.jenis)
PERIODE_JENIS: dict[str, str] = {
    "bulanan": "month",
    "triwulanan": "quarter",
    "semesteran": "semester",
    "tahunan": "year",
}
# regime names a 360 export may carry (tax-360 §2.3: regime)
REGIME_ALIASES: dict[str, str] = {
    "pp46": "pp46_2011",
    "pp46_2011": "pp46_2011",
    "pp 46/2011": "pp46_2011",
    "permenpanrb_8_2021": "permenpanrb_8_2021",
    "8/2021": "permenpanrb_8_2021",
    "permenpanrb 8/2021": "permenpanrb_8_2021",
    "pp30": "permenpanrb_8_2021",
    "permenpanrb_6_2022": "permenpanrb_6_2022",
    "6/2022": "permenpanrb_6_2022",
    "permenpanrb 6/2022": "permenpanrb_6_2022",
}
# PermenPAN-RB 6/2022 core values (BerAKHLAK), the perilaku aspects of that regime [S×2]
BERAKHLAK: tuple[str, ...] = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)

# --- RHK (rencana hasil kerja): jenis UTAMA / TAMBAHAN as above ---------------------------------
RHK_JENIS: tuple[str, ...] = (UTAMA, TAMBAHAN)
RHK_JENIS_ALIASES: dict[str, str] = {
    "utama": UTAMA,
    "kinerja utama": UTAMA,
    "rhk utama": UTAMA,
    "tambahan": TAMBAHAN,
    "kinerja tambahan": TAMBAHAN,
    "rhk tambahan": TAMBAHAN,
}
# how an RHK's link to its atasan RHK was resolved
LINK_ID = "id"
LINK_TEXT = "text"
LINK_NONE = "none"
# link status of each RHK (rules/performance/cascading.py explains each)
ALIGNED = "aligned"
ROOT = "root"
ORPHAN = "orphan"
UNLINKED = "unlinked"
WRONG_ATASAN = "wrong_atasan"
NO_OVERLAP = "no_overlap"
NOT_UTAMA = "tambahan"
LINK_STATUSES: tuple[str, ...] = (
    ALIGNED,
    ROOT,
    ORPHAN,
    UNLINKED,
    WRONG_ATASAN,
    NO_OVERLAP,
    NOT_UTAMA,
)
FUZZY_SCORERS: tuple[str, ...] = ("token_sort_ratio", "token_set_ratio", "ratio", "WRatio")

# --- e-Lapkin (laporan kinerja harian) ---------------------------------------------------------
BELUM = "belum_diverifikasi"
SUDAH = "sudah_diverifikasi"
DITOLAK = "ditolak"
LAPKIN_STATUSES: tuple[str, ...] = (BELUM, SUDAH, DITOLAK)
MAX_MINUTES_PER_DAY = 24 * 60
LAPKIN_STATUS_ALIASES: dict[str, str] = {  # indigo status_verifikasi [S] plus the usual words
    "belum diverifikasi": BELUM,
    "belum_diverifikasi": BELUM,
    "belum": BELUM,
    "menunggu": BELUM,
    "diajukan": BELUM,
    "pending": BELUM,
    "sudah diverifikasi": SUDAH,
    "sudah_diverifikasi": SUDAH,
    "diverifikasi": SUDAH,
    "terverifikasi": SUDAH,
    "disetujui": SUDAH,
    "setuju": SUDAH,
    "approved": SUDAH,
    "diterima": SUDAH,
    "ditolak": DITOLAK,
    "tolak": DITOLAK,
    "rejected": DITOLAK,
}
# kinerja basis of TPP (tax-360 §5.3): today's predikat table, or e-Lapkin minutes / days
BASIS_PREDIKAT = "predikat"
BASIS_MINUTES = "minutes"
BASIS_DAYS = "days_with_report"
LAPKIN_BASES: tuple[str, ...] = (BASIS_PREDIKAT, BASIS_MINUTES, BASIS_DAYS)

# --- SIASN kinerja payloads (tax-360 §4) --------------------------------------------------------
SKP22_SAVE = "skp22/save"  # annual result [S×4]
KINERJA_PERIODIK_SAVE = "kinerjaperiodik/save"  # periodic results [S]
ENDPOINTS: tuple[str, ...] = (SKP22_SAVE, KINERJA_PERIODIK_SAVE)
# refHasilKerja, reused for perilaku [S, one client]
SIASN_RATING: dict[str, int] = {DI_ATAS: 1, SESUAI: 2, DI_BAWAH: 3}
# kuadranKinerjaNilai [S one client; order I]: derived from the 3x3 matrix's predikat, never
# from the client's max() shortcut (tax-360 §0, §4.3)
SIASN_KUADRAN: dict[str, int] = {
    SANGAT_BAIK: 1,
    BAIK: 2,
    BUTUH_PERBAIKAN: 3,
    KURANG: 4,
    SANGAT_KURANG: 5,
}
# koefisienId of the angka-kredit coefficient per jenjang of a functional position [S]
SIASN_KOEFISIEN: dict[str, int] = {
    "ahli pertama": 12,
    "ahli muda": 22,
    "ahli madya": 32,
    "ahli utama": 42,
    "pemula": 52,
    "terampil": 62,
    "mahir": 72,
    "penyelia": 82,
}
# annual angka kredit at predikat Baik per koefisienId [S]; settles reg §5.5 (Muda 25, Madya 37.5)
SIASN_KOEFISIEN_KRITERIA: dict[int, str] = {
    12: "12.5",
    22: "25.0",
    32: "37.5",
    42: "50.0",
    52: "3.75",
    62: "5.0",
    72: "12.5",
    82: "25.0",
}
STATUS_PENILAI: tuple[str, ...] = ("ASN", "NON ASN")  # "ASN" [S]; "NON ASN" [I]
# golRuangAkhirId of SIASN for the PNS golongan (penilaiGolongan) [I]: golongan I-IV x ruang a-e
# as <golongan digit><ruang digit>, the id scheme SIASN references show; PPPK golongan I-XVII
# have no id here and are sent as written
SIASN_GOLONGAN_ID: dict[str, str] = {
    f"{g}/{r}": f"{gi}{ri}"
    for gi, g in enumerate(("I", "II", "III", "IV"), start=1)
    for ri, r in enumerate("abcde", start=1)
    if not (g != "IV" and r == "e")
}

# --- tindak lanjut (pembinaan) rules -----------------------------------------------------------
TL_BELOW_BAIK = "predikat_below_baik_consecutive"
TL_NO_SKP = "no_skp"
TL_NEVER_ASSESSED = "never_assessed"
TINDAK_LANJUT_RULES: tuple[str, ...] = (TL_BELOW_BAIK, TL_NO_SKP, TL_NEVER_ASSESSED)

# SIASN payload field names, in the order the clients print them; ``nip`` rides along for the
# operator. skp22/save (annual): tax-360 §4.1 [S×4]. kinerjaperiodik/save (periodic) has its own
# names (pnsDinilaiId, penilaiJabatanNama) and the period fields: year-end §0, §5.2 [S×3]
SKP22_FIELDS: tuple[str, ...] = (
    "nip",
    "id",
    "pnsDinilaiOrang",
    "tahun",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNipNrp",
    "penilaiNama",
    "penilaiJabatan",
    "penilaiGolongan",
    "penilaiUnorNama",
    "statusPenilai",
    "path",
)
PERIODIK_FIELDS: tuple[str, ...] = (
    "nip",
    "id",
    "pnsDinilaiId",
    "tahun",
    "periodikId",
    "koefisienId",
    "bulanMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunMulaiPenilaian",
    "tahunSelesaiPenilaian",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNipNrp",
    "penilaiNama",
    "penilaiJabatanNama",
    "penilaiGolongan",
    "penilaiUnorNama",
    "statusPenilai",
    "path",
)
# the annual name of each periodic field that says the same thing (year-end §0)
PERIODIK_RENAMES: dict[str, str] = {
    "pnsDinilaiOrang": "pnsDinilaiId",
    "penilaiJabatan": "penilaiJabatanNama",
}
FIELDS_OF: dict[str, tuple[str, ...]] = {
    SKP22_SAVE: SKP22_FIELDS,
    KINERJA_PERIODIK_SAVE: PERIODIK_FIELDS,
}
# the result of a year that has only monthly predikat: SIASN's annual record is the atasan's
# annual rating, never an aggregate of months (year-end §5.3 [I])
NEEDS_ANNUAL_ASSESSMENT = "needs_annual_assessment"


# === dialog kinerja (issue 25): ekspektasi, umpan balik berkelanjutan, pembinaan. Source:
# shared/domain/dialog-kinerja.md (cited 'dialog §x'); every input optional. ==================
# --- layouts of the three dialogue exports (inbox/ekinerja/) and the kinds they carry (same
# names: one layout per kind) ----------------------------------------------------------------
DIALOG_EKSPEKTASI = "dialog_ekspektasi"  # dialog §3.1: one row per SKP x RHK or core value
DIALOG_UMPAN_BALIK = "dialog_umpan_balik"  # dialog §3.2: one row per feedback entry
DIALOG_PEMBINAAN = "dialog_pembinaan"  # dialog §3.3: one row per bimbingan/konseling session
DIALOG_KINDS: tuple[str, ...] = (DIALOG_EKSPEKTASI, DIALOG_UMPAN_BALIK, DIALOG_PEMBINAAN)
DIALOG_LAYOUTS: tuple[str, ...] = DIALOG_KINDS
DIALOG_LAYOUT_KIND: dict[str, str] = {k: k for k in DIALOG_KINDS}
# --- who gave the feedback (dialog §3.2): only the penilai relations count for coverage -------
PENILAI = "penilai"  # the pejabat penilai (atasan langsung) [V]
ATASAN_PENILAI = "atasan_penilai"
PIMPINAN_LAIN = "pimpinan_lain"  # a leader who is not the recipient's penilai (kept, not counted)
REKAN_DIALOG = "rekan"  # a colleague (the 360 export says rekan_setingkat)
DIALOG_RELASI: tuple[str, ...] = (PENILAI, ATASAN_PENILAI, PIMPINAN_LAIN, REKAN_DIALOG, BAWAHAN)
DIALOG_RELASI_ALIASES: dict[str, str] = {
    "penilai": PENILAI,
    "pejabat penilai": PENILAI,
    "pejabat penilai kinerja": PENILAI,
    "atasan": PENILAI,
    "atasan langsung": PENILAI,
    "atasan penilai": ATASAN_PENILAI,
    "atasan_penilai": ATASAN_PENILAI,
    "atasan pejabat penilai": ATASAN_PENILAI,
    "pimpinan lain": PIMPINAN_LAIN,
    "pimpinan_lain": PIMPINAN_LAIN,
    "pimpinan": PIMPINAN_LAIN,
    "rekan": REKAN_DIALOG,
    "rekan kerja": REKAN_DIALOG,
    "rekan setingkat": REKAN_DIALOG,
    "rekan_setingkat": REKAN_DIALOG,
    "bawahan": BAWAHAN,
}
# --- what a feedback or an ekspektasi row is about ----------------------------------------------
OBJEK_RHK = "rhk"
OBJEK_RENCANA_AKSI = "rencana_aksi"
OBJEK_PERILAKU = PERILAKU  # a BerAKHLAK core value, or perilaku as a whole
OBJEK_UMUM = "umum"
DIALOG_OBJEK: tuple[str, ...] = (OBJEK_RHK, OBJEK_RENCANA_AKSI, OBJEK_PERILAKU, OBJEK_UMUM)
EKSPEKTASI_OBJEK: tuple[str, ...] = (OBJEK_RHK, OBJEK_PERILAKU)
DIALOG_OBJEK_ALIASES: dict[str, str] = {
    "rhk": OBJEK_RHK,
    "hasil kerja": OBJEK_RHK,
    "rencana hasil kerja": OBJEK_RHK,
    "rencana aksi": OBJEK_RENCANA_AKSI,
    "rencana_aksi": OBJEK_RENCANA_AKSI,
    "perilaku": OBJEK_PERILAKU,
    "perilaku kerja": OBJEK_PERILAKU,
    "berakhlak": OBJEK_PERILAKU,
    "umum": OBJEK_UMUM,
    "lainnya": OBJEK_UMUM,
}
DIALOG_SUMBER: tuple[str, ...] = ("ekinerja_bkn", "app_daerah", "manual")
# --- pembinaan sessions (dialog §3.3; PP 30/2019 bimbingan and konseling kinerja [S]) ---------
BIMBINGAN = "bimbingan"
KONSELING = "konseling"
PEMBINAAN_JENIS: tuple[str, ...] = (BIMBINGAN, KONSELING, "coaching", "mentoring", "lainnya")
PEMBINAAN_JENIS_ALIASES: dict[str, str] = {
    "bimbingan": BIMBINGAN,
    "bimbingan kinerja": BIMBINGAN,
    "konseling": KONSELING,
    "konseling kinerja": KONSELING,
    "coaching": "coaching",
    "mentoring": "mentoring",
    "lainnya": "lainnya",
    "lain-lain": "lainnya",
}
PEMICU: tuple[str, ...] = ("rating_di_bawah", "hasil_pemantauan", "permintaan_pegawai", "rutin")
DIJADWALKAN = "dijadwalkan"
SELESAI = "selesai"
BATAL = "batal"
PEMBINAAN_STATUS: tuple[str, ...] = (DIJADWALKAN, SELESAI, BATAL)
PEMBINAAN_STATUS_ALIASES: dict[str, str] = {
    "dijadwalkan": DIJADWALKAN,
    "terjadwal": DIJADWALKAN,
    "rencana": DIJADWALKAN,
    "selesai": SELESAI,
    "terlaksana": SELESAI,
    "dilaksanakan": SELESAI,
    "batal": BATAL,
    "dibatalkan": BATAL,
}
# --- evaluation period of the dialogue (profile dialog_kinerja.periode_evaluasi) ---------------
DIALOG_CADENCE: dict[str, str] = {
    "bulanan": "month",
    "triwulan": "quarter",
    "semester": "semester",
    "tahunan": "year",
}
# whether a unit's coverage of a period could be measured (fact_dialog_coverage.status)
ADA_DATA = "ada_data"  # the unit's pegawai are in the umpan balik export of that year
TANPA_DATA = "tanpa_data"  # nobody of the unit is: coverage unknown, no case, never "0 %"
# --- tindak lanjut rules of the dialogue (fact_tindak_lanjut.rule) -------------------------------
TL_DIALOG_NONE = "dialog_none_before_rating"  # dialog §4 TL-DIALOG-01
TL_DIALOG_NO_PEMBINAAN = "dialog_no_pembinaan_after"  # dialog §4 TL-DIALOG-02
DIALOG_RULES: tuple[str, ...] = (TL_DIALOG_NONE, TL_DIALOG_NO_PEMBINAAN)

_SPACES = re.compile(r"\s+")


def normalise_label(values: pd.Series) -> pd.Series:
    """Lower case, single spaces, no surrounding blanks: the key of the alias tables."""
    return per_distinct(values.astype("string"), _label)


def _label(values: pd.Series) -> pd.Series:
    s = values.str.strip().str.lower()
    return s.str.replace(_SPACES, " ", regex=True)  # Python's re, value by value: per distinct


def predikat_code(values: pd.Series) -> pd.Series:
    """Predikat text of any regime as a code; <NA> where the text is not a known label."""
    return normalise_label(values).map(PREDIKAT_ALIASES).astype("string")


def rating_code(values: pd.Series) -> pd.Series:
    """Rating text as a code; <NA> where the text is not a known rating."""
    return normalise_label(values).map(RATING_ALIASES).astype("string")


def predikat_label(codes: pd.Series) -> pd.Series:
    return codes.astype("string").map(PREDIKAT_LABELS).astype("string")

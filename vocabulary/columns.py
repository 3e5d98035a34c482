"""Canonical column names, named once and reused by readers, expectations, rules and the warehouse.

Indonesian domain words are kept where they are the real terms (nip, unit, kelas_jabatan).
"""

# --- deployment scope ------------------------------------------------------------------------
AGENCY = "agency"  # instansi code of a multi-agency deployment; "" for a single agency

# --- lineage, present on every row read from a file -------------------------------------------
SOURCE_FILE = "source_file"  # path relative to the inbox
SOURCE_LINE = "source_line"  # 1-based line (text) or row (spreadsheet) or record number (JSON)
RAW = "raw"  # the raw record as text, for quarantine

# --- quarantine ---------------------------------------------------------------------------------
REASON = "reason"

# --- raw punches (one row per scan, as read) -----------------------------------------------------
DEVICE_KEY = "device_key"  # the inbox folder: one folder per machine
PIN = "pin"  # device-local user id, as text, stripped
LOCAL_TIME = "local_time"  # naive wall-clock time as the device wrote it
DIRECTION_HINT = "direction_hint"  # device in/out flag; kept for lineage, never used to classify
VERIFY = "verify"  # verify method code as text
LAYOUT = "layout"  # which reader produced the row
# minutes east of UTC the record itself states (Hikvision ISAPI times carry their offset); <NA>
# for the layouts whose times are naive wall-clock time
UTC_OFFSET = "utc_offset_minutes"

# --- resolved punches ----------------------------------------------------------------------------
NIP = "nip"
TIMEZONE = "timezone"  # IANA zone of the device (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)
INSTANT = "instant"  # tz-aware UTC instant of the punch
LOCAL_DATE = "local_date"  # the punch's date in its own device's zone
LOCAL_SECONDS = "local_seconds"  # seconds since local midnight

# --- employees (SIASN data-utama names are mapped onto these) -----------------------------------
NAMA = "nama"
UNIT = "unit"  # unorNama
UNIT_INDUK = "unit_induk"  # unorIndukNama (the OPD)
JABATAN = "jabatan"
JENIS_JABATAN = "jenis_jabatan"
KEDUDUKAN = "kedudukan"
GOLONGAN = "golongan"
KELAS_JABATAN = "kelas_jabatan"
TMT_CPNS = "tmt_cpns"
ACTIVE_FROM = "active_from"
ACTIVE_TO = "active_to"
EMPLOYEE_KIND = "employee_kind"  # pns | pppk

# --- pin map, devices, leave ----------------------------------------------------------------------
VALID_FROM = "valid_from"
VALID_TO = "valid_to"
DATE_ORDER = "date_order"  # dmy | mdy | ymd, for exports with slashed dates
LEAVE_TYPE = "leave_type"
DATE_FROM = "date_from"
DATE_TO = "date_to"
STATUS = "status"
# leave, izin and dinas luar types of the leave file (inbox/leave.csv); profiles rule each one
LEAVE_TYPES: tuple[str, ...] = (
    "cuti_tahunan",
    "cuti_sakit",
    "cuti_besar",
    "cuti_melahirkan",
    "cuti_alasan_penting",
    "cltn",
    "dinas_luar",
    "izin",
    "tugas_belajar",
)

# --- daily attendance -----------------------------------------------------------------------
WORK_DATE = "work_date"
SCHEDULE_START = "schedule_start"
SCHEDULE_END = "schedule_end"
FIRST_IN = "first_in"
LAST_OUT = "last_out"
LATE_MINUTES = "late_minutes"
EARLY_MINUTES = "early_minutes"
LATE_CODE = "late_code"
EARLY_CODE = "early_code"
ABSENCE_CODE = "absence_code"
DEDUCTION_PCT = "deduction_pct"
PROFILE = "profile"
RAMADAN = "ramadan"

# --- monthly discipline ---------------------------------------------------------------------------
MONTH = "month"  # 'YYYY-MM'
WORKDAYS = "workdays"
PRESENT_DAYS = "present_days"
TK_DAYS = "tk_days"
LEAVE_DAYS = "leave_days"
LATE_CODES = ("TL1", "TL2", "TL3", "TL4")
EARLY_CODES = ("PSW1", "PSW2", "PSW3", "PSW4")
TK = "TK"
# a working day for which none of the employee's machines holds readable data: no TK, no TL/PSW
NO_DATA = "no_data"
NO_DATA_DAYS = "no_data_days"

# --- coverage of the machines' data (which device-days we hold) ----------------------------------
DAY = "day"
HAS_DATA = "has_data"
PUNCHES = "punches"
GAP_REASON = "gap_reason"
DECISION = "decision"  # excuse | charge | keep, from HR's decision file (attendance_decisions.csv)
DECIDED_BY = "decided_by"
NOTE = "note"
EXCUSE = "excuse"  # no deduction for the days without data
CHARGE = "charge"  # treat the days as recorded: no punch means TK
KEEP = "keep"  # payroll files of one layout disagree: keep the rows of the file the row names
# an employee-month with TPP and no readable payroll row (issue 21, rules/tpp/payroll_gaps.py):
CARRY = "carry"  # the latest earlier payroll row of the NIP stands for the month
CORRECTED = "amount"  # finance states the month's gaji gross for PPh 21 (column amount)
DAY_DECISIONS: tuple[str, ...] = (EXCUSE, CHARGE)  # about days (a machine's or an employee's)
PAYROLL_DECISIONS: tuple[str, ...] = (CARRY, CORRECTED)  # about an employee's payroll month
DECISIONS: tuple[str, ...] = (*DAY_DECISIONS, KEEP, *PAYROLL_DECISIONS)
DECISION_FILE = "file"  # the payroll file a keep decision keeps (path under the inbox)
EMPLOYEES_AFFECTED = "employees_affected"
# how far into a day a machine's readable data reaches (issue 19: a file cut off mid-day):
# seconds of local clock covered (86400 = the whole day), and the instant the data stops
COVER_SECONDS = "cover_seconds"
COVER_UNTIL = "cover_until"
DAY_SECONDS = 86_400

# Percentages are carried as integers in ten-thousandths of a percent so that sums are exact:
# 0.5% -> 5_000, 1.25% -> 12_500, 100% -> 1_000_000. Published as DECIMAL(9,4) percent.
PCT_SCALE = 10_000

# --- performance (e-Kinerja / SKP; issue 3) -------------------------------------------------------
# Codes and labels of the predikat and ratings live in rules/performance/__init__.py.
PERIOD = "period"  # '2024-03' (month), '2021-S2' (semester), '2021-Q3' (quarter), '2021' (year)
PERIOD_KIND = "period_kind"  # month | quarter | semester | year
REGIME = "regime"  # pp46_2011 | permenpanrb_8_2021 | integrasi_2021 | permenpanrb_6_2022
SOURCE = "source"  # which export a score came from (bkn_penilaian, siasn_periodik, skp_detail, ...)
PREDIKAT = "predikat"
RATING_HASIL_KERJA = "rating_hasil_kerja"
RATING_PERILAKU = "rating_perilaku"
NILAI_SKP = "nilai_skp"
NILAI_PERILAKU = "nilai_perilaku"
NILAI_KINERJA = "nilai_kinerja"
SKP_ID = "skp_id"  # the e-Kinerja SKP id, join key between Laporan SKP and Laporan Penilaian
IS_PLT_PLH = "is_plt_plh"
SKP_STATUS = "skp_status"
PERIOD_START = "period_start"
PERIOD_END = "period_end"
SKP_PERIOD_END = "skp_period_end"  # periode_akhir of the SKP an assessment belongs to
# SKP detail template (docs/performance.md)
JENIS = "jenis"  # kegiatan | utama | tambahan | perilaku
URAIAN = "uraian"
ASPEK = "aspek"
NILAI = "nilai"
BOBOT = "bobot"
TARGET = "target"
TARGET_MAX = "target_max"
REALISASI = "realisasi"
ARAH = "arah"  # naik (higher is better) | turun (lower is better)
MAKSIMAL = "maksimal"  # the target is the maximum achievable (8/2021: 100% -> 120)
IDE_BARU = "ide_baru"  # PP 30/2019 Pasal 41(5)(a): new idea, needed for Sangat Baik
TARGET_KUANTITAS = "target_kuantitas"
REALISASI_KUANTITAS = "realisasi_kuantitas"
TARGET_KUALITAS = "target_kualitas"
REALISASI_KUALITAS = "realisasi_kualitas"
TARGET_WAKTU = "target_waktu"
REALISASI_WAKTU = "realisasi_waktu"
TARGET_BIAYA = "target_biaya"
REALISASI_BIAYA = "realisasi_biaya"
PREDIKAT_ORGANISASI = "predikat_organisasi"
# compliance per unit and period
EMPLOYEES = "employees"
WITH_SKP = "with_skp"
APPROVED = "approved"
ASSESSED = "assessed"

# --- TPP (issue 4): payroll inputs, reference data, the monthly computation -------------------
# Money is integer rupiah (BIGINT) for payable lines and whole-sen decimals (NUMERIC(16,2)) for
# the intermediate steps; factors are NUMERIC(9,6). rules/tpp/__init__.py holds the codes.
GAJI_POKOK = "gaji_pokok"
TUNJANGAN_KELUARGA = "tunjangan_keluarga"  # istri/suami + anak
# the anak part of it, as the payroll states it (GPP tjanak, SIMGAJI TJANAK): the A2 splits
# tunjangan keluarga into WifeBenefit and ChildBenefit with it (rules/tpp/coretax.py, issue 21)
TUNJANGAN_ANAK = "tunjangan_anak"
TUNJANGAN_JABATAN = "tunjangan_jabatan"  # struktural/eselon + fungsional
TUNJANGAN_UMUM = "tunjangan_umum"
SALARY_BASE = "salary_base"  # the BPJS Kesehatan salary base (Perpres 75/2019 Pasal 30)
SALARY_MONTH = "salary_month"  # which payroll month the salary base came from
SANCTION_TYPE = "sanction_type"
DECISION_DATE = "decision_date"
MONTHS = "months"
NEW_KELAS = "new_kelas"  # the kelas jabatan of the post a demotion moves to (optional, from the SK)
# Plt/Plh assignments (inbox/reference/, issue 22): who covers which post, when, under which SK
ASSIGNMENT_KIND = "assignment_kind"  # plt | plh
COVERED_KELAS = "covered_kelas"  # the kelas jabatan of the post held as Plt/Plh
COVERED_POSITION = "covered_position"  # its name, as the SK writes it (optional)
SK_NUMBER = "sk_number"
AMOUNT = "amount"
CEILING = "ceiling"
CEILING_SOURCE = "ceiling_source"
MONTH_WORKDAYS = "month_workdays"
PAID_DAYS = "paid_days"
ELIGIBILITY_FACTOR = "eligibility_factor"
CPNS_FACTOR = "cpns_factor"
TPP_BASE = "tpp_base"
KINERJA_PART = "kinerja_part"
KINERJA_FACTOR = "kinerja_factor"
KINERJA_AMOUNT = "kinerja_amount"
DISIPLIN_PART = "disiplin_part"
DISIPLIN_DEDUCTION_PCT = "disiplin_deduction_pct"
DEDUCTION_BASE = "deduction_base"
DISIPLIN_DEDUCTION = "disiplin_deduction"
DEDUCTION_FROM_KINERJA = "deduction_from_kinerja"
DISIPLIN_AMOUNT = "disiplin_amount"
SANCTION_FACTOR = "sanction_factor"
KINERJA_PAID = "kinerja_paid"
DISIPLIN_PAID = "disiplin_paid"
PLT_ADDITION = "plt_addition"  # the Plt/Plh addition of the month, whole rupiah (rules/tpp/plt.py)
GROSS = "gross"
BPJS_BASE = "bpjs_base"
BPJS_EMPLOYER = "bpjs_employer"
BPJS_EMPLOYEE = "bpjs_employee"
PPH21 = "pph21"
PPH21_MODE = "pph21_mode"
NET = "net"
NOTES = "notes"
RUN_ID = "run_id"
PAID_NET = "paid_net"
RECOMPUTED_NET = "recomputed_net"
DIFFERENCE = "difference"

# --- PPh 21 on TPP (issue 15; rules/tax): every step of the month's tax is a column ----------
PTKP_STATUS = "ptkp_status"  # TK/0 .. K/3, at the start of the tax year
TER_CATEGORY = "ter_category"  # A | B | C (PP 58/2023 Pasal 2)
NPWP_STATUS = "npwp_status"  # valid | none
GAJI_BRUTO = "gaji_bruto"  # the month's gaji gross: components + employer premiums (PMK 168)
IURAN_PENSIUN = "iuran_pensiun"  # employee Taspen pension + THT of the month (year-end deduction)
PPH21_BASE = "pph21_base"  # the month's gross the rate applied to
TER_RATE_PCT = "ter_rate_pct"  # the rate applied to pph21_base (TER, or PP 80 final rate)
PPH21_GAJI = "pph21_gaji"  # PPh 21 of the month's gaji (payroll's, else computed)
TUNJANGAN_PPH = "tunjangan_pph"  # borne_tunjangan_pph: the tax paid back as an allowance
NPWP_MULTIPLIER = "npwp_multiplier"  # 1.0, or 1.2 without a valid NPWP
PPH21_DECEMBER_ADJUSTMENT = "pph21_december_adjustment"  # Pasal 17 true-up (negative: refund)
TUNJANGAN_BERAS = "tunjangan_beras"
TUNJANGAN_LAIN = "tunjangan_lain"  # khusus, daerah, terpencil, lain, kompensasi
PPH21_GAJI_PAYROLL = "pph21_gaji_payroll"  # the PPh on gaji a payroll export states, if any
MARITAL = "marital"  # K | TK, from family data
DEPENDANTS = "dependants"
# family data of a payroll row (issue 21; rules/tax/inputs.py derives the PTKP from it):
STATUS_KAWIN = "status_kawin"  # SIMGAJI KDSTAWIN codes: 1 belum kawin, 2 kawin, 3 janda/duda
SPOUSES = "jumlah_pasangan"  # spouses on tunjangan (SIMGAJI JISTRI; GPP kdkawin digit 2)
CHILDREN = "jumlah_anak"  # children on tunjangan (SIMGAJI JANAK; GPP kdkawin digits 3-4)
PTKP_SOURCE = "ptkp_source"  # where a row's PTKP status came from: reference|payroll|default
# the month closes the employee's tax year (the Pasal 17 true-up), and why: december | pensiun
# | berhenti | mutasi_keluar (<NA> in other months); issue 21
TAX_YEAR_END = "tax_year_end"
# THR and gaji-13 TPP (issue 21; rules/tpp/thr13.py, fact_tpp_thr_gaji13)
YEAR = "year"
KIND = "kind"  # thr | gaji13
REFERENCE_MONTH = "reference_month"  # the month whose TPP the payment is based on
PAY_MONTH = "pay_month"  # the month it is paid: its TER line takes the gross
TPP_AMOUNT = "tpp_amount"
PPH21_BORNE_BY_GOVERNMENT = "pph21_borne_by_government"  # the tax shown, not deducted
THR13_GROSS = "thr13_gross"  # fact_tpp_monthly: THR/13 TPP paid in the month (in pph21_base)
PPH21_THR13 = "pph21_thr13"  # fact_tpp_monthly: the TER tax on it (with minus without)
# tpp_thr_gaji13_adjustment: a closed pay month's THR/13 as paid and as recomputed (issue 21)
PAID_TPP_AMOUNT = "paid_tpp_amount"
RECOMPUTED_TPP_AMOUNT = "recomputed_tpp_amount"
PAID_PPH21 = "paid_pph21"
RECOMPUTED_PPH21 = "recomputed_pph21"

# the numeric fields of an SKP detail row (docs/performance.md, the SKP detail template)
SKP_DETAIL_NUMBERS: tuple[str, ...] = (
    NILAI,
    BOBOT,
    TARGET,
    TARGET_MAX,
    REALISASI,
    TARGET_KUANTITAS,
    REALISASI_KUANTITAS,
    TARGET_KUALITAS,
    REALISASI_KUALITAS,
    TARGET_WAKTU,
    REALISASI_WAKTU,
    TARGET_BIAYA,
    REALISASI_BIAYA,
)

# --- performance cycle (issue 16): 360 feedback, cascading, e-Lapkin, SIASN, tindak lanjut -----
# Code lists live in rules/performance/__init__.py. ``nip`` is always the employee a row is about
# (the ratee of a 360 row, the owner of an RHK, the reporter of an activity).
SIASN_ID = "siasn_id"  # SIASN's PNS id (data-utama ``id``), the payload's pnsDinilaiOrang
# 360 feedback (tax-360 §2.3)
NIP_PENILAI = "nip_penilai"  # the rater
RELASI = "relasi"  # atasan | rekan_setingkat | bawahan | diri_sendiri
SKOR = "skor"  # numeric regimes: 0-100 (PP 46) or 0-120 (8/2021)
RATING = "rating"  # 6/2022: di_atas / sesuai / di_bawah_ekspektasi
UMPAN_BALIK = "umpan_balik"  # free-text feedback
TANGGAL_ISI = "tanggal_isi"
RATERS = "raters"
NILAI_PERILAKU_360 = "nilai_perilaku_360"
NILAI_ATASAN = "nilai_atasan"
NILAI_REKAN = "nilai_rekan"
NILAI_BAWAHAN = "nilai_bawahan"
WITH_360 = "with_360"  # the 360 perilaku replaced the atasan's (PP 30/2019 Pasal 41(4))
SKP_WEIGHT = "skp_weight"
PERILAKU_WEIGHT = "perilaku_weight"
# RHK plans and cascading (tax-360 §3.2)
RHK_ID = "rhk_id"
RHK_ATASAN_ID = "rhk_atasan_id"
RHK_ATASAN_TEXT = "rhk_atasan_text"
NIP_ATASAN = "nip_atasan"
# the pejabat penilai an assessment names (SIASN rw-skp22 / rw-kinerjaperiodik records, the
# annual Penilaian SKP when it carries them); nip_penilai is the rater's NIP
PENILAI_NAMA = "penilai_nama"
PENILAI_JABATAN = "penilai_jabatan"
PENILAI_GOLONGAN = "penilai_golongan"
PENILAI_UNOR = "penilai_unor"
STATUS_PENILAI = "status_penilai"
PENILAI_COLUMNS: tuple[str, ...] = (
    NIP_PENILAI,
    PENILAI_NAMA,
    PENILAI_JABATAN,
    PENILAI_GOLONGAN,
    PENILAI_UNOR,
    STATUS_PENILAI,
)
DESKRIPSI = "deskripsi"
INDIKATOR = "indikator"
N_INDIKATOR = "n_indikator"
PARENT_ID = "parent_id"  # the atasan RHK the row intervenes, resolved (by id or by text)
LINK = "link"  # id | text | none
MATCH_SCORE = "match_score"  # rapidfuzz score 0-100 of a text link
LINK_STATUS = "link_status"
LINK_FROM = "link_from"  # the sub-period in which child and parent SKP overlap
LINK_TO = "link_to"
DEPTH = "depth"
IN_CYCLE = "in_cycle"
ROOT_ID = "root_id"
INTERVENED_BY = "intervened_by"  # number of aligned bawahan RHK under an RHK
# e-Lapkin daily activity reports (tax-360 §5.2)
TANGGAL = "tanggal"
AKTIVITAS = "aktivitas"
MENIT = "menit"
TANGGAL_LAPOR = "tanggal_lapor"
REPORTS = "reports"
DAYS_REPORTED = "days_reported"
MINUTES_REPORTED = "minutes_reported"
MINUTES_APPROVED = "minutes_approved"
MINUTES_TARGET = "minutes_target"
MINUTES_CREDITED = "minutes_credited"  # approved, on working days, capped per day
LEAVE_WORKDAYS = "leave_workdays"  # working days of leave that lower the Lapkin yardstick
REPORTS_ON_TIME = "reports_on_time"
BASIS = "basis"
KINERJA_PCT_UNITS = "kinerja_pct_units"  # 1/PCT_SCALE of a percent, as the TPP compute uses
REPORTED = "reported"
ON_TIME = "on_time"
# SIASN export (tax-360 §4) and tindak lanjut
ENDPOINT = "endpoint"
EXPORT_ID = "export_id"
SIASN_RIWAYAT_ID = "siasn_riwayat_id"  # the id SIASN returned (read back): a resend updates it
RULE = "rule"
DETAIL = "detail"
SINCE = "since"
N = "n"  # a count in a long summary table
RATINGS = "ratings"  # rows (rater x aspect) behind a summary
N_DI_ATAS = "n_di_atas"
N_SESUAI = "n_sesuai"
N_DI_BAWAH = "n_di_bawah"
PCT_DI_BAWAH = "pct_di_bawah"
PERIODS = "periods"  # length of a streak of periods (tindak lanjut)

# --- dialog kinerja (issue 25; shared/domain/dialog-kinerja.md §3): no free text is ever a
# column: only whether there was text, its length and the SHA-256 of its normalised form ------
TAHUN = "tahun"  # the SKP year
REF_ID = "ref_id"  # the RHK id, rencana aksi id or BerAKHLAK core value a row is about
OBJEK = "objek"  # rhk | rencana_aksi | perilaku | umum
EKSPEKTASI_ADA = "ekspektasi_ada"
TANGGAL_KLARIFIKASI = "tanggal_klarifikasi"
TEKS_PANJANG = "teks_panjang"  # characters of the normalised text
TEKS_HASH = "teks_hash"  # sha256 hex of the normalised text (lower case, single spaces)
ADA_TEKS = "ada_teks"
SUMBER = "sumber"  # ekinerja_bkn | app_daerah | manual
FEEDBACK_ID = "feedback_id"
NIP_PEMBERI = "nip_pemberi"  # who gave the feedback (``nip`` is the recipient)
RELASI_ASAL = "relasi_asal"  # relasi as exported, before the org-tree check
TANGGAL_DIBERIKAN = "tanggal_diberikan"
TANGGAL_INPUT = "tanggal_input"
BUKTI_DUKUNG_N = "bukti_dukung_n"
SESI_ID = "sesi_id"
NIP_PEMBINA = "nip_pembina"
PEMICU = "pemicu"
RENCANA_TINDAK_LANJUT_ADA = "rencana_tindak_lanjut_ada"
TANGGAL_REVIU_BERIKUT = "tanggal_reviu_berikut"
TANGGAL_RATING = "tanggal_rating"  # the day a rating was given (assumed when not exported)
ASSIGNED_TO = "assigned_to"  # NIP of who follows a tindak lanjut case up (the penilai's atasan)
# the measures (rules/performance/dialog.py)
PEGAWAI = "pegawai"
PEGAWAI_RHK = "pegawai_rhk"
PEGAWAI_COVERED = "pegawai_covered"
PEGAWAI_COVERAGE_PCT = "pegawai_coverage_pct"
RHK = "rhk"
RHK_COVERED = "rhk_covered"
RHK_COVERAGE_PCT = "rhk_coverage_pct"
PEGAWAI_PERILAKU = "pegawai_perilaku"
PERILAKU_COVERAGE_PCT = "perilaku_coverage_pct"
PENILAI_N = "penilai"
PENILAI_DIAM = "penilai_diam"
UMPAN_BALIK_N = "umpan_balik"
TEPAT_WAKTU = "tepat_waktu"
TEPAT_WAKTU_PCT = "tepat_waktu_pct"
MEDIAN_LAG_HARI = "median_lag_hari"
TEMPLATE = "template"
TEMPLATE_PCT = "template_pct"
BACKDATED = "backdated"
RELASI_DIUBAH = "relasi_diubah"
SKP_EKSPEKTASI_KHUSUS = "skp_ekspektasi_khusus"
DATA_SAMPAI = (
    "data_sampai"  # the last day the dialogue exports reach (a period past it: provisional)
)
COVERED = "covered"
PERILAKU_ADA = "perilaku_ada"
PEMBINAAN_N = "pembinaan"
BAWAHAN_N = "bawahan"
BAWAHAN_DENGAN_UMPAN_BALIK = "bawahan_dengan_umpan_balik"
DIAM = "diam"

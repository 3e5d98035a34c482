"""Canonical column names, named once and reused by readers, expectations, rules and the warehouse.

Indonesian domain words are kept where they are the real terms (nip, unit, kelas_jabatan).
"""

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

# Percentages are carried as integers in ten-thousandths of a percent so that sums are exact:
# 0.5% -> 5_000, 1.25% -> 12_500, 100% -> 1_000_000. Published as DECIMAL(9,4) percent.
PCT_SCALE = 10_000

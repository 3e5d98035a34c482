"""TPP vocabulary: payroll layouts, reference kinds, sanction types, statuses, deduction bases,
result statuses and the column lists of the TPP tables; names and codes, no formulas."""

from __future__ import annotations

from vocabulary import columns as c

# keeps every intermediate product inside int64 (rules/tpp/money.py)
MAX_RUPIAH = 999_999_999

# --- payroll layouts (formats/payroll.py) --------------------------------------------------------
GPP = "gpp"  # central GPP export (kdsatker, ..., gjpokok, tjistri, ...)
SIMGAJI = "simgaji"  # regional SIMGAJI fgaji table (TGLGAJI, NIP, GAPOK, ...)
PAYROLL_LAYOUTS: tuple[str, ...] = (GPP, SIMGAJI)

# --- reference files in inbox/reference/ (formats/tpp_reference.py) -----------------------------
SANCTIONS = "sanctions"
STATUS_EVENTS = "status_events"
CEILINGS = "tpp_ceilings"
PLT_ASSIGNMENTS = "plt_assignments"

# --- Plt/Plh assignments (year-end §6.1) --------------------------------------------------------
PLT = "plt"  # pelaksana tugas: a vacant post, for months
PLH = "plh"  # pelaksana harian: the holder is away for days
ASSIGNMENT_KINDS: tuple[str, ...] = (PLT, PLH)
# how the covered post's kelas compares with the employee's own (rules/tpp/plt.py)
SAME_LEVEL = "same_level"
HIGHER_LEVEL = "higher_level"
LOWER_LEVEL = "lower_level"
PLT_MODES: tuple[str, ...] = ("add_share", "larger", "none")

# --- disciplinary sanctions, PP 94/2021 Pasal 8 (reg §8.1) ---------------------------------------
TEGURAN_LISAN = "teguran_lisan"
TEGURAN_TERTULIS = "teguran_tertulis"
PERNYATAAN_TIDAK_PUAS = "pernyataan_tidak_puas"
PEMOTONGAN_TPP = "pemotongan_tpp"  # hukuman sedang: 25 % for 6, 9 or 12 months
PENURUNAN_JABATAN = "penurunan_jabatan"
PEMBEBASAN_JABATAN = "pembebasan_jabatan"
PEMBERHENTIAN = "pemberhentian"
SANCTION_TYPES: tuple[str, ...] = (
    TEGURAN_LISAN,
    TEGURAN_TERTULIS,
    PERNYATAAN_TIDAK_PUAS,
    PEMOTONGAN_TPP,
    PENURUNAN_JABATAN,
    PEMBEBASAN_JABATAN,
    PEMBERHENTIAN,
)

# hukuman disiplin ringan (a region may cut TPP for them: tpp.sanctions.light_cuts)
LIGHT_SANCTIONS: tuple[str, ...] = (TEGURAN_LISAN, TEGURAN_TERTULIS, PERNYATAAN_TIDAK_PUAS)
# hukuman disiplin berat that move the employee to a lower post for months (tpp.sanctions.demotion)
DEMOTIONS: tuple[str, ...] = (PENURUNAN_JABATAN, PEMBEBASAN_JABATAN)

# --- status events that change eligibility ----------------------------------------------------
# Intervals (date_from .. date_to, open when empty):
CPNS = "cpns"  # calon PNS: the CPNS percentage applies
CLTN = "cltn"  # cuti di luar tanggungan negara
DIBERHENTIKAN_SEMENTARA = "diberhentikan_sementara"
TUGAS_BELAJAR = "tugas_belajar"
INTERVAL_STATUSES: tuple[str, ...] = (CPNS, CLTN, DIBERHENTIKAN_SEMENTARA, TUGAS_BELAJAR)
# the intervals a profile may declare unpaid (tpp.unpaid_statuses)
UNPAID_STATUSES: tuple[str, ...] = (CLTN, DIBERHENTIKAN_SEMENTARA, TUGAS_BELAJAR)
# End events (from date_from on, the employee is no longer paid by this region):
PENSIUN = "pensiun"
MUTASI_KELUAR = "mutasi_keluar"
BERHENTI = "berhenti"  # meninggal, PDH, PTDH
END_STATUSES: tuple[str, ...] = (PENSIUN, MUTASI_KELUAR, BERHENTI)
STATUSES: tuple[str, ...] = (*INTERVAL_STATUSES, *END_STATUSES)

# --- the parts of gaji a profile may count (payroll; tpp.salary_components) ---------------------
SALARY_PARTS: tuple[str, ...] = (
    c.GAJI_POKOK,
    c.TUNJANGAN_KELUARGA,
    c.TUNJANGAN_JABATAN,
    c.TUNJANGAN_UMUM,
)

# --- how the discipline percentage is applied (reg §7.3 observations, §10.3) ------------------
FULL_TPP = "full_tpp"  # % of the (eligible) TPP: central tukin style
DISIPLIN_COMPONENT = "disiplin_component"  # % of the disiplin part: Tulang Bawang style
DAILY_TPP = "daily_tpp"  # each day's % of that day's TPP (TPP / paid days): PPU style
DEDUCTION_BASES: tuple[str, ...] = (FULL_TPP, DISIPLIN_COMPONENT, DAILY_TPP)

# --- PPh 21 (the modes and their codes are rules.tax's) -------------------------------------------
NOT_COMPUTED = "not_computed"  # the gross is carried; finance's tax system withholds (docs/tpp.md)

# --- row status in fact_tpp_monthly ----------------------------------------------------------
PROVISIONAL = "provisional"
FINAL = "final"
RECOMPUTED = "recomputed"  # the latest recomputation of a closed month (fact_tpp_recomputed)

# --- the columns of a month's TPP (fact_tpp_monthly, finance files), in order ---------------
TPP_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.UNIT,
    c.UNIT_INDUK,
    c.KELAS_JABATAN,
    c.EMPLOYEE_KIND,
    c.CEILING,
    c.CEILING_SOURCE,
    c.MONTH_WORKDAYS,
    c.PAID_DAYS,
    c.ELIGIBILITY_FACTOR,
    c.CPNS_FACTOR,
    c.TPP_BASE,
    c.KINERJA_PART,
    c.PREDIKAT,
    c.KINERJA_FACTOR,
    c.KINERJA_AMOUNT,
    c.DISIPLIN_PART,
    c.DISIPLIN_DEDUCTION_PCT,
    c.DEDUCTION_BASE,
    c.DISIPLIN_DEDUCTION,
    c.DEDUCTION_FROM_KINERJA,
    c.DISIPLIN_AMOUNT,
    c.SANCTION_FACTOR,
    c.KINERJA_PAID,
    c.DISIPLIN_PAID,
    c.PLT_ADDITION,
    c.GROSS,
    c.SALARY_BASE,
    c.SALARY_MONTH,
    c.BPJS_BASE,
    c.BPJS_EMPLOYER,
    c.BPJS_EMPLOYEE,
    c.PTKP_STATUS,
    c.TER_CATEGORY,
    c.NPWP_MULTIPLIER,
    c.GAJI_BRUTO,
    c.IURAN_PENSIUN,
    c.PPH21_BASE,
    c.TER_RATE_PCT,
    c.PPH21_GAJI,
    c.PPH21,
    c.TUNJANGAN_PPH,
    c.PPH21_DECEMBER_ADJUSTMENT,
    c.PPH21_MODE,
    c.PTKP_SOURCE,  # issue 21: reference (ptkp.csv) | payroll (family data) | default
    c.TAX_YEAR_END,  # issue 21: december | pensiun | berhenti | mutasi_keluar: the true-up month
    c.THR13_GROSS,  # issue 21: THR/13 TPP paid in the month (in pph21_base, not in gross/net)
    c.PPH21_THR13,  # issue 21: its tax (fact_tpp_thr_gaji13 shows it, borne or deducted)
    c.NET,
    c.NOTES,
    c.PROFILE,
]
SEN_COLUMNS = (
    c.TPP_BASE,
    c.KINERJA_PART,
    c.KINERJA_AMOUNT,
    c.DISIPLIN_PART,
    c.DISIPLIN_DEDUCTION,
    c.DEDUCTION_FROM_KINERJA,
    c.DISIPLIN_AMOUNT,
)
FACTOR_COLUMNS = (c.ELIGIBILITY_FACTOR, c.CPNS_FACTOR, c.KINERJA_FACTOR, c.SANCTION_FACTOR)
RUPIAH_COLUMNS = (
    c.CEILING,
    c.KINERJA_PAID,
    c.DISIPLIN_PAID,
    c.PLT_ADDITION,
    c.GROSS,
    c.BPJS_BASE,
    c.BPJS_EMPLOYER,
    c.BPJS_EMPLOYEE,
    c.GAJI_BRUTO,
    c.IURAN_PENSIUN,
    c.PPH21_BASE,
    c.PPH21_GAJI,
    c.PPH21,
    c.TUNJANGAN_PPH,
    c.PPH21_DECEMBER_ADJUSTMENT,
    c.NET,
    c.THR13_GROSS,
    c.PPH21_THR13,
)
# may be negative: a December refund line, and a net when the true-up exceeds the TPP
SIGNED_RUPIAH_COLUMNS = (c.PPH21_DECEMBER_ADJUSTMENT, c.NET)
FACTOR_DECIMALS = 6  # factors are units / FULL: six decimals are exact for 4-decimal percents

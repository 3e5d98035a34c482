"""PPh 21 vocabulary: the withholding modes; names and codes only, no formulas (the numbers live in
the tax profile ``rules/tax/pph21.yaml``)."""

from __future__ import annotations

# --- modes (regional profile tpp.pph21.mode, per employee kind) --------------------------------
TER_COMBINED = "ter_combined"  # TER on gaji + TPP (+ employer BPJS on TPP) minus PPh on gaji
FINAL_BY_GOLONGAN = "final_by_golongan"  # PP 80/2010 Pasal 4 final rate on the TPP alone
BORNE_TUNJANGAN_PPH = "borne_tunjangan_pph"  # as ter_combined, paid back as a tunjangan PPh
NOT_COMPUTED = "not_computed"  # nothing withheld: finance's tax system does it
MODES: tuple[str, ...] = (TER_COMBINED, FINAL_BY_GOLONGAN, BORNE_TUNJANGAN_PPH, NOT_COMPUTED)
# a month before the tax profile's first version is not_computed whatever the mode; its notes
# start with this (the run summary finds the rows by it)
BEFORE_TAX_PROFILE = "PPh 21 not computed"
TER_MODES: tuple[str, ...] = (TER_COMBINED, BORNE_TUNJANGAN_PPH)  # the year-end applies to these

# --- employee kinds the mode is chosen for ----------------------------------------------------
PNS = "pns"
PPPK = "pppk"
KINDS: tuple[str, ...] = (PNS, PPPK)

# --- PTKP status (PP 58/2023 Pasal 2; PMK 101/2016 amounts) and TER categories ------------------
PTKP_STATUSES: tuple[str, ...] = ("TK/0", "TK/1", "TK/2", "TK/3", "K/0", "K/1", "K/2", "K/3")
TER_CATEGORIES: tuple[str, ...] = ("A", "B", "C")

# --- NPWP status (UU PPh Pasal 21 ayat 5a) ------------------------------------------------------
NPWP_VALID = "valid"
NPWP_NONE = "none"  # no NPWP, or a NIK not yet matched (pemadanan): the rate is 20 % higher
NPWP_STATUSES: tuple[str, ...] = (NPWP_VALID, NPWP_NONE)

# --- rounding of a payable tax line (tax profile rounding.monthly) -------------------------------
HALF_UP = "half_up"
CEIL = "ceil"  # simgaji rounds the monthly PPh on gaji up
FLOOR = "floor"
ROUNDINGS: tuple[str, ...] = (HALF_UP, CEIL, FLOOR)

# --- the reference file kind (inbox/reference/ptkp.csv; formats/tpp_reference.py) ------------
PTKP_REFERENCE = "ptkp"

# --- where a row's PTKP status and PPh on gaji came from (notes) -------------------------------
PTKP_FROM_REFERENCE = "reference"  # inbox/reference/ptkp.csv
PTKP_FROM_PAYROLL = "payroll"  # family data of the payroll export (kawin, anak)
PTKP_DEFAULT = "default"  # the tax profile's default (TK/0), noted per row

# --- Coretax DJP (from 2025): the Pasal 21 forms finance imports as XML ------------------------
# (shared/domain/year-end.md §2; formats/coretax.xsd holds the same lists as enumerations)
BPMP = "bpmp"  # Bukti Pemotongan Bulanan Pegawai Tetap: MmPayrollBulk, one row per employee
BPA2 = "bpa2"  # Bukti Pemotongan A2 (pegawai instansi pemerintah): A2Bulk, one row per year
CORETAX_FORMS: tuple[str, ...] = (BPMP, BPA2)
# 21-100-01 pegawai tetap incl. PNS/PPPK/pejabat negara; 21-100-02 penerima pensiun teratur;
# 21-100-32 pegawai tetap with a regional facility [S] (REF sheet of the DJP converter)
TAX_OBJECT_CODES: tuple[str, ...] = ("21-100-01", "21-100-02", "21-100-32")
TAX_CERTIFICATES: tuple[str, ...] = ("N/A", "DTP", "ETC")  # fasilitas [S]
COUNTERPART_OPTS: tuple[str, ...] = ("Resident", "Foreign")
WITHHOLDING_STATUSES: tuple[str, ...] = ("FullYear", "PartialYear", "Annualized")
FULL_YEAR, PARTIAL_YEAR = "FullYear", "PartialYear"
YES_NO: tuple[str, ...] = ("Yes", "No")
# the employee's identifier in CounterpartTin: the NIK (16 digits) or the NPWP16
COUNTERPART_IDS: tuple[str, ...] = ("nik", "npwp16")
# the A2 line that carries the regional TPP (no DJP guidance; §2.3)
A2_TPP_LINES: tuple[str, ...] = ("OtherRegularIncome", "IncomeImprovementBenefit", "OtherBenefit")
# the Coretax A2 lines that add up to the year's gross (bruto); Coretax derives biaya jabatan
A2_INCOME_LINES: tuple[str, ...] = (
    "SalaryPensionJhtTht",
    "WifeBenefit",
    "ChildBenefit",
    "IncomeImprovementBenefit",
    "StructuralFunctionalBenefit",
    "RiceBenefit",
    "OtherBenefit",
    "OtherRegularIncome",
)
# every amount of an A2 row: the income lines, then the deductions and the tax
A2_AMOUNTS: tuple[str, ...] = (
    *A2_INCOME_LINES,
    "PensionContributionJhtThtFee",
    "Zakat",
    "Article21IncomeTax",
)

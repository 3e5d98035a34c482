"""TPP (Tambahan Penghasilan Pegawai): the monthly allowance finance pays from.

The codes and column lists are vocabulary: ``vocabulary.tpp``. One module per step: exact money
arithmetic (``money``), the ceiling table (``ceilings``), eligibility and the CPNS factor
(``eligibility``), PP 94/2021 sanctions (``sanctions``), the month's computation with BPJS
(``compute``) and PPh 21 (``pph21``, over rules/tax), the adjustment lines of a closed month
(``adjustments``), content rules for the inputs (``inputs``) and the HR report (``report``).
"""

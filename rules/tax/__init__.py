"""PPh 21 on TPP (PP 58/2023 TER, PMK 168/2023, Pasal 17 UU PPh).

The codes are vocabulary: ``vocabulary.tax``. The numbers live in the tax profile
(``rules/tax/pph21.yaml``, parsed by ``rules.tax.profile``), shared by every region; the regional
rulebook chooses the mode per employee kind (``tpp.pph21``). One module per step: the profile
(``profile``), the rate tables and PTKP (``rates``), the month's withholding in each mode
(``monthly``), the December / last-month Pasal 17 true-up and the yearly summary (``year_end``).
docs/tpp.md explains the modes and where each number comes from.
"""

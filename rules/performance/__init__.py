"""Performance scores (SKP / predikat kinerja) under each regime, and the cycle around them.

The codes (predikat, ratings, regimes, layouts) are vocabulary: ``vocabulary.performance``. Here one
module per regime (``pp46``, ``permenpanrb8``, ``permenpanrb6``), the 2021 integration
(``integration``), the kurva distribusi check (``kurva``), SKP compliance (``compliance``), the
per-period orchestration (``scores``), 360° behaviour, cascading, e-Lapkin, tindak lanjut and
the dialog kinerja (``dialog``, ``dialog_inputs``).
"""

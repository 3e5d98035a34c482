"""Performance assets: scores and SKP compliance (``scores``), 360° behaviour (``behaviour360``),
cascading of RHK (``cascading``), e-Lapkin (``lapkin``) and tindak lanjut with the warehouse
publish of the cycle (``follow_up``)."""

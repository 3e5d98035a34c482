"""Performance assets: scores and SKP compliance (``scores``), 360° behaviour (``behaviour360``),
cascading of RHK (``cascading``), e-Lapkin (``lapkin``), tindak lanjut with the warehouse
publish of the cycle (``follow_up``) and the dialog kinerja (``dialog``)."""

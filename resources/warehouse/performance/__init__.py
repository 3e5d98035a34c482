"""Performance in the warehouse: period results, SKP compliance, 360°, cascading, e-Lapkin and
tindak lanjut."""

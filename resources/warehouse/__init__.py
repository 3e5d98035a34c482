"""The reporting warehouse: one schema on DuckDB (embedded default) or PostgreSQL (production).

- ``engine``: connections, bulk loads, the one-transaction publish of a slice, locks, the resource;
- ``tables`` (the shared quarantine, load audit, employee dimension and the ``metadata``) and
  ``schema`` (every table registered); ``migrate`` (Alembic) and ``roles`` (PostgreSQL roles);
- ``publish`` (the shared slices: quarantine and audit rows, reference snapshots) and
  ``reports`` (the lines the CLI prints, in reading order);
- one package per domain, each with its ``tables``, its ``publish`` (what the assets write), its
  ``read`` models (what the rules, the exports and the UI read back) and its ``reports`` lines:
  ``attendance``, ``performance`` (scores, 360°, cascading, e-Lapkin, tindak lanjut), ``tpp``
  (the ledger of provisional, closed and recomputed months) and ``tax``.
"""

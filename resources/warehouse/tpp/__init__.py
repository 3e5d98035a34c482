"""TPP in the warehouse: the ledger of provisional, closed and recomputed months and their
adjustment lines."""

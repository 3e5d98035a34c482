"""Tax in the warehouse: read models over the TPP ledger for the PPh 21 year."""

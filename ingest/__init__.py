"""Ingestion: inbox files to Checked (valid rows, quarantine, per-file audit), with one
declarative table of source kinds (ingest.kinds). Used by the assets, the CLI and the tests
alike; it knows no orchestrator."""

"""Benchmarks: timed runs of the pipeline on generated inboxes (BENCHMARKS.md)."""

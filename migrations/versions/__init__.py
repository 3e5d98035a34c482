"""Revisions of the warehouse schema: history, never edited, never importing today's code."""

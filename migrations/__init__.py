"""Alembic environment and the frozen revisions of the warehouse schema."""

"""Alembic migrations of Navigator's tables (run with ``navigator db upgrade``)."""

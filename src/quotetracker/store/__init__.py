"""Storage: SQLAlchemy Core tables (:mod:`.schema`), Alembic migrations (``migrations/``),
the write-side repository (:class:`Store`) and the few dialect-specific bits (:mod:`.dialect`).

The same code runs on an embedded SQLite file and on PostgreSQL.
"""

from __future__ import annotations

from .engine import DatabaseError, create_engine, migrate
from .repository import BatchResult, RejectRow, Store, entity_key

__all__ = ["Store", "BatchResult", "RejectRow", "DatabaseError", "create_engine", "migrate", "entity_key", "open_store"]


def open_store(url: str) -> Store:
    """Connect to ``url`` and apply pending migrations."""
    return Store(url)

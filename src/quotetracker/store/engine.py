"""Open a database: build the engine for a URL and bring its schema to the newest migration."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine as _sa_create_engine
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool

from . import dialect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

__all__ = ["create_engine", "migrate", "MIGRATIONS", "DatabaseError"]


class DatabaseError(RuntimeError):
    """The database could not be opened, migrated or written (CLI exit code 3)."""


def create_engine(url: str) -> Engine:
    u = make_url(url)
    kwargs: dict = {"future": True}
    if u.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 30}
        if u.database in (None, "", ":memory:"):
            kwargs["poolclass"] = StaticPool  # one shared in-memory database
            kwargs["connect_args"]["check_same_thread"] = False
        else:
            Path(u.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    else:
        kwargs["pool_pre_ping"] = True
    engine = _sa_create_engine(u, **kwargs)
    dialect.configure_engine(engine)
    return engine


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def migrate(engine: Engine) -> None:
    """Apply every pending Alembic migration (cheap no-op when the schema is current)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    head = head_revision()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return
    cfg = _alembic_config()
    with dialect.write_transaction(engine) as conn:
        # Two processes opening a fresh database at once: the second waits for the first one's lock
        # (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), then finds it migrated.
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7406113)"))
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

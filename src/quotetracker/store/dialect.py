"""Everything that differs between SQLite and PostgreSQL, in one place.

- connection set-up (SQLite pragmas: foreign keys, WAL, busy timeout),
- full-text search objects: an FTS5 table kept in sync by triggers (SQLite) or
  a generated ``tsvector`` column with a GIN index (PostgreSQL), both over
  ``statements.search_text`` (already lemmatised by :mod:`.search`),
- the search condition,
- "insert, ignore if the unique key exists".
"""

from __future__ import annotations

from sqlalchemy import Integer, Table, column, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import ColumnElement

from .schema import statements
from .search import search_groups

__all__ = [
    "configure_engine",
    "create_search_objects",
    "drop_search_objects",
    "search_condition",
    "insert_ignore",
    "sqlite_match",
    "analyze",
    "FTS_ID_BITS",
    "FTS_ID_MASK",
    "write_transaction",
]

_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE statements_fts USING fts5(search_text, content='statements', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER statements_fts_ai AFTER INSERT ON statements BEGIN"
    " INSERT INTO statements_fts(rowid, search_text) VALUES (new.id, coalesce(new.search_text, '')); END",
    "CREATE TRIGGER statements_fts_ad AFTER DELETE ON statements BEGIN"
    " INSERT INTO statements_fts(statements_fts, rowid, search_text) VALUES ('delete', old.id, coalesce(old.search_text, '')); END",
    "CREATE TRIGGER statements_fts_au AFTER UPDATE OF search_text ON statements BEGIN"
    " INSERT INTO statements_fts(statements_fts, rowid, search_text) VALUES ('delete', old.id, coalesce(old.search_text, ''));"
    " INSERT INTO statements_fts(rowid, search_text) VALUES (new.id, coalesce(new.search_text, '')); END",
]
# Version 2 (migration 0002): a contentless FTS5 table whose rowid is sort_day × 2³² + (2³² − 1 − statement id), so
# that "MATCH … ORDER BY rowid DESC LIMIT 50" reads the 50 newest postings (same day: lowest id first, the order of
# every statement list) instead of sorting every match. The statement id is FTS_ID_MASK - (rowid & FTS_ID_MASK).
FTS_ID_BITS = 32
FTS_ID_MASK = (1 << FTS_ID_BITS) - 1
_FTS_KEY_NEW = f"(new.sort_day << {FTS_ID_BITS}) + ({FTS_ID_MASK} - new.id)"
_FTS_KEY_OLD = f"(old.sort_day << {FTS_ID_BITS}) + ({FTS_ID_MASK} - old.id)"
_SQLITE_FTS_V2 = [
    "CREATE VIRTUAL TABLE statements_fts USING fts5(search_text, content='', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER statements_fts_ai AFTER INSERT ON statements BEGIN"
    f" INSERT INTO statements_fts(rowid, search_text) VALUES ({_FTS_KEY_NEW}, coalesce(new.search_text, '')); END",
    "CREATE TRIGGER statements_fts_ad AFTER DELETE ON statements BEGIN"
    f" INSERT INTO statements_fts(statements_fts, rowid, search_text) VALUES ('delete', {_FTS_KEY_OLD}, coalesce(old.search_text, '')); END",
    "CREATE TRIGGER statements_fts_au AFTER UPDATE OF search_text, sort_day ON statements BEGIN"
    f" INSERT INTO statements_fts(statements_fts, rowid, search_text) VALUES ('delete', {_FTS_KEY_OLD}, coalesce(old.search_text, ''));"
    f" INSERT INTO statements_fts(rowid, search_text) VALUES ({_FTS_KEY_NEW}, coalesce(new.search_text, '')); END",
    f"INSERT INTO statements_fts(rowid, search_text) SELECT (sort_day << {FTS_ID_BITS}) + ({FTS_ID_MASK} - id), coalesce(search_text, '') FROM statements",
]
_SQLITE_FTS_V1_FILL = ["INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')"]
_SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS statements_fts_au",
    "DROP TRIGGER IF EXISTS statements_fts_ad",
    "DROP TRIGGER IF EXISTS statements_fts_ai",
    "DROP TABLE IF EXISTS statements_fts",
]
_PG_FTS = [
    "ALTER TABLE statements ADD COLUMN search_tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED",
    "CREATE INDEX ix_statements_search_tsv ON statements USING GIN (search_tsv)",
]
_PG_FTS_DROP = [
    "DROP INDEX IF EXISTS ix_statements_search_tsv",
    "ALTER TABLE statements DROP COLUMN IF EXISTS search_tsv",
]


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - exercised by every SQLite test
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that DDL
        # (migrations) is transactional too (SQLAlchemy's documented pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        # WAL: readers never block the ingest writer; NORMAL sync is durable against a killed process.
        _enable_wal(cur)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # pragma: no cover - exercised by every SQLite test
        # Writers take the write lock at BEGIN (IMMEDIATE): two writers then queue on busy_timeout
        # instead of failing when a read transaction tries to upgrade to a write.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


WRITE_OPTION = "quotetracker_write"


def _enable_wal(cur, attempts: int = 50) -> None:
    """Switch a SQLite file to WAL once (the mode is stored in the file).

    Changing the journal mode needs an exclusive lock, and SQLite can answer "database is
    locked" at once (without the busy handler) while another process opens the same fresh
    file; so check first and retry briefly instead of failing the open.
    """
    import sqlite3
    import time

    for attempt in range(attempts):
        try:
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() in ("wal", "memory"):
                return
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def write_transaction(engine: Engine):
    """``with write_transaction(engine) as conn:`` — a transaction that will write (BEGIN IMMEDIATE on SQLite)."""
    from contextlib import contextmanager

    @contextmanager
    def _tx():
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
            with conn.begin():
                yield conn

    return _tx()


def create_search_objects(conn: Connection, version: int = 1) -> None:
    """Create the full-text objects of one migration's version (1: migration 0001, 2: 0002; PostgreSQL's are the same
    in both) and index the stored statements."""
    if conn.dialect.name == "sqlite":
        stmts = _SQLITE_FTS_V2 if version >= 2 else _SQLITE_FTS + _SQLITE_FTS_V1_FILL
    else:
        stmts = _PG_FTS if conn.dialect.name == "postgresql" else []
    for sql in stmts:
        conn.execute(text(sql))


def drop_search_objects(conn: Connection) -> None:
    stmts = _SQLITE_FTS_DROP if conn.dialect.name == "sqlite" else _PG_FTS_DROP if conn.dialect.name == "postgresql" else []
    for sql in stmts:
        conn.execute(text(sql))


def search_condition(dialect_name: str, query: str) -> ColumnElement[bool] | None:
    """A WHERE condition: statements whose normalised content matches every query word (any of its lemmas).

    Returns None when the query has no words (the caller then matches nothing).
    """
    groups = search_groups(query)
    if not groups:
        return None
    # Terms are \w+ only (see .search), so quoting them is safe in both query languages.
    if dialect_name == "sqlite":
        return statements.c.id.in_(
            text(f"SELECT {FTS_ID_MASK} - (rowid & {FTS_ID_MASK}) AS statement_id FROM statements_fts WHERE statements_fts MATCH :fts_q")
            .bindparams(fts_q=sqlite_match(groups))
            .columns(column("statement_id", Integer))
        )
    if dialect_name == "postgresql":
        tsq = " & ".join("(" + " | ".join(f"'{t}'" for t in g) + ")" for g in groups)
        return text("statements.search_tsv @@ to_tsquery('simple', :fts_q)").bindparams(fts_q=tsq)
    # Any other database: a slow but correct fallback over the normalised column.
    from sqlalchemy import and_, or_

    padded = " " + statements.c.search_text + " "
    return and_(*[or_(*[padded.like(f"% {t} %") for t in g]) for g in groups])


def sqlite_match(groups: list[tuple[str, ...]]) -> str:
    """An FTS5 MATCH expression: every word group, any of its terms."""
    return " AND ".join("(" + " OR ".join(f'"{t}"' for t in g) + ")" for g in groups)


def analyze(conn: Connection) -> None:
    """Refresh the planner's statistics (after large ingests: without them SQLite sorts instead of walking indexes)."""
    if conn.dialect.name == "sqlite":
        # Full statistics (2.2 s at 1M statements): sampled ones (analysis_limit) misjudge low-cardinality
        # columns such as kind and made SQLite pick its index over the date walk.
        conn.execute(text("PRAGMA analysis_limit=0"))
        conn.execute(text("ANALYZE"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE"))


def insert_ignore(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert rows, silently skipping those whose unique key already exists."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)
    else:  # pragma: no cover
        for row in rows:
            try:
                with conn.begin_nested():
                    conn.execute(table.insert(), row)
            except Exception:
                pass

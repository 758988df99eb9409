"""Fixtures shared by the whole suite.

``shared_dir``: the read-only ``../shared`` folder beside the project (gold data,
corpus, training data). Tests that need it skip with a clear reason when it is
absent; set ``QUOTETRACKER_SHARED`` to point elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _find_shared() -> Path | None:
    env = os.environ.get("QUOTETRACKER_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared")
    for c in candidates:
        if c.is_dir():
            return c
    return None


SHARED = _find_shared()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if SHARED is None:
        pytest.skip("../shared is absent (set QUOTETRACKER_SHARED): gold data and corpus not available")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


# --- databases: every store/ingest/query test runs on SQLite and on PostgreSQL -------------
# ``QUOTETRACKER_TEST_PG`` (postgresql+psycopg://…, set by `make test` via
# scripts/start-postgres.sh) names a server; each test gets a fresh database on it.
PG_URL = os.environ.get("QUOTETRACKER_TEST_PG")


def _fresh_pg_database(base_url: str):
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"qt_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database URL: an SQLite file, or a new database on $QUOTETRACKER_TEST_PG."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    if not PG_URL:
        pytest.skip("QUOTETRACKER_TEST_PG is unset (make test starts PostgreSQL and sets it)")
    url, drop = _fresh_pg_database(PG_URL)
    request.addfinalizer(drop)
    return url

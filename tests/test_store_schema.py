"""Schema, migrations and search normalisation; SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from quotetracker.model import Document, Extraction, Span, Statement
from quotetracker.store import Store, create_engine, migrate
from quotetracker.store.dates import date_bounds
from quotetracker.store.engine import head_revision
from quotetracker.store.schema import metadata
from quotetracker.store.search import normalize_for_search, search_terms


def test_open_migrates_to_head_and_creates_every_table(db_url):
    store = Store(db_url)
    names = set(inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= names
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    # the migrated columns are exactly the ones the code uses
    for table in metadata.sorted_tables:
        cols = {c["name"] for c in inspect(store.engine).get_columns(table.name)}
        assert {c.name for c in table.columns} <= cols, table.name


def test_opening_twice_is_a_noop(db_url):
    Store(db_url).close()
    store = Store(db_url)
    migrate(store.engine)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_downgrade_and_upgrade_again(db_url):
    from alembic import command

    from quotetracker.store.engine import _alembic_config

    engine = create_engine(db_url)
    migrate(engine)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "documents" not in inspect(engine).get_table_names()
    migrate(engine)
    assert "documents" in inspect(engine).get_table_names()


def test_full_text_search_objects_follow_inserts_and_deletes(db_url):
    store = Store(db_url)
    doc = Document(text="Er sagte: „Die Regierungen verhandeln weiter.“", id="fts", lang="de")
    ex = Extraction(document=doc, lang="de", statements=[Statement(content=Span(11, 45))])
    store.write_batch([ex])
    from quotetracker.query import QueryService

    qs = QueryService(store)
    assert qs.statements(q="Regierung verhandeln").total == 1
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))  # cascades to statements and the search index
    assert qs.statements(q="Regierung").total == 0


def test_content_hash_is_unique_in_the_database(db_url):
    from sqlalchemy.exc import IntegrityError

    from quotetracker.store.schema import documents

    store = Store(db_url)
    row = {"content_hash": "h" * 64, "text": "x"}
    with store.engine.begin() as conn:
        conn.execute(documents.insert(), row)
    with pytest.raises(IntegrityError):
        with store.engine.begin() as conn:
            conn.execute(documents.insert(), row)


def test_deleting_a_document_cascades(db_url):
    store = Store(db_url)
    doc = Document(text="„Eins“, sagte A. „Zwei“, sagte B.", id="c", lang="xx")
    ex = Extraction(document=doc, lang="xx", statements=[Statement(content=Span(1, 5)), Statement(content=Span(18, 22))])
    store.write_batch([ex])
    assert store.count("statements") == 2
    from quotetracker.store.schema import documents

    with store.engine.begin() as conn:
        conn.execute(documents.delete())
    assert store.count("statements") == 0


def test_search_normalisation_meets_word_forms_in_german_and_english():
    from quotetracker.store.search import search_groups

    # every word of a query must meet one of the stored terms of the text
    def matches(query: str, textual: str) -> bool:
        stored = set(search_terms(textual))
        return all(any(t in stored for t in group) for group in search_groups(query))

    assert matches("Steuer sagen", "Sie sagte, die Steuern steigen")
    assert matches("gesagt", "Er sagt nichts")
    assert matches("Regierung", "Die Regierungen verhandeln")
    assert matches("said", "The government says no")
    assert matches("governments", "the government")
    assert not matches("Steuer Hafen", "Die Steuern steigen")
    assert normalize_for_search("Hallo Welt") == "hallo welt"
    assert all(t.isalnum() for t in search_terms("Well-known e-mail, 3.5%"))
    assert search_terms("!!! ...") == []


@pytest.mark.parametrize(
    "value,bounds",
    [("2020", ("2020-01-01", "2020-12-31")), ("2020-02", ("2020-02-01", "2020-02-29")), ("2021-02", ("2021-02-01", "2021-02-28")), ("2021-03-04", ("2021-03-04", "2021-03-04")), (None, None)],
)
def test_date_bounds(value, bounds):
    assert date_bounds(value) == bounds


def test_date_bounds_rejects_impossible_dates():
    with pytest.raises(ValueError):
        date_bounds("2021-02-29")


def test_sqlite_uses_wal_and_foreign_keys(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_in_memory_sqlite_works():
    store = Store("sqlite:///:memory:")
    store.write_batch([Extraction(document=Document(text="„Hallo Welt“", id="m"), lang="xx", statements=[Statement(content=Span(1, 11))])])
    from quotetracker.store.schema import statements

    with store.engine.connect() as conn:
        assert conn.execute(select(statements.c.search_text)).scalar_one() == "hallo welt"


def test_concurrent_first_opens_both_succeed(db_url):
    """Several processes opening a fresh database at the same time (e.g. web server and ingest)."""
    from concurrent.futures import ThreadPoolExecutor

    def open_it(_):
        store = Store(db_url)
        n = store.count("documents")
        store.close()
        return n

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(open_it, range(3)))
    assert results == [0, 0, 0]


def test_migrations_match_the_schema_module(db_url):
    """A change to store/schema.py without a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store(db_url)
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(ctx, metadata)
    # the full-text search objects are created by dialect.py on purpose and are not in the metadata
    diffs = [d for d in diffs if "search_tsv" not in repr(d) and "statements_fts" not in repr(d)]
    assert diffs == []

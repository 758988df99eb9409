"""The fast query paths: capped totals, newest-first order (plain and full text), speaker name forms, migration 0002.

Fictional statements written straight through the store; SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, text

from quotetracker import query as query_module
from quotetracker.ingest import ingest_records
from quotetracker.model import Document, EntityMention, Extraction, Span, Statement
from quotetracker.query import QueryService, StatementFilters
from quotetracker.store import Store, create_engine

_QUOTE = re.compile(r"(?P<mention>[^.„]*?(?P<name>[A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+)) (?P<cue>sagte|said): „(?P<content>[^“]+)“")

DOCS = [
    ("p1", "2020-04-02", "de", "Kreml-Sprecher Dmitri Peskow sagte: „Die Videokonferenz findet statt.“"),
    ("p2", "2020-10-20", "de", "Kremlsprecher Dmitri Peskow sagte: „Die Kontrolle der Rüstung bleibt wichtig.“"),
    ("p3", "2021-01-05", "en", "Kremlin spokesman Dmitry Peskov said: „The conference will take place.“"),
    ("p4", "2021-01-05", "de", "Ministerin Lena Hofmann sagte: „Die Konferenz beginnt morgen.“ Ministerin Lena Hofmann sagte: „Der Hafen wächst.“"),
    ("p5", "2019-07", "de", "Bürgermeister Karl Brenner sagte: „Die Brücke in Lindenau wird saniert.“"),
    ("p6", None, "de", "Bürgermeister Karl Brenner sagte: „Die Konferenz war gut.“"),
]


def fake_extract(docs):
    out = []
    for doc in docs:
        statements = []
        for m in _QUOTE.finditer(doc.text):
            statements.append(
                Statement(
                    content=Span(m.start("content"), m.end("content")),
                    kind="direct",
                    cue=Span(m.start("cue"), m.end("cue")),
                    speaker=Span(m.start("mention"), m.end("mention")),
                    speaker_name=m.group("name"),
                    speaker_label="PER",
                )
            )
        ents = [EntityMention(Span(p.start(), p.end()), "LOC", "Lindenau", canonical="Lindenau") for p in re.finditer("Lindenau", doc.text)]
        for st in statements:
            st.topics = ["Verkehr"] if "Hafen" in st.content.text(doc.text) or "Brücke" in st.content.text(doc.text) else []
            st.about = [e for e in ents if st.content.start <= e.span.start < st.content.end]
        out.append(Extraction(document=doc, lang=doc.lang, statements=statements, entities=ents))
    return out


@pytest.fixture
def qs(db_url):
    store = Store(db_url)
    docs = [Document(text=t, id=i, date=d, lang=lg, source="Testblatt") for i, d, lg, t in DOCS]
    report = ingest_records(store, docs, extract=fake_extract, batch_size=2)
    assert report.statements == 7
    yield QueryService(store)
    store.close()


def _names(page):
    return sorted({r.speaker_name for r in page.items})


@pytest.mark.parametrize("query", ["Peskov", "Peskow", "Dmitri Peskow", "Dmitry Peskov", "peskow", "Kremlsprecher", "Kreml-Sprecher"])
def test_speaker_matches_every_name_form_and_the_role(qs, query):
    page = qs.statements(speaker=query)
    assert page.total == 3, query
    assert _names(page) == ["Dmitri Peskow", "Dmitry Peskov"]


def test_speaker_does_not_match_someone_else(qs):
    assert qs.statements(speaker="Peskin").total == 0
    assert _names(qs.statements(speaker="Hofmann")) == ["Lena Hofmann"]
    assert [r.content for r in qs.statements(speaker="Peskov", q="conference").items] == ["The conference will take place."]


def test_statements_are_newest_first_with_undated_last_on_both_paths(qs):
    plain = [(r.date, r.content) for r in qs.statements(limit=50).items]
    assert [d for d, _ in plain] == ["2021-01-05", "2021-01-05", "2021-01-05", "2020-10-20", "2020-04-02", "2019-07", None]
    # same day: stored order (document, then position in it)
    assert [c for d, c in plain[:3]] == ["The conference will take place.", "Die Konferenz beginnt morgen.", "Der Hafen wächst."]
    searched = [(r.date, r.content) for r in qs.statements(q="Konferenz", limit=50).items]
    assert searched == [(d, c) for d, c in plain if "Konferenz " in c] and len(searched) == 2
    every = [r.content for r in qs.statements(q="die", limit=50).items]
    assert len(every) >= 4 and [r.content for r in qs.statements(q="die", limit=2, offset=1).items] == every[1:3]
    assert every == [c for _, c in plain if c in every]  # the walk keeps the plain order


def test_totals_are_capped_and_flagged(qs, monkeypatch):
    assert qs.statements().total_is_lower_bound is False
    monkeypatch.setattr(query_module, "TOTAL_CAP", 4)
    page = qs.statements(limit=2)
    assert (page.total, page.total_is_lower_bound, page.total_label) == (4, True, "4+")
    searched = qs.statements(q="die", limit=2)
    assert (searched.total, searched.total_is_lower_bound) == (4, True)
    assert page.to_dict()["total_is_lower_bound"] is True and page.to_dict()["total_label"] == "4+"
    exact = qs.statements(speaker="Peskow")
    assert (exact.total, exact.total_is_lower_bound) == (3, False)
    assert len(list(qs.iter_statements(StatementFilters(), page_size=2))) == 7  # iteration does not stop at the cap


def test_about_and_topic_filters(qs):
    assert [r.content for r in qs.statements(about="Lindenau").items] == ["Die Brücke in Lindenau wird saniert."]
    assert qs.statements(topic="no such topic").total == 0
    assert [r.content for r in qs.statements(topic="verkehr").items] == ["Der Hafen wächst.", "Die Brücke in Lindenau wird saniert."]


def test_entity_and_topic_lookups(qs):
    ent = qs.entity("lindenau")
    assert (ent.name, ent.label, ent.n_mentions, ent.n_statements) == ("Lindenau", "LOC", 1, 1)
    assert qs.entity(ent.id).name == "Lindenau"
    assert qs.entity("Atlantis") is None
    top = qs.topic("VERKEHR")
    assert (top.label, top.n_statements) == ("Verkehr", 2)
    # a configured keyword topic is found by its short name even before any statement is linked to it
    sport = qs.topic("Sport")
    assert (sport.name, sport.n_statements) == ("sport", 0)
    assert qs.topic("Quantenphysik") is None


def test_sort_day_is_stored_and_follows_the_document_date(qs):
    with qs.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT d.doc_key, s.sort_day FROM statements s JOIN documents d ON d.id = s.document_id")).all())
    import datetime as dt

    assert rows["p1"] == dt.date(2020, 4, 2).toordinal()
    assert rows["p5"] == dt.date(2019, 7, 1).toordinal()
    assert rows["p6"] == 0


def test_migration_0002_fills_keys_sort_days_and_the_search_index(db_url):
    """A database with data at revision 0001 is brought to 0002 with every derived column filled."""
    from alembic import command

    from quotetracker.store.engine import _alembic_config, migrate

    engine = create_engine(db_url)
    migrate(engine)
    store = Store(db_url, engine=engine)
    docs = [Document(text=t, id=i, date=d, lang=lg) for i, d, lg, t in DOCS]
    ingest_records(store, docs, extract=fake_extract, batch_size=3)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "sort_day" not in {c["name"] for c in inspect(engine).get_columns("statements")}
    migrate(engine)
    qs = QueryService(store)
    assert qs.statements(speaker="Peskov").total == 3
    assert [r.date for r in qs.statements(q="Konferenz").items] == ["2021-01-05", None]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM statements WHERE sort_day = 0")).scalar_one() == 1
        # the downgrade kept the links (no table was dropped and re-created under foreign keys)
        assert conn.execute(text("SELECT count(*) FROM entity_mentions WHERE statement_id IS NOT NULL")).scalar_one() == 1
    assert [(s.name, s.n_statements) for s in qs.speakers(limit=2).items] == [("Dmitri Peskow", 3), ("Karl Brenner", 2)]
    assert [r.content for r in qs.statements(about="Lindenau").items] == ["Die Brücke in Lindenau wird saniert."]
    store.close()


def test_a_large_run_refreshes_the_planner_statistics(tmp_path):
    from quotetracker.store.repository import ANALYZE_AFTER_STATEMENTS

    store = Store(f"sqlite:///{tmp_path / 'stats.db'}")
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS sqlite_stat1"))
    small = store.start_run()
    store.update_run(small, {"statements": ANALYZE_AFTER_STATEMENTS - 1}, "finished")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar_one() == 0
    large = store.start_run()
    store.update_run(large, {"statements": ANALYZE_AFTER_STATEMENTS}, "finished")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar_one() == 1
    store.close()

"""Entity mentions share the cross-document identities of speakers; filters by mentioned date and by topic name/id.

A small fictional corpus built as extractions (no NLP model), enriched like ingest does it (about, dates, topics),
stored on SQLite and PostgreSQL; checked through the Python API, the CLI, the HTTP API and the web pages.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

import quotetracker
from quotetracker.api import create_app
from quotetracker.cli import _register, app
from quotetracker.enrich import enrich
from quotetracker.ingest import rebuild_identities
from quotetracker.model import Document, EntityMention, Extraction, Span, Statement
from quotetracker.query import QueryError, QueryService, StatementFilters
from quotetracker.store import Store
from quotetracker.store.schema import entity_mentions, speakers
from quotetracker.topics.keywords import KeywordTopic

_register()

KLIMA = KeywordTopic(name="klima", label="Klima / climate", keywords=("klima*",), min_hits=1)


def _extraction(doc_id: str, date: str, text: str, statements, entities) -> Extraction:
    """``statements``: (content, speaker mention, speaker name); ``entities``: (text, label, canonical, nth occurrence)."""

    def span(part: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return Span(start, start + len(part))

    sts = [
        Statement(content=span(c), kind="direct", speaker=span(m), speaker_name=n, speaker_label="PER")
        for c, m, n in statements
    ]
    ents = [EntityMention(span=span(t, nth), label=lb, text=t, canonical=can) for t, lb, can, nth in entities]
    sentences = [Span(0, len(text))]
    ex = Extraction(document=Document(text=text, id=doc_id, date=date, lang="de", source="Probeblatt"), lang="de",
                    sentences=sentences, entities=ents, statements=sts)  # fmt: skip
    return enrich(ex, topics=[KLIMA])


def corpus() -> list[Extraction]:
    return [
        _extraction(
            "link-1", "2020-03-04",
            "Kreml-Sprecher Dmitri Peskow sagte: „Wir warten die Gespräche ab.“",
            [("Wir warten die Gespräche ab.", "Kreml-Sprecher Dmitri Peskow", "Dmitri Peskow")],
            [("Dmitri Peskow", "PER", "Dmitri Peskow", 0)],
        ),
        _extraction(
            "link-2", "2020-11-10",
            "Ministerin Lena Hoff sagte: „Peskow hat am 3. November 2020 die Unwahrheit über das Klima gesagt.“",
            [("Peskow hat am 3. November 2020 die Unwahrheit über das Klima gesagt.", "Ministerin Lena Hoff", "Lena Hoff")],
            [("Lena Hoff", "PER", "Lena Hoff", 0), ("Peskow", "PER", "Peskow", 0)],
        ),
        _extraction(
            "link-3", "2021-01-05",
            "„Peskov irrt sich, und Ilona Maar auch“, sagte Tom Brink im Januar.",
            [("Peskov irrt sich, und Ilona Maar auch", "Tom Brink", "Tom Brink")],
            [("Peskov", "PER", "Peskov", 0), ("Ilona Maar", "PER", "Ilona Maar", 0), ("Tom Brink", "PER", "Tom Brink", 0)],
        ),
        _extraction(
            "link-4", "2021-02-01",
            "„Frau Hoff hat recht, die Nato auch“, sagte Ilona Maar-Berg. Im März 2019 war das anders.",
            [("Frau Hoff hat recht, die Nato auch", "Ilona Maar-Berg", "Ilona Maar-Berg")],
            [("Hoff", "PER", "Hoff", 0), ("Nato", "ORG", "Nato", 0), ("Ilona Maar-Berg", "PER", "Ilona Maar-Berg", 0)],
        ),
    ]


@pytest.fixture
def store(db_url) -> Store:
    s = Store(db_url)
    s.define_topics([(KLIMA.label, "user", list(KLIMA.keywords), KLIMA.name)])
    s.write_batch(corpus())
    rebuild_identities(s)
    return s


def _contents(page) -> set[str]:
    return {r.content for r in page.items}


def _identity_of(store: Store, mention_text: str) -> int | None:
    with store.engine.connect() as conn:
        ids = set(conn.execute(select(entity_mentions.c.identity_id).where(entity_mentions.c.text == mention_text)).scalars())
    assert len(ids) == 1, ids
    return ids.pop()


def test_entity_mentions_share_the_identity_of_the_speaker(store):
    qs = QueryService(store)
    (peskow,) = [s for s in qs.speakers().items if s.name == "Dmitri Peskow"]
    assert _identity_of(store, "Peskow") == _identity_of(store, "Peskov") == _identity_of(store, "Dmitri Peskow") == peskow.id
    assert _identity_of(store, "Nato") is not None  # organisations get identities too
    with store.engine.connect() as conn:
        labels = set(conn.execute(select(entity_mentions.c.label).where(entity_mentions.c.identity_id.is_not(None))).scalars())
    assert labels <= {"PER", "ORG"}


@pytest.mark.parametrize("name", ["Peskov", "Peskow", "Dmitry Peskov", "Dmitri Peskow"])
def test_about_finds_statements_mentioning_any_name_form(store, name):
    found = _contents(QueryService(store).statements(about=name))
    assert found == {
        "Peskow hat am 3. November 2020 die Unwahrheit über das Klima gesagt.",
        "Peskov irrt sich, und Ilona Maar auch",
    }


def test_only_identities_that_speak_are_listed_as_speakers(store):
    qs = QueryService(store)
    names = {s.name for s in qs.speakers(limit=100).items}
    assert names == {"Dmitri Peskow", "Lena Hoff", "Tom Brink", "Ilona Maar-Berg"}
    assert qs.overview().n_speakers == 4
    assert rebuild_identities(store) == 4  # the number of speakers, not of every identity


def test_entity_and_speaker_pages_cross_link(store):
    qs = QueryService(store)
    peskow = next(s for s in qs.speakers().items if s.name == "Dmitri Peskow")
    assert qs.speaker(peskow.id).n_about == 2
    assert qs.entity("Peskow").speaker_id == peskow.id
    assert qs.entity("Nato").speaker_id is None  # mentioned, never quoted
    listed = {e.name: e.speaker_id for e in qs.entities(limit=100).items}
    assert listed["Peskov"] == peskow.id


def test_reingest_and_rebuild_keep_the_links(store):
    qs = QueryService(store)
    before = {t: _identity_of(store, t) for t in ("Peskow", "Peskov", "Hoff", "Nato", "Ilona Maar")}
    result = store.write_batch(corpus())
    assert result.duplicates == 4 and result.documents == 0
    rebuild_identities(store)
    rebuild_identities(store)
    assert {t: _identity_of(store, t) for t in before} == before
    assert len(qs.statements(about="Peskov").items) == 2


def test_corrections_apply_to_entity_mentions(store):
    qs = QueryService(store)
    hoff_statement = "Frau Hoff hat recht, die Nato auch"
    assert hoff_statement in _contents(qs.statements(about="Lena Hoff"))
    # split: the surname-only "Hoff" is someone else; the entity mention moves with it
    store.add_correction("split", "Hoff")
    rebuild_identities(store)
    assert hoff_statement not in _contents(qs.statements(about="Lena Hoff"))
    # merge: the mentioned "Ilona Maar" is the speaker "Ilona Maar-Berg"
    assert _identity_of(store, "Ilona Maar") != _identity_of(store, "Ilona Maar-Berg")
    store.add_correction("merge", "Ilona Maar-Berg", "Ilona Maar")
    rebuild_identities(store)
    assert _identity_of(store, "Ilona Maar") == _identity_of(store, "Ilona Maar-Berg")
    assert "Peskov irrt sich, und Ilona Maar auch" in _contents(qs.statements(about="Ilona Maar-Berg"))
    # alias: a name that appears nowhere finds her statements about her
    store.add_correction("alias", "Dmitri Peskow", "Pressesprecher Putins")
    rebuild_identities(store)
    assert len(qs.statements(about="Pressesprecher Putins").items) == 2
    # corrections survive re-ingest
    store.write_batch(corpus())
    rebuild_identities(store)
    assert _identity_of(store, "Ilona Maar") == _identity_of(store, "Ilona Maar-Berg")
    assert hoff_statement not in _contents(qs.statements(about="Lena Hoff"))


def test_speakers_only_resolver_leaves_entity_mentions_unlinked(store):
    from quotetracker.resolve import resolve_speakers

    store.rebuild_identities(resolve_speakers)
    with store.engine.connect() as conn:
        assert conn.execute(select(entity_mentions.c.id).where(entity_mentions.c.identity_id.is_not(None))).first() is None
        assert conn.execute(select(speakers.c.id)).all()


# -- mentioned dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "docs"),
    [
        ("2020-11", {"link-2"}),
        ("2020-11-03", {"link-2"}),
        ("2020", {"link-2"}),
        ("2020-11-04", set()),
        ("2019-03", {"link-4"}),  # "Im März 2019" outside the statement, in its document
        ("2019..2020", {"link-2", "link-4"}),
        ("2020-06..", {"link-2", "link-3"}),  # "im Januar" of an article from January 2021
        ("..2019-12", {"link-4"}),
    ],
)
def test_statements_filter_by_a_mentioned_date(store, value, docs):
    page = QueryService(store).statements(mentions_date=value)
    assert {r.doc_key for r in page.items} == docs


@pytest.mark.parametrize("value", ["2020-13", "2021..2020", "..", "November"])
def test_a_bad_mentioned_date_is_a_query_error(store, value):
    with pytest.raises(QueryError):
        QueryService(store).statements(mentions_date=value)


def test_mentioned_date_combines_with_other_filters(store):
    qs = QueryService(store)
    assert _contents(qs.statements(mentions_date="2019..2021", speaker="Lena Hoff")) == {
        "Peskow hat am 3. November 2020 die Unwahrheit über das Klima gesagt."
    }
    assert qs.statements(mentions_date="2020-11", about="Nato").total == 0
    points = qs.timeline(StatementFilters(mentions_date="2020-11"))
    assert [(p.period, p.count) for p in points] == [("2020-11", 1)]


# -- topics by label, name or id -----------------------------------------------------------------------


def test_topic_filter_takes_label_name_or_id(store):
    qs = QueryService(store)
    topic = qs.topic("klima")
    assert topic is not None and topic.label == KLIMA.label and topic.name == "klima"
    assert qs.topic(str(topic.id)).label == KLIMA.label
    expected = {"Peskow hat am 3. November 2020 die Unwahrheit über das Klima gesagt."}
    for value in (KLIMA.label, "klima / CLIMATE", "klima", "KLIMA", str(topic.id)):
        assert _contents(qs.statements(topic=value)) == expected, value
    assert qs.statements(topic="gibtsnicht").total == 0


# -- the same through the CLI, the HTTP API and the web pages ---------------------------------------------


def _cli(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_filters(store):
    url = store.url
    out = _cli("statements", "--db", url, "--about", "Peskov", "--format", "json")
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)) == 2
    out = _cli("statements", "--db", url, "--mentions-date", "2020-11", "--format", "json")
    assert out.exit_code == 0, out.output
    assert [r["doc_key"] for r in json.loads(out.stdout)] == ["link-2"]
    out = _cli("statements", "--db", url, "--topic", "klima", "--format", "json")
    assert [r["doc_key"] for r in json.loads(out.stdout)] == ["link-2"]
    topic_id = QueryService(store).topic("klima").id
    out = _cli("topics", "--db", url, "--topic", topic_id, "--format", "json")
    assert out.exit_code == 0, out.output
    assert [(t["label"], t["n_statements"]) for t in json.loads(out.stdout)] == [(KLIMA.label, 1)]
    bad = _cli("statements", "--db", url, "--mentions-date", "2020-13")
    assert bad.exit_code == 2
    assert "mentions-date" in bad.output


def test_http_api_and_web_pages(store):
    qt = quotetracker.open(store.url)
    try:
        with TestClient(create_app(qt, token=""), raise_server_exceptions=False) as client:
            body = client.get("/api/statements", params={"mentions_date": "2020-11"}).json()
            assert [s["doc_key"] for s in body["items"]] == ["link-2"]
            assert body["filters"] == {"mentions_date": "2020-11"}
            assert client.get("/api/statements", params={"mentions_date": "2020-13"}).status_code == 400
            assert client.get("/api/statements", params={"topic": "klima"}).json()["total"] == 1
            assert client.get("/api/statements", params={"about": "Dmitry Peskov"}).json()["total"] == 2
            peskow = client.get("/api/speakers", params={"q": "Peskow"}).json()["items"][0]
            assert client.get(f"/api/speakers/{peskow['id']}").json()["n_about"] == 2
            entities = client.get("/api/entities", params={"q": "Peskow"}).json()["items"]
            assert entities and entities[0]["speaker_id"] == peskow["id"]

            page = client.get("/search", params={"mentions_date": "2020-11"})
            assert page.status_code == 200
            assert 'name="mentions_date" value="2020-11"' in page.text
            assert "die Unwahrheit über das Klima" in page.text and "Peskov irrt sich" not in page.text
            assert client.get("/search", params={"mentions_date": "nope"}).status_code == 400
            selected = client.get("/search", params={"topic": "klima"}).text
            assert f'value="{KLIMA.label}" selected' in selected
            speaker_page = client.get(f"/speakers/{peskow['id']}").text
            assert "/search?about=Dmitri%20Peskow" in speaker_page
            assert f'href="/speakers/{peskow["id"]}"' in client.get("/entities/Peskow").text
            assert client.get("/topics/klima").status_code == 200
    finally:
        qt.close()


def test_migration_0004_keeps_entity_mentions_and_names_configured_topics(db_url):
    from alembic import command
    from sqlalchemy import text

    from quotetracker.store import create_engine, migrate
    from quotetracker.store.engine import _alembic_config
    from quotetracker.topics.keywords import load_topics

    engine = create_engine(db_url)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    first = load_topics()[0]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, content_hash, text) VALUES (1, 'h1', 'Peskow sprach.')"))
        conn.execute(text("""INSERT INTO entity_mentions (document_id, start, "end", label, text) VALUES (1, 0, 6, 'PER', 'Peskow')"""))
        conn.execute(text("INSERT INTO topics (label, origin) VALUES (:l, 'user')"), {"l": first.label})
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text, identity_id FROM entity_mentions")).all() == [("Peskow", None)]
        assert conn.execute(text("SELECT name FROM topics")).scalar_one() == first.name
    store = Store(db_url, engine=engine)
    assert rebuild_identities(store) == 0  # a mentioned person is an identity, not a speaker
    with engine.connect() as conn:
        assert conn.execute(text("SELECT identity_id FROM entity_mentions")).scalar_one() is not None
    engine.dispose()


def test_speaker_page_counts_a_mentioned_person_under_one_name(store):
    qs = QueryService(store)
    hoff = next(s for s in qs.speakers().items if s.name == "Lena Hoff")
    brink = next(s for s in qs.speakers().items if s.name == "Tom Brink")
    assert dict(qs.speaker(hoff.id).top_entities) == {"Dmitri Peskow": 1}  # mentioned as "Peskow"
    assert dict(qs.speaker(brink.id).top_entities) == {"Dmitri Peskow": 1, "Ilona Maar": 1}

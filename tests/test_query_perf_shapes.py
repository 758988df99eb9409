"""The fast paths for the query shapes that were slow at 1M statements give the same results as the plain ones.

- kind + source (covering index), topic + since/until (statement_topics.sort_day), full text + speaker (plan by
  counts, SQLite), statements per month of a speaker (grouped by sort_day), since/until as sort_day ranges.

A small fictional corpus with dates of every precision (year, month, day, none), written through the store;
results are compared with a Python oracle over the stored rows, or with the generic path. SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import event, text

from quotetracker import query as query_module
from quotetracker.ingest import ingest_records
from quotetracker.model import Document, Extraction, Span, Statement
from quotetracker.query import QueryService, StatementFilters
from quotetracker.store import Store
from quotetracker.store.dates import date_bounds

SPEAKERS = ["Anna Berglund", "Tomas Krell", "Mira Sandhoff", "Jonas Vetter"]
SPEAKER_WEIGHTS = [12, 5, 2, 1]
WORDS = ["Hafen", "Brücke", "Haushalt", "Schule", "Wahl", "Energie", "Bahn", "Wald", "Gericht", "Ernte"]
TOPIC_OF = {"Hafen": "Verkehr", "Brücke": "Verkehr", "Bahn": "Verkehr", "Haushalt": "Finanzen", "Energie": "Klima"}
SOURCES = ["Nordkurier Test", "Bergland Bote", "Stadtblatt Test"]
KINDS = ["direct", "indirect"]


def _dates(rng: random.Random, n: int) -> list[str | None]:
    """Every precision, and many documents on the days where the precision matters (1 January, 1st of a month)."""
    out: list[str | None] = []
    for i in range(n):
        year = rng.choice([2018, 2019, 2020])
        pick = i % 6
        if pick == 0:
            out.append(str(year))
        elif pick == 1:
            out.append(f"{year}-{rng.randint(1, 12):02d}")
        elif pick == 2:
            out.append(f"{year}-01-01")
        elif pick == 3:
            out.append(f"{year}-{rng.randint(1, 12):02d}-01")
        elif pick == 4:
            out.append(None if i % 4 == 0 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        else:
            out.append(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(2, 28):02d}")
    return out


def _corpus(seed: int = 11, n_docs: int = 90):
    rng = random.Random(seed)
    docs, extractions = [], {}
    for i, date in enumerate(_dates(rng, n_docs)):
        parts, statements, pos = [f"Meldung {i}. "], [], len(f"Meldung {i}. ")
        for _ in range(rng.randint(1, 3)):
            words = rng.sample(WORDS, 3)
            content = " ".join(words) + " bleibt wichtig"
            speaker = rng.choices(SPEAKERS, weights=SPEAKER_WEIGHTS)[0]
            sentence = f"„{content}“, sagte {speaker}. "
            c0 = pos + 1
            sp0 = c0 + len(content) + 3 + len("sagte ")
            topics = sorted({TOPIC_OF[w] for w in words[:1] if w in TOPIC_OF})
            statements.append(
                Statement(
                    content=Span(c0, c0 + len(content)),
                    kind=rng.choice(KINDS),
                    speaker=Span(sp0, sp0 + len(speaker)),
                    speaker_name=speaker,
                    speaker_label="PER",
                    topics=topics,
                )
            )
            parts.append(sentence)
            pos += len(sentence)
        doc = Document(text="".join(parts), id=f"m{i}", date=date, lang="de", source=SOURCES[i % len(SOURCES)])
        docs.append(doc)
        extractions[doc.content_hash] = Extraction(document=doc, lang="de", statements=statements)
    return docs, extractions


@pytest.fixture
def qs(db_url):
    store = Store(db_url)
    docs, extractions = _corpus()
    report = ingest_records(store, docs, extract=lambda batch: [extractions[d.content_hash] for d in batch], batch_size=25)
    assert report.statements > 150
    yield QueryService(store)
    store.close()


def _rows(qs):
    """Every statement with what the filters look at, from the stored rows (the oracle's input)."""
    with qs.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.id, s.speaker_id, s.kind, d.source, d.date, d.date_precision, d.date_start, d.date_end"
                " FROM statements s JOIN documents d ON d.id = s.document_id"
            )
        ).mappings().all()
        topics = {}
        for sid, label in conn.execute(text("SELECT st.statement_id, t.label FROM statement_topics st JOIN topics t ON t.id = st.topic_id")):
            topics.setdefault(sid, set()).add(label.lower())
    return [dict(r, topics=topics.get(r["id"], set())) for r in rows]


def _oracle(rows, *, speaker_id=None, kind=None, source=None, topic=None, since=None, until=None):
    """Matching ids newest first (document's first day; undated last; same day: id) — the documented semantics."""
    first = date_bounds(since)[0] if since else None
    last = date_bounds(until)[1] if until else None
    hits = [
        r
        for r in rows
        if (speaker_id is None or r["speaker_id"] == speaker_id)
        and (kind is None or r["kind"] == kind)
        and (source is None or r["source"] == source)
        and (topic is None or topic.lower() in r["topics"])
        and (first is None or (r["date_end"] is not None and r["date_end"] >= first))
        and (last is None or (r["date_start"] is not None and r["date_start"] <= last))
    ]

    def day(r):
        return dt.date.fromisoformat(r["date_start"]).toordinal() if r["date_start"] else 0

    return [r["id"] for r in sorted(hits, key=lambda r: (-day(r), r["id"]))]


def _months(rows, ids):
    out: dict[str, int] = {}
    wanted = set(ids)
    for r in rows:
        if r["id"] in wanted and r["date_precision"] in ("month", "day"):
            out[r["date"][:7]] = out.get(r["date"][:7], 0) + 1
    return sorted(out.items())


def _all_ids(qs, f: StatementFilters) -> tuple[list[int], int]:
    page = qs.statements(f, limit=1000)
    return [r.id for r in page.items], page.total


def _top_speaker(qs) -> int:
    with qs.engine.connect() as conn:
        return conn.execute(text("SELECT id FROM speakers ORDER BY n_statements DESC, id LIMIT 1")).scalar_one()


SINCE_UNTIL = [
    (None, None),
    ("2019", None),
    ("2019-01", None),
    ("2019-03", None),  # year-precision documents of 2019 reach past 1 March
    ("2019-07-15", None),  # and month-precision ones past the 15th
    (None, "2019"),
    (None, "2019-06"),
    ("2018-06", "2019-06-30"),
    ("2020-01-01", "2020-01-01"),
]


@pytest.mark.parametrize("since,until", SINCE_UNTIL)
def test_date_ranges_match_the_documents_dates_at_their_precision(qs, since, until):
    rows = _rows(qs)
    expected = _oracle(rows, since=since, until=until)
    ids, total = _all_ids(qs, StatementFilters(since=since, until=until))
    assert (ids, total) == (expected, len(expected))


@pytest.mark.parametrize("since,until", SINCE_UNTIL)
@pytest.mark.parametrize("topic", ["Verkehr", "klima"])
def test_topic_with_dates_from_the_link_index(qs, topic, since, until):
    rows = _rows(qs)
    expected = _oracle(rows, topic=topic, since=since, until=until)
    assert expected or since  # the corpus has statements of every topic
    ids, total = _all_ids(qs, StatementFilters(topic=topic, since=since, until=until))
    assert (ids, total) == (expected, len(expected))
    page = qs.statements(topic=topic, since=since, until=until, limit=3, offset=2)
    assert [r.id for r in page.items] == expected[2:5]


def test_topic_pages_beyond_the_cap_walk_the_link_index(qs, monkeypatch):
    expected = _oracle(_rows(qs), topic="Verkehr", since="2019")
    assert len(expected) > 8
    monkeypatch.setattr(query_module, "TOTAL_CAP", 5)
    page = qs.statements(topic="Verkehr", since="2019", limit=4, offset=3)
    assert (page.total, page.total_is_lower_bound) == (5, True)
    assert [r.id for r in page.items] == expected[3:7]


def test_statement_topics_carry_the_statements_sort_day(qs):
    """Filled by the store's trigger for the ingest's links and for links written later (topics build)."""
    from quotetracker.topics.store_link import link_statements

    with qs.engine.connect() as conn:
        ids = list(conn.execute(text("SELECT id FROM statements WHERE sort_day > 0 ORDER BY id LIMIT 7")).scalars())
    link_statements(qs.store, {"Klima": ids})
    with qs.engine.connect() as conn:
        pairs = conn.execute(text("SELECT st.sort_day, s.sort_day FROM statement_topics st JOIN statements s ON s.id = st.statement_id")).all()
    assert len(pairs) > 50 and all(a == b for a, b in pairs)
    assert any(a > 0 for a, _ in pairs) and any(a == 0 for a, _ in pairs)  # dated and undated statements


@pytest.mark.parametrize("source_index", [0, 2])
def test_kind_and_source(qs, source_index):
    rows = _rows(qs)
    expected = _oracle(rows, kind="direct", source=SOURCES[source_index])
    ids, total = _all_ids(qs, StatementFilters(kind="direct", source=SOURCES[source_index]))
    assert expected and (ids, total) == (expected, len(expected))


@pytest.mark.parametrize("since,until", [(None, None), ("2019", None), ("2019-03", "2020-06")])
def test_speaker_timeline_without_documents_join_matches_the_months(qs, since, until):
    rows = _rows(qs)
    sid = _top_speaker(qs)
    f = StatementFilters(speaker=sid, since=since, until=until)
    expected = _months(rows, _oracle(rows, speaker_id=sid, since=since, until=until))
    got = [(p.period, p.count) for p in qs.timeline(f)]
    assert got == expected
    # year-only dates (1 January) are left out, month and day dates on 1 January are counted
    assert any(r["date_precision"] == "year" and r["speaker_id"] == sid for r in rows)
    assert any(r["date"].endswith("-01") and r["date_precision"] == "month" and r["speaker_id"] == sid for r in rows if r["date"])
    with qs.engine.connect() as conn:
        joined = qs._per_month(conn, query_module.func.count(query_module.S.c.id), qs._conditions(conn, f), True)
    assert got == [(p.period, p.count) for p in joined]


def _capture_sql(qs):
    seen: list[str] = []
    event.listen(qs.engine, "before_cursor_execute", lambda conn, cur, sql, *a: seen.append(sql))
    return seen


@pytest.mark.parametrize("word", ["Hafen", "bleibt", "Ernte Wald"])
@pytest.mark.parametrize("speaker_rank", [0, 3])
@pytest.mark.parametrize("since,until", [(None, None), ("2019", "2020-06")])
def test_full_text_and_speaker_equal_the_generic_path(qs, monkeypatch, word, speaker_rank, since, until):
    with qs.engine.connect() as conn:
        sid, name = conn.execute(
            text("SELECT id, canonical_name FROM speakers ORDER BY n_statements DESC, id LIMIT 1 OFFSET :k"), {"k": speaker_rank}
        ).one()
    f = StatementFilters(q=word, speaker=name, since=since, until=until)
    fast = _all_ids(qs, f)
    paged = [r.id for r in qs.statements(f, limit=2, offset=1).items]
    monkeypatch.setattr(QueryService, "_sqlite_search_by_speaker", lambda self, *a: None)
    generic = _all_ids(qs, f)
    assert fast == generic and paged == generic[0][1:3]
    assert generic[1] > 0 or word != "bleibt"  # every statement has "bleibt": something to compare


def test_full_text_and_speaker_choose_the_smaller_side(qs, monkeypatch):
    if qs.engine.dialect.name != "sqlite":
        pytest.skip("the FTS5 plan choice is SQLite's; PostgreSQL intersects its indexes itself")
    with qs.engine.connect() as conn:
        (top, top_n), (rare, rare_n) = conn.execute(
            text("SELECT id, n_statements FROM speakers WHERE n_statements > 0 ORDER BY n_statements DESC, id")
        ).all()[::3][:2]
    seen = _capture_sql(qs)
    qs.statements(q="bleibt", speaker=rare)  # every statement has the word: walk the speaker's few statements
    assert any("INDEXED BY" not in s and "s.speaker_id IN" in s for s in seen)
    seen.clear()
    qs.statements(q="Ernte Wald", speaker=top)  # a rarer pair of words than the top speaker's statements
    assert any("INDEXED BY ix_statements_speaker_sort_day" in s for s in seen)
    assert top_n > rare_n
    monkeypatch.setattr(query_module, "TOTAL_CAP", 3)
    capped = qs.statements(q="bleibt", speaker=top, limit=2, offset=1)
    monkeypatch.setattr(QueryService, "_sqlite_search_by_speaker", lambda self, *a: None)
    generic = qs.statements(q="bleibt", speaker=top, limit=2, offset=1)
    assert [r.id for r in capped.items] == [r.id for r in generic.items] and capped.total_is_lower_bound


def test_migration_0005_fills_the_links_sort_day_from_0004(db_url):
    from alembic import command

    from quotetracker.store.engine import _alembic_config, create_engine, migrate

    engine = create_engine(db_url)
    migrate(engine)
    store = Store(db_url, engine=engine)
    docs, extractions = _corpus(n_docs=12)
    ingest_records(store, docs, extract=lambda batch: [extractions[d.content_hash] for d in batch], resolve=False)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    with engine.begin() as conn:
        n_links = conn.execute(text("SELECT count(*) FROM statement_topics")).scalar_one()
    assert n_links > 0
    migrate(engine)
    with engine.connect() as conn:
        bad = conn.execute(
            text("SELECT count(*) FROM statement_topics st JOIN statements s ON s.id = st.statement_id WHERE st.sort_day <> s.sort_day")
        ).scalar_one()
        dated = conn.execute(text("SELECT count(*) FROM statement_topics WHERE sort_day > 0")).scalar_one()
    assert bad == 0 and dated > 0
    store.close()

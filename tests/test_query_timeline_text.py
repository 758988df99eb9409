"""Timeline of a full-text query: the per-day count from the FTS keys (SQLite) equals the generic documents join.

Fictional statements written straight through the store; dated by day, by month, by year only (no month: left out
of monthly series), on a 1 January, and undated. SQLite and PostgreSQL (PostgreSQL keeps the join).
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func

from quotetracker.ingest import ingest_records
from quotetracker.model import Document, Extraction, Span, Statement
from quotetracker.query import QueryService, StatementFilters, TimelinePoint
from quotetracker.store import Store
from quotetracker.store.schema import statements as S

# "<Name> sagte: „…“" is direct, "<Name> erklärte, …." indirect.
_DIRECT = re.compile(r"(?P<name>[A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+) (?P<cue>sagte): „(?P<content>[^“]+)“")
_INDIRECT = re.compile(r"(?P<name>[A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+) (?P<cue>erklärte), (?P<content>[^.]+)\.")

DOCS = [
    ("t1", "2022-03-14", "Jana Roth sagte: „Die Regierung plant einen neuen Haushalt.“ Paul Wendt erklärte, die Regierung zögere."),
    ("t2", "2022-03-30", "Paul Wendt sagte: „Der Haushalt der Regierung ist zu knapp.“"),
    ("t3", "2022-04-02", "Jana Roth erklärte, der Hafen von Nordstadt brauche Geld."),
    ("t4", "2022-01-01", "Jana Roth sagte: „Zum neuen Jahr grüßt die Regierung alle Bürger.“"),
    ("t5", "2022", "Paul Wendt sagte: „Die Regierung hat in diesem Jahr viel vor.“"),
    ("t6", "2022-01", "Jana Roth sagte: „Im Januar berät die Regierung den Haushalt.“"),
    ("t7", None, "Paul Wendt sagte: „Die Regierung schweigt.“"),
    ("t8", "2023-01-01", "Paul Wendt erklärte, die Regierungen der Länder seien sich einig."),
    ("t9", "2023", "Jana Roth sagte: „Die Regierung bleibt im Amt.“"),
    ("t10", "2023-06-15", "Jana Roth sagte: „Die Regierung lobt den Hafen.“ Jana Roth erklärte, der Haushalt sei solide."),
    ("t11", "2021-12-31", "Paul Wendt sagte: „Die Regierung zieht Bilanz.“"),
]


def fake_extract(docs):
    out = []
    for doc in docs:
        statements = []
        for kind, pattern in (("direct", _DIRECT), ("indirect", _INDIRECT)):
            for m in pattern.finditer(doc.text):
                statements.append(
                    Statement(
                        content=Span(m.start("content"), m.end("content")),
                        kind=kind,
                        cue=Span(m.start("cue"), m.end("cue")),
                        speaker=Span(m.start("name"), m.end("name")),
                        speaker_name=m.group("name"),
                        speaker_label="PER",
                    )
                )
        out.append(Extraction(document=doc, lang="de", statements=statements, entities=[]))
    return out


@pytest.fixture
def qs(db_url):
    store = Store(db_url)
    docs = [Document(text=t, id=i, date=d, lang="de", source="Testblatt") for i, d, t in DOCS]
    report = ingest_records(store, docs, extract=fake_extract, batch_size=3)
    assert report.statements == 13
    yield QueryService(store)
    store.close()


def _joined(qs: QueryService, f: StatementFilters) -> list[TimelinePoint]:
    """The generic path: every matching statement joined to its document, grouped by the document's month."""
    with qs.engine.connect() as conn:
        return qs._per_month(conn, func.count(S.c.id), qs._conditions(conn, f), True)


def _document_id(qs: QueryService, key: str) -> int:
    return qs.document(key).id


FILTERS = [
    {"q": "Regierung"},
    {"q": "regierungen"},
    {"q": "Haushalt"},
    {"q": "Regierung Haushalt"},
    {"q": "Hafen"},
    {"q": "Nirgendwo"},
    {"q": "Regierung", "since": "2022"},
    {"q": "Regierung", "until": "2022-03"},
    {"q": "Regierung", "since": "2022", "until": "2022-12-31"},
    {"q": "Regierung", "since": "2023-01-01"},
    {"q": "Regierung", "since": "2022-03-20"},  # not a 1 January: documents' end dates decide (the join)
    {"q": "Regierung", "speaker": "Jana Roth"},
    {"q": "Regierung", "speaker": "Paul Wendt", "since": "2022"},
    {"q": "Regierung", "kind": "indirect"},
    {"q": "Haushalt", "kind": "direct", "speaker": "Jana Roth"},
    {"q": "Regierung", "speaker": "Niemand Bekannt"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
def test_text_timeline_equals_the_documents_join(qs, params):
    f = StatementFilters(**params)
    assert qs.timeline(f) == _joined(qs, f)


def test_text_timeline_of_one_document_equals_the_join(qs):
    f = StatementFilters(q="Regierung", document_id=_document_id(qs, "t1"))
    assert qs.timeline(f) == _joined(qs, f) == [TimelinePoint(period="2022-03", count=2)]


def test_text_timeline_counts_per_month_and_leaves_out_year_only_and_undated(qs):
    # "Regierung": t11 (2021-12), t4 + t6 (2022-01; t5 is year-only), t1 ×2 + t2 (2022-03), t8 (2023-01; t9 year-only),
    # t10 (2023-06); t7 is undated.
    assert qs.timeline(q="Regierung") == [
        TimelinePoint(period="2021-12", count=1),
        TimelinePoint(period="2022-01", count=2),
        TimelinePoint(period="2022-03", count=3),
        TimelinePoint(period="2023-01", count=1),
        TimelinePoint(period="2023-06", count=1),
    ]
    assert qs.timeline(q="Regierung", kind="indirect") == [
        TimelinePoint(period="2022-03", count=1),
        TimelinePoint(period="2023-01", count=1),
    ]


def test_a_query_without_words_has_no_timeline(qs):
    assert qs.timeline(q="!!") == [] == _joined(qs, StatementFilters(q="!!"))


@pytest.mark.parametrize("params", FILTERS[:10], ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
def test_text_timeline_counted_per_month_equals_the_join(qs, params, monkeypatch):
    # Many postings are counted one key range per month (1 January alone): forced here on a small database.
    monkeypatch.setattr(QueryService, "_FEW_POSTINGS", 1)
    f = StatementFilters(**params)
    assert qs.timeline(f) == _joined(qs, f)


def test_sqlite_text_timeline_does_not_join_every_statement(qs, monkeypatch):
    if qs.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps the documents join")
    expected = qs.timeline(q="Regierung", speaker="Jana Roth")

    def no_join(*args, **kwargs):
        raise AssertionError("the generic documents join was used")

    monkeypatch.setattr(QueryService, "_per_month", no_join)
    assert qs.timeline(q="Regierung", speaker="Jana Roth") == expected != []
    assert qs.timeline(q="Regierung", since="2022", until="2023-06") != []

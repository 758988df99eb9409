"""QueryService over a small controlled corpus, on SQLite and PostgreSQL.

A fake extractor (a regex over fictional sentences of the form
``<Speaker> sagte: „…“``) gives statements with known spans, entities and
topics, so every filter can be checked exactly, independent of the German engine.
"""

from __future__ import annotations

import re

import pytest

from quotetracker.ingest import ingest_records
from quotetracker.model import DateMention, DatePrecision, Document, EntityMention, Extraction, Span, Statement
from quotetracker.query import QueryError, QueryService, StatementFilters
from quotetracker.store import Store

_QUOTE = re.compile(r"(?P<speaker>[A-ZÄÖÜ]\w+(?: [A-ZÄÖÜ]\w+)?) (?P<cue>sagte|said|betonte): „(?P<content>[^“]+)“")
_PLACES = ("Brüssel", "Berlin", "Hamburg", "Lisbon")
_TOPICS = {"Steuer": "Finanzen", "tax": "Finanzen", "Hafen": "Verkehr", "harbour": "Verkehr"}

DOCS = [
    ("q1", "2020-10-14", "Nordblatt", "de", "Anna Berger sagte: „Die Steuern in Berlin steigen nicht.“ Mehr war nicht zu erfahren."),
    ("q2", "2020-11-02", "Nordblatt", "de", "Jonas Weber betonte: „Der Hafen in Hamburg wird ausgebaut.“ Anna Berger sagte: „Wir sagten das schon 2019.“"),
    ("q3", "2021-02", "Südkurier", "de", "Berger sagte: „Brüssel muss die Regierungen hören.“"),
    ("q4", "2021", "Harbour Post", "en", "Mary Stone said: „The government will cut the tax in Lisbon.“"),
    ("q5", "2021-06-30", "Harbour Post", "en", "Nothing was said in this text."),
]


def fake_extract(docs):
    out = []
    for doc in docs:
        statements, entities, dates = [], [], []
        for m in _QUOTE.finditer(doc.text):
            content = Span(m.start("content"), m.end("content"))
            st = Statement(
                content=content,
                kind="direct",
                cue=Span(m.start("cue"), m.end("cue")),
                speaker=Span(m.start("speaker"), m.end("speaker")),
                speaker_name=m.group("speaker") if m.group("speaker") != "Berger" else "Anna Berger",
                speaker_label="PER",
                confidence=0.9,
            )
            for t, label in _TOPICS.items():
                if t in m.group("content"):
                    st.topics.append(label)
            for y in re.finditer(r"\b(19|20)\d\d\b", m.group("content")):
                dm = DateMention(Span(content.start + y.start(), content.start + y.end()), y.group(), y.group(), DatePrecision.YEAR)
                st.dates.append(dm)
                dates.append(dm)
            statements.append(st)
        for place in _PLACES:
            for p in re.finditer(place, doc.text):
                entities.append(EntityMention(Span(p.start(), p.end()), "LOC", place, canonical=place))
        for st in statements:  # "about": the entities inside the content (what enrich does, without its topic model)
            st.about = [e for e in entities if st.content.start <= e.span.start and e.span.end <= st.content.end]
        out.append(Extraction(document=doc, lang=doc.lang, statements=statements, entities=entities, dates=dates))
    return out


def make_docs():
    return [Document(text=t, id=i, date=d, source=s, lang=lg, origin=f"mem:{n + 1}") for n, (i, d, s, lg, t) in enumerate(DOCS)]


@pytest.fixture
def qs(db_url):
    store = Store(db_url)
    report = ingest_records(store, make_docs(), extract=fake_extract, batch_size=2)
    assert report.accepted == 5 and report.statements == 5
    yield QueryService(store)
    store.close()


def contents(page):
    return sorted(r.content for r in page.items)


def test_all_statements_newest_first_with_spans(qs):
    page = qs.statements(StatementFilters(), limit=50)
    assert page.total == 5
    assert [r.doc_key for r in page.items][:2] == ["q3", "q4"] or page.items[0].date >= page.items[-1].date
    first = {r.doc_key: r for r in page.items}["q1"]
    assert first.content == "Die Steuern in Berlin steigen nicht."
    assert first.cue == "sagte" and first.speaker_mention == "Anna Berger"
    assert DOCS[0][4][first.content_span.start : first.content_span.end] == first.content
    assert first.about == ["Berlin"] and first.topics == ["Finanzen"]


def test_speaker_filter_matches_aliases_and_ids(qs):
    page = qs.statements(speaker="Anna Berger")
    assert page.total == 3  # "Berger" in q3 is resolved to Anna Berger inside the document
    assert qs.statements(speaker="anna  berger").total == 3  # normalised
    sid = page.items[0].speaker_id
    assert sid is not None and qs.statements(speaker=sid).total == 3
    assert qs.statements(speaker=str(sid)).total == 3
    assert qs.statements(speaker="Nobody Known").total == 0


def test_full_text_search_is_stemmed_in_german_and_english(qs):
    # "Steuer" (singular) finds "Steuern"; "sagen" finds "sagten"; "governments" finds "government".
    assert contents(qs.statements(q="Steuer")) == ["Die Steuern in Berlin steigen nicht."]
    assert contents(qs.statements(q="sagen")) == ["Wir sagten das schon 2019."]
    assert contents(qs.statements(q="governments")) == ["The government will cut the tax in Lisbon."]
    assert qs.statements(q="Regierung").total == 1  # "Regierungen"
    assert qs.statements(q="Hafen Hamburg").total == 1  # every word must match
    assert qs.statements(q="Hafen Lisbon").total == 0
    assert qs.statements(q="!!!").total == 0


def test_date_filters_compare_at_document_precision(qs):
    assert {r.doc_key for r in qs.statements(since="2021").items} == {"q3", "q4"}
    assert {r.doc_key for r in qs.statements(until="2020-10").items} == {"q1"}
    # q4 is dated "2021" only: it may fall in March 2021, so it matches a March window.
    assert {r.doc_key for r in qs.statements(since="2021-03", until="2021-03-31").items} == {"q4"}
    assert qs.statements(since="2020-11-02", until="2020-11-02").total == 2
    with pytest.raises(QueryError):
        qs.statements(since="2021-02-30")


def test_other_filters(qs):
    assert qs.statements(source="harbour post").total == 1
    assert qs.statements(lang="en").total == 1
    assert qs.statements(kind="direct").total == 5
    assert qs.statements(kind="indirect").total == 0
    with pytest.raises(QueryError):
        qs.statements(kind="shouted")
    assert contents(qs.statements(about="Hamburg")) == ["Der Hafen in Hamburg wird ausgebaut."]
    assert qs.statements(about="brüssel").total == 1
    assert qs.statements(topic="Verkehr").total == 1
    assert qs.statements(topic="finanzen").total == 2
    assert qs.statements(speaker="Anna Berger", since="2021").total == 1


def test_pagination_totals(qs):
    a = qs.statements(limit=2, offset=0)
    b = qs.statements(limit=2, offset=2)
    c = qs.statements(limit=2, offset=4)
    assert a.total == b.total == c.total == 5
    ids = [r.id for r in a.items + b.items + c.items]
    assert len(ids) == len(set(ids)) == 5
    assert len(list(qs.iter_statements(StatementFilters(), page_size=2))) == 5


def test_speakers_and_speaker_detail(qs):
    page = qs.speakers()
    assert page.total == 3
    top = page.items[0]
    assert top.name == "Anna Berger" and top.n_statements == 3
    assert (top.first_date, top.last_date) == ("2020-10-14", "2021-02")
    assert "Berger" in top.aliases
    assert [s.name for s in qs.speakers(q="stone").items] == ["Mary Stone"]
    detail = qs.speaker(top.id)
    assert detail.n_statements == 3
    assert ("Finanzen", 1) in detail.top_topics
    assert dict(detail.top_entities) == {"Berlin": 1, "Brüssel": 1}
    assert dict(detail.sources) == {"Nordblatt": 2, "Südkurier": 1}
    assert qs.speaker(999999) is None


def test_document_detail(qs):
    doc = qs.document("q2")
    assert doc is not None and doc.doc_key == "q2" and doc.date_precision == "day"
    assert [s.content for s in doc.statements] == ["Der Hafen in Hamburg wird ausgebaut.", "Wir sagten das schon 2019."]
    assert [e["text"] for e in doc.entities] == ["Hamburg"]
    assert [(d["text"], d["value"]) for d in doc.dates] == [("2019", "2019")]
    assert qs.document(doc.id).doc_key == "q2"
    assert qs.document(123456) is None
    assert doc.to_dict()["statements"][0]["content_span"] == list(doc.statements[0].content_span.as_list())


def test_entities_topics_timeline_overview(qs):
    ents = qs.entities()
    assert ents.total == 4
    assert {e.name: e.n_statements for e in ents.items} == {"Berlin": 1, "Hamburg": 1, "Brüssel": 1, "Lisbon": 1}
    assert [e.name for e in qs.entities(q="ham").items] == ["Hamburg"]
    assert qs.entities(label="PER").total == 0
    topics = {t.label: t for t in qs.topics()}
    assert topics["Finanzen"].n_statements == 2 and topics["Finanzen"].origin == "model"
    tl = qs.timeline(StatementFilters())
    # q4 ("2021", year only) cannot be placed in a month and is left out.
    assert [(p.period, p.count) for p in tl] == [("2020-10", 1), ("2020-11", 2), ("2021-02", 1)]
    assert [(p.period, p.count) for p in qs.timeline(speaker="Anna Berger")] == [("2020-10", 1), ("2020-11", 1), ("2021-02", 1)]
    ov = qs.overview()
    assert (ov.n_documents, ov.n_statements, ov.n_speakers, ov.n_entities) == (5, 5, 3, 4)
    assert (ov.first_date, ov.last_date) == ("2020-10-14", "2021-06-30")
    assert [(p.period, p.count) for p in ov.documents_per_month] == [("2020-10", 1), ("2020-11", 1), ("2021-02", 1), ("2021-06", 1)]
    assert [(p.period, p.count) for p in ov.speakers_per_month] == [("2020-10", 1), ("2020-11", 2), ("2021-02", 1)]
    assert ov.to_dict()["n_documents"] == 5


def test_filters_as_object_or_keywords_not_both(qs):
    with pytest.raises(TypeError):
        qs.statements(StatementFilters(kind="direct"), speaker="x")


def test_iter_documents_fast_path_matches_the_detailed_one(qs):
    slow = list(qs.iter_documents())
    fast = list(qs.iter_documents(details=False, page_size=2))
    assert [d.id for d in fast] == [d.id for d in slow] and len(fast) == 5
    assert [[s.to_dict() for s in d.statements] for d in fast] == [[s.to_dict() for s in d.statements] for d in slow]
    assert [d.doc_key for d in qs.iter_documents(StatementFilters(speaker="Mary Stone"), details=False)] == ["q4"]

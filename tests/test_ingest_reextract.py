"""Re-extraction of stored documents: statements replaced in place, documents and corrections kept."""

from __future__ import annotations

from quotetracker.ingest import extract_documents, ingest_records, reextract
from quotetracker.model import Document, Span, Statement
from quotetracker.query import QueryService
from quotetracker.store import Store

DOCS = [
    Document(text="„Eins“, sagte Anna Berger. „Zwei“, sagte sie.", id="r1", date="2021-01", lang="xx"),
    Document(text="Kein Zitat.", id="r2", date="2021-02", lang="xx"),
]


def better_engine(docs):
    """A pretend engine upgrade: every statement gets its speaker."""
    exs = extract_documents(docs)
    for ex in exs:
        text = ex.document.text
        for st in ex.statements:
            start = text.find("Anna Berger")
            if start >= 0:
                st.speaker = Span(start, start + len("Anna Berger"))
                st.speaker_name = "Anna Berger"
                st.kind = "direct"
        if "Kein Zitat" in text:
            ex.statements.append(Statement(content=Span(0, 11), kind="reported"))
    return exs


def test_reextract_replaces_statements_and_keeps_documents(db_url):
    store = Store(db_url)
    ingest_records(store, DOCS)
    qs = QueryService(store)
    doc_ids = sorted(d for d in store.document_ids())
    assert qs.statements(speaker="Anna Berger").total == 0
    store.add_correction("alias", "Anna Berger", "A. B.")

    report = reextract(store, extract=better_engine, batch_size=1)
    assert (report.documents, report.statements, report.failed) == (2, 3, 0)
    assert sorted(store.document_ids()) == doc_ids
    assert store.count("documents") == 2 and store.count("statements") == 3
    assert qs.statements(speaker="Anna Berger").total == 2
    assert qs.statements(kind="reported").total == 1
    assert qs.statements(q="zwei").total == 1  # the search index follows the replaced statements
    assert [c.action for c in store.corrections()] == ["alias"]

    again = reextract(store, extract=better_engine)
    assert again.statements == 3 and store.count("statements") == 3


def test_reextract_by_language_only_touches_that_language(db_url):
    store = Store(db_url)
    ingest_records(store, DOCS + [Document(text="„Three“, she said.", id="r3", lang="en")])
    report = reextract(store, lang="en")
    assert report.documents == 1

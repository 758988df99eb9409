"""Ingest: idempotent by content hash, rejects with file and line, atomic batches; SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from quotetracker.ingest import IngestReport, extract_documents, ingest, ingest_records, rebuild_identities
from quotetracker.model import Document
from quotetracker.store import Store


def write_corpus(path, n_valid: int, broken_at: dict[int, str] | None = None):
    """A JSONL file: n_valid fictional articles, with broken lines inserted at the given 1-based line numbers."""
    broken_at = broken_at or {}
    lines, valid = [], 0
    while valid < n_valid or len(lines) + 1 in broken_at:
        if len(lines) + 1 in broken_at:
            lines.append(broken_at[len(lines) + 1])
            continue
        valid += 1
        lines.append(
            json.dumps(
                {
                    "id": f"art-{valid}",
                    "date": f"2021-{valid % 12 + 1:02d}-{valid % 27 + 1:02d}",
                    "source": "Testblatt",
                    "lang": "xx",  # the language-independent quote-mark extractor: fast and predictable
                    "text": f"Artikel {valid}. Die Sprecherin Nr. {valid} sagte: „Wir prüfen Vorschlag {valid} genau.“ Ende.",
                },
                ensure_ascii=False,
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_twice_adds_nothing(db_url, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 30)
    store = Store(db_url)
    first = ingest(store, [str(corpus)], batch_size=7)
    assert (first.accepted, first.duplicates, first.rejected, first.statements) == (30, 0, 0, 30)
    second = ingest(store, [str(corpus)], batch_size=7)
    assert (second.accepted, second.duplicates, second.rejected, second.statements) == (0, 30, 0, 0)
    assert store.count("documents") == 30 and store.count("statements") == 30
    runs = {r: store.count("ingest_runs") for r in ("n",)}
    assert runs["n"] == 2


def test_three_broken_lines_among_100_valid(db_url, tmp_path):
    broken = {5: "{not json", 50: '{"id": "x", "date": "2021-02-30", "text": "Unmögliches Datum."}', 77: '{"id": "y", "text": ""}'}
    corpus = write_corpus(tmp_path / "c.jsonl", 100, broken)
    store = Store(db_url)
    seen = []
    report = ingest(store, [str(corpus)], batch_size=16, on_reject=seen.append)
    assert report.accepted == 100 and report.rejected == 3 and report.exit_code == 1
    assert [r.line for r in seen] == [5, 50, 77]
    from quotetracker.query import QueryService

    page = QueryService(store).rejects(run_id=report.run_id)
    assert page.total == 3
    assert [(r.path.endswith("c.jsonl"), r.line) for r in page.items] == [(True, 5), (True, 50), (True, 77)]
    assert all(r.reason for r in page.items)
    assert store.count("documents") == 100


def test_duplicates_inside_one_input_are_skipped(db_url):
    store = Store(db_url)
    docs = [Document(text="„Eins zwei drei“, sagte sie.", id=f"d{i}", date="2020", lang="xx") for i in range(3)]
    report = ingest_records(store, docs)
    assert (report.accepted, report.duplicates) == (1, 2)


def test_invalid_documents_become_rejects(db_url):
    store = Store(db_url)
    docs = [
        Document(text="   ", id="blank", origin="mem.jsonl:1"),
        Document(text="Text", id="bad-date", date="2020-02-31", origin="mem.jsonl:2"),
        Document(text="„Gut so“, sagte er.", id="ok", lang="xx", origin="mem.jsonl:3"),
    ]
    report = ingest_records(store, docs)
    assert report.accepted == 1
    assert [(r.path, r.line) for r in report.rejects] == [("mem.jsonl", 1), ("mem.jsonl", 2)]
    assert "empty" in report.rejects[0].reason and "date" in report.rejects[1].reason


def test_a_failing_batch_stores_nothing_of_it(db_url):
    """The whole batch is one transaction: an error while writing it leaves no half-written documents."""
    store = Store(db_url)
    good = [Document(text=f"„Satz {i}“, sagte X.", id=f"g{i}", lang="xx") for i in range(4)]

    def extract_then_corrupt(docs):
        exs = extract_documents(docs)
        if any(d.id == "g3" for d in docs):
            exs[-1].statements[0].kind = "x" * 100  # too long for statements.kind on PostgreSQL
            exs[-1].statements[0].content = None  # and no span at all: fails on every database
        return exs

    with pytest.raises(Exception):
        ingest_records(store, good, batch_size=2, extract=extract_then_corrupt)
    # batch 1 (g0, g1) committed; batch 2 (g2, g3) rolled back completely
    assert store.count("documents") == 2
    assert store.count("statements") == 2
    report = ingest_records(store, good, batch_size=2)
    assert (report.accepted, report.duplicates) == (2, 2)
    assert store.count("statements") == 4


def test_failing_extraction_of_one_document_rejects_only_it(db_url, monkeypatch):
    from quotetracker.extract import fallback

    real = fallback.QuoteMarkExtractor.extract

    def flaky(self, doc):
        if doc.id == "boom":
            raise RuntimeError("kaputt")
        return real(self, doc)

    monkeypatch.setattr(fallback.QuoteMarkExtractor, "extract", flaky)
    store = Store(db_url)
    docs = [Document(text=f"„Satz {i}“, sagte X.", id=i, lang="xx", origin=f"f.jsonl:{n + 1}") for n, i in enumerate(["a", "boom", "c"])]
    report = ingest_records(store, docs)
    assert report.accepted == 2 and report.rejected == 1
    assert report.rejects[0].line == 2 and "kaputt" in report.rejects[0].reason


def test_identities_rebuilt_and_corrections_survive_reingest(db_url, tmp_path):
    store = Store(db_url)
    docs = [
        Document(text="Text eins.", id="s1", lang="xx"),
    ]
    ingest_records(store, docs)
    # Speaker names come from the extractor; write two statements with names directly.
    from quotetracker.model import Extraction, Span, Statement

    d2 = Document(text="Anna Berger sagte: „Ja.“ Karl Fischer sagte: „Nein.“", id="s2", lang="xx")
    ex = Extraction(
        document=d2,
        lang="xx",
        statements=[
            Statement(content=Span(20, 23), speaker=Span(0, 11), speaker_name="Anna Berger"),
            Statement(content=Span(46, 51), speaker=Span(25, 37), speaker_name="Karl Fischer"),
        ],
    )
    store.write_batch([ex])
    assert rebuild_identities(store) == 2
    assert d2.text[20:23] == "Ja." and d2.text[46:51] == "Nein." and d2.text[25:37] == "Karl Fischer"
    store.add_correction("merge", "Anna Berger", "Karl Fischer")
    n_after = rebuild_identities(store)
    from quotetracker.query import QueryService

    speakers = QueryService(store).speakers().items
    assert n_after == 1 and speakers[0].n_statements == 2
    # corrections are stored and survive a re-ingest of the same inputs
    ingest_records(store, docs)
    assert [c.action for c in store.corrections()] == ["merge"]
    assert rebuild_identities(store) == n_after


def test_report_exit_codes():
    assert IngestReport().exit_code == 0
    assert IngestReport(rejected=1).exit_code == 1


def test_a_concurrent_writer_storing_the_same_document_is_tolerated(db_url, monkeypatch):
    """If another process stores a document between our hash check and our write, the batch is retried and skips it."""
    store = Store(db_url)
    other = Store(db_url)
    docs = [Document(text=f"„Satz {i}“, sagte X.", id=f"w{i}", lang="xx") for i in range(3)]
    real_write = store.write_batch
    calls = {"n": 0}

    def racing_write(extractions, run_id=None, reject_rows=()):
        calls["n"] += 1
        if calls["n"] == 1:
            other.write_batch([extractions[1]])  # the other writer wins the race for w1
            real_known = store.known_hashes
            monkeypatch.setattr(store, "known_hashes", lambda hashes, conn=None: set())  # our check misses it once
            try:
                return real_write(extractions, run_id, reject_rows)
            finally:
                monkeypatch.setattr(store, "known_hashes", real_known)
        return real_write(extractions, run_id, reject_rows)

    monkeypatch.setattr(store, "write_batch", racing_write)
    report = ingest_records(store, docs, batch_size=3)
    assert calls["n"] == 2
    assert (report.accepted, report.duplicates) == (2, 1)
    assert store.count("documents") == 3 and store.count("statements") == 3


def test_configured_keyword_topics_are_stored_as_user_topics(db_url):
    from quotetracker.query import QueryService
    from quotetracker.topics.keywords import load_topics

    configured = load_topics()
    store = Store(db_url)
    ingest_records(store, [Document(text="„Gut“, sagte sie.", id="t", lang="xx")])
    topics = {t.label: t for t in QueryService(store).topics()}
    for t in configured:  # stored under the display label, which statements carry
        assert topics[t.label].origin == "user"
        assert topics[t.label].keywords == list(t.keywords)


def test_two_concurrent_ingests_into_one_database(db_url, tmp_path):
    """Two writers at once (overlapping inputs): both finish, every document is stored exactly once."""
    from concurrent.futures import ThreadPoolExecutor

    Store(db_url).close()  # migrate first; concurrent first opens are tested in test_store_schema
    a = write_corpus(tmp_path / "a.jsonl", 60)
    b = write_corpus(tmp_path / "b.jsonl", 80)  # its first 60 articles are a's

    def run(path):
        store = Store(db_url)
        try:
            return ingest(store, [str(path)], batch_size=5)
        finally:
            store.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        ra, rb = pool.map(run, [a, b])
    assert ra.accepted + rb.accepted == 80
    assert ra.accepted + ra.duplicates == 60 and rb.accepted + rb.duplicates == 80
    store = Store(db_url)
    assert store.count("documents") == 80 and store.count("statements") == 80


def test_spans_outside_the_text_are_rejected_not_stored(db_url, monkeypatch):
    from quotetracker.extract import fallback
    from quotetracker.model import Span, Statement

    real = fallback.QuoteMarkExtractor.extract

    def overshooting(self, doc):
        ex = real(self, doc)
        if doc.id == "bad":
            ex.statements.append(Statement(content=Span(0, len(doc.text) + 5)))
        return ex

    monkeypatch.setattr(fallback.QuoteMarkExtractor, "extract", overshooting)
    store = Store(db_url)
    docs = [Document(text="„Gut“, sagte A.", id=i, lang="xx", origin=f"s.jsonl:{n + 1}") for n, i in enumerate(["ok", "bad"])]
    docs[1].text = "„Schlecht“, sagte B."
    report = ingest_records(store, docs)
    assert report.accepted == 1 and report.rejected == 1
    assert "outside the text" in report.rejects[0].reason and report.rejects[0].line == 2

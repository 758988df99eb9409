"""The Python API: quotetracker.open(url) → QuoteTracker."""

from __future__ import annotations

import quotetracker
from quotetracker.api_python import QuoteTracker
from quotetracker.model import Document, StatementRecord
from quotetracker.query import QueryService

DOCS = [
    Document(text="„Der Hafen wächst“, sagte die Senatorin.", id="p1", date="2021-04-01", source="Kai", lang="xx"),
    Document(text="„Die Fähre fährt wieder“, sagte der Kapitän. „Im Mai“, fügte er hinzu.", id="p2", date="2021-05", source="Kai", lang="xx"),
]


def test_open_ingest_and_query(db_url, tmp_path):
    qt = quotetracker.open(db_url)
    assert isinstance(qt, QuoteTracker) and isinstance(qt.query, QueryService)
    report = qt.ingest_documents(DOCS)
    assert (report.accepted, report.statements) == (2, 3)
    records = qt.statements()
    assert len(records) == 3 and all(isinstance(r, StatementRecord) for r in records)
    assert [r.content for r in qt.statements(since="2021-05")] == ["Die Fähre fährt wieder", "Im Mai"]
    assert len(qt.statements(limit=1)) == 1
    assert qt.document("p1").statements[0].content == "Der Hafen wächst"
    qt.close()


def test_statements_as_dataframe(db_url):
    with quotetracker.open(db_url) as qt:
        qt.ingest_documents(DOCS)
        df = qt.statements(as_frame=True)
        assert list(df["content"]) == ["Die Fähre fährt wieder", "Im Mai", "Der Hafen wächst"]
        assert {"content_start", "content_end", "speaker", "date", "source"} <= set(df.columns)
        row = df.iloc[2]
        assert DOCS[0].text[row["content_start"] : row["content_end"]] == "Der Hafen wächst"
        empty = qt.statements(q="Zeppelin", as_frame=True)
        assert len(empty) == 0 and "content" in empty.columns


def test_ingest_paths_and_export(db_url, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("date 2020-06\n„Wir bauen“, sagte Lena Hoff.\n", encoding="utf-8")
    with quotetracker.open(db_url) as qt:
        report = qt.ingest([str(src)], lang="xx")
        assert report.accepted == 1 and report.rejected == 0
        n = qt.export(str(tmp_path / "out.jsonl"), format="quotes-jsonl")
        assert n == 1
        assert '"quotes"' in (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_bare_path_means_sqlite_file(tmp_path):
    qt = quotetracker.open(str(tmp_path / "plain.db"))
    assert qt.url.startswith("sqlite:///") and (tmp_path / "plain.db").exists()

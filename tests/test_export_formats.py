"""Export: quotes-jsonl equals what extraction produced; the shared scorer accepts it; tabular formats."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from quotetracker.export import export, write_extractions
from quotetracker.ingest import extract_documents, ingest, ingest_records
from quotetracker.model import Document
from quotetracker.query import QueryService, StatementFilters
from quotetracker.store import Store

DOCS = [
    Document(text="„Erstens“, sagte A. Dann: „Zweitens“, sagte B.", id="e1", date="2020-01", source="S", lang="xx"),
    Document(text="Kein Zitat hier.", id="e2", date="2020-02-03", source="S", lang="xx"),
    Document(text="»Drittens«, meinte C.", id="e3", date=None, source=None, lang="xx"),
]

QUOTE_FIELDS = ("content", "kind", "cue", "speaker", "speaker_name")


def test_quotes_jsonl_export_equals_the_extraction(db_url, tmp_path):
    store = Store(db_url)
    ingest_records(store, DOCS)
    out = tmp_path / "export.jsonl"
    assert export(QueryService(store), out, format="quotes-jsonl") == 3
    exported = {d["id"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for ex in extract_documents(DOCS):
        want = ex.to_quotes_jsonl()
        got = exported[want["id"]]
        assert (got["lang"], got["date"], got["source"], got["text"]) == (want["lang"], want["date"], want["source"], want["text"])
        assert [{k: q[k] for k in QUOTE_FIELDS} for q in got["quotes"]] == [{k: q[k] for k in QUOTE_FIELDS} for q in want["quotes"]]
    assert len(exported["e1"]["quotes"]) == 2 and exported["e2"]["quotes"] == []


def test_statement_exports(db_url, tmp_path):
    store = Store(db_url)
    ingest_records(store, DOCS)
    qs = QueryService(store)
    assert export(qs, tmp_path / "s.jsonl", format="jsonl") == 3
    first = json.loads((tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"content", "content_span", "speaker", "doc_key", "date"} <= set(first)
    assert export(qs, tmp_path / "s.csv", format="csv", filters=StatementFilters(source="S")) == 2
    import pandas as pd

    assert export(qs, tmp_path / "s.parquet", format="parquet") == 3
    df = pd.read_parquet(tmp_path / "s.parquet")
    assert sorted(df["content"]) == ["Drittens", "Erstens", "Zweitens"]
    with pytest.raises(ValueError):
        export(qs, tmp_path / "x", format="xml")


def test_write_extractions_formats(tmp_path):
    exs = extract_documents(DOCS)
    assert write_extractions(exs, tmp_path / "a.jsonl", "quotes-jsonl") == 3
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["e1", "e2", "e3"]
    assert write_extractions(exs, tmp_path / "b.parquet", "parquet") == 3
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "b.parquet").num_rows == 3
    with pytest.raises(ValueError):
        write_extractions(exs, tmp_path / "c", "csv")


@pytest.mark.shared
def test_shared_scorer_accepts_the_export(tmp_path, shared_dir):
    gold = shared_dir / "gold" / "dev" / "wikinews_de.jsonl"
    store = Store(f"sqlite:///{tmp_path / 'g.db'}")
    report = ingest(store, [str(gold)], lang="xx", resolve=False)  # quote-mark engine: fast; the format is what counts
    n_gold = sum(1 for line in gold.open(encoding="utf-8") if line.strip())
    assert report.accepted + report.duplicates == n_gold
    out = tmp_path / "pred.jsonl"
    export(QueryService(store), out, format="quotes-jsonl")
    result = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_quotes.py"), str(gold), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 missing from pred" in result.stdout

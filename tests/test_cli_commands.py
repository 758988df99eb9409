"""The CLI end to end (Typer's CliRunner, in process): exit codes, output formats, corrections."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from quotetracker.cli import _register, app

_register()

ARTICLES = [
    {"id": "k1", "date": "2022-01-10", "source": "Probeblatt", "lang": "xx", "title": "Brücke",
     "text": "Lindau. „Die Brücke wird im Sommer fertig“, sagte Bürgermeisterin Jana Roth."},
    {"id": "k2", "date": "2022-02", "source": "Probeblatt", "lang": "xx",
     "text": "„Wir haben keine Einwände“, erklärte der Verein. „Die Steuern bleiben gleich“, hieß es."},
    {"id": "k3", "date": "2023", "source": "Harbour Post", "lang": "xx",
     "text": "\"The ferry will run again in May\", the mayor said."},
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    lines.insert(1, "{broken json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def loaded(runner, corpus, db_url):
    result = invoke(runner, "ingest", corpus, "--db", db_url, "--no-progress")
    assert result.exit_code == 1, result.output  # one rejected line
    return db_url


def test_ingest_summary_and_reject_message(runner, corpus, db_url):
    result = invoke(runner, "ingest", corpus, "--db", db_url, "--no-progress")
    assert result.exit_code == 1
    assert "3 accepted" in result.stdout and "1 rejected" in result.stdout
    assert "news.jsonl:2" in result.stderr and "invalid JSON" in result.stderr
    again = invoke(runner, "ingest", corpus, "--db", db_url, "--no-progress")
    assert "0 accepted" in again.stdout and "3 duplicates skipped" in again.stdout


def test_ingest_clean_input_exits_zero(runner, tmp_path, db_url):
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(ARTICLES[0], ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke(runner, "ingest", path, "--db", db_url, "--no-progress")
    assert result.exit_code == 0, result.output


def test_statements_json_csv_and_table(runner, loaded):
    result = invoke(runner, "statements", "--db", loaded, "--format", "json", "--limit", "50")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["content"] for r in rows} == {
        "Die Brücke wird im Sommer fertig",
        "Wir haben keine Einwände",
        "Die Steuern bleiben gleich",
        "The ferry will run again in May",
    }
    assert all(r["content_span"][1] > r["content_span"][0] for r in rows)
    filtered = json.loads(invoke(runner, "statements", "--db", loaded, "--format", "json", "--since", "2022-02", "--until", "2022").stdout)
    assert [r["doc_key"] for r in filtered] == ["k2", "k2"]
    searched = json.loads(invoke(runner, "statements", "--db", loaded, "--format", "json", "--q", "Steuer").stdout)
    assert [r["content"] for r in searched] == ["Die Steuern bleiben gleich"]
    out = invoke(runner, "statements", "--db", loaded, "--format", "csv", "--source", "Harbour Post").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["content"] for r in rows] == ["The ferry will run again in May"]
    table = invoke(runner, "statements", "--db", loaded, "--kind", "direct")
    assert table.exit_code == 0 and "statements (1–4 of 4)" in table.stdout


def test_usage_errors_exit_2(runner, loaded, tmp_path):
    assert invoke(runner, "statements", "--db", loaded, "--since", "2022-02-30").exit_code == 2
    assert invoke(runner, "statements", "--db", loaded, "--kind", "loud").exit_code == 2
    assert invoke(runner, "statements", "--db", loaded, "--format", "xml").exit_code == 2
    assert invoke(runner, "statements", "--db", loaded, "--limit", "0").exit_code == 2
    assert invoke(runner, "ingest", tmp_path / "missing.jsonl", "--db", loaded).exit_code == 2
    assert invoke(runner, "show", "999999", "--db", loaded).exit_code == 2
    assert invoke(runner, "export", "--db", loaded, "--format", "xml", "-o", tmp_path / "x").exit_code == 2


def test_database_errors_exit_3(runner, tmp_path):
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"
    result = invoke(runner, "statements", "--db", unreachable)
    assert result.exit_code == 3 and "database" in result.stderr
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert invoke(runner, "speakers", "--db", f"sqlite:///{blocker}/x.db").exit_code == 3
    assert invoke(runner, "speakers", "--db", "nosuchdriver://x").exit_code == 3


def test_db_from_environment(runner, corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    invoke(runner, "ingest", corpus, "--no-progress", env={"QUOTETRACKER_DB": url})
    result = invoke(runner, "statements", "--format", "json", env={"QUOTETRACKER_DB": url})
    assert len(json.loads(result.stdout)) == 4


def test_show_document(runner, loaded):
    result = invoke(runner, "show", "k1", "--db", loaded)
    assert result.exit_code == 0
    assert "Die Brücke wird im Sommer fertig" in result.stdout and "1 statements" in result.stdout
    doc = json.loads(invoke(runner, "show", "k1", "--db", loaded, "--format", "json").stdout)
    assert doc["doc_key"] == "k1" and len(doc["statements"]) == 1


def test_rejects_listing(runner, loaded):
    rows = json.loads(invoke(runner, "rejects", "--db", loaded, "--format", "json").stdout)
    assert [(r["line"], r["path"].endswith("news.jsonl")) for r in rows] == [(2, True)]
    table = invoke(runner, "rejects", "--db", loaded)
    assert "invalid JSON" in table.stdout


def test_speakers_and_corrections(runner, loaded):
    from quotetracker.model import Document, Extraction, Span, Statement
    from quotetracker.store import Store

    store = Store(loaded)
    text = "Jana Roth sagte: „Ja.“ Bürgermeisterin Roth sagte: „Gut.“ Paul Kern sagte: „Nein.“"
    sts = [
        Statement(content=Span(text.index("Ja."), text.index("Ja.") + 3), speaker=Span(0, 9), speaker_name="Jana Roth", speaker_label="PER"),
        Statement(content=Span(text.index("Nein."), text.index("Nein.") + 5), speaker=Span(text.index("Paul"), text.index("Paul") + 9), speaker_name="Paul Kern", speaker_label="PER"),
    ]
    store.write_batch([Extraction(document=Document(text=text, id="sp", date="2022-03-01"), lang="de", statements=sts)])
    assert invoke(runner, "resolve", "--db", loaded).exit_code == 0
    names = {s["name"] for s in json.loads(invoke(runner, "speakers", "--db", loaded, "--format", "json").stdout)}
    assert {"Jana Roth", "Paul Kern"} <= names
    merged = invoke(runner, "speakers", "merge", "Jana Roth", "Paul Kern", "--db", loaded)
    assert merged.exit_code == 0, merged.output
    after = json.loads(invoke(runner, "speakers", "--db", loaded, "--format", "json").stdout)
    together = [s for s in after if {"Jana Roth", "Paul Kern"} & set(s["aliases"])]
    assert len(together) == 1 and together[0]["n_statements"] == 2
    assert invoke(runner, "speakers", "alias", "add", "Jana Roth", "J. R.", "--db", loaded).exit_code == 0
    assert invoke(runner, "speakers", "split", "Paul Kern", "--db", loaded).exit_code == 0
    assert [c.action for c in store.corrections()] == ["merge", "alias", "split"]


def test_export_all_formats(runner, loaded, tmp_path):
    out = tmp_path / "q.jsonl"
    assert invoke(runner, "export", "--db", loaded, "--format", "quotes-jsonl", "-o", out).exit_code == 0
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(d["id"] for d in docs) == ["k1", "k2", "k3"]
    k2 = next(d for d in docs if d["id"] == "k2")
    assert [k2["text"][q["content"][0] : q["content"][1]] for q in k2["quotes"]] == ["Wir haben keine Einwände", "Die Steuern bleiben gleich"]
    assert invoke(runner, "export", "--db", loaded, "--format", "csv", "-o", tmp_path / "s.csv").exit_code == 0
    assert len(list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))) == 4
    assert invoke(runner, "export", "--db", loaded, "--format", "parquet", "-o", tmp_path / "s.parquet", "--source", "Probeblatt").exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "s.parquet").num_rows == 3


def test_extract_without_database(runner, corpus, tmp_path):
    out = tmp_path / "pred.jsonl"
    result = invoke(runner, "extract", corpus, "--format", "quotes-jsonl", "-o", out)
    assert result.exit_code == 1  # the broken line is reported, the rest is written
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == ["k1", "k2", "k3"]
    assert set(lines[0]) >= {"id", "lang", "date", "source", "text", "quotes"}
    assert lines[0]["text"] == ARTICLES[0]["text"]
    q = lines[0]["quotes"][0]
    assert set(q) >= {"content", "kind", "cue", "speaker", "speaker_name"}
    assert lines[0]["text"][q["content"][0] : q["content"][1]] == "Die Brücke wird im Sommer fertig"
    full = tmp_path / "full.jsonl"
    assert invoke(runner, "extract", corpus, "--format", "jsonl", "-o", full).exit_code == 1
    assert "entities" in json.loads(full.read_text(encoding="utf-8").splitlines()[0])
    assert invoke(runner, "extract", corpus, "--format", "parquet", "-o", tmp_path / "p.parquet").exit_code == 1
    assert invoke(runner, "extract", corpus, "--format", "nope", "-o", out).exit_code == 2


def test_reextract_command(runner, loaded):
    before = json.loads(invoke(runner, "statements", "--db", loaded, "--format", "json", "--limit", "50").stdout)
    result = invoke(runner, "reextract", "--db", loaded)
    assert result.exit_code == 0, result.output
    assert "re-extracted 3 documents: 4 statements" in result.stdout
    after = json.loads(invoke(runner, "statements", "--db", loaded, "--format", "json", "--limit", "50").stdout)
    assert sorted(r["content"] for r in after) == sorted(r["content"] for r in before)


def test_runs_listing(runner, loaded, corpus):
    invoke(runner, "ingest", corpus, "--db", loaded, "--no-progress")
    rows = json.loads(invoke(runner, "runs", "--db", loaded, "--format", "json").stdout)
    assert [r["status"] for r in rows] == ["finished", "finished"]
    assert rows[0]["counts"]["duplicates"] == 3 and rows[1]["counts"]["accepted"] == 3
    assert rows[0]["inputs"]["paths"][0].endswith("news.jsonl")
    table = invoke(runner, "runs", "--db", loaded)
    assert table.exit_code == 0 and "finished" in table.stdout
    assert invoke(runner, "runs", "--db", loaded, "--format", "csv").exit_code == 0

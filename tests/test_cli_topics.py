"""Topics end to end: ingest --topics-file, `quotetracker topics` (list, build), the API and the web pages.

The articles and the topics file are fictional; ``lang: xx`` keeps the test on
the language-independent extractor (quotes with „…“ / "…" and a said-verb).
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import quotetracker
from quotetracker.api import create_app
from quotetracker.cli import _register, app

_register()

ARTICLES = [
    {"id": "f1", "date": "2021-03-04", "source": "Seeblatt", "lang": "xx",
     "text": "Seehafen. „Die neue Fähre nach Inselheim fährt ab Mai jeden Tag“, sagte Hafenmeisterin Ida Kranz. "
             "„Die Brücke am Kai bleibt gesperrt“, fügte sie hinzu."},
    {"id": "f2", "date": "2021-07-19", "source": "Seeblatt", "lang": "xx",
     "text": "„Der Fährbetrieb kostet uns jedes Jahr mehr“, sagte Kämmerer Olaf Brand. "
             "„Wir brauchen mehr Geld für den Klimaschutz und gegen CO2-Emissionen“, erklärte Brand."},
    {"id": "f3", "date": "2022-01-11", "source": "Harbour Post", "lang": "xx",
     "text": "\"The ferry timetable will change in spring\", the harbour master said. "
             "\"Nobody likes the new bridge tolls\", said councillor Ann Vale."},
    {"id": "f4", "date": "2022-05-02", "source": "Seeblatt", "lang": "xx",
     "text": "„Die Ernte auf den Feldern war gut“, sagte Landwirt Paul Acker."},
]  # fmt: skip

TOPICS_TOML = """
[topics.faehre]
label = "Fähre / ferry"
keywords = ["fähr*", "ferry", "*fähre"]
min_hits = 1

[topics.bruecke]
label = "Brücken / bridges"
keywords = ["brücke*", "bridge*"]
min_hits = 1
"""

FERRY, BRIDGES = "Fähre / ferry", "Brücken / bridges"


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def files(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    topics = tmp_path / "topics.toml"
    topics.write_text(TOPICS_TOML, encoding="utf-8")
    return docs, topics


@pytest.fixture
def ingested(runner, files, db_url):
    docs, topics = files
    result = invoke(runner, "ingest", docs, "--db", db_url, "--no-progress", "--topics-file", topics)
    assert result.exit_code == 0, result.output
    assert "4 accepted" in result.stdout
    return db_url


def _contents(items) -> set[str]:
    return {s["content"] for s in items}


@pytest.mark.parametrize("content", ["[topics.x]\nlabel = 'X'\n", "not = [valid", None])
def test_a_bad_or_missing_topics_file_stops_ingest_before_the_run(runner, files, tmp_path, db_url, content):
    docs, _ = files
    path = tmp_path / ("missing.toml" if content is None else "bad.toml")
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = invoke(runner, "ingest", docs, "--db", db_url, "--no-progress", "--topics-file", path)
    assert result.exit_code == 2, result.output
    assert "--topics-file" in result.stderr and path.name in result.stderr
    qt = quotetracker.open(db_url)
    try:
        assert qt.store.count("documents") == 0 and qt.store.count("rejects") == 0
        assert qt.query.runs() == []
    finally:
        qt.close()


def test_cli_lists_topics_with_counts_per_year_and_month(runner, ingested):
    result = invoke(runner, "topics", "--db", ingested, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["label"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {FERRY, BRIDGES}  # only topics with statements; the file replaced the defaults
    assert rows[FERRY]["origin"] == "user" and rows[FERRY]["keywords"] == ["fähr*", "ferry", "*fähre"]
    assert (rows[FERRY]["n_statements"], rows[FERRY]["counts"]) == (3, {"2021": 2, "2022": 1})
    assert (rows[BRIDGES]["n_statements"], rows[BRIDGES]["counts"]) == (2, {"2021": 1, "2022": 1})

    monthly = invoke(runner, "topics", "list", "--db", ingested, "--by", "month", "--topic", "fähre / FERRY", "--format", "json")
    assert monthly.exit_code == 0, monthly.output
    assert [(r["label"], r["counts"]) for r in json.loads(monthly.stdout)] == [(FERRY, {"2021-03": 1, "2021-07": 1, "2022-01": 1})]

    table = invoke(runner, "topics", "--db", ingested)
    assert table.exit_code == 0 and FERRY in table.stdout and "2021: 2" in table.stdout
    assert invoke(runner, "topics", "--db", ingested, "--topic", "nothing-like-it").exit_code == 2
    assert invoke(runner, "topics", "--db", ingested, "--by", "week").exit_code == 2


def test_statements_filter_by_topic_in_the_cli(runner, ingested):
    result = invoke(runner, "statements", "--db", ingested, "--topic", FERRY, "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert _contents(items) == {
        "Die neue Fähre nach Inselheim fährt ab Mai jeden Tag",
        "Der Fährbetrieb kostet uns jedes Jahr mehr",
        "The ferry timetable will change in spring",
    }
    assert all(FERRY in s["topics"] for s in items)
    bridges = json.loads(invoke(runner, "statements", "--db", ingested, "--topic", BRIDGES, "--format", "json").stdout)
    assert _contents(bridges) == {"Die Brücke am Kai bleibt gesperrt", "Nobody likes the new bridge tolls"}


def test_topics_in_the_api_and_the_web_pages(ingested):
    from urllib.parse import quote

    qt = quotetracker.open(ingested)
    try:
        with TestClient(create_app(qt, token=""), raise_server_exceptions=False) as client:
            topics = {t["label"]: t for t in client.get("/api/topics").json()["items"]}
            assert topics[FERRY]["n_statements"] == 3 and topics[FERRY]["origin"] == "user"
            assert topics[BRIDGES]["n_statements"] == 2

            page = client.get("/api/statements", params={"topic": BRIDGES}).json()
            assert page["total"] == 2
            assert _contents(page["items"]) == {"Die Brücke am Kai bleibt gesperrt", "Nobody likes the new bridge tolls"}
            assert client.get("/api/statements", params={"topic": "Ernte / harvest"}).json()["total"] == 0
            both = client.get("/api/statements", params={"topic": FERRY, "since": "2022"}).json()
            assert _contents(both["items"]) == {"The ferry timetable will change in spring"}

            doc_id = next(s["document_id"] for s in page["items"] if s["content"].startswith("Die Brücke"))
            assert set(client.get(f"/api/documents/{doc_id}").json()["topics"]) == {FERRY, BRIDGES}

            listing = client.get("/topics")
            assert listing.status_code == 200 and "Fähre / ferry" in listing.text
            detail = client.get("/topics/" + quote(FERRY, safe=""))
            assert detail.status_code == 200 and "Der Fährbetrieb kostet uns jedes Jahr mehr" in detail.text
            assert "Die Ernte auf den Feldern war gut" not in detail.text
    finally:
        qt.close()


def test_default_topics_carry_their_label_and_are_found_by_name(runner, files, db_url):
    docs, _ = files
    assert invoke(runner, "ingest", docs, "--db", db_url, "--no-progress").exit_code == 0
    result = invoke(runner, "topics", "--db", db_url, "--topic", "klima", "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["label"], row["name"], row["origin"]) == ("Klima / climate", "klima", "user")
    assert row["n_statements"] == 1 and row["counts"] == {"2021": 1}


def test_topics_build_stores_model_topics_links_statements_and_replaces_them(runner, ingested):
    built = invoke(runner, "topics", "build", "--db", ingested, "--k", "3")
    assert built.exit_code == 0, built.output
    model = json.loads(invoke(runner, "topics", "--db", ingested, "--origin", "model", "--format", "json").stdout)
    assert 1 <= len(model) <= 3 and all(r["origin"] == "model" and r["keywords"] for r in model)
    assert all(" / " in r["label"] for r in model)  # labelled by their top terms
    first = model[0]
    linked = json.loads(invoke(runner, "statements", "--db", ingested, "--topic", first["label"], "--format", "json").stdout)
    assert len(linked) == first["n_statements"] >= 1
    assert all(first["label"] in s["topics"] for s in linked)
    qt = quotetracker.open(ingested)
    try:  # a document gets the model topics of its statements
        assert first["label"] in qt.query.document(linked[0]["document_id"]).topics
    finally:
        qt.close()

    again = invoke(runner, "topics", "build", "--db", ingested, "--k", "1")
    assert again.exit_code == 0, again.output
    everything = json.loads(invoke(runner, "topics", "--db", ingested, "--all", "--format", "json").stdout)
    assert len([r for r in everything if r["origin"] == "model"]) == 1  # the previous build is replaced
    user = {r["label"]: r["n_statements"] for r in everything if r["origin"] == "user"}
    assert user == {FERRY: 3, BRIDGES: 2}  # keyword topics are untouched
    model_now = {r["label"] for r in everything if r["origin"] == "model"}
    stale = {r["label"] for r in model} - model_now
    qt = quotetracker.open(ingested)
    try:
        for doc_id in qt.query.document_ids():
            topics = set(qt.query.document(doc_id).topics)
            assert not topics & stale  # the previous build's topics are gone from documents too
        bridge_doc = next(s["document_id"] for s in json.loads(invoke(runner, "statements", "--db", ingested, "--topic", BRIDGES, "--format", "json").stdout) if s["content"].startswith("Die Brücke"))
        assert {FERRY, BRIDGES} <= set(qt.query.document(bridge_doc).topics)  # keyword topics of documents stay
    finally:
        qt.close()

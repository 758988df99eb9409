"""A statement's "about" list names a mentioned person or body by its identity ("Peskow" -> "Dmitri Peskow"), once each.

Fictional corpus as extractions (no NLP model), enriched and stored like ingest does it, on SQLite and PostgreSQL;
checked through the Python API, the HTTP API, the web page and the CLI.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import quotetracker
from quotetracker.api import create_app
from quotetracker.cli import _register, app
from quotetracker.enrich import enrich
from quotetracker.ingest import rebuild_identities
from quotetracker.model import Document, EntityMention, Extraction, Span, Statement
from quotetracker.query import QueryService
from quotetracker.store import Store

_register()


def _extraction(doc_id: str, text: str, content: str, speaker: str, speaker_name: str, entities) -> Extraction:
    """``entities``: (text, label, nth occurrence in the document)."""

    def span(part: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return Span(start, start + len(part))

    st = Statement(content=span(content), kind="direct", speaker=span(speaker), speaker_name=speaker_name, speaker_label="PER")
    ents = [EntityMention(span=span(t, nth), label=lb, text=t, canonical=t) for t, lb, nth in entities]
    doc = Document(text=text, id=doc_id, date="2022-05-0" + doc_id[-1], lang="de", source="Probeblatt")
    return enrich(Extraction(document=doc, lang="de", sentences=[Span(0, len(text))], entities=ents, statements=[st]))


def corpus() -> list[Extraction]:
    return [
        _extraction(
            "about-1", "Kreml-Sprecher Dmitri Peskow sagte: „Wir prüfen den Vorschlag.“",
            "Wir prüfen den Vorschlag.", "Kreml-Sprecher Dmitri Peskow", "Dmitri Peskow",
            [("Dmitri Peskow", "PER", 0)],
        ),
        _extraction(
            "about-2", "Mara Voss sagte: „Peskow weicht aus, in Lindenau glaubt Dmitri Peskow das niemand.“",
            "Peskow weicht aus, in Lindenau glaubt Dmitri Peskow das niemand.", "Mara Voss", "Mara Voss",
            [("Mara Voss", "PER", 0), ("Peskow", "PER", 0), ("Lindenau", "LOC", 0), ("Dmitri Peskow", "PER", 0)],
        ),
    ]


@pytest.fixture
def store(db_url) -> Store:
    s = Store(db_url)
    s.write_batch(corpus())
    rebuild_identities(s)
    return s


EXPECTED_ABOUT = ["Dmitri Peskow", "Lindenau"]  # "Peskow" under the identity's name, once; the place as written


def test_about_lists_identity_names_once(store):
    (st,) = QueryService(store).statements(speaker="Mara Voss").items
    assert st.about == EXPECTED_ABOUT
    # each listed name still finds the statement as an about filter
    for name in st.about:
        assert st.id in {r.id for r in QueryService(store).statements(about=name).items}, name


def test_http_api_web_and_cli_show_identity_names(store):
    qt = quotetracker.open(store.url)
    try:
        with TestClient(create_app(qt, token=""), raise_server_exceptions=False) as client:
            items = client.get("/api/statements", params={"speaker": "Mara Voss"}).json()["items"]
            assert [s["about"] for s in items] == [EXPECTED_ABOUT]
            page = client.get("/search", params={"speaker": "Mara Voss"}).text
            assert 'href="/entities/Dmitri%20Peskow">Dmitri Peskow</a>' in page
            assert 'href="/entities/Peskow"' not in page
            linked = client.get("/entities/Dmitri%20Peskow")
            assert linked.status_code == 200 and "Peskow weicht aus" in linked.text
    finally:
        qt.close()
    out = CliRunner().invoke(app, ["statements", "--db", store.url, "--speaker", "Mara Voss", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [r["about"] for r in json.loads(out.stdout)] == [EXPECTED_ABOUT]

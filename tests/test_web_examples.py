"""The example corpus in the web UI: the Kremlin spokesman's page, timeline and highlighted evidence."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from quotetracker.api import create_app

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def client(request, tmp_path_factory, examples_dir):
    import quotetracker

    if not any(examples_dir.glob("*.txt")):
        pytest.skip("examples/ has no articles yet")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'examples.db'}"
    else:
        from conftest import PG_URL, _fresh_pg_database

        if not PG_URL:
            pytest.skip("QUOTETRACKER_TEST_PG is unset (make test starts PostgreSQL and sets it)")
        url, drop = _fresh_pg_database(PG_URL)
        request.addfinalizer(drop)
    qt = quotetracker.open(url)
    report = qt.ingest([str(examples_dir)])
    assert report.accepted >= 20, report.to_dict()
    with TestClient(create_app(qt, token=""), raise_server_exceptions=False) as c:
        yield c
    qt.close()


def test_kremlin_spokesman_page_timeline_and_highlighted_evidence(client):
    found = client.get("/api/speakers", params={"q": "Peskow"}).json()["items"]
    assert found, "no speaker found for 'Peskow'"
    speaker = found[0]
    statements = client.get("/api/statements", params={"speaker": speaker["id"], "limit": 500}).json()["items"]
    doc_keys = {s["doc_key"] for s in statements}
    assert len([k for k in doc_keys if k and "pesko" in k.lower()]) >= 4, doc_keys

    page = client.get(f"/speakers/{speaker['id']}", params={"limit": 100}, headers=HTML)
    assert page.status_code == 200
    for st in statements:  # every statement is on his page, linked to its evidence
        assert f'href="/documents/{st["document_id"]}#s{st["id"]}"' in page.text

    spec = json.loads(re.search(r'id="speaker-chart-spec">(.*?)</script>', page.text, re.S).group(1))
    charted = {v["month"][:7] for v in spec["data"]["values"] if v["count"] > 0}
    assert charted == {s["date"][:7] for s in statements if s["date"]}

    for doc_id in {s["document_id"] for s in statements}:
        html = client.get(f"/documents/{doc_id}", headers=HTML).text
        for st in (s for s in statements if s["document_id"] == doc_id):
            anchor = re.search(rf'<span class="hl ([^"]*)"[^>]*id="s{st["id"]}"', html)
            assert anchor and "hl-content" in anchor.group(1), f"statement {st['id']} is not highlighted in document {doc_id}"

"""POST /api/documents: bearer token, formats, size limit."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

import quotetracker
from quotetracker.api import create_app

TOKEN = "s3cret-test-token"
DOC = {
    "id": "write-1",
    "date": "2022-05-03",
    "source": "Testblatt",
    "lang": "de",
    "text": "Kiel. \"Wir bauen die Brücke bis 2024\", sagte Bürgermeisterin Ilse Varnholt am Dienstag.",
}


@pytest.fixture
def tracker(db_url):
    qt = quotetracker.open(db_url)
    yield qt
    qt.close()


def client_for(tracker, token=TOKEN, **kw):
    return TestClient(create_app(tracker, token=token, **kw), raise_server_exceptions=False)


def auth(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


def test_writing_is_off_without_a_configured_token(tracker, monkeypatch):
    monkeypatch.delenv("QUOTETRACKER_TOKEN", raising=False)
    with client_for(tracker, token=None) as c:
        r = c.post("/api/documents", json=DOC, headers=auth())
    assert r.status_code == 403
    assert "QUOTETRACKER_TOKEN" in r.json()["message"]
    assert tracker.query.overview().n_documents == 0


def test_token_is_read_from_the_environment(tracker, monkeypatch):
    monkeypatch.setenv("QUOTETRACKER_TOKEN", "from-env")
    with client_for(tracker, token=None) as c:
        assert c.post("/api/documents", json=DOC, headers=auth("wrong")).status_code == 401
        assert c.post("/api/documents", json=DOC, headers=auth("from-env")).status_code == 201


def test_missing_or_wrong_token_is_401(tracker):
    with client_for(tracker) as c:
        missing = c.post("/api/documents", json=DOC)
        wrong = c.post("/api/documents", json=DOC, headers=auth("nope"))
    assert missing.status_code == 401 and wrong.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert tracker.query.overview().n_documents == 0


def test_json_document_is_ingested_and_queryable(tracker):
    with client_for(tracker) as c:
        r = c.post("/api/documents", json=DOC, headers=auth())
        assert r.status_code == 201, r.text
        assert r.json()["summary"]["accepted"] == 1
        again = c.post("/api/documents", json=DOC, headers=auth())
        assert again.status_code == 200  # nothing new
        assert again.json()["summary"]["duplicates"] == 1  # idempotent like the CLI
        found = c.get("/api/statements", params={"q": "Brücke"}).json()
    assert found["total"] >= 1


def test_a_list_of_documents(tracker):
    second = {**DOC, "id": "write-2", "text": "Kiel. \"Das Geld ist da\", sagte Kämmerer Jens Ohlrogge."}
    with client_for(tracker) as c:
        r = c.post("/api/documents", json=[DOC, second], headers=auth())
    assert r.status_code == 201
    assert r.json()["summary"]["accepted"] == 2


def test_uploaded_seed_file(tracker):
    seed = "date 2022-06-01\n\nKiel. \"Die Fähre fährt wieder\", sagte Hafenmeister Ole Brandt.\n\nob/kl\n"
    with client_for(tracker) as c:
        r = c.post("/api/documents", files={"file": ("article.txt", seed.encode(), "text/plain")}, headers=auth())
    assert r.status_code == 201, r.text
    assert r.json()["summary"]["accepted"] == 1
    assert tracker.query.overview().first_date == "2022-06-01"


def test_invalid_payloads_are_400_or_415(tracker):
    with client_for(tracker) as c:
        bad_json = c.post("/api/documents", content=b"{not json", headers={**auth(), "content-type": "application/json"})
        no_text = c.post("/api/documents", json={"date": "2022"}, headers=auth())
        no_file = c.post("/api/documents", data={"x": "1"}, files={"other": ("a.txt", b"x")}, headers=auth())
        wrong_type = c.post("/api/documents", content=b"<xml/>", headers={**auth(), "content-type": "application/xml"})
    assert bad_json.status_code == 400 and "JSON" in bad_json.json()["message"]
    assert no_text.status_code == 400 and "text" in no_text.json()["message"]
    assert no_file.status_code == 400 and "file" in no_file.json()["message"]
    assert wrong_type.status_code == 415
    assert tracker.query.overview().n_documents == 0


def test_body_over_the_limit_is_413(tracker):
    big = {**DOC, "text": "x" * 5000}
    with client_for(tracker, max_body_bytes=1000) as c:
        declared = c.post("/api/documents", json=big, headers=auth())

        def chunks():  # no Content-Length: the limit applies while streaming
            data = json.dumps(big).encode()
            for i in range(0, len(data), 500):
                yield data[i : i + 500]

        streamed = c.post("/api/documents", content=chunks(), headers={**auth(), "content-type": "application/json"})
    assert declared.status_code == 413 and declared.json()["error"] == "payload_too_large"
    assert streamed.status_code == 413
    assert tracker.query.overview().n_documents == 0


def test_inputs_that_ingest_rejects_are_422_with_the_reason(tracker):
    with client_for(tracker) as c:
        bad_date = c.post("/api/documents", json={**DOC, "date": "2021-13-45"}, headers=auth())
        unknown = c.post("/api/documents", files={"file": ("data.bin", b"\x00\x01", "application/octet-stream")}, headers=auth())
    assert bad_date.status_code == 422 and "2021-13-45" in bad_date.json()["message"]
    assert unknown.status_code == 422
    assert unknown.json()["details"]["rejects"][0]["path"] == "data.bin"  # no server paths
    assert tracker.query.overview().n_documents == 0


def test_cached_summaries_are_refreshed_after_an_ingest(tracker):
    with client_for(tracker, cache_ttl=3600) as c:
        assert c.get("/api/overview").json()["n_documents"] == 0
        assert c.post("/api/documents", json=DOC, headers=auth()).status_code == 201
        assert c.get("/api/overview").json()["n_documents"] == 1

"""The read-only JSON API over an ingested database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from quotetracker.api import create_app
from test_api_corpus import ARTICLES, api_db_url, api_tracker  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def client(api_tracker):  # noqa: F811
    with TestClient(create_app(api_tracker, token=""), raise_server_exceptions=False) as c:
        yield c


def _peskow_id(client) -> int:
    items = client.get("/api/speakers", params={"q": "Peskow"}).json()["items"]
    assert items, "Peskow is not a speaker"
    return items[0]["id"]


def test_statements_are_paginated(client):
    first = client.get("/api/statements", params={"limit": 2, "offset": 0}).json()
    second = client.get("/api/statements", params={"limit": 2, "offset": 2}).json()
    assert first["limit"] == 2 and first["offset"] == 0
    assert len(first["items"]) == 2
    assert first["total"] >= 5
    assert {s["id"] for s in first["items"]}.isdisjoint({s["id"] for s in second["items"]})


def test_statement_records_carry_spans_into_their_document(client):
    item = client.get("/api/statements", params={"limit": 1}).json()["items"][0]
    doc = client.get(f"/api/documents/{item['document_id']}").json()
    start, end = item["content_span"]
    assert doc["text"][start:end] == item["content"]


def test_limit_above_the_maximum_is_rejected_with_a_message(client):
    r = client.get("/api/statements", params={"limit": 100000})
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid_request"
    assert "limit" in body["message"]


def test_filter_by_speaker_alias_and_by_id_agree(client):
    by_name = client.get("/api/statements", params={"speaker": "Peskow"}).json()
    by_id = client.get("/api/statements", params={"speaker": _peskow_id(client)}).json()
    assert by_name["total"] >= 4
    assert {s["id"] for s in by_name["items"]} == {s["id"] for s in by_id["items"]}
    assert by_name["filters"] == {"speaker": "Peskow"}


def test_filter_by_date_range_kind_and_source(client):
    late = client.get("/api/statements", params={"since": "2021"}).json()
    assert late["items"] and all(s["date"] >= "2021" for s in late["items"])
    direct = client.get("/api/statements", params={"kind": "direct"}).json()
    assert direct["items"] and all(s["kind"] == "direct" for s in direct["items"])
    harbour = client.get("/api/statements", params={"source": "Harbour Post"}).json()
    assert harbour["items"] and all(s["source"] == "Harbour Post" for s in harbour["items"])


def test_bad_filter_values_are_400_with_a_message(client):
    for params, word in (({"since": "2021-13"}, "since"), ({"kind": "rumour"}, "kind"), ({"until": "soon"}, "until")):
        r = client.get("/api/statements", params=params)
        assert r.status_code == 400, params
        assert word in r.json()["message"]


def test_full_text_search(client):
    body = client.get("/api/search", params={"q": "Sanktionen"}).json()
    contents = [s["content"] for s in body["statements"]["items"]]
    assert contents and all("anktion" in c for c in contents)
    assert "speakers" in body and "entities" in body


def test_search_without_a_query_is_400(client):
    r = client.get("/api/search")
    assert r.status_code == 400
    assert "q" in r.json()["message"]


def test_speaker_detail_and_unknown_speaker(client):
    sid = _peskow_id(client)
    detail = client.get(f"/api/speakers/{sid}").json()
    assert detail["id"] == sid
    assert any("Peskow" in a for a in detail["aliases"])
    missing = client.get("/api/speakers/999999")
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found", "status": 404, "message": "no speaker with id 999999"}


def test_document_has_text_and_statements_with_spans(client):
    doc_id = client.get("/api/statements", params={"speaker": "Peskow", "limit": 1}).json()["items"][0]["document_id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["text"] and doc["statements"]
    for st in doc["statements"]:
        start, end = st["content_span"]
        assert doc["text"][start:end] == st["content"]
        if st["cue_span"]:
            assert doc["text"][st["cue_span"][0] : st["cue_span"][1]] == st["cue"]
    assert client.get("/api/documents/999999").status_code == 404
    by_key = client.get(f"/api/documents/{doc['doc_key']}")
    assert by_key.status_code == 200 and by_key.json()["id"] == doc_id
    assert client.get("/api/documents/no-such-key").status_code == 404


def test_entities_topics_and_overview(client):
    entities = client.get("/api/entities", params={"limit": 100}).json()
    assert any(e["name"] == "Moskau" for e in entities["items"])
    assert client.get("/api/entities", params={"label": "XYZ"}).status_code == 400
    topics = client.get("/api/topics").json()
    assert set(topics) == {"items", "total", "limit", "offset"}
    overview = client.get("/api/overview").json()
    assert overview["n_documents"] == len(ARTICLES)


def test_timeline_counts_per_month_for_a_speaker(client):
    body = client.get("/api/timeline", params={"speaker": "Peskow"}).json()
    months = {p["period"]: p["count"] for p in body["points"]}
    assert {"2020-10", "2020-12", "2021-02"} <= set(months)
    total = client.get("/api/statements", params={"speaker": "Peskow"}).json()["total"]
    assert sum(months.values()) == total


def test_unknown_endpoint_is_json_404(client):
    r = client.get("/api/nothing-here")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "message" in r.json()


def test_openapi_and_docs_are_served_without_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert "/api/statements" in spec["paths"] and "/api/documents" in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_unexpected_errors_are_a_generic_500_without_a_trace(api_tracker):  # noqa: F811
    class Broken:
        def __getattr__(self, name):
            return getattr(api_tracker.query, name)

        def overview(self):
            raise RuntimeError("secret internal detail /etc/passwd")

    with TestClient(create_app(Broken()), raise_server_exceptions=False) as c:
        r = c.get("/api/overview")
    assert r.status_code == 500
    assert r.json()["error"] == "internal_error"
    assert "secret" not in r.text and "Traceback" not in r.text


def test_responses_match_the_documented_schemas(client):
    from quotetracker.api import schemas

    sid = _peskow_id(client)
    doc_id = client.get("/api/statements", params={"limit": 1}).json()["items"][0]["document_id"]
    cases = [
        ("/api/statements", "/api/statements", {"speaker": "Peskow"}, schemas.StatementPage),
        ("/api/search", "/api/search", {"q": "Sanktionen"}, schemas.SearchOut),
        ("/api/speakers", "/api/speakers", {}, schemas.SpeakerPage),
        (f"/api/speakers/{sid}", "/api/speakers/{speaker_id}", {}, schemas.SpeakerDetailOut),
        (f"/api/documents/{doc_id}", "/api/documents/{document_id}", {}, schemas.DocumentOut),
        ("/api/entities", "/api/entities", {}, schemas.EntityPage),
        ("/api/topics", "/api/topics", {}, schemas.TopicPage),
        ("/api/timeline", "/api/timeline", {"speaker": sid}, schemas.TimelineOut),
        ("/api/overview", "/api/overview", {}, schemas.OverviewOut),
    ]
    spec = client.get("/openapi.json").json()
    for url, template, params, model in cases:
        r = client.get(url, params=params)
        assert r.status_code == 200, url
        model.model_validate(r.json())  # raises when the documented shape drifts from the real one
        documented = spec["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert documented["$ref"].endswith("/" + model.__name__), template


def test_ids_beyond_the_integer_range_are_4xx_not_500(client):
    huge = "99999999999999999999"
    assert client.get("/api/statements", params={"speaker": huge}).status_code == 400
    assert client.get(f"/api/documents/{huge}").status_code == 400
    assert client.get(f"/api/speakers/{huge}").status_code == 422


def test_nul_characters_are_400_everywhere(client):
    for url in ("/api/statements?speaker=a%00b", "/api/statements?about=%00", "/api/statements?q=%00", "/entities/a%00b", "/api/speakers?q=%00"):
        r = client.get(url)
        assert r.status_code == 400, url
        assert "NUL" in r.json()["message"]

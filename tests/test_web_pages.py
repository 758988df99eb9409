"""Server-rendered pages: every page renders, names its JSON twin, loads nothing from elsewhere, escapes text."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from quotetracker.api import create_app
from test_api_corpus import XSS_IMG, XSS_SCRIPT, api_db_url, api_tracker  # noqa: F401 (fixtures)

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(api_tracker):  # noqa: F811
    with TestClient(create_app(api_tracker, token=""), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client):
    peskow = client.get("/api/speakers", params={"q": "Peskow"}).json()["items"][0]["id"]
    doc = client.get("/api/statements", params={"speaker": peskow, "limit": 1}).json()["items"][0]["document_id"]
    hostile = client.get("/api/statements", params={"q": "Ordnung"}).json()["items"][0]["document_id"]
    return {"peskow": peskow, "doc": doc, "hostile": hostile}


def pages(ids):
    return [
        "/",
        "/search",
        "/search?q=Sanktionen&kind=direct",
        "/speakers",
        f"/speakers/{ids['peskow']}",
        f"/documents/{ids['doc']}",
        f"/documents/{ids['hostile']}",
        "/entities",
        f"/entities/{quote('Moskau')}",
        "/topics",
    ]


def test_every_page_renders_and_names_its_json_twin(client, ids):
    for url in pages(ids):
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, url
        m = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', r.text)
        assert m, f"{url} has no JSON twin"
        twin = client.get(m.group(1).replace("&amp;", "&"))
        assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json"), url


def test_pages_load_scripts_and_styles_only_from_this_server(client, ids):
    for url in pages(ids):
        html = client.get(url, headers=HTML).text
        for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
            assert ref.startswith("/"), f"{url} loads {ref}"
        r = client.get(url, headers=HTML)
        assert "script-src 'self'" in r.headers["content-security-policy"]


def test_search_page_shows_matching_statement_cards_and_keeps_filters(client):
    html = client.get("/search", params={"q": "Sanktionen", "speaker": "Peskow"}, headers=HTML).text
    assert html.count('class="card statement"') >= 1
    assert 'value="Sanktionen"' in html and 'value="Peskow"' in html
    assert "/documents/" in html and "evidence" in html


def test_speaker_page_has_timeline_spec_and_statements(client, ids):
    html = client.get(f"/speakers/{ids['peskow']}", headers=HTML).text
    assert "Dmitri Peskow" in html
    assert 'data-chart="speaker-chart-spec"' in html
    spec = re.search(r'<script type="application/json" id="speaker-chart-spec">(.*?)</script>', html, re.S).group(1)
    assert '"2020-10-01"' in spec and '"2021-02-01"' in spec
    assert html.count('class="card statement"') >= 4


def test_document_page_highlights_content_cue_and_speaker(client, ids):
    html = client.get(f"/documents/{ids['doc']}", headers=HTML).text
    assert 'class="hl hl-content' in html
    assert "hl-cue" in html and "hl-speaker" in html
    assert 'id="statements-data"' in html


def test_hostile_text_is_escaped_everywhere(client, ids):
    for url in (f"/documents/{ids['hostile']}", "/search?q=Ordnung", "/", "/search?source=" + quote("Evil Outlet " + XSS_IMG)):
        html = client.get(url, headers=HTML).text
        assert XSS_SCRIPT not in html, url
        assert "<img src=x" not in html, url
        assert 'onerror="window' not in html, url
    doc_html = client.get(f"/documents/{ids['hostile']}", headers=HTML).text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in doc_html  # shown as text
    assert 'href="javascript:' not in doc_html


def test_html_errors_are_pages_and_api_errors_are_json(client):
    page = client.get("/speakers/999999", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no speaker with id 999999" in page.text
    bad = client.get("/search", params={"since": "gestern"}, headers=HTML)
    assert bad.status_code == 400 and "since" in bad.text


def test_an_empty_database_shows_friendly_pages(db_url):
    with TestClient(create_app(db_url, token=""), raise_server_exceptions=False) as c:
        front = c.get("/", headers=HTML)
        assert front.status_code == 200 and "Nothing ingested yet" in front.text
        for url in ("/search", "/search?q=irgendwas", "/speakers", "/entities", "/topics"):
            assert c.get(url, headers=HTML).status_code == 200, url
        assert c.get("/api/overview").json()["n_statements"] == 0

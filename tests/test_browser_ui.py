"""The web UI in a real browser: Debian's Chromium driven by Playwright against a real server.

The server is ``quotetracker serve`` (uvicorn) on a free local port over the fictional
corpus of test_api_corpus. Screenshots go to $QUOTETRACKER_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest

from test_api_corpus import XSS_SCRIPT, api_db_url  # noqa: F401 (fixture)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium; scripts/setup-system.sh does)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, deadline_s: float = 60.0) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with urlopen(url + "/api/overview", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # readiness polling, not a timing assertion
    raise RuntimeError(f"server at {url} did not come up in {deadline_s} s")


@pytest.fixture(scope="module")
def server(api_db_url):  # noqa: F811
    port = _free_port()
    env = {**os.environ, "QUOTETRACKER_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotetracker", "serve", "--db", api_db_url, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Collects what the page should never do: dialogs, page errors, requests to other hosts."""

    def __init__(self, page, base: str):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else self.foreign.append(r.url))


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.watch = Watch(p, server)
    yield p
    context.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("QUOTETRACKER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _peskow_id(server) -> int:
    import json

    with urlopen(server + "/api/speakers?q=Peskow") as r:
        return json.load(r)["items"][0]["id"]


def _assert_clean(page) -> None:
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.foreign == [], page.watch.foreign
    assert page.watch.dialogs == []


def test_front_page_shows_counts_and_draws_the_chart(page, server):
    page.goto(server + "/")
    assert page.locator(".stat-value").first.inner_text().strip() == "5"
    page.wait_for_selector("#overview-chart[data-rendered=true] svg")
    assert page.locator("#overview-chart svg .mark-line path, #overview-chart svg path").count() > 0
    _shot(page, "front")
    _assert_clean(page)


def test_search_with_filters_lists_statement_cards(page, server):
    page.goto(server + "/search")
    page.fill("#f-q", "Sanktionen")
    page.fill("#f-speaker", "Peskow")
    page.click("#search-form button[type=submit]")
    page.wait_for_url("**/search?*")
    cards = page.locator("article.statement")
    assert cards.count() >= 1
    assert "anktion" in cards.first.locator(".statement-content").inner_text()
    page.wait_for_selector("#search-chart[data-rendered=true] svg")
    _shot(page, "search")
    _assert_clean(page)


def test_search_by_a_mentioned_date(page, server):
    page.goto(server + "/search")
    page.fill("#f-mentions-date", "2021-03")  # "im März" (article of 2021-02-17), "on Tuesday" (2021-03-09)
    page.click("#search-form button[type=submit]")
    page.wait_for_url("**/search?*mentions_date=2021-03*")
    contents = page.locator("article.statement .statement-content").all_inner_texts()
    assert sorted(contents) == ["We will have boats on the water by summer", "Wir sind zu ernsthaften Gesprächen bereit"], contents
    assert page.input_value("#f-mentions-date") == "2021-03"
    _assert_clean(page)


def test_speaker_field_suggests_names(page, server):
    page.goto(server + "/search")
    page.type("#f-speaker", "Pesk")
    page.wait_for_selector("#speaker-options option", state="attached")
    options = page.eval_on_selector_all("#speaker-options option", "els => els.map(e => e.value)")
    assert "Dmitri Peskow" in options
    _assert_clean(page)


def test_speaker_page_renders_the_timeline_chart(page, server):
    page.goto(f"{server}/speakers/{_peskow_id(server)}")
    assert page.locator("h1").inner_text() == "Dmitri Peskow"
    page.wait_for_selector("#speaker-chart[data-rendered=true] svg")
    bars = page.locator("#speaker-chart svg .mark-rect path")
    assert bars.count() >= 3  # Oct 2020 … Feb 2021, zero months included
    assert page.locator("article.statement").count() >= 4
    _shot(page, "speaker")
    _assert_clean(page)


def test_document_page_highlights_and_shows_attribution_on_click(page, server):
    page.goto(f"{server}/speakers/{_peskow_id(server)}")
    page.locator("article.statement a.evidence").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator(".article-text .hl-content").count() >= 1
    assert page.locator(".article-text .hl-cue").count() >= 1
    assert page.locator(".article-text .hl-speaker").count() >= 1
    page.locator(".article-text .hl-content").first.click()
    speaker = page.locator("#attribution [data-field=speaker]")
    assert speaker.is_visible()
    assert speaker.inner_text().strip() != ""
    _shot(page, "document")
    _assert_clean(page)


def test_entity_and_topic_pages(page, server):
    page.goto(f"{server}/entities/{quote('Moskau')}")
    page.wait_for_selector("#entity-chart[data-rendered=true] svg")
    _shot(page, "entity")
    page.goto(server + "/topics")
    assert page.locator("h1").inner_text() == "Topics"
    _assert_clean(page)


def test_api_docs_load_from_local_assets(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30000)
    assert page.locator(".swagger-ui .opblock").count() >= 8
    _shot(page, "docs")
    assert page.watch.foreign == [], page.watch.foreign


def test_hostile_text_is_shown_never_executed(page, server):
    import json

    with urlopen(server + "/api/statements?q=Ordnung") as r:
        doc_id = json.load(r)["items"][0]["document_id"]
    for url in (f"/documents/{doc_id}", "/search?q=Ordnung", "/"):
        page.goto(server + url)
        assert page.evaluate("window.__xss") is None, url
        assert page.locator(".article-text img, article.statement img, h1 img, script:not([src]):not([type])").count() == 0
    page.goto(f"{server}/documents/{doc_id}")
    assert XSS_SCRIPT in page.locator(".article-text").inner_text()
    assert XSS_SCRIPT.replace("<script>", "").split("<")[0] in page.locator("h1").inner_text()
    page.locator(".article-text .hl-content").first.click()
    assert XSS_SCRIPT in page.locator("#attribution [data-field=content]").inner_text()
    assert page.evaluate("window.__xss") is None
    _shot(page, "hostile")
    assert page.watch.dialogs == []
    assert page.watch.errors == []

"""Every text field that reaches a page is escaped: a query service returning hostile strings everywhere."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from quotetracker.api import create_app
from quotetracker.model import Span, StatementRecord
from quotetracker.query import (
    CorpusOverview,
    DocumentDetail,
    EntitySummary,
    Page,
    SpeakerDetail,
    SpeakerSummary,
    TimelinePoint,
    TopicSummary,
)

EVIL = '<script>window.__xss=1</script>"><img src=x onerror=alert(1)>'
TEXT = f'Vorspann. "{EVIL}", sagte {EVIL}. Ende.'


def _statement() -> StatementRecord:
    c0 = TEXT.index(EVIL)
    cue0 = TEXT.index("sagte")
    sp0 = TEXT.index(EVIL, cue0)
    return StatementRecord(
        id=7, document_id=3, doc_key=EVIL, date="2021-05-04", source=EVIL, lang="de", kind="direct",
        content=EVIL, content_span=Span(c0, c0 + len(EVIL)), cue="sagte", cue_span=Span(cue0, cue0 + 5),
        speaker_mention=EVIL, speaker_span=Span(sp0, sp0 + len(EVIL)), speaker_name=EVIL, speaker_id=5, speaker=EVIL,
        confidence=0.8, topics=[EVIL], about=[EVIL],
    )


class HostileQuery:
    """Implements the QueryService methods the app calls, with hostile text in every string."""

    def statements(self, filters=None, limit=50, offset=0):
        return Page([_statement()], 1, limit, offset)

    def speakers(self, q=None, limit=50, offset=0):
        return Page([SpeakerSummary(5, EVIL, 1, "2021-05-04", "2021-05-04", [EVIL, EVIL + "2"])], 1, limit, offset)

    def speaker(self, speaker_id):
        return SpeakerDetail(5, EVIL, [EVIL], [{"role": EVIL, "first": "2021", "last": "2021"}], 1, "2021", "2021",
                             [(EVIL, 1)], [(EVIL, 1)], [(EVIL, 1)])

    def document(self, document_id):
        return DocumentDetail(3, EVIL, "2021-05-04", "day", "de", EVIL, EVIL, "javascript:alert(1)", EVIL, TEXT,
                              [_statement()], [], [], [EVIL])

    def entities(self, q=None, label=None, limit=50, offset=0):
        return Page([EntitySummary(2, EVIL, "PER", 1, 1)], 1, limit, offset)

    def topics(self):
        return [TopicSummary(4, EVIL, "model", 1, [EVIL])]

    def timeline(self, filters):
        return [TimelinePoint("2021-05", 1)]

    def overview(self):
        points = [TimelinePoint("2021-05", 1)]
        return CorpusOverview(1, 1, 1, 1, "2021-05-04", "2021-05-04", points, points, points)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(HostileQuery(), token=""), raise_server_exceptions=True) as c:
        yield c


PAGES = [
    "/",
    "/search?q=x",
    "/speakers",
    "/speakers/5",
    "/documents/3",
    "/entities",
    "/entities/" + quote(EVIL, safe=""),
    "/topics",
    "/topics/" + quote(EVIL, safe=""),
    "/search?speaker=" + quote(EVIL, safe="") + "&source=" + quote(EVIL, safe=""),
]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_lets_hostile_text_become_markup(client, url):
    r = client.get(url, headers={"accept": "text/html"})
    assert r.status_code == 200, url
    html = r.text
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html or "\\u003cscript\\u003e" in html
    assert 'href="javascript:' not in html


def test_document_page_escapes_inside_highlights_and_embedded_json(client):
    html = client.get("/documents/3", headers={"accept": "text/html"}).text
    assert html.count('class="hl hl-content') >= 1
    data = html.split('id="statements-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # tojson escapes < > & inside the JSON block

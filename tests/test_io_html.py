"""HTML reader: main text without boilerplate, title and date from metadata."""

from __future__ import annotations

from quotetracker.io import Rejected, read_inputs
from quotetracker.model import Document

PAGE = """<!DOCTYPE html><html lang="de"><head>
<title>Neue Brücke eröffnet | Lokalblatt</title>
<meta property="og:title" content="Bürgermeisterin eröffnet neue Brücke">
<meta property="article:published_time" content="2022-05-14T09:30:00+02:00">
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<article><h1>Bürgermeisterin eröffnet neue Brücke</h1>
<p>Die neue Fußgängerbrücke über den Fluss ist seit Samstag geöffnet. Bürgermeisterin Ruth Albers
sagte bei der Eröffnung, die Stadt habe lange auf diesen Tag gewartet.</p>
<p>„Das ist ein guter Tag für alle, die hier zu Fuß oder mit dem Rad unterwegs sind“, sagte Albers.
Die Bauarbeiten hatten fast zwei Jahre gedauert und deutlich mehr gekostet als geplant.</p>
</article>
<footer>Impressum | Datenschutz | Kontakt</footer></body></html>
"""


def test_main_text_title_and_date(tmp_path):
    path = tmp_path / "bruecke.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = list(read_inputs(path))
    assert isinstance(doc, Document)
    assert doc.title == "Bürgermeisterin eröffnet neue Brücke"
    assert doc.date == "2022-05-14"
    assert doc.text.startswith("Die neue Fußgängerbrücke")  # the <h1> title is not repeated
    assert "\n\n„Das ist ein guter Tag" in doc.text
    assert "Impressum" not in doc.text and "Startseite" not in doc.text
    assert doc.lang == "de"
    assert doc.id == "bruecke"


def test_page_without_text_is_rejected(tmp_path):
    path = tmp_path / "leer.htm"
    path.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body>  </body></html>", encoding="utf-8")
    [rej] = list(read_inputs(path))
    assert isinstance(rej, Rejected)
    assert rej.reason == "no main text found in HTML page"

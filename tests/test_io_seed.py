"""Seed format reader: header, text boundaries, byline, rejects."""

from __future__ import annotations

import pytest

from quotetracker.io import Rejected, read_inputs
from quotetracker.io.seed import split_seed
from quotetracker.model import Document

ARTICLE = (
    " date 2021-03 Die Stadtverwaltung hat am Montag neue Öffnungszeiten angekündigt. "
    "Bürgermeisterin Ruth Albers sagte, man wolle „näher an den Menschen“ sein.\n\n"
    "Die Änderung gilt ab April, teilte die Verwaltung mit.\n\n"
    "ak/sna/ae"
)


def _read_one(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    items = list(read_inputs(path))
    assert len(items) == 1
    return items[0]


def test_header_is_stripped_and_text_starts_at_the_article(tmp_path):
    doc = _read_one(tmp_path, "stadt.txt", ARTICLE)
    assert isinstance(doc, Document)
    assert doc.date == "2021-03"
    assert doc.text.startswith("Die Stadtverwaltung hat")
    assert doc.text.endswith("teilte die Verwaltung mit.")
    assert "\n\nDie Änderung gilt ab April" in doc.text
    assert doc.byline == "ak/sna/ae"
    assert "ak/sna" not in doc.text


def test_id_origin_and_language(tmp_path):
    doc = _read_one(tmp_path, "stadt.txt", ARTICLE)
    assert doc.id == "stadt"
    assert doc.origin == str(tmp_path / "stadt.txt")
    assert doc.lang == "de"


@pytest.mark.parametrize(
    ("header", "date"),
    [("date 2019", "2019"), ("date 2019-07", "2019-07"), ("date 2019-07-31", "2019-07-31"), ("\n\n  date 2020-01", "2020-01")],
)
def test_header_precisions(header, date):
    got_date, text, byline = split_seed(f"{header} Der Text beginnt hier.")
    assert got_date == date
    assert text == "Der Text beginnt hier."
    assert byline is None


@pytest.mark.parametrize(
    ("tail", "byline"),
    [("\n\ndpa/afp/ak", "dpa/afp/ak"), ("\n\n(ak)", "(ak)"), ("\nak", "ak"), (" ak/sna/ae", "ak/sna/ae"), (" (rtr)", "(rtr)")],
)
def test_byline_forms(tail, byline):
    _date, text, got = split_seed(f"date 2020-10 Er sagte: „Wir reden.“{tail}")
    assert got == byline
    assert text == "Er sagte: „Wir reden.“"


@pytest.mark.parametrize("ending", ["\n\nEnde", " Danke", "\n\nDas war es."])
def test_a_last_word_is_not_a_byline(ending):
    _date, text, byline = split_seed(f"date 2020-10 Der Satz.{ending}")
    assert byline is None
    assert text.endswith(ending.strip())


def test_missing_header_is_rejected(tmp_path):
    rej = _read_one(tmp_path, "ohne.txt", "Kein Datum, nur Text.")
    assert isinstance(rej, Rejected)
    assert rej.line is None
    assert "missing seed header" in rej.reason
    assert rej.raw.startswith("Kein Datum")


@pytest.mark.parametrize("bad", ["2021-02-30", "2020-13", "20x0"])
def test_impossible_header_date_is_rejected(tmp_path, bad):
    rej = _read_one(tmp_path, "datum.txt", f" date {bad} Ein Text.")
    assert isinstance(rej, Rejected)
    assert "invalid date" in rej.reason and bad in rej.reason


def test_only_header_file_is_rejected_as_empty_text(tmp_path):
    rej = _read_one(tmp_path, "leer.txt", " date 2020-10   \n\n")
    assert isinstance(rej, Rejected)
    assert rej.reason == "empty text"


def test_latin1_bytes_are_rejected(tmp_path):
    rej = _read_one(tmp_path, "latin.txt", " date 2020-10 Die Bürger sagten...".encode("latin-1"))
    assert isinstance(rej, Rejected)
    assert "not UTF-8" in rej.reason and "0xfc" in rej.reason


def test_bom_is_ignored(tmp_path):
    doc = _read_one(tmp_path, "bom.txt", "\ufeff date 2020-10 Ein Text mit BOM.")
    assert isinstance(doc, Document)
    assert doc.text == "Ein Text mit BOM."

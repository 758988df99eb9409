"""CSV/TSV reader: header mapping, delimiters, multi-line cells, rejects."""

from __future__ import annotations

import pytest

from quotetracker.io import Rejected, read_inputs
from quotetracker.model import Document


def _split(items):
    items = list(items)
    return [d for d in items if isinstance(d, Document)], [r for r in items if isinstance(r, Rejected)]


def test_semicolon_csv_with_mapping_and_multiline_cell(tmp_path):
    path = tmp_path / "artikel.csv"
    path.write_text(
        "nr;published;body;rubrik\n"
        '1;2020-05-04;"Die Polizei teilte mit, der Verdächtige sei gefasst; er schweige.\n\nZweiter Absatz.";Lokales\n'
        "2;2020-05;Ein zweiter, kurzer Text über den Stadtrat.;\n",
        encoding="utf-8",
    )
    docs, rejects = _split(read_inputs(path, csv_columns={"text": "body", "date": "published", "id": "nr"}))
    assert rejects == []
    assert [d.id for d in docs] == ["1", "2"]
    assert docs[0].text.endswith("er schweige.\n\nZweiter Absatz.")
    assert docs[0].meta == {"rubrik": "Lokales"}
    assert docs[1].date == "2020-05"
    assert docs[1].origin == f"{path}:5"  # the record starts on line 5 (cell spans lines 2-4)


def test_tsv_by_extension_and_default_columns(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text("title\ttext\tlang\nT, eins\tEin Text, mit Kommas, vielen.\tde\n", encoding="utf-8")
    docs, rejects = _split(read_inputs(path))
    assert rejects == []
    assert docs[0].title == "T, eins"
    assert docs[0].text == "Ein Text, mit Kommas, vielen."
    assert docs[0].id == "feed:2"


@pytest.mark.parametrize(("option", "sep"), [("|", "|"), ("tab", "\t")])
def test_delimiter_option(tmp_path, option, sep):
    path = tmp_path / "x.csv"
    path.write_text(f"text{sep}source\nErster Text; mit Semikolon.{sep}Q\n", encoding="utf-8")
    docs, _ = _split(read_inputs(path, delimiter=option))
    assert docs[0].text == "Erster Text; mit Semikolon."
    assert docs[0].source == "Q"


def test_missing_text_column_rejects_the_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,Hallo\n", encoding="utf-8")
    [rej] = list(read_inputs(path))
    assert isinstance(rej, Rejected)
    assert rej.line == 1 and "no text column 'text'" in rej.reason


def test_bad_rows_are_rejected_with_their_line(tmp_path):
    path = tmp_path / "x.csv"
    rows = [
        b"id,date,text",
        b"1,2021-01-01,Gut.",
        b"2,2021-02-30,Falsches Datum.",
        b"3,,",
        b"4,2021,Gr\xfc\xdfe aus Latin-1.",
        b"5,2021,zu,viele,Felder",
        b"6,2021,Auch gut.",
    ]
    path.write_bytes(b"\n".join(rows) + b"\n")
    docs, rejects = _split(read_inputs(path))
    assert [d.id for d in docs] == ["1", "6"]
    assert [r.line for r in rejects] == [3, 4, 5, 6]
    assert "invalid date" in rejects[0].reason
    assert rejects[1].reason == "empty text"
    assert "not UTF-8" in rejects[2].reason and "'text'" in rejects[2].reason
    assert "5 fields, header has 3" in rejects[3].reason


def test_unknown_column_mapping_is_an_error():
    with pytest.raises(ValueError, match="unknown fields"):
        read_inputs("whatever.csv", csv_columns={"body": "text"})


def test_empty_file(tmp_path):
    path = tmp_path / "leer.csv"
    path.write_bytes(b"")
    [rej] = list(read_inputs(path))
    assert isinstance(rej, Rejected) and "empty CSV" in rej.reason

"""JSONL reader: fields, meta, byte-identical text, line-numbered rejects."""

from __future__ import annotations

import json

from quotetracker.io import Rejected, read_inputs
from quotetracker.model import Document

GOOD = {
    "id": "a1",
    "date": "2022-06-01",
    "source": "Testblatt",
    "title": "Ein Titel",
    "text": "  Der Minister sagte am Dienstag, das Gesetz komme.\r\n\r\nZweiter Absatz.  ",
    "url": "https://example.org/a1",
    "lang": "de",
    "category": "Inland",
    "meta": {"split": "train"},
    "quotes": [{"content": [2, 10]}],
    "sentences": [[0, 5]],
}


def _write(tmp_path, lines: list[str | bytes], name: str = "in.jsonl"):
    path = tmp_path / name
    data = b"".join((line if isinstance(line, bytes) else line.encode("utf-8")) + b"\n" for line in lines)
    path.write_bytes(data)
    return path


def test_all_fields_and_meta(tmp_path):
    path = _write(tmp_path, [json.dumps(GOOD, ensure_ascii=False)])
    [doc] = list(read_inputs(path))
    assert isinstance(doc, Document)
    assert (doc.id, doc.date, doc.source, doc.title, doc.url, doc.lang) == (
        "a1", "2022-06-01", "Testblatt", "Ein Titel", "https://example.org/a1", "de",
    )
    assert doc.text == GOOD["text"]  # passed through unchanged: gold offsets apply
    assert doc.meta == {"split": "train", "category": "Inland"}
    assert doc.origin == f"{path}:1"


def test_missing_id_and_lang_are_derived(tmp_path):
    rec = {"text": "The mayor said on Friday that the bridge would reopen next spring."}
    path = _write(tmp_path, ["", json.dumps(rec)], name="feed.jsonl")
    [doc] = list(read_inputs(path))
    assert doc.id == "feed:2"
    assert doc.lang == "en"
    assert doc.date is None


def test_timestamp_date_keeps_the_day(tmp_path):
    path = _write(tmp_path, [json.dumps({"text": "Ein Text.", "date": "2023-01-15T08:00:00Z"})])
    [doc] = list(read_inputs(path))
    assert doc.date == "2023-01-15"


def test_three_bad_lines_among_valid_ones(tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": f"Text Nummer {i}."}) for i in range(10)]
    lines[2] = '{"id": "x", "text": "kaputt"'  # truncated
    lines[5] = b'{"id": "y", "text": "Gr\xfc\xdfe"}'  # latin-1 bytes
    lines[8] = json.dumps({"id": "z", "text": "Datum", "date": "2021-02-30"})
    path = _write(tmp_path, lines)
    items = list(read_inputs(path))
    docs = [d for d in items if isinstance(d, Document)]
    rejects = [r for r in items if isinstance(r, Rejected)]
    assert len(docs) == 7
    assert [r.line for r in rejects] == [3, 6, 9]
    assert rejects[0].reason.startswith("invalid JSON:") and "col" in rejects[0].reason
    assert "not UTF-8" in rejects[1].reason
    assert "invalid date '2021-02-30'" in rejects[2].reason
    assert rejects[0].raw == '{"id": "x", "text": "kaputt"'
    assert all(r.path == str(path) for r in rejects)


def test_bad_records(tmp_path):
    lines = [
        json.dumps({"id": "e", "text": "   "}),
        json.dumps({"id": "m", "title": "kein Text"}),
        json.dumps(["eine", "Liste"]),
        json.dumps({"id": "n", "text": 42}),
        json.dumps({"id": "d", "text": "Monat", "date": "2020-13"}),
    ]
    rejects = list(read_inputs(_write(tmp_path, lines)))
    assert [r.reason for r in rejects] == [
        "empty text",
        "missing text field",
        "not a JSON object but a list",
        "text must be a string, got int",
        "invalid date '2020-13': impossible month in date '2020-13'",
    ]
    assert [r.line for r in rejects] == [1, 2, 3, 4, 5]

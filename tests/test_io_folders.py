"""Folders, globs, ordering, gzip, format choice and file-level rejects."""

from __future__ import annotations

import gzip
import json

import pytest

from quotetracker.io import Rejected, input_files, read_inputs
from quotetracker.model import Document


def _seed(date: str, sentence: str) -> str:
    return f" date {date} {sentence}\n\nxy/ab"


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "news"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "2.txt").write_text(_seed("2020-02", "Zwei."), encoding="utf-8")
    (root / "a" / "1.txt").write_text(_seed("2020-01", "Eins."), encoding="utf-8")
    (root / "a" / "drafts.txt").write_text(_seed("2020-03", "Entwurf."), encoding="utf-8")
    (root / "z.jsonl").write_text(json.dumps({"id": "z", "text": "Zett."}) + "\n", encoding="utf-8")
    (root / "README.md").write_text("# nicht lesen", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text(_seed("2020-04", "Versteckt."), encoding="utf-8")
    with gzip.open(root / "b" / "3.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(_seed("2020-05", "Drei, gepackt."))
    return root


def test_recursive_sorted_known_formats_only(tree):
    docs = list(read_inputs(tree))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == ["a/1", "a/drafts", "b/2", "b/3", "z"]
    assert docs[3].text == "Drei, gepackt." and docs[3].date == "2020-05"
    assert docs[3].byline == "xy/ab"


def test_include_and_exclude_globs(tree):
    docs = list(read_inputs(tree, include=["*.txt"], exclude=["*drafts*"]))
    assert [d.id for d in docs] == ["a/1", "b/2"]
    assert input_files(tree, include=["*.txt"], exclude=["*drafts*"]) == [tree / "a" / "1.txt", tree / "b" / "2.txt"]


def test_paths_in_given_order_and_each_file_once(tree):
    docs = list(read_inputs([tree / "z.jsonl", tree / "a", tree / "a" / "1.txt"]))
    assert [d.id for d in docs] == ["z", "1", "drafts"]


def test_lone_file_id_is_its_stem(tree):
    [doc] = list(read_inputs(tree / "b" / "3.txt.gz"))
    assert doc.id == "3"
    assert doc.origin == str(tree / "b" / "3.txt.gz")


def test_gzipped_jsonl_keeps_line_numbers(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "A first article about the harbour."}) + "\n")
        fh.write("nicht json\n")
        fh.write(json.dumps({"text": "A third one."}) + "\n")
    items = list(read_inputs(path))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Document"]
    assert items[1].line == 2
    assert items[2].id == "dump:3"


def test_corrupt_gzip_is_rejected(tmp_path):
    path = tmp_path / "kaputt.jsonl.gz"
    path.write_bytes(b"this is not gzip at all")
    [rej] = list(read_inputs(path))
    assert isinstance(rej, Rejected)
    assert rej.reason.startswith("unreadable file:")


def test_truncated_gzip_keeps_records_before_the_damage(tmp_path):
    path = tmp_path / "teil.jsonl.gz"
    lines = "".join(json.dumps({"text": f"Artikel {i} mit etwas Text."}) + "\n" for i in range(200))
    data = gzip.compress(lines.encode("utf-8"))
    path.write_bytes(data[: len(data) // 2])
    items = list(read_inputs(path))
    assert isinstance(items[-1], Rejected) and items[-1].reason.startswith("unreadable file:")
    assert all(isinstance(i, Document) for i in items[:-1])


def test_format_override_and_sniffing(tmp_path):
    odd = tmp_path / "artikel.dat"
    odd.write_text(_seed("2019-11", "Ohne passende Endung."), encoding="utf-8")
    [sniffed] = list(read_inputs(odd))
    assert isinstance(sniffed, Document) and sniffed.date == "2019-11"
    records = tmp_path / "records.txt"
    records.write_text(json.dumps({"id": "r", "text": "Eigentlich JSONL."}) + "\n", encoding="utf-8")
    [as_seed] = list(read_inputs(records))
    assert isinstance(as_seed, Rejected) and "missing seed header" in as_seed.reason
    [as_jsonl] = list(read_inputs(records, format="jsonl"))
    assert isinstance(as_jsonl, Document) and as_jsonl.id == "r"


def test_unknown_format_is_rejected_and_bad_option_raises(tmp_path):
    path = tmp_path / "bild.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    [rej] = list(read_inputs(path))
    assert isinstance(rej, Rejected) and "unknown input format" in rej.reason
    with pytest.raises(ValueError, match="unknown input format"):
        read_inputs(path, format="docx")


def test_missing_path_is_rejected(tmp_path):
    [rej] = list(read_inputs(tmp_path / "gibt-es-nicht.jsonl"))
    assert isinstance(rej, Rejected)
    assert rej.reason == "no such file or directory" and rej.line is None


def test_unreadable_file_is_rejected_and_reading_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(_seed("2020-01", "Lesbar."), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_seed("2020-01", "Gesperrt."), encoding="utf-8")
    (tmp_path / "c.txt").write_text(_seed("2020-01", "Auch lesbar."), encoding="utf-8")
    from quotetracker.io import source as source_module

    real_open = source_module.Source.open

    def guarded_open(self):
        if self.path.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self.path))
        return real_open(self)

    monkeypatch.setattr(source_module.Source, "open", guarded_open)
    items = list(read_inputs(tmp_path))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Document"]
    assert items[1].reason == "unreadable file: Permission denied"
    assert items[1].path == str(tmp_path / "b.txt")


def test_ignore_file_excludes_relative_to_its_folder(tree):
    (tree / ".quotetrackerignore").write_text("# answer keys\nz.jsonl\n\nb/*.gz\n", encoding="utf-8")
    (tree / "a" / ".quotetrackerignore").write_text("drafts.txt\n", encoding="utf-8")
    docs = list(read_inputs(tree))
    assert [d.id for d in docs] == ["a/1", "b/2"]
    # a file named explicitly is read even when an ignore file lists it
    [doc] = list(read_inputs(tree / "z.jsonl"))
    assert isinstance(doc, Document) and doc.id == "z"

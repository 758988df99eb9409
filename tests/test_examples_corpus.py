"""The example corpus (examples/*.txt) and its answer key (examples/expected.jsonl).

The key must stay usable as a test oracle for extractors: every statement's
content (and cue and speaker mention) is an exact substring of the article text
as the seed reader produces it, and the corpus keeps covering the ways German
and English news report speech.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from quotetracker.io import Rejected, detect_language, read_inputs
from quotetracker.model import STATEMENT_KINDS, Document

QUOTE_MARKS = "„“”»«\"‘’‚"


@pytest.fixture(scope="module")
def documents(examples_dir):
    items = list(read_inputs(examples_dir))
    assert not [r for r in items if isinstance(r, Rejected)]
    return {doc.origin.rsplit("/", 1)[-1]: doc for doc in items}


@pytest.fixture(scope="module")
def expected(examples_dir):
    with open(examples_dir / "expected.jsonl", encoding="utf-8") as fh:
        return {rec["file"]: rec for rec in map(json.loads, fh)}


def test_folder_reads_only_the_articles(documents, examples_dir):
    assert set(documents) == {p.name for p in examples_dir.glob("*.txt")}
    assert len(documents) >= 24
    for doc in documents.values():
        assert isinstance(doc, Document)
        assert doc.date is not None and doc.byline
        assert not doc.text.lstrip().startswith("date")


def test_every_article_has_an_answer_key(documents, expected):
    assert set(expected) == set(documents)
    for name, rec in expected.items():
        assert rec["statements"], name
        assert rec["date"] == documents[name].date
        assert rec["lang"] == documents[name].lang == detect_language(documents[name].text)


def test_statements_are_substrings_of_the_text(documents, expected):
    for name, rec in expected.items():
        text = documents[name].text
        for st in rec["statements"]:
            where = f"{name}: {st['content'][:40]!r}"
            assert text.count(st["content"]) == 1, where
            assert st["kind"] in STATEMENT_KINDS, where
            if st["cue"]:
                assert all(part in text for part in st["cue"].split(" ... ")), where
            if st["speaker"]:
                assert st["speaker"] in text, where
            if st["speaker_name"]:
                assert st["speaker_name"].split()[-1] in text, where
            if st["kind"] == "direct":
                assert st["content"][0] not in QUOTE_MARKS and st["content"][-1] not in QUOTE_MARKS, where


def test_statements_in_document_order(documents, expected):
    for name, rec in expected.items():
        starts = [documents[name].text.find(st["content"]) for st in rec["statements"]]
        assert starts == sorted(starts), name


def test_corpus_covers_the_phenomena(documents, expected):
    langs = Counter(doc.lang for doc in documents.values())
    assert langs["de"] >= 18 and langs["en"] >= 6
    statements = [st for rec in expected.values() for st in rec["statements"]]
    assert set(Counter(st["kind"] for st in statements)) == set(STATEMENT_KINDS)
    cues = {st["cue"] for st in statements if st["cue"]}
    for cue in ("laut", "zufolge", "so", "fuhr er fort", "betonte", "erklärte", "teilte mit", "wies darauf hin",
                "äußerte sich", "hieß es", "According to", "said"):
        assert any(c.lower() == cue.lower() or c.lower().startswith(cue.lower() + " ") for c in cues), cue
    assert any(c.startswith("nach Angaben") or c.startswith("Nach Angaben") for c in cues)
    # continuation sentences: indirect statements with no cue of their own
    assert sum(1 for st in statements if st["kind"] == "indirect" and st["cue"] is None) >= 10
    texts = "".join(doc.text for doc in documents.values())
    for opening, closing in (("„", "“"), ("“", "”"), ("»", "«"), ('"', '"')):
        assert opening in texts and closing in texts


def test_peskow_across_months_and_name_forms(documents, expected):
    peskow = {
        name for name, rec in expected.items()
        if any(st["speaker_name"] in ("Dmitri Peskow", "Peskow", "Dmitry Peskov") for st in rec["statements"])
    }
    assert len(peskow) >= 5
    assert len({documents[name].date for name in peskow}) >= 4
    mentions = {st["speaker"] for name in peskow for st in expected[name]["statements"] if st["speaker"]}
    for form in ("Dmitri Peskow", "Peskow", "Kreml-Sprecher Peskow", "der Sprecher des russischen Präsidenten", "Dmitry Peskov"):
        assert any(form in m for m in mentions), form


def test_role_nouns_change_holders_over_time(expected):
    holders = {}
    for rec in expected.values():
        for st in rec["statements"]:
            if st["speaker"] in ("der Oberbürgermeister", "der Minister") and st["speaker_name"]:
                holders.setdefault(st["speaker"], set()).add((rec["date"][:4], st["speaker_name"]))
    assert len({name for _year, name in holders["der Oberbürgermeister"]}) >= 2
    assert len({name for _year, name in holders["der Minister"]}) >= 2


def _gold_records(examples_dir):
    import importlib.util

    spec = importlib.util.spec_from_file_location("examples_to_quotes_jsonl", examples_dir / "to_quotes_jsonl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.gold_records(examples_dir)


def test_gold_conversion_spans_point_at_the_key_strings(examples_dir, expected):
    records = _gold_records(examples_dir)
    assert len(records) == len(expected)
    for rec in records:
        key = expected[rec["id"] + ".txt"]
        text = rec["text"]
        for quote, st in zip(rec["quotes"], key["statements"], strict=True):
            assert text[slice(*quote["content"])] == st["content"]
            if st["speaker"]:
                assert text[slice(*quote["speaker"])] == st["speaker"]
            if st["cue"]:
                assert text[slice(*quote["cue"])] == st["cue"].split(" ... ")[0]


@pytest.mark.shared
def test_scorer_accepts_the_gold_conversion(examples_dir, expected, shared_dir, tmp_path):
    import subprocess
    import sys

    gold = tmp_path / "examples_gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _gold_records(examples_dir)), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score_quotes.py"), str(gold), str(gold), "--json"],
        capture_output=True, text=True, check=True,
    )
    overall = json.loads(out.stdout)["overall"]
    n_statements = sum(len(rec["statements"]) for rec in expected.values())
    assert overall["attribution"]["f1"] == 1.0 and overall["attribution"]["gold"] == n_statements

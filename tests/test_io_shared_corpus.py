"""The readers on the real shared corpus and gold files (skipped without ../shared)."""

from __future__ import annotations

import json

import pytest

from quotetracker.io import Rejected, read_inputs
from quotetracker.model import Document

pytestmark = pytest.mark.shared


def test_de_news_sample_reads_completely(shared_dir):
    folder = shared_dir / "corpus" / "de_news_sample"
    items = list(read_inputs(folder, include=["*.txt"]))
    assert not [r for r in items if isinstance(r, Rejected)]
    assert len(items) == 200
    for doc in items:
        assert doc.date is not None and doc.id.startswith(doc.date)  # "<YYYY-MM>_<id>"
        assert not doc.text.startswith(" date") and doc.text == doc.text.strip()
        assert doc.lang == "de"


def test_de_news_jsonl_reads_completely(shared_dir):
    items = list(read_inputs(shared_dir / "corpus" / "de_news.jsonl"))
    assert not [r for r in items if isinstance(r, Rejected)]
    assert len(items) == 1878
    assert items[0].id == "wikinews-1212" and items[0].meta["split"] == "train"


def test_gold_texts_are_byte_identical(shared_dir):
    path = shared_dir / "gold" / "dev" / "wikinews_de.jsonl"
    docs = [d for d in read_inputs(path) if isinstance(d, Document)]
    with open(path, encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    assert [d.id for d in docs] == [g["id"] for g in gold]
    assert all(d.text == g["text"] for d, g in zip(docs, gold))
    assert "quotes" not in docs[0].meta and "sentences" not in docs[0].meta

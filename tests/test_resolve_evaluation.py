"""The identity gold files and their scorer (evaluation/identity/score_identity.py)."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT / "evaluation" / "identity" / "score_identity.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_identity", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pairwise_counts_merges():
    s = _scorer()
    res = s.pairwise(["a", "a", "b", "b"], ["x", "x", "x", "y"])
    assert res["correct_pairs"] == 1 and res["predicted_pairs"] == 3 and res["true_pairs"] == 2
    assert res["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert res["recall"] == 0.5


def test_gold_de_news_holds_ids_spans_and_labels_only():
    rows = [json.loads(line) for line in (ROOT / "evaluation" / "identity" / "gold_de_news.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["doc"] for r in rows}) >= 200
    for r in rows:
        assert set(r) == {"doc", "span", "name_span", "cluster"}


def test_examples_identity_scores_meet_the_targets():
    res = _scorer().score(shared=None)["examples"]
    assert res["precision"] >= 0.95
    assert res["recall"] >= 0.80


@pytest.mark.shared
def test_de_news_identity_scores_meet_the_targets(shared_dir):
    s = _scorer()
    res = s.score(shared=shared_dir)["de_news"]
    assert res["documents"] >= 200
    assert res["precision"] >= 0.95
    assert res["recall"] >= 0.80
    baseline = s.score(shared=shared_dir, baseline=True)["de_news"]
    assert res["recall"] > baseline["recall"]

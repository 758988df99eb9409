"""Held-out accuracy of the shipped German pipeline (needs ../shared; numbers as in MODEL_CARD.md).

Thresholds are the values reached by the shipped weights, rounded down, so a regression fails.
"""

from __future__ import annotations

import pytest

from quotetracker.nlp.de import load
from quotetracker.nlp.de.evaluate import eval_ner, eval_sentences, eval_ud

pytestmark = [pytest.mark.shared, pytest.mark.slow]

# Reached by the shipped weights (MODEL_CARD.md): 95.11 %, 97.42 %, 0.947, 0.970, 0.666, 0.771.
STTS_MIN = 0.951
LEMMA_MIN = 0.974
KONJ1_MIN = 0.946
SENT_MIN = 0.969
NER_MIN = 0.66
NER_PER_MIN = 0.77


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_ud_gsd_test_tags_lemmas_konjunktiv(nlp, shared_dir):
    res = eval_ud(nlp, shared_dir / "train/de/ud/de_gsd-ud-test.conllu")
    assert res["stts_acc"] >= STTS_MIN
    assert res["lemma_acc"] >= LEMMA_MIN
    assert res["konjunktiv1"]["f"] >= KONJ1_MIN


def test_wikinews_sentence_starts(nlp, shared_dir):
    res = eval_sentences(nlp, shared_dir / "gold/dev/wikinews_de.jsonl")
    assert res["sentence_start"]["f"] >= SENT_MIN


def test_germeval_heldout_entities(nlp, shared_dir):
    res = eval_ner(nlp, shared_dir / "train/de/ner/germeval2014-NER-de-dev.tsv")
    assert res["ner"]["f"] >= NER_MIN
    assert res["ner_PER"]["f"] >= NER_PER_MIN

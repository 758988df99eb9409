"""Assemble the shipped pipeline: rule tokenizer/sentences + trained CNN (tok2vec, STTS tagger, NER)
from model/ + lexicon (lemma, UPOS, verb morphology) + entity rules."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import entities, lexicon, sentences, tokenizer  # noqa: F401  (register factories)


def load_trained(model_dir: Path, entity_rules: bool = True) -> Language:
    nlp = spacy.load(model_dir)
    tokenizer.add_news_exceptions(nlp)
    nlp.add_pipe("qt_de_number_period", first=True)
    nlp.add_pipe("qt_de_sentences", after="qt_de_number_period")
    nlp.add_pipe("qt_de_lexicon", after="tagger", config={"path": str(model_dir / "lexicon.tsv.gz")})
    if entity_rules:
        nlp.add_pipe("qt_de_entity_rules", last=True)
    return nlp

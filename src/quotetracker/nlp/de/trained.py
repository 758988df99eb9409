"""Assemble the shipped pipeline: rule tokenizer/sentences + trained CNN (tok2vec, STTS tagger, NER)
from model/ + lexicon (lemma, UPOS, verb morphology, tag check) + entity rules (gazetteer, role cues)."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import entities, lexicon, sentences, tokenizer  # noqa: F401  (register factories)

# Chosen by measurement on the selection data (see model/MODEL_CARD.md).
CHECK_TAGS = True
ENTITY_RULES = True
ADD_NAME_RUNS = False


def load_trained(model_dir: Path, check_tags: bool = CHECK_TAGS, entity_rules: bool = ENTITY_RULES,
                 add_name_runs: bool = ADD_NAME_RUNS) -> Language:
    nlp = spacy.load(model_dir)
    tokenizer.add_news_exceptions(nlp)
    nlp.add_pipe("qt_de_number_period", first=True)
    nlp.add_pipe("qt_de_sentences", after="qt_de_number_period")
    nlp.add_pipe("qt_de_lexicon", after="tagger",
                 config={"path": str(model_dir / "lexicon.tsv.gz"), "check_tags": check_tags})
    if entity_rules:
        nlp.add_pipe("qt_de_entity_rules", last=True,
                     config={"gazetteer": str(model_dir / "gazetteer.tsv"), "add_name_runs": add_name_runs})
    return nlp

"""German backbone: tokenizer, quote-aware sentences, POS, lemmas, Konjunktiv, noun chunks, NER.

``load()`` returns a spaCy ``Language`` (no network). Every ``Doc`` it makes has, per token:

* ``tag_``   STTS tag (``VVFIN``, ``NE``, ``$.`` ...; whitespace tokens ``_SP``)
* ``pos_``   UPOS (UD German conventions: modals and auxiliaries are ``AUX``)
* ``lemma_`` lemma (*betonte* -> *betonen*, *sei* -> *sein*, nouns capitalised)
* ``morph``  for verbs: ``VerbForm`` (Fin/Inf/Part); finite verbs also ``Mood`` (Ind/Sub/Imp),
  ``Tense`` (Pres/Past), ``Person`` (1/2/3), ``Number`` (Sing/Plur). Other words: may be empty.
* ``_.konjunktiv``  "I" (Mood=Sub, Tense=Pres: *sei, habe, könne, erschwere*),
  "II" (Mood=Sub, Tense=Past: *wäre, hätte, würde*), else None
* ``is_sent_start`` / ``doc.sents``: quote-aware sentences (see ``sentences.py``)

and per doc:

* ``doc.noun_chunks``  rule-based over STTS (no dependency parse; ``token.dep_``/``head`` are unset)
* ``doc.ents``  labels PER, ORG, LOC, MISC

The pipeline is the trained one in ``model/`` when present (CNN tok2vec + STTS tagger + NER,
lexicon for lemmas/UPOS/verb morphology, gazetteer and role-cue rules; ~15k words per CPU-second;
numbers in model/MODEL_CARD.md), otherwise the HanTa-backed rules (same attributes, ~8x slower,
``load("rules")``). Unseen word forms get their lemma from HanTa, loaded lazily on first need.
``load()`` is cached per process: treat the returned object as shared and read-only.
Entity labels come from GermEval conventions: country adjectives (*deutsche*) are not entities.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import entities, hanta_tagger, sentences, tokenizer  # noqa: F401  (register factories)
from .extensions import register
from .noun_chunks import noun_chunks
from .resources import MODEL_DIR

__all__ = ["load", "load_rules", "load_model_dir", "MODEL_DIR"]


def _finish(nlp: Language) -> Language:
    register()
    nlp.vocab.get_noun_chunks = noun_chunks
    return nlp


def load_rules() -> Language:
    """The HanTa-backed pipeline (no trained weights needed)."""
    nlp = spacy.blank("de")
    tokenizer.add_news_exceptions(nlp)
    nlp.add_pipe("qt_de_number_period")
    nlp.add_pipe("qt_de_sentences")
    nlp.add_pipe("qt_de_hanta")
    nlp.add_pipe("qt_de_entity_rules")
    return _finish(nlp)


def load_model_dir(model_dir: Path, **options) -> Language:
    """A trained pipeline folder (the shipped one, a training run's model-best with its tables) assembled
    like the shipped pipeline; ``options`` go to ``trained.load_trained`` (e.g. entity_rules=False)."""
    from .trained import load_trained

    return _finish(load_trained(Path(model_dir), **options))


@lru_cache(maxsize=1)
def _cached(kind: str) -> Language:
    if kind == "trained":
        return load_model_dir(MODEL_DIR)
    return load_rules()


def load(kind: str | None = None) -> Language:
    """Return the shipped German pipeline (cached per process; treat it as read-only).

    ``kind``: "trained" (weights in model/), "rules" (HanTa), or None = trained when shipped.
    """
    if kind is None:
        kind = "trained" if (MODEL_DIR / "config.cfg").exists() else "rules"
    return _cached(kind)

"""English statement extraction: quotation marks, *said* clauses, *according to* (extract/en/rules.py).

Registers the ``en`` extractor. Runs on a tokenizer + sentencizer of its own (the project ships no
English pipeline yet); cue words live in ``lexicon/cues.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ...model import Document, Extraction, Span, Statement
from ..base import register_extractor
from .rules import EnRules


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _name(text: str, span) -> str | None:
    if span is None:
        return None
    words = [w for w in text[span[0] : span[1]].split() if w[:1].isupper()]
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    if not words or words[0].lower() in ("he", "she", "they", "it", "we", "i", "you"):
        return None
    return " ".join(words).rstrip("’'s,").strip() or None


class EnglishExtractor:
    lang = "en"

    def extract(self, doc: Document) -> Extraction:
        return self._from_doc(doc, _nlp()(doc.text))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        docs = list(docs)
        for d, sdoc in zip(docs, _nlp().pipe([d.text for d in docs], batch_size=32)):
            yield self._from_doc(d, sdoc)

    def _from_doc(self, doc: Document, sdoc) -> Extraction:
        statements = [
            Statement(content=Span(*f.content), kind=f.kind, cue=Span(*f.cue) if f.cue else None,
                      speaker=Span(*f.speaker) if f.speaker else None, speaker_name=_name(doc.text, f.speaker),
                      confidence=f.confidence, meta={"rule": f.rule})
            for f in EnRules(sdoc).run()
        ]
        return Extraction(document=doc, lang="en", sentences=[Span(s.start_char, s.end_char) for s in sdoc.sents],
                          statements=statements)


@register_extractor("en")
def _make() -> EnglishExtractor:
    return EnglishExtractor()

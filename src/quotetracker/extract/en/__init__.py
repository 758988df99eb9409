"""English statement extraction: quotation marks, *said* clauses, *according to* (extract/en/rules.py).

Registers the ``en`` extractor. Runs on a tokenizer + sentencizer of its own (the project ships no
English pipeline yet); cue words live in ``lexicon/cues.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ...model import Document, Extraction, Span, Statement
from ..base import register_extractor
from .rules import EnRules, lexicon


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_PRONOUNS = ("he", "she", "they", "it", "we", "i", "you")


def _name(text: str, span) -> str | None:
    """The name in a speaker phrase: capitalised words without titles (Mayor Linda Park -> Linda Park)."""
    if span is None:
        return None
    words = text[span[0] : span[1]].replace("’s", "").replace("'s", "").split()
    titles = lexicon()["titles"]
    keep = [i for i, w in enumerate(words) if w[:1].isupper() and w.lower().strip(",") not in titles
            and w.lower() not in ("the", "a", "an")]
    if not keep or words[keep[0]].lower() in _PRONOUNS:
        return None
    return " ".join(words[keep[0] : keep[-1] + 1]).strip(",") or None


def _resolve(statements: list[Statement], text: str) -> None:
    """Pronouns take the name of the statement before; surnames the fullest name in the document."""
    names = [s.speaker_name for s in statements if s.speaker_name]
    last = None
    for s in sorted(statements, key=lambda s: s.content.start):
        if s.speaker is not None and s.speaker_name is None:
            if text[s.speaker.start : s.speaker.end].lower() in _PRONOUNS:
                s.speaker_name = last
        elif s.speaker_name and len(s.speaker_name.split()) == 1:
            full = [n for n in names if n.split()[-1] == s.speaker_name and len(n) > len(s.speaker_name)]
            if full:
                s.speaker_name = max(full, key=len)
        if s.speaker_name:
            last = s.speaker_name


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
        _resolve(statements, doc.text)
        return Extraction(document=doc, lang="en", sentences=[Span(s.start_char, s.end_char) for s in sdoc.sents],
                          statements=statements)


@register_extractor("en")
def _make() -> EnglishExtractor:
    return EnglishExtractor()

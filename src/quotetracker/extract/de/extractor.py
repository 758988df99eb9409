"""The German extractor: Document -> Extraction (sentences, entities, statements)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from ...model import Document, EntityMention, Extraction, Span
from ..base import register_extractor
from .component import analyse, canonical_name

BATCH = 32


class GermanExtractor:
    """Runs the project's German pipeline, then the statement rules on each Doc.

    The rules run outside the shared pipeline object (no ``add_pipe`` on the cached
    Language), so other users of ``load_pipeline("de")`` see it unchanged.
    """

    lang = "de"

    def __init__(self, nlp=None) -> None:
        if nlp is None:
            from ...nlp import load_pipeline

            nlp = load_pipeline("de")
        self.nlp = nlp

    def extract(self, doc: Document) -> Extraction:
        return self._from_doc(doc, self.nlp(doc.text))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        it = iter(docs)
        while True:
            batch = list(islice(it, BATCH))
            if not batch:
                return
            for d, sdoc in zip(batch, self.nlp.pipe([d.text for d in batch], batch_size=BATCH)):
                yield self._from_doc(d, sdoc)

    def _from_doc(self, doc: Document, sdoc) -> Extraction:
        sentences = [Span(s.start_char, s.end_char) for s in sdoc.sents] if sdoc.has_annotation("SENT_START") else []
        statements, names = analyse(sdoc)
        entities = [EntityMention(Span(e.start_char, e.end_char), e.label_, e.text,
                                  canonical_name(names, e.text, e.label_)) for e in sdoc.ents]
        return Extraction(document=doc, lang="de", sentences=sentences, entities=entities, statements=statements)


@register_extractor("de")
def _make() -> GermanExtractor:
    return GermanExtractor()

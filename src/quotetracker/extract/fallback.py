"""The generic extractor for languages without an engine of their own.

It finds text between paired quotation marks on one line and nothing else:
honest, language-independent, and the floor every real engine must beat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import Document, Extraction, Span, Statement
from .base import register_extractor

_PAIRS = re.compile(r"„([^“”\"\n]{2,}?)[“”\"]|“([^”\n]{2,}?)”|»([^«\n]{2,}?)«|«([^»\n]{2,}?)»|\"([^\"\n]{2,}?)\"")


class QuoteMarkExtractor:
    lang = "*"

    def extract(self, doc: Document) -> Extraction:
        statements = []
        for m in _PAIRS.finditer(doc.text):
            group = next(i for i in range(1, 6) if m.group(i) is not None)
            statements.append(
                Statement(content=Span(m.start(group), m.end(group)), kind="direct", confidence=0.5)
            )
        return Extraction(document=doc, lang=doc.lang or "und", statements=statements)

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)


@register_extractor("*")
def _make() -> QuoteMarkExtractor:
    return QuoteMarkExtractor()

"""Per-document enrichment after extraction: mentioned dates, entities per statement ("about"), keyword topics.

A pure function of the extraction, so it runs wherever extraction runs.
"""

from __future__ import annotations

from .model import Extraction

__all__ = ["enrich"]


def enrich(extraction: Extraction) -> Extraction:
    """Attach ``about`` entities to each statement (entities inside its content span)."""
    for st in extraction.statements:
        st.about = [e for e in extraction.entities if st.content.start <= e.span.start and e.span.end <= st.content.end]
    return extraction

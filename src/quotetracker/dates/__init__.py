"""Dates mentioned in text (German, English), normalised against the article date.

:func:`find_dates` finds and normalises them per document; :func:`dates_for_span`
picks those that belong to one statement (inside its content or in the
sentences it overlaps).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import DateMention, Span
from .finder import find_dates, supported_languages

__all__ = ["find_dates", "dates_for_span", "supported_languages"]


def dates_for_span(dates: Sequence[DateMention], span: Span, sentences: Sequence[Span] = ()) -> list[DateMention]:
    """Dates inside ``span`` or inside a sentence that ``span`` overlaps, in text order."""
    regions = [span] + [s for s in sentences if s.overlaps(span)]
    return [d for d in dates if any(r.start <= d.span.start and d.span.end <= r.end for r in regions)]

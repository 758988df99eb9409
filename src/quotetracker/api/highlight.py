"""Split a document's text into segments for highlighting its statements.

Server-side, from the stored spans: every boundary of a content, cue or speaker
span cuts the text; each piece knows which roles and statements cover it. The
template writes each piece as escaped text inside one ``<span>``, so article
text never becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..model import Span, StatementRecord

ROLES = ("content", "cue", "speaker", "entity", "date")


@dataclass(slots=True)
class Segment:
    text: str
    start: int
    roles: tuple[str, ...] = ()
    statement_ids: tuple[int, ...] = ()
    anchors: tuple[int, ...] = ()  # statements whose content starts here
    title: str = ""

    @property
    def plain(self) -> bool:
        return not self.roles

    @property
    def css_class(self) -> str:
        return " ".join(f"hl-{r}" for r in self.roles)


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    role: str
    statement_id: int | None
    note: str = ""  # tooltip line for entity and date mentions


def _mention_marks(entities: Iterable[dict], dates: Iterable[dict], length: int) -> list[_Mark]:
    marks = []
    for e in entities:
        start, end = max(0, int(e.get("start", 0))), min(length, int(e.get("end", 0)))
        if start < end:
            marks.append(_Mark(start, end, "entity", None, f"{e.get('label') or 'entity'}: {e.get('text') or ''}"))
    for d in dates:
        start, end = max(0, int(d.get("start", 0))), min(length, int(d.get("end", 0)))
        if start < end:
            value = d.get("value")
            marks.append(_Mark(start, end, "date", None, f"date: {value}" if value else "date (not resolved)"))
    return marks


def _marks(statements: Iterable[StatementRecord], length: int) -> list[_Mark]:
    marks = []
    for st in statements:
        for role, span in (("content", st.content_span), ("cue", st.cue_span), ("speaker", st.speaker_span)):
            if not isinstance(span, Span):
                continue
            start, end = max(0, span.start), min(length, span.end)
            if start < end:
                marks.append(_Mark(start, end, role, st.id))
    return marks


def describe(st: StatementRecord) -> str:
    """One line of attribution for a tooltip."""
    who = st.speaker or st.speaker_name or st.speaker_mention or "unknown speaker"
    parts = [who]
    if st.kind:
        parts.append(st.kind)
    if st.cue:
        parts.append(f"cue: {st.cue}")
    return " · ".join(parts)


@dataclass(slots=True)
class Highlighted:
    segments: list[Segment] = field(default_factory=list)
    n_marks: int = 0


def highlight(
    text: str, statements: list[StatementRecord], entities: Iterable[dict] = (), dates: Iterable[dict] = ()
) -> Highlighted:
    """Segments of ``text``; ``entities``/``dates`` are DocumentDetail's mention dicts (start, end, …)."""
    marks = _marks(statements, len(text)) + _mention_marks(entities, dates, len(text))
    by_id = {st.id: st for st in statements}
    cuts = {0, len(text)}
    for m in marks:
        cuts.add(m.start)
        cuts.add(m.end)
    bounds = sorted(cuts)
    segments: list[Segment] = []
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        covering = [m for m in marks if m.start <= a and b <= m.end]
        roles = tuple(r for r in ROLES if any(m.role == r for m in covering))
        ids = tuple(dict.fromkeys(m.statement_id for m in covering if m.statement_id is not None))
        anchors = tuple(dict.fromkeys(m.statement_id for m in covering if m.role == "content" and m.start == a))
        notes = [m.note for m in covering if m.note]
        title = "\n".join([describe(by_id[i]) for i in ids] + notes)
        segments.append(Segment(text[a:b], a, roles, ids, anchors, title))
    return Highlighted(segments, len(marks))

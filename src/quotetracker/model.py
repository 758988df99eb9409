"""The one vocabulary every layer speaks: plain typed records.

Readers produce :class:`Document`; extractors turn a document into an
:class:`Extraction` (sentences, entities, dates, statements); the store keeps
them; queries return :class:`StatementRecord` rows. Every claim carries
character spans into its document's text, never copies of text alone, so it
can always be shown in its evidence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

__all__ = [
    "Span",
    "DatePrecision",
    "Document",
    "EntityMention",
    "DateMention",
    "Statement",
    "Extraction",
    "StatementRecord",
    "STATEMENT_KINDS",
    "ENTITY_LABELS",
    "parse_date",
]

STATEMENT_KINDS = ("direct", "indirect", "mixed", "reported")
ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DatePrecision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def parse_date(value: str | None) -> tuple[str, DatePrecision] | None:
    """Validate ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; return it with its precision.

    Raises ``ValueError`` for an impossible date (``2020-13``, ``2021-02-30``).
    """
    if value is None or value == "":
        return None
    import datetime as _dt

    m = _DATE_RE.match(value.strip())
    if not m:
        raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day is not None:
        _dt.date(int(year), int(month), int(day))  # raises on 2021-02-30
        return f"{year}-{month}-{day}", DatePrecision.DAY
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"impossible month in date {value!r}")
        return f"{year}-{month}", DatePrecision.MONTH
    return year, DatePrecision.YEAR


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A ``[start, end)`` code-point range into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: list[int] | tuple[int, int] | None) -> Span | None:
        if value is None:
            return None
        return cls(int(value[0]), int(value[1]))

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class Document:
    """One article as read from the input, before any analysis."""

    text: str
    id: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    lang: str | None = None  # ISO 639-1; detected when missing
    source: str | None = None  # outlet, publisher or corpus part
    title: str | None = None
    url: str | None = None
    byline: str | None = None  # author initials such as "ak/sna/ae"
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None  # where it was read: "path" or "path:line"

    @property
    def content_hash(self) -> str:
        """Identity for idempotent ingest: same text, date and source = same document."""
        h = hashlib.sha256()
        for part in (self.text, self.date or "", self.source or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def date_precision(self) -> DatePrecision | None:
        parsed = parse_date(self.date)
        return parsed[1] if parsed else None

    @property
    def n_words(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class EntityMention:
    """A named entity in the text (person, organisation, place, other)."""

    span: Span
    label: str  # one of ENTITY_LABELS
    text: str
    canonical: str | None = None  # normalised / fullest name inside the document


@dataclass(slots=True)
class DateMention:
    """A date mentioned in the text, normalised where possible."""

    span: Span
    text: str
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD, or None when not resolvable
    precision: DatePrecision | None = None


@dataclass(slots=True)
class Statement:
    """One attributed statement inside one document."""

    content: Span
    kind: str | None = None  # one of STATEMENT_KINDS or None
    cue: Span | None = None
    speaker: Span | None = None  # the mention this statement is attached to (may be "er")
    speaker_name: str | None = None  # fullest name inside the document; None if anonymous
    speaker_label: str | None = None  # PER / ORG / None when unknown
    confidence: float = 1.0
    about: list[EntityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_quote(self) -> dict[str, Any]:
        """The statement as a quote object of ``shared/spec/quotes-jsonl.md``."""
        return {
            "content": self.content.as_list(),
            "kind": self.kind,
            "cue": self.cue.as_list() if self.cue else None,
            "speaker": self.speaker.as_list() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "confidence": round(self.confidence, 4),
        }


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document. A pure function of text, language and date."""

    document: Document
    lang: str
    sentences: list[Span] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def to_quotes_jsonl(self) -> dict[str, Any]:
        d = self.document
        return {
            "id": d.id,
            "lang": self.lang,
            "date": d.date,
            "source": d.source,
            "text": d.text,
            "quotes": [s.to_quote() for s in self.statements],
        }


@dataclass(slots=True)
class StatementRecord:
    """A stored statement as queries return it: the statement plus its context."""

    id: int
    document_id: int
    doc_key: str | None  # the document's external id
    date: str | None
    source: str | None
    lang: str | None
    kind: str | None
    content: str
    content_span: Span
    cue: str | None
    cue_span: Span | None
    speaker_mention: str | None
    speaker_span: Span | None
    speaker_name: str | None  # in-document resolution
    speaker_id: int | None  # cross-document identity
    speaker: str | None  # canonical name of that identity
    confidence: float
    topics: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("content_span", "cue_span", "speaker_span"):
            span = getattr(self, key)
            d[key] = span.as_list() if span else None
        return d

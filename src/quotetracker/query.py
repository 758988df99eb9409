"""The one query service used by the CLI, the Python API, the HTTP API and the web UI.

Nothing above this layer talks to the database directly. Every method returns
plain records (dataclasses with ``to_dict()``), so one data function serves
every output format (Rich table, JSON, CSV, HTML).

Filters shared by all statement queries (all optional, combined with AND):

- ``speaker``: a name or alias (matches every alias of the resolved identity) or a speaker id
- ``about``: an entity name mentioned in the statement
- ``q``: full-text query over statement content (stemmed, German and English)
- ``kind``: direct / indirect / mixed / reported
- ``since`` / ``until``: ``YYYY[-MM[-DD]]``, inclusive, compared at the document's precision
- ``source``: outlet
- ``topic``: topic label
- ``lang``: language code
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

from .model import StatementRecord

T = TypeVar("T")

__all__ = [
    "StatementFilters",
    "Page",
    "SpeakerSummary",
    "SpeakerDetail",
    "DocumentDetail",
    "EntitySummary",
    "TopicSummary",
    "TimelinePoint",
    "CorpusOverview",
    "QueryService",
]


@dataclass(slots=True)
class StatementFilters:
    speaker: str | int | None = None
    about: str | None = None
    q: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    topic: str | None = None
    lang: str | None = None
    document_id: int | None = None


@dataclass(slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [i.to_dict() if hasattr(i, "to_dict") else i for i in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(slots=True)
class SpeakerSummary(_Record):
    id: int
    name: str  # canonical name
    n_statements: int
    first_date: str | None
    last_date: str | None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SpeakerDetail(_Record):
    id: int
    name: str
    aliases: list[str]
    roles: list[dict[str, Any]]  # {"role": "Kreml-Sprecher", "first": "2020-10", "last": "2021-03"}
    n_statements: int
    first_date: str | None
    last_date: str | None
    top_topics: list[tuple[str, int]]
    top_entities: list[tuple[str, int]]
    sources: list[tuple[str, int]]


@dataclass(slots=True)
class DocumentDetail(_Record):
    id: int
    doc_key: str | None
    date: str | None
    date_precision: str | None
    lang: str | None
    source: str | None
    title: str | None
    url: str | None
    byline: str | None
    text: str
    statements: list[StatementRecord]
    entities: list[dict[str, Any]]  # {"start", "end", "label", "text", "entity_id"}
    dates: list[dict[str, Any]]  # {"start", "end", "text", "value"}
    topics: list[str]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["statements"] = [s.to_dict() for s in self.statements]
        return d


@dataclass(slots=True)
class EntitySummary(_Record):
    id: int
    name: str
    label: str
    n_mentions: int
    n_statements: int  # statements that mention it ("about")


@dataclass(slots=True)
class TopicSummary(_Record):
    id: int
    label: str
    origin: str  # "user" (config keywords) or "model" (unsupervised)
    n_statements: int
    keywords: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TimelinePoint(_Record):
    period: str  # YYYY-MM
    count: int


@dataclass(slots=True)
class CorpusOverview(_Record):
    n_documents: int
    n_statements: int
    n_speakers: int
    n_entities: int
    first_date: str | None
    last_date: str | None
    documents_per_month: list[TimelinePoint]
    statements_per_month: list[TimelinePoint]
    speakers_per_month: list[TimelinePoint]  # distinct speakers quoted that month


class QueryService:
    """Read-side API over a store. Constructed by ``quotetracker.open(...)``.

    Methods (implemented by the store layer):

    - ``statements(filters: StatementFilters, limit=50, offset=0) -> Page[StatementRecord]``
    - ``speakers(q=None, limit=50, offset=0) -> Page[SpeakerSummary]``
    - ``speaker(speaker_id) -> SpeakerDetail | None``
    - ``document(document_id) -> DocumentDetail | None``
    - ``entities(q=None, label=None, limit=50, offset=0) -> Page[EntitySummary]``
    - ``topics() -> list[TopicSummary]``
    - ``timeline(filters: StatementFilters) -> list[TimelinePoint]`` (statements per month)
    - ``overview() -> CorpusOverview``
    """

"""Response shapes for the OpenAPI document.

Routes return the query records' ``to_dict()`` directly; these models only describe
those dictionaries in /docs (declared with ``responses=``, so no per-request validation).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

SpanOut = list[int]  # [start, end) code points into the document text


class StatementOut(BaseModel):
    id: int
    document_id: int
    doc_key: str | None
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    source: str | None
    lang: str | None
    kind: str | None = Field(description="direct, indirect, mixed or reported")
    content: str
    content_span: SpanOut
    cue: str | None
    cue_span: SpanOut | None
    speaker_mention: str | None = Field(description="the mention as written, e.g. 'Peskow' or 'er'")
    speaker_span: SpanOut | None
    speaker_name: str | None = Field(description="fullest name inside the document")
    speaker_id: int | None = Field(description="cross-document identity")
    speaker: str | None = Field(description="canonical name of that identity")
    confidence: float
    topics: list[str]
    about: list[str] = Field(
        description="who or what the statement mentions, once each: a resolved person's or body's identity name"
        " ('Dmitri Peskow' for 'Peskow'), else the entity's name; each is a valid `about` filter"
    )


class StatementItems(BaseModel):
    items: list[StatementOut]
    total: int = Field(description="matches, counted up to 10,000")
    total_is_lower_bound: bool = Field(False, description="true: more than `total` matches")
    total_label: str = Field("", description='the total for people: "1,234" or "10,000+"')
    limit: int
    offset: int


class StatementPage(StatementItems):
    filters: dict[str, Any] = Field(description="the filters that were applied")


class SpeakerOut(BaseModel):
    id: int
    name: str
    n_statements: int
    first_date: str | None
    last_date: str | None
    aliases: list[str]


class SpeakerPage(BaseModel):
    items: list[SpeakerOut]
    total: int
    limit: int
    offset: int


class SpeakerDetailOut(BaseModel):
    id: int
    name: str
    aliases: list[str]
    roles: list[dict[str, Any]] = Field(description='{"role": …, "first": …, "last": …}')
    n_statements: int
    first_date: str | None
    last_date: str | None
    top_topics: list[tuple[str, int]]
    top_entities: list[tuple[str, int]]
    sources: list[tuple[str, int]]
    n_about: int = Field(0, description="statements by anyone that mention this identity")


class DocumentOut(BaseModel):
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
    statements: list[StatementOut]
    entities: list[dict[str, Any]] = Field(description='{"start", "end", "label", "text", "entity_id"}')
    dates: list[dict[str, Any]] = Field(description='{"start", "end", "text", "value"}')
    topics: list[str]


class EntityOut(BaseModel):
    id: int
    name: str
    label: str
    n_mentions: int
    n_statements: int
    speaker_id: int | None = Field(None, description="the speaker its mentions are resolved to, if it speaks")


class EntityPage(BaseModel):
    items: list[EntityOut]
    total: int
    limit: int
    offset: int


class TopicOut(BaseModel):
    id: int
    label: str
    origin: str
    n_statements: int
    keywords: list[str]
    name: str | None = Field(None, description="a keyword topic's short name; filters accept it")


class TopicPage(BaseModel):
    items: list[TopicOut]
    total: int
    limit: int
    offset: int


class TimelinePointOut(BaseModel):
    period: str = Field(description="YYYY-MM")
    count: int


class TimelineOut(BaseModel):
    filters: dict[str, Any]
    points: list[TimelinePointOut]


class SearchOut(BaseModel):
    q: str
    filters: dict[str, Any]
    statements: StatementItems
    speakers: SpeakerPage
    entities: EntityPage


class OverviewOut(BaseModel):
    n_documents: int
    n_statements: int
    n_speakers: int
    n_entities: int
    first_date: str | None
    last_date: str | None
    documents_per_month: list[TimelinePointOut]
    statements_per_month: list[TimelinePointOut]
    speakers_per_month: list[TimelinePointOut]


class IngestOut(BaseModel):
    ingested: str = Field(description="the name the upload was stored under")
    summary: dict[str, Any] = Field(description="the ingest report: accepted, duplicates, rejected, statements, rejects …")


def ok(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": "OK"}}

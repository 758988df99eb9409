"""The JSON API: read-only endpoints over the query service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from ..query import QueryService, StatementFilters
from .cache import CachedSummaries
from .errors import ApiError, error_responses
from . import schemas
from .params import DEFAULT_LIMIT, MAX_ID, DocumentRef, Limit, Offset, document_ref, filters_dict, statement_filters

router = APIRouter(prefix="/api", tags=["read"], responses=error_responses(400, 404, 422, 500))

Filters = Annotated[StatementFilters, Depends(statement_filters)]


def query_service(request: Request) -> QueryService:
    return request.app.state.backend.query


def summaries(request: Request) -> CachedSummaries:
    return request.app.state.backend.summaries


Service = Annotated[QueryService, Depends(query_service)]
Summaries = Annotated[CachedSummaries, Depends(summaries)]


@router.get("/statements", summary="Statements matching the filters", response_model=None, responses=schemas.ok(schemas.StatementPage))
def list_statements(qs: Service, filters: Filters, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    page = qs.statements(filters, limit=limit, offset=offset)
    return {**page.to_dict(), "filters": filters_dict(filters)}


@router.get("/search", summary="Full-text search: statements, plus speakers and entities whose names match", response_model=None, responses=schemas.ok(schemas.SearchOut))
def search(
    qs: Service,
    filters: Filters,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    if not filters.q:
        raise ApiError(400, "search needs a query: ?q=…")
    statements = qs.statements(filters, limit=limit, offset=offset)
    speakers = qs.speakers(q=filters.q, limit=10, offset=0)
    entities = qs.entities(q=filters.q, limit=10, offset=0)
    return {
        "q": filters.q,
        "filters": filters_dict(filters),
        "statements": statements.to_dict(),
        "speakers": speakers.to_dict(),
        "entities": entities.to_dict(),
    }


@router.get("/speakers", summary="Speakers with statement counts and first/last date", response_model=None, responses=schemas.ok(schemas.SpeakerPage))
def list_speakers(
    qs: Summaries,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias contains.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return qs.speakers(q=q or None, limit=limit, offset=offset).to_dict()


@router.get("/speakers/{speaker_id}", summary="One speaker: aliases, roles, top topics, entities and sources", response_model=None, responses=schemas.ok(schemas.SpeakerDetailOut))
def get_speaker(qs: Service, speaker_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    detail = qs.speaker(speaker_id)
    if detail is None:
        raise ApiError(404, f"no speaker with id {speaker_id}")
    return detail.to_dict()


@router.get("/documents/{document_id}", summary="One document: text, metadata and statements with their spans", response_model=None, responses=schemas.ok(schemas.DocumentOut))
def get_document(qs: Service, document_id: DocumentRef) -> dict[str, Any]:
    detail = qs.document(document_ref(document_id))
    if detail is None:
        raise ApiError(404, f"no document with id {document_id!r}")
    return detail.to_dict()


@router.get("/entities", summary="Named entities with mention and statement counts", response_model=None, responses=schemas.ok(schemas.EntityPage))
def list_entities(
    qs: Summaries,
    q: Annotated[str | None, Query(max_length=200, description="Name contains.")] = None,
    label: Annotated[str | None, Query(description="PER, ORG, LOC or MISC.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    if label and label not in ("PER", "ORG", "LOC", "MISC"):
        raise ApiError(400, f"label must be one of PER, ORG, LOC, MISC, got {label!r}")
    return qs.entities(q=q or None, label=label or None, limit=limit, offset=offset).to_dict()


@router.get("/topics", summary="Topics with statement counts", response_model=None, responses=schemas.ok(schemas.TopicPage))
def list_topics(qs: Summaries, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    topics = qs.topics()
    return {
        "items": [t.to_dict() for t in topics[offset : offset + limit]],
        "total": len(topics),
        "limit": limit,
        "offset": offset,
    }


@router.get("/timeline", summary="Statements per month for a speaker, entity, topic or query (any filters)", response_model=None, responses=schemas.ok(schemas.TimelineOut))
def timeline(qs: Service, filters: Filters) -> dict[str, Any]:
    points = qs.timeline(filters)
    return {"filters": filters_dict(filters), "points": [p.to_dict() for p in points]}


@router.get("/overview", summary="The corpus at a glance: counts and activity per month", response_model=None, responses=schemas.ok(schemas.OverviewOut))
def overview(qs: Summaries) -> dict[str, Any]:
    return qs.overview().to_dict()

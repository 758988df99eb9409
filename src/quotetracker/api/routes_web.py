"""Server-rendered pages. Each page names its JSON twin (``<link rel=alternate>`` and a link)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..model import STATEMENT_KINDS
from ..query import StatementFilters
from . import charts
from .errors import ApiError
from .highlight import highlight
from .params import DEFAULT_LIMIT, MAX_ID, DocumentRef, Limit, Offset, document_ref, filters_dict, has_filters, statement_filters
from .routes_api import Service, Summaries

router = APIRouter(include_in_schema=False)

Filters = Annotated[StatementFilters, Depends(statement_filters)]
PAGE_SIZE = 25


def render(request: Request, template: str, json_twin: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, {"json_twin": json_twin, **context})


def api_url(path: str, params: dict[str, Any] | None = None) -> str:
    params = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


def pager(path: str, params: dict[str, Any], total: int, limit: int, offset: int, lower_bound: bool = False) -> dict[str, Any]:
    """Links for previous/next pages keeping the other parameters (``lower_bound``: there are more than ``total``)."""
    prev_url = api_url(path, {**params, "limit": limit, "offset": max(0, offset - limit)}) if offset > 0 else None
    more = lower_bound or offset + limit < total
    next_url = api_url(path, {**params, "limit": limit, "offset": offset + limit}) if more else None
    return {
        "total": total,
        "lower_bound": lower_bound,
        "first": offset + 1 if total else 0,
        "last": offset + limit if lower_bound else min(offset + limit, total),
        "prev_url": prev_url,
        "next_url": next_url,
    }


def lead_of(text: str, limit: int = 90) -> str:
    """A heading for an untitled article: its first sentence, shortened at a word."""
    first = " ".join(text.split())
    for stop in (". ", "? ", "! "):
        if stop in first[: limit + 1]:
            first = first[: first.index(stop) + 1]
            break
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + " …"
    return first or "Untitled article"


@router.get("/", response_class=HTMLResponse)
def front_page(request: Request, qs: Service, cached: Summaries) -> HTMLResponse:
    ov = cached.overview()
    spec = charts.overview_spec(
        {"documents": ov.documents_per_month, "statements": ov.statements_per_month, "speakers": ov.speakers_per_month}
    )
    top_speakers = cached.speakers(limit=10, offset=0)
    topics = sorted(cached.topics(), key=lambda t: -t.n_statements)[:12]
    latest = qs.statements(StatementFilters(), limit=6, offset=0)
    return render(
        request,
        "index.html",
        "/api/overview",
        overview=ov,
        chart=spec,
        top_speakers=top_speakers.items,
        topics=topics,
        latest=latest.items,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, qs: Service, cached: Summaries, filters: Filters, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    params = filters_dict(filters)
    page = qs.statements(filters, limit=limit, offset=offset)
    timeline = qs.timeline(filters) if has_filters(filters) else []
    return render(
        request,
        "search.html",
        api_url("/api/statements", {**params, "limit": limit, "offset": offset}),
        filters=filters,
        params=params,
        page=page,
        pager=pager("/search", params, page.total, limit, offset, page.total_is_lower_bound),
        chart=charts.timeline_spec(timeline) if timeline else None,
        kinds=STATEMENT_KINDS,
        topics=cached.topics(),
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(
    request: Request,
    qs: Summaries,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    q = (q or "").strip() or None
    page = qs.speakers(q=q, limit=limit, offset=offset)
    return render(
        request,
        "speakers.html",
        api_url("/api/speakers", {"q": q, "limit": limit, "offset": offset}),
        q=q,
        page=page,
        pager=pager("/speakers", {"q": q}, page.total, limit, offset, page.total_is_lower_bound),
    )


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(
    request: Request, qs: Service, speaker_id: Annotated[int, Path(ge=1, le=MAX_ID)], limit: Limit = PAGE_SIZE, offset: Offset = 0
) -> HTMLResponse:
    detail = qs.speaker(speaker_id)
    if detail is None:
        raise ApiError(404, f"no speaker with id {speaker_id}")
    filters = StatementFilters(speaker=speaker_id)
    page = qs.statements(filters, limit=limit, offset=offset)
    return render(
        request,
        "speaker.html",
        f"/api/speakers/{speaker_id}",
        speaker=detail,
        chart=charts.timeline_spec(qs.timeline(filters), title="Statements per month"),
        page=page,
        pager=pager(f"/speakers/{speaker_id}", {}, page.total, limit, offset, page.total_is_lower_bound),
        statements_api=api_url("/api/statements", {"speaker": speaker_id}),
        timeline_api=api_url("/api/timeline", {"speaker": speaker_id}),
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, qs: Service, document_id: DocumentRef) -> HTMLResponse:
    doc = qs.document(document_ref(document_id))
    if doc is None:
        raise ApiError(404, f"no document with id {document_id!r}")
    statements = sorted(doc.statements, key=lambda s: (s.content_span.start if s.content_span else 0, s.id))
    marked = highlight(doc.text, statements, doc.entities, doc.dates)
    entity_links = list(dict.fromkeys((e.get("text") or "", e.get("label") or "") for e in doc.entities if e.get("text")))
    data = {
        str(s.id): {
            "id": s.id,
            "speaker": s.speaker or s.speaker_name,
            "speaker_id": s.speaker_id,
            "mention": s.speaker_mention,
            "kind": s.kind,
            "cue": s.cue,
            "content": s.content,
            "confidence": s.confidence,
            "topics": s.topics,
            "about": s.about,
        }
        for s in statements
    }
    return render(
        request,
        "document.html",
        f"/api/documents/{doc.id}",
        doc=doc,
        heading=doc.title or lead_of(doc.text),
        statements=statements,
        segments=marked.segments,
        entity_links=entity_links,
        statement_data=data,
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    qs: Summaries,
    q: Annotated[str | None, Query(max_length=200)] = None,
    label: Annotated[str | None, Query()] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    q = (q or "").strip() or None
    label = (label or "").strip() or None
    if label and label not in ("PER", "ORG", "LOC", "MISC"):
        raise ApiError(400, f"label must be one of PER, ORG, LOC, MISC, got {label!r}")
    page = qs.entities(q=q, label=label, limit=limit, offset=offset)
    return render(
        request,
        "entities.html",
        api_url("/api/entities", {"q": q, "label": label, "limit": limit, "offset": offset}),
        q=q,
        label=label,
        page=page,
        pager=pager("/entities", {"q": q, "label": label}, page.total, limit, offset, page.total_is_lower_bound),
    )


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, qs: Service, name: str, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    filters = StatementFilters(about=name)
    page = qs.statements(filters, limit=limit, offset=offset)
    matches = [e for e in qs.entities(q=name, limit=20, offset=0).items if e.name == name]
    if not matches and page.total == 0:
        raise ApiError(404, f"no entity named {name!r}")
    return render(
        request,
        "entity.html",
        api_url("/api/statements", {"about": name}),
        name=name,
        entity=matches[0] if matches else None,
        chart=charts.timeline_spec(qs.timeline(filters), title="Statements about it per month", color="#7c3aed"),
        page=page,
        pager=pager(f"/entities/{quote(name, safe='')}", {}, page.total, limit, offset, page.total_is_lower_bound),
        timeline_api=api_url("/api/timeline", {"about": name}),
    )


@router.get("/topics", response_class=HTMLResponse)
def topics_page(request: Request, qs: Summaries) -> HTMLResponse:
    topics = sorted(qs.topics(), key=lambda t: (-t.n_statements, t.label))
    return render(request, "topics.html", "/api/topics", topics=topics)


@router.get("/topics/{label:path}", response_class=HTMLResponse)
def topic_page(request: Request, qs: Service, cached: Summaries, label: str, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> HTMLResponse:
    topic = next((t for t in cached.topics() if t.label == label), None) or qs.topic(label)  # or its short name / id
    if topic is None:
        raise ApiError(404, f"no topic {label!r}")
    label = topic.label
    filters = StatementFilters(topic=label)
    page = qs.statements(filters, limit=limit, offset=offset)
    return render(
        request,
        "topic.html",
        api_url("/api/statements", {"topic": label}),
        topic=topic,
        chart=charts.timeline_spec(qs.timeline(filters), title="Statements per month", color="#059669"),
        page=page,
        pager=pager(f"/topics/{quote(label, safe='')}", {}, page.total, limit, offset, page.total_is_lower_bound),
        timeline_api=api_url("/api/timeline", {"topic": label}),
    )

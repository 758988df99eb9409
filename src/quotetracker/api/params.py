"""Query parameters shared by the API and the pages: statement filters and pagination."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Path, Query

from ..model import STATEMENT_KINDS, parse_date
from ..query import QueryError, StatementFilters, mentioned_date_range
from .errors import ApiError

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_OFFSET = 10_000_000
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL; larger ones cannot exist

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Number of items to skip.")]


def _clean(value: str | None) -> str | None:
    """Empty form fields mean 'no filter'."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _date(name: str, value: str | None) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None
    return parsed[0] if parsed else None


def _id(name: str, value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_ID:
        raise ApiError(400, f"{name} id out of range: {value}")
    return number


def statement_filters(
    speaker: Annotated[str | None, Query(description="Speaker name, any alias, or speaker id.")] = None,
    about: Annotated[str | None, Query(description="Who or what the statement mentions (any name form of a person).")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Full-text query over statement content.")] = None,
    kind: Annotated[str | None, Query(description="direct, indirect, mixed or reported.")] = None,
    since: Annotated[str | None, Query(description="YYYY[-MM[-DD]], inclusive.")] = None,
    until: Annotated[str | None, Query(description="YYYY[-MM[-DD]], inclusive.")] = None,
    source: Annotated[str | None, Query(description="Outlet.")] = None,
    topic: Annotated[str | None, Query(description="Topic label, keyword-topic name or id.")] = None,
    lang: Annotated[str | None, Query(description="Language code.")] = None,
    mentions_date: Annotated[
        str | None, Query(max_length=40, description="The document mentions a date in YYYY[-MM[-DD]] or FROM..TO (one end may be open).")
    ] = None,
) -> StatementFilters:
    kind = _clean(kind)
    if kind is not None and kind not in STATEMENT_KINDS:
        raise ApiError(400, f"kind must be one of {', '.join(STATEMENT_KINDS)}, got {kind!r}")
    speaker_value: str | int | None = _clean(speaker)
    if isinstance(speaker_value, str) and speaker_value.isdigit():
        speaker_value = _id("speaker", speaker_value)
    since_value, until_value = _date("since", since), _date("until", until)
    mentions_value = _clean(mentions_date)
    if mentions_value is not None:
        try:
            mentioned_date_range(mentions_value)
        except QueryError as exc:
            raise ApiError(400, f"mentions_date must be YYYY[-MM[-DD]] or FROM..TO: {exc}") from None
    return StatementFilters(
        speaker=speaker_value,
        about=_clean(about),
        q=_clean(q),
        kind=kind,
        since=since_value,
        until=until_value,
        source=_clean(source),
        topic=_clean(topic),
        lang=_clean(lang),
        mentions_date=mentions_value,
    )


def filters_dict(filters: StatementFilters) -> dict[str, Any]:
    """The filters that are set, as query parameters."""
    return {k: v for k, v in asdict(filters).items() if v is not None}


def has_filters(filters: StatementFilters) -> bool:
    return bool(filters_dict(filters))


DocumentRef = Annotated[
    str,
    Path(max_length=512, description="The document's numeric id, or its external id (doc_key) when that is not all digits."),
]


def document_ref(value: str) -> int | str:
    """Digits are a database id; anything else is the document's external id."""
    return _id("document", value) if value.isdigit() else value

"""What the app runs on: a tracker (query service + ingest) resolved from a URL or object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..query import QueryService
from .cache import CachedSummaries, SummaryCache


@dataclass(slots=True)
class Backend:
    query: QueryService
    tracker: Any | None  # has ``ingest(paths)``; None when only a query service was given
    cache: SummaryCache = field(default_factory=SummaryCache)

    @property
    def summaries(self) -> CachedSummaries:
        return CachedSummaries(self.query, self.cache)

    @property
    def can_ingest(self) -> bool:
        return self.tracker is not None and hasattr(self.tracker, "ingest")


def resolve_backend(url_or_tracker: Any) -> Backend:
    """Accept a database URL (or None for the default), a tracker or a bare query service."""
    if url_or_tracker is None or isinstance(url_or_tracker, str):
        import quotetracker

        tracker = quotetracker.open(url_or_tracker)
        return Backend(query=tracker.query, tracker=tracker)
    if hasattr(url_or_tracker, "query") and not callable(getattr(url_or_tracker, "query")):
        return Backend(query=url_or_tracker.query, tracker=url_or_tracker)
    if hasattr(url_or_tracker, "statements") and hasattr(url_or_tracker, "overview"):
        return Backend(query=url_or_tracker, tracker=None)
    raise TypeError(f"create_app needs a database URL, a tracker or a QueryService, not {type(url_or_tracker).__name__}")

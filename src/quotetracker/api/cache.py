"""A short-lived cache for corpus-wide summaries (overview, topic list, top speakers and entities).

They are aggregates over every statement, slow on large databases and unchanged until the
next ingest, yet every front page needs them. Entries live ``ttl`` seconds and are dropped
when this app ingests; an ingest by another process shows up after at most ``ttl`` seconds.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Hashable


class SummaryCache:
    def __init__(self, ttl: float = 30.0, max_entries: int = 256):
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and now - hit[0] < self.ttl:
                return hit[1]
        value = compute()  # outside the lock: a slow aggregate must not block other requests
        with self._lock:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[key] = (time.monotonic(), value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class CachedSummaries:
    """The QueryService calls worth caching, keyed by their arguments."""

    def __init__(self, query: Any, cache: SummaryCache):
        self.query = query
        self.cache = cache

    def overview(self):
        return self.cache.get(("overview",), self.query.overview)

    def topics(self):
        return self.cache.get(("topics",), self.query.topics)

    def speakers(self, q: str | None = None, limit: int = 50, offset: int = 0):
        if q:  # name searches are narrow and varied: not worth keeping
            return self.query.speakers(q=q, limit=limit, offset=offset)
        return self.cache.get(("speakers", limit, offset), lambda: self.query.speakers(limit=limit, offset=offset))

    def entities(self, q: str | None = None, label: str | None = None, limit: int = 50, offset: int = 0):
        if q:
            return self.query.entities(q=q, label=label, limit=limit, offset=offset)
        return self.cache.get(("entities", label, limit, offset), lambda: self.query.entities(label=label, limit=limit, offset=offset))

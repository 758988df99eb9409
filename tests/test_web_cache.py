"""The summary cache: slow corpus-wide aggregates computed once per TTL, not per request."""

from __future__ import annotations

from quotetracker.api.cache import CachedSummaries, SummaryCache


class CountingQuery:
    def __init__(self):
        self.calls = {"overview": 0, "speakers": 0}

    def overview(self):
        self.calls["overview"] += 1
        return {"n": self.calls["overview"]}

    def speakers(self, q=None, limit=50, offset=0):
        self.calls["speakers"] += 1
        return (q, limit, offset)


def test_repeated_calls_hit_the_query_service_once():
    q = CountingQuery()
    cached = CachedSummaries(q, SummaryCache(ttl=60))
    assert cached.overview() == cached.overview() == {"n": 1}
    cached.speakers(limit=10)
    cached.speakers(limit=10)
    cached.speakers(limit=20)
    assert q.calls == {"overview": 1, "speakers": 2}


def test_name_searches_and_a_zero_ttl_are_never_cached():
    q = CountingQuery()
    cached = CachedSummaries(q, SummaryCache(ttl=60))
    cached.speakers(q="Pes")
    cached.speakers(q="Pes")
    off = CachedSummaries(q, SummaryCache(ttl=0))
    off.overview()
    off.overview()
    assert q.calls == {"overview": 2, "speakers": 2}


def test_clear_forgets_everything():
    q = CountingQuery()
    cache = SummaryCache(ttl=60)
    cached = CachedSummaries(q, cache)
    cached.overview()
    cache.clear()
    assert cached.overview() == {"n": 2}

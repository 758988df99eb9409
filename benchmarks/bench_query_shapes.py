"""QueryService-only latency (SQL + records, no HTTP) of the API benchmark's query shapes.

    python benchmarks/bench_query_shapes.py sqlite:////tmp/qtbench/bench_1000000.db [--repeats 20] [--only "kind + source"] [-v]

Uses the queries of bench_api.py (same corpus, same parameters) and calls the service directly, so the
figures show the database work without routing and JSON. Prints p50/p95/best per shape; ``-v`` also
prints each SQL statement of the best run with its time. Opening the database applies pending migrations
(``--no-migrate``: not, to time older code on a copy of the database at its older revision).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import COMMON_WORDS, RARE_WORDS, Corpus, p95, queries  # noqa: E402


def timeline_queries(corpus: Corpus) -> list[tuple[str, str, dict]]:
    """Timelines of the web search page (full text, alone and with the statements' own columns)."""
    top_speaker = corpus.speakers[0]
    return [
        ("timeline, full text common word", "/api/timeline", {"q": COMMON_WORDS[0]}),
        ("timeline, full text rare word", "/api/timeline", {"q": RARE_WORDS[1]}),
        ("timeline, full text + since/until", "/api/timeline", {"q": COMMON_WORDS[0], "since": "2018", "until": "2020-06"}),
        ("timeline, full text + speaker", "/api/timeline", {"q": COMMON_WORDS[2], "speaker": top_speaker}),
        ("timeline, full text + kind", "/api/timeline", {"q": COMMON_WORDS[0], "kind": "direct"}),
    ]


def _call(qs, path: str, params: dict):
    from quotetracker.query import StatementFilters

    p = dict(params)
    if path == "/api/timeline":
        return qs.timeline(StatementFilters(**p))
    if path == "/api/statements":
        limit, offset = p.pop("limit", 50), p.pop("offset", 0)
        return qs.statements(StatementFilters(**p), limit=limit, offset=offset)
    return None  # /api/search combines several services; bench_api.py times it


def _size(result) -> str:
    if isinstance(result, list):
        return f"{len(result)} points"
    return result.total_label


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--only", action="append", default=[], help="a query name (substring); repeatable")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--no-migrate", action="store_true", help="open the database as it is (time older code on an older schema)")
    args = ap.parse_args(argv)

    from sqlalchemy import event

    from quotetracker.query import QueryService
    from quotetracker.store import Store

    if args.no_migrate:
        from types import SimpleNamespace

        from quotetracker.store.engine import create_engine

        store = SimpleNamespace(engine=create_engine(args.url))
    else:
        store = Store(args.url)
    qs = QueryService(store)
    log: list[tuple[float, str]] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        conn.info["t0"] = time.perf_counter()

    @event.listens_for(store.engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        log.append(((time.perf_counter() - conn.info["t0"]) * 1000, " ".join(statement.split())[:160]))

    print(f"{'query':45s} {'matches':>12s} {'p50 ms':>8s} {'p95 ms':>8s} {'best ms':>8s}")
    corpus = Corpus()
    for name, path, params in queries(corpus) + timeline_queries(corpus):
        if args.only and not any(o in name for o in args.only):
            continue
        if _call(qs, path, params) is None:  # warm-up; skip what the service alone does not answer
            continue
        times, best_log, result = [], None, None
        for _ in range(args.repeats):
            log.clear()
            t0 = time.perf_counter()
            result = _call(qs, path, params)
            ms = (time.perf_counter() - t0) * 1000
            if not times or ms < min(times):
                best_log = list(log)
            times.append(ms)
        times.sort()
        print(f"{name:45s} {_size(result):>12s} {statistics.median(times):8.1f} {p95(times):8.1f} {times[0]:8.1f}", flush=True)
        if args.verbose:
            for ms, sql in best_log or []:
                print(f"      {ms:7.1f}  {sql}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

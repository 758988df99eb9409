"""Latency of the HTTP API over a large synthetic SQLite (or PostgreSQL) database.

    python benchmarks/bench_api.py --sizes 100000 1000000 [--db-dir /tmp/qtbench] [--append-results]

Builds (or reuses) one database per size through the real write path
(``ingest_records`` → ``Store.write_batch``, search normalisation, speaker
resolution) with a synthetic extractor, so only NLP is skipped: documents are
generated with their statements' spans already known. Then it times requests
through the whole FastAPI app in-process (routing, QueryService, JSON) and prints
p50/p95 per query; ``--append-results`` appends a table to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from quotetracker.model import Document, EntityMention, Extraction, Span, Statement

STATEMENTS_PER_DOC = 4
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

# Real words for the queries, spread over the synthetic vocabulary at different frequencies.
COMMON_WORDS = ["Regierung", "Sanktionen", "Gespräche", "Zukunft", "Verantwortung"]
RARE_WORDS = ["Fährverbindung", "Wasserstoffstrategie", "Hafenbecken"]
CUES = ["sagte", "erklärte", "betonte", "kritisierte", "warnte"]
KINDS = ["direct", "indirect", "mixed", "reported"]
TOPICS = [f"Thema{i:02d}" for i in range(20)]


def _syllable_words(rng: random.Random, n: int, min_syl: int = 2, max_syl: int = 4) -> list[str]:
    syl = ["ka", "lo", "mi", "ner", "sta", "bu", "ren", "ti", "gor", "wal", "de", "fin", "hal", "mo", "ster", "un", "ver", "zei", "ach", "ol"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syl) for _ in range(rng.randint(min_syl, max_syl))))
    return sorted(words)


class Corpus:
    """Deterministic synthetic news: Zipf-distributed words, recurring speakers, entities and outlets."""

    def __init__(self, seed: int = 7):
        rng = random.Random(seed)
        self.vocab = _syllable_words(rng, 6000)
        # insert the query words at fixed Zipf ranks: common ones near the top, rare ones deep in the tail
        for rank, w in zip((3, 10, 30, 60, 100), COMMON_WORDS):
            self.vocab.insert(rank, w)
        for rank, w in zip((3000, 4500, 5900), RARE_WORDS):
            self.vocab.insert(rank, w)
        self.cum_weights = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.vocab))))
        firsts = [w.capitalize() for w in _syllable_words(rng, 300, 2, 2)]
        lasts = [w.capitalize() for w in _syllable_words(rng, 1500, 2, 3)]
        self.speakers = sorted({f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(2500)})[:2000]
        self.speaker_cum_weights = list(itertools.accumulate(1.0 / (r + 1) ** 0.8 for r in range(len(self.speakers))))
        self.entities = [w.capitalize() for w in _syllable_words(rng, 500, 2, 3)]
        self.outlets = [f"{w.capitalize()} Zeitung" for w in _syllable_words(rng, 30, 2, 2)]

    def document(self, i: int) -> tuple[Document, Extraction]:
        rng = random.Random(i)
        year = 2015 + rng.randrange(10)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        parts: list[str] = [f"Bericht {i}. "]
        pos = len(parts[0])
        statements: list[Statement] = []
        entities: list[EntityMention] = []
        for _ in range(STATEMENTS_PER_DOC):
            words = rng.choices(self.vocab, cum_weights=self.cum_weights, k=rng.randint(8, 16))
            ent = rng.choice(self.entities)
            words.insert(rng.randrange(len(words)), ent)
            content = " ".join(words)
            speaker = rng.choices(self.speakers, cum_weights=self.speaker_cum_weights)[0]
            cue = rng.choice(CUES)
            sentence = f'"{content}", {cue} {speaker}. '
            c0 = pos + 1
            cue0 = c0 + len(content) + 3
            sp0 = cue0 + len(cue) + 1
            e0 = c0 + content.index(ent)
            mention = EntityMention(Span(e0, e0 + len(ent)), "ORG", ent)
            entities.append(mention)
            statements.append(
                Statement(
                    content=Span(c0, c0 + len(content)),
                    kind=rng.choice(KINDS),
                    cue=Span(cue0, cue0 + len(cue)),
                    speaker=Span(sp0, sp0 + len(speaker)),
                    speaker_name=speaker,
                    speaker_label="PER",
                    confidence=0.9,
                    about=[mention],
                    topics=[rng.choice(TOPICS)],
                )
            )
            parts.append(sentence)
            pos += len(sentence)
        text = "".join(parts)
        doc = Document(text=text, id=f"bench-{i}", date=date, lang="de", source=rng.choice(self.outlets), title=f"Bericht {i}")
        return doc, Extraction(document=doc, lang="de", statements=statements, entities=entities, topics=[])


def build(url: str, n_statements: int, batch_size: int = 2000) -> float:
    import quotetracker
    from quotetracker.ingest import ingest_records

    corpus = Corpus()
    n_docs = n_statements // STATEMENTS_PER_DOC
    extractions: dict[str, Extraction] = {}

    def docs():
        for i in range(n_docs):
            doc, ex = corpus.document(i)
            extractions[doc.content_hash] = ex
            yield doc

    def extract(batch):  # the synthetic "extractor": the spans were made with the text
        return [extractions.pop(d.content_hash) for d in batch]

    last = [time.perf_counter()]

    def progress(report):
        now = time.perf_counter()
        if now - last[0] > 30:
            print(f"  … {report.accepted:,} documents, {report.statements:,} statements, {report.seconds:.0f} s", flush=True)
            last[0] = now

    started = time.perf_counter()
    with quotetracker.open(url) as qt:
        report = ingest_records(qt.store, docs(), extract=extract, batch_size=batch_size, on_progress=progress, resolve=False)
        written = time.perf_counter() - started
        n_speakers = store_identities(qt.store)
    seconds = time.perf_counter() - started
    print(
        f"built {report.accepted:,} documents / {report.statements:,} statements / {n_speakers:,} speakers in {seconds:.0f} s"
        f" (documents and statements {written:.0f} s, identities {seconds - written:.0f} s)"
    )
    return seconds


def store_identities(store) -> int:
    """One identity per synthetic speaker name, written by the store's identity path.

    The real resolver (name parsing, role tables) is skipped: its cost is a property of
    resolution, benchmarked elsewhere, and the synthetic names need no resolving.
    """
    from quotetracker.resolve import Identity, normalize_name

    by_name: dict[str, Identity] = {}
    for m in store.speaker_mentions():
        if not m.name:
            continue
        ident = by_name.get(m.name)
        if ident is None:
            ident = by_name[m.name] = Identity(key=normalize_name(m.name), canonical=m.name, aliases={m.name})
        ident.statement_ids.append(m.statement_id)
    store.replace_identities(list(by_name.values()))
    return len(by_name)


def grow_sqlite(src: Path, dst: Path, factor: int) -> float:
    """``factor`` copies of the database at ``src`` in ``dst``: a quick way to 10x a built corpus.

    Rows are copied inside SQLite (INSERT … SELECT with shifted ids and a copy suffix on
    the document key and hash); the store's own FTS triggers index every copied statement.
    Speakers, entities and topics are shared, as they would be in a larger real corpus.
    """
    import shutil
    import sqlite3

    started = time.perf_counter()
    shutil.copyfile(src, dst)
    con = sqlite3.connect(dst)
    max_doc = con.execute("SELECT max(id) FROM documents").fetchone()[0]
    max_st = con.execute("SELECT max(id) FROM statements").fetchone()[0]
    max_em = con.execute("SELECT max(id) FROM entity_mentions").fetchone()[0] or 0

    def columns(table: str) -> list[str]:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]

    doc_cols = [c for c in columns("documents") if c not in ("id", "doc_key", "content_hash")]
    st_cols = [c for c in columns("statements") if c not in ("id", "document_id")]
    em_cols = [c for c in columns("entity_mentions") if c not in ("id", "document_id", "statement_id")]
    for k in range(1, factor):
        con.execute(
            f"INSERT INTO documents (id, doc_key, content_hash, {', '.join(doc_cols)}) "
            f"SELECT id + {k * max_doc}, doc_key || '-x{k}', content_hash || '-x{k}', {', '.join(doc_cols)} FROM documents WHERE id <= {max_doc}"
        )
        con.execute(
            f"INSERT INTO statements (id, document_id, {', '.join(st_cols)}) "
            f"SELECT id + {k * max_st}, document_id + {k * max_doc}, {', '.join(st_cols)} FROM statements WHERE id <= {max_st}"
        )
        con.execute(
            f"INSERT INTO entity_mentions (id, document_id, statement_id, {', '.join(em_cols)}) "
            f"SELECT id + {k * max_em}, document_id + {k * max_doc}, statement_id + {k * max_st}, {', '.join(em_cols)} "
            f"FROM entity_mentions WHERE id <= {max_em}"
        )
        con.execute(
            f"INSERT INTO statement_topics (statement_id, topic_id) SELECT statement_id + {k * max_st}, topic_id "
            f"FROM statement_topics WHERE statement_id <= {max_st}"
        )
        con.commit()
        print(f"  … copy {k + 1}/{factor}", flush=True)
    con.execute("ANALYZE")
    con.commit()
    con.close()
    return time.perf_counter() - started


def grow_pg(base_url: str, src: str, dst: str, factor: int) -> float:
    """Like :func:`grow_sqlite` on PostgreSQL: ``CREATE DATABASE dst TEMPLATE src``, then copies inside it.

    The generated ``search_tsv`` column and its GIN index are filled by PostgreSQL itself.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    started = time.perf_counter()
    admin = create_engine(make_url(base_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{dst}"'))
        conn.execute(text(f'CREATE DATABASE "{dst}" TEMPLATE "{src}"'))
    admin.dispose()
    engine = create_engine(make_url(base_url).set(database=dst))

    def columns(conn, table: str, skip: tuple[str, ...]) -> list[str]:
        rows = conn.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = :t AND is_generated = 'NEVER' "
                "ORDER BY ordinal_position"
            ),
            {"t": table},
        ).scalars()
        return [f'"{c}"' for c in rows if c not in skip]

    with engine.begin() as conn:
        max_doc = conn.execute(text("SELECT max(id) FROM documents")).scalar()
        max_st = conn.execute(text("SELECT max(id) FROM statements")).scalar()
        max_em = conn.execute(text("SELECT coalesce(max(id), 0) FROM entity_mentions")).scalar()
        doc_cols = columns(conn, "documents", ("id", "doc_key", "content_hash"))
        st_cols = columns(conn, "statements", ("id", "document_id"))
        em_cols = columns(conn, "entity_mentions", ("id", "document_id", "statement_id"))
    for k in range(1, factor):
        with engine.begin() as conn:
            conn.execute(text(
                f"INSERT INTO documents (id, doc_key, content_hash, {', '.join(doc_cols)}) "
                f"SELECT id + {k * max_doc}, doc_key || '-x{k}', substr(content_hash, 1, 60) || '-x{k}', {', '.join(doc_cols)} FROM documents WHERE id <= {max_doc}"
            ))
            conn.execute(text(
                f"INSERT INTO statements (id, document_id, {', '.join(st_cols)}) "
                f"SELECT id + {k * max_st}, document_id + {k * max_doc}, {', '.join(st_cols)} FROM statements WHERE id <= {max_st}"
            ))
            conn.execute(text(
                f"INSERT INTO entity_mentions (id, document_id, statement_id, {', '.join(em_cols)}) "
                f"SELECT id + {k * max_em}, document_id + {k * max_doc}, statement_id + {k * max_st}, {', '.join(em_cols)} "
                f"FROM entity_mentions WHERE id <= {max_em}"
            ))
            conn.execute(text(
                f"INSERT INTO statement_topics (statement_id, topic_id) SELECT statement_id + {k * max_st}, topic_id "
                f"FROM statement_topics WHERE statement_id <= {max_st}"
            ))
        print(f"  … copy {k + 1}/{factor}", flush=True)
    with engine.begin() as conn:
        for table in ("documents", "statements", "entity_mentions"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def pg_size_mb(url: str) -> float:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    engine.dispose()
    return size / 1e6


def pg_database(base_url: str, name: str, size: int) -> tuple[str, bool]:
    """The URL of database ``name`` on the server of ``base_url`` (created when missing) and whether it holds ``size`` statements."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(base_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar() is not None
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    if not exists:
        return url, False
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            filled = conn.execute(text("SELECT count(*) FROM statements")).scalar() >= size
    except Exception:  # created but never migrated
        filled = False
    engine.dispose()
    return url, filled


def queries(corpus: Corpus) -> list[tuple[str, str, dict]]:
    top_speaker, mid_speaker = corpus.speakers[0], corpus.speakers[150]
    return [
        ("statements, no filter", "/api/statements", {"limit": 50}),
        ("statements, speaker (frequent)", "/api/statements", {"speaker": top_speaker}),
        ("statements, speaker (mid) + since/until", "/api/statements", {"speaker": mid_speaker, "since": "2018", "until": "2020-06"}),
        ("statements, about entity", "/api/statements", {"about": corpus.entities[42]}),
        ("statements, kind + source", "/api/statements", {"kind": "direct", "source": corpus.outlets[3]}),
        ("statements, topic + since", "/api/statements", {"topic": TOPICS[5], "since": "2023"}),
        ("statements, offset 10000", "/api/statements", {"offset": 10000, "limit": 50}),
        ("full text, common word", "/api/statements", {"q": COMMON_WORDS[0]}),
        ("full text, rare word", "/api/statements", {"q": RARE_WORDS[1]}),
        ("full text, two words", "/api/statements", {"q": f"{COMMON_WORDS[1]} {COMMON_WORDS[3]}"}),
        ("full text + speaker", "/api/statements", {"q": COMMON_WORDS[2], "speaker": top_speaker}),
        ("/api/search (statements+speakers+entities)", "/api/search", {"q": COMMON_WORDS[4]}),
        ("timeline, speaker", "/api/timeline", {"speaker": top_speaker}),
    ]


def p95(sorted_times: list[float]) -> float:
    """Nearest-rank 95th percentile of already sorted samples."""
    return sorted_times[min(len(sorted_times) - 1, int(round(0.95 * (len(sorted_times) - 1))))]


def measure(url: str, repeats: int, budget_s: float = 30.0, min_repeats: int = 5) -> list[dict]:
    from fastapi.testclient import TestClient

    from quotetracker.api import create_app

    corpus = Corpus()
    rows = []
    with TestClient(create_app(url, token="")) as client:
        for name, path, params in queries(corpus):
            r = client.get(path, params=params)  # warm-up (and a correctness check)
            assert r.status_code == 200, (name, r.status_code, r.text[:200])
            body = r.json()
            page = body if "total" in body else body.get("statements", {})
            total = page.get("total", len(body.get("points", [])))
            more = "+" if page.get("total_is_lower_bound") else ""  # capped totals (query.TOTAL_CAP)
            times = []
            spent = time.perf_counter()
            for i in range(repeats):  # slow queries stop after the time budget, with at least min_repeats samples
                if i >= min_repeats and time.perf_counter() - spent > budget_s:
                    break
                t0 = time.perf_counter()
                client.get(path, params=params).raise_for_status()
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p50 = statistics.median(times)
            p95_ms = p95(times)
            rows.append({"query": name, "matches": f"{total:,}{more}", "n": len(times), "p50_ms": p50, "p95_ms": p95_ms})
            print(f"  {name:45s} matches={total:>9,}{more or ' '} n={len(times):3d}  p50={p50:8.1f} ms  p95={p95_ms:8.1f} ms", flush=True)
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores visible (shared; load average {load} when written), "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def append_results(results: dict[int, dict], backend: str, repeats: int, budget_s: float, note: str) -> None:
    lines = [
        "",
        f"## API latency ({backend}) — {dt.date.today().isoformat()}",
        "",
        f"`python benchmarks/bench_api.py` on {machine()}. In-process FastAPI TestClient (routing + QueryService + JSON),",
        f"up to {repeats} timed requests per query after one warm-up (fewer when a query exceeds its {budget_s:.0f} s budget; see 'requests'), page size 50. Synthetic corpus: {STATEMENTS_PER_DOC} statements",
        "per document, 2000 speakers (Zipf), 500 entities, 30 outlets, 20 topics, 2015–2024; written through ingest_records/Store.write_batch.",
    ]
    if note:
        lines += ["", note]
    for size, res in results.items():
        built = f"built by {res['how']} in {res['build_s']:.0f} s" if res["build_s"] else "database reused"
        lines += ["", f"**{size:,} statements** ({built}; database {res['db_mb']:.0f} MB)", ""]
        lines += ["| query | matches | requests | p50 ms | p95 ms |", "|---|---:|---:|---:|---:|"]
        for r in res["rows"]:
            lines.append(f"| {r['query']} | {r['matches']} | {r['n']} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} |")
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="numbers of statements")
    ap.add_argument("--db-dir", default="/tmp/qtbench", help="where the SQLite files go (reused when present)")
    ap.add_argument("--pg", default=None, help="a PostgreSQL base URL instead of SQLite (one database per size, reused)")
    ap.add_argument("--repeats", type=int, default=40)
    ap.add_argument("--budget-s", type=float, default=30.0, help="stop timing a query after this many seconds (at least 5 requests)")
    ap.add_argument(
        "--grow-from", type=int, default=None, help="build larger SQLite sizes by replicating the database of this size (see grow_sqlite)"
    )
    ap.add_argument("--append-results", action="store_true")
    ap.add_argument("--note", default="", help="a line added to RESULTS.md")
    args = ap.parse_args(argv)

    results: dict[int, dict] = {}
    for size in args.sizes:
        filled = False
        if args.pg:
            url, filled = pg_database(args.pg, f"qt_bench_{size}", size)
            path = None
        else:
            Path(args.db_dir).mkdir(parents=True, exist_ok=True)
            path = Path(args.db_dir) / f"bench_{size}.db"
            url = f"sqlite:///{path}"
        build_s = 0.0
        how = "ingest_records"
        base = Path(args.db_dir) / f"bench_{args.grow_from}.db" if args.grow_from else None
        if args.pg and args.grow_from and not filled and size > args.grow_from:
            factor = size // args.grow_from
            print(f"growing qt_bench_{args.grow_from} x{factor} into qt_bench_{size}", flush=True)
            build_s = grow_pg(args.pg, f"qt_bench_{args.grow_from}", f"qt_bench_{size}", factor)
            how = f"{factor} copies of the {args.grow_from:,} database"
        elif path is not None and not path.exists() and base is not None and base.exists() and size > args.grow_from:
            factor = size // args.grow_from
            print(f"growing {base} x{factor} into {path}", flush=True)
            build_s = grow_sqlite(base, path, factor)
            how = f"{factor} copies of the {args.grow_from:,} database"
        elif (path is None and not filled) or (path is not None and not path.exists()):
            print(f"building {size:,} statements into {url}", flush=True)
            build_s = build(url, size)
        else:
            print(f"reusing {path or url}")
        print(f"measuring {size:,} statements", flush=True)
        rows = measure(url, args.repeats, args.budget_s)
        results[size] = {"rows": rows, "build_s": build_s, "how": how, "db_mb": path.stat().st_size / 1e6 if path else pg_size_mb(url)}
    if args.append_results:
        append_results(results, "PostgreSQL" if args.pg else "SQLite", args.repeats, args.budget_s, args.note)
    return 0


if __name__ == "__main__":
    sys.exit(main())

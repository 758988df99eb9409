"""Kill an ingest with SIGKILL at a random batch, rerun it, and compare with an uninterrupted run.

The killed ``quotetracker ingest`` runs in a subprocess. With
``QUOTETRACKER_TRACE_BATCHES=1`` it prints one stderr line per committed batch;
the test reads those lines (no sleeping) and kills the process right after a
randomly chosen one, i.e. somewhere in the middle of the following batches.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, select

from quotetracker.ingest import ingest
from quotetracker.store import Store
from quotetracker.store.schema import documents, statements

N_DOCS = 600
BATCH = 5
_REFERENCES: dict = {}  # the uninterrupted run does not depend on the database under test


def write_corpus(path, n: int):
    rng = random.Random(1234)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            quotes = " ".join(f"Person {i}-{j} sagte: „Aussage {j} zu Vorgang {rng.randint(1, 10**6)}.“" for j in range(rng.randint(0, 3)))
            doc = {"id": f"c{i}", "date": f"20{10 + i % 12}-{1 + i % 12:02d}", "source": "Probeblatt", "lang": "xx",
                   "text": f"Meldung {i}. {quotes} Weitere Details folgen."}  # fmt: skip
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def snapshot(url: str):
    engine = create_engine(url)
    with engine.connect() as conn:
        docs = sorted(
            conn.execute(select(documents.c.content_hash, documents.c.doc_key, documents.c.date, documents.c.source, documents.c.text, documents.c.lang)).all()
        )
        sts = sorted(
            conn.execute(
                select(
                    documents.c.content_hash, statements.c.seq, statements.c.content_start, statements.c.content_end,
                    statements.c.cue_start, statements.c.speaker_start, statements.c.kind, statements.c.speaker_name,
                    statements.c.search_text,
                ).join(documents, documents.c.id == statements.c.document_id)
            ).all()
        )  # fmt: skip
    engine.dispose()
    return [tuple(r) for r in docs], [tuple(r) for r in sts]


def run_cli(args, **kw):
    env = dict(os.environ, QUOTETRACKER_TRACE_BATCHES="1", PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "quotetracker", *args], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, **kw)


def kill_after_batches(args, n_batches: int) -> int:
    """Start the CLI, SIGKILL it right after it reports ``n_batches`` committed batches; returns batches seen."""
    proc = run_cli(args)
    seen = 0
    try:
        for line in proc.stderr:
            if line.startswith("batch committed"):
                seen += 1
                if seen >= n_batches:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
    finally:
        proc.wait(timeout=120)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"ingest ended by itself (rc={proc.returncode}) before the kill"
    return seen


def check_kill_and_resume(corpus, url, reference_url, rng_seed, extra_args=(), n_docs=N_DOCS, batch=BATCH):
    rng = random.Random(rng_seed)
    n_batches = -(-n_docs // batch)
    kill_at = rng.randint(2, max(3, n_batches // 2))
    print(f"seed {rng_seed}: SIGKILL after batch {kill_at} of {n_batches}")

    # reference: one uninterrupted in-process run with the same options (computed once per corpus)
    cache_key = (corpus.read_bytes() if corpus.stat().st_size < 10**6 else str(corpus), tuple(extra_args), batch)
    if cache_key not in _REFERENCES:
        ref_store = Store(reference_url)
        kwargs = {"lang": extra_args[extra_args.index("--lang") + 1]} if "--lang" in extra_args else {}
        ingest(ref_store, [str(corpus)], batch_size=batch, resolve=False, **kwargs)
        ref_store.close()
        _REFERENCES[cache_key] = snapshot(reference_url)
    reference = _REFERENCES[cache_key]
    assert len(reference[0]) == n_docs

    args = ["ingest", str(corpus), "--db", url, "--batch-size", str(batch), "--no-progress", "--no-resolve", *extra_args]
    kill_after_batches(args, kill_at)
    partial_docs, partial_sts = snapshot(url)
    assert kill_at * batch <= len(partial_docs) < n_docs
    # atomic batches: every stored document has all of its statements, nothing more
    ref_by_doc: dict[str, int] = {}
    for row in reference[1]:
        ref_by_doc[row[0]] = ref_by_doc.get(row[0], 0) + 1
    got_by_doc: dict[str, int] = {}
    for row in partial_sts:
        got_by_doc[row[0]] = got_by_doc.get(row[0], 0) + 1
    for h, *_ in partial_docs:
        assert got_by_doc.get(h, 0) == ref_by_doc.get(h, 0)

    rerun = subprocess.run([sys.executable, "-m", "quotetracker", *args], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(url) == reference


def test_sigkill_then_rerun_equals_uninterrupted(db_url, tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", N_DOCS)
    seed = int(os.environ.get("QUOTETRACKER_CRASH_SEED", random.randrange(10**6)))
    check_kill_and_resume(corpus, db_url, f"sqlite:///{tmp_path / 'reference.db'}", seed)


@pytest.mark.shared
@pytest.mark.slow
def test_sigkill_on_shared_news_corpus(db_url, tmp_path, shared_dir):
    """The real corpus (../shared/corpus/de_news.jsonl), extracted with the quote-mark engine (--lang xx) to stay fast."""
    corpus = shared_dir / "corpus" / "de_news.jsonl"
    n_docs = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    seed = int(os.environ.get("QUOTETRACKER_CRASH_SEED", random.randrange(10**6)))
    check_kill_and_resume(
        corpus, db_url, f"sqlite:///{tmp_path / 'reference.db'}", seed, extra_args=("--lang", "xx"), n_docs=n_docs, batch=25
    )

"""Throughput per stage and end to end, single process and on 1 / 2 / N Dask workers.

Usage:
    python benchmarks/bench_pipeline.py [--sample 100] [--workers 1,2] [--no-dask] [--append]

Corpus: ../shared/corpus/de_news.jsonl (or --corpus). ``--sample N`` takes N
documents evenly spaced over the file (the file is sorted by source and date, so
the first N would be one kind of article); 0 means all of it. Reading is
measured on the whole file, the other stages on the sample.

Stages (one process, models loaded first and timed apart):
  read      quotetracker.io.read_inputs (JSON decoding, validation, language given)
  nlp       the German spaCy pipeline (nlp.pipe)
  extract   the statement rules over the parsed documents
  enrich    dates, about-entities, topics
  store     Store.write_batch in batches of 100 into a fresh SQLite file, then speaker resolution
  e2e       quotetracker.ingest.ingest of the sample file into a fresh SQLite file (warm models)
Dask: dask_ingest of the sample with 1, 2, … worker processes (LocalCluster, one
thread each, models preloaded by a worker plugin before the clock starts).

Words are whitespace-separated tokens (``Document.n_words``). Wall-clock rates
depend on what else runs on the machine, so CPU seconds are measured too
(process CPU time; for Dask, the workers' CPU time via getrusage): words per
CPU second is the per-core rate on an idle core. The load average is recorded.
``--append`` adds the results to benchmarks/RESULTS.md with machine, date and commit.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core per process: set before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_CORPUS, RESULTS, ROOT, header, load, publish  # noqa: E402


# -- measuring ------------------------------------------------------------------------------


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


@dataclass
class Stage:
    name: str
    docs: int
    words: int
    wall: float
    cpu: float
    cores: int = 1
    note: str = ""

    def row(self) -> str:
        per_core = self.words / self.wall / self.cores if self.wall else 0
        per_cpu = self.words / self.cpu if self.cpu else 0
        return (
            f"| {self.name} | {self.docs} | {self.words} | {self.cores} | {self.wall:.1f} | {self.docs / self.wall:.2f} | "
            f"{self.words / self.wall:,.0f} | {self.docs / self.wall / self.cores:.2f} | {per_core:,.0f} | {self.cpu:.1f} | "
            f"{per_cpu:,.0f} | {self.docs / self.cpu if self.cpu else 0:.2f} | {self.note} |"
        )


TABLE_HEAD = (
    "| stage | docs | words | cores | wall s | docs/s | words/s | docs/s/core | words/s/core | CPU s | words/CPU-s | docs/CPU-s | note |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


class Clock:
    def __enter__(self) -> Clock:
        self.t, self.c = time.perf_counter(), cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.t, cpu_seconds() - self.c


# -- corpus ---------------------------------------------------------------------------------


def sample_corpus(corpus: Path, n: int, out: Path) -> Path:
    """``n`` lines evenly spaced over ``corpus`` (all when n is 0), written to ``out``."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    if n and n < len(lines):
        lines = [lines[round(i * len(lines) / n)] for i in range(n)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# -- the stages -----------------------------------------------------------------------------


def single_process(corpus: Path, sample: Path, tmp: Path) -> tuple[list[Stage], dict]:
    from quotetracker.enrich import enrich
    from quotetracker.extract import get_extractor
    from quotetracker.ingest import rebuild_identities
    from quotetracker.io import read_inputs
    from quotetracker.model import Document, Extraction
    from quotetracker.store import Store

    stages: list[Stage] = []
    with Clock() as c:
        everything = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    stages.append(Stage("read (whole file)", len(everything), sum(d.n_words for d in everything), c.wall, c.cpu))
    del everything

    with Clock() as c:
        extractor = get_extractor("de")
        nlp = extractor.nlp
        enrich(Extraction(document=Document(text="Warmlauf.", lang="de"), lang="de"))
    info = {"model_load_s": round(c.wall, 1), "pipeline": " → ".join(nlp.pipe_names)}

    docs = [d for d in read_inputs([str(sample)]) if isinstance(d, Document)]
    words = sum(d.n_words for d in docs)
    with Clock() as c:
        parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    stages.append(Stage("nlp", len(docs), words, c.wall, c.cpu, note=f"pipeline: {info['pipeline']}"))
    with Clock() as c:
        extractions = [extractor._from_doc(d, s) for d, s in zip(docs, parsed)]
    stages.append(Stage("extract (rules on parsed docs)", len(docs), words, c.wall, c.cpu))
    del parsed
    with Clock() as c:
        extractions = [enrich(e) for e in extractions]
    stages.append(Stage("enrich", len(docs), words, c.wall, c.cpu))
    info["statements"] = sum(len(e.statements) for e in extractions)

    store = Store(f"sqlite:///{tmp / 'stage_store.db'}")
    with Clock() as c:
        run = store.start_run({})
        for i in range(0, len(extractions), 100):
            store.write_batch(extractions[i : i + 100], run)
        rebuild_identities(store)
    store.close()
    stages.append(Stage("store (write + resolve)", len(docs), words, c.wall, c.cpu, note="SQLite file"))

    # End to end in a fresh process: the stages above warmed the tagger's word caches on the same texts.
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        e2e = pool.apply(end_to_end, (str(sample), str(tmp / "e2e.db")))
    stages.append(Stage("end to end (ingest)", e2e["docs"], words, e2e["wall"], e2e["cpu"],
                        note=f"fresh process, models loaded before the clock ({e2e['load_s']:.1f} s), SQLite"))  # fmt: skip
    info["peak_rss_mib"] = e2e["peak_rss_mib"]
    return stages, info


def end_to_end(sample: str, db: str) -> dict:
    """``ingest`` of the sample in this (fresh) process; models loaded first."""
    from quotetracker.enrich import enrich
    from quotetracker.extract import get_extractor
    from quotetracker.ingest import ingest
    from quotetracker.model import Document, Extraction
    from quotetracker.store import Store

    with Clock() as warm:
        get_extractor("de")
        enrich(Extraction(document=Document(text="Warmlauf.", lang="de"), lang="de"))
    store = Store(f"sqlite:///{db}")
    with Clock() as c:
        report = ingest(store, [sample])
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": report.accepted, "wall": c.wall, "cpu": c.cpu, "load_s": warm.wall, "peak_rss_mib": round(peak)}


def _worker_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_runs(sample: Path, tmp: Path, worker_counts: list[int], per_partition: int) -> list[Stage]:
    from quotetracker.distributed import connect, dask_ingest
    from quotetracker.io import read_inputs
    from quotetracker.model import Document
    from quotetracker.store import Store

    words = sum(d.n_words for d in read_inputs([str(sample)]) if isinstance(d, Document))
    stages = []
    for n in worker_counts:
        with connect(workers=n, preload=["de"]) as client:
            before = sum(client.run(_worker_cpu).values())
            store = Store(f"sqlite:///{tmp / f'dask_{n}.db'}")
            with Clock() as c:
                report = dask_ingest(store, [str(sample)], client=client, records_per_partition=per_partition)
            store.close()
            worker_cpu = sum(client.run(_worker_cpu).values()) - before
            peaks = sorted(client.run(_peak_rss_mib).values())
        stages.append(
            Stage(f"dask ingest, {n} worker{'s' if n > 1 else ''}", report.accepted, words, c.wall, worker_cpu + c.cpu, cores=n,
                  note=f"{per_partition} docs/partition; CPU = workers {worker_cpu:.1f} + client/writer/scheduler {c.cpu:.1f}; "
                       f"worker peak RSS {', '.join(f'{p:.0f}' for p in peaks)} MiB")  # fmt: skip
        )
        print(stages[-1].row(), flush=True)
    return stages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sample", type=int, default=100, help="documents for the NLP-bound stages (0: all)")
    ap.add_argument("--workers", default="1,2", help="Dask worker counts, e.g. 1,2")
    ap.add_argument("--per-partition", type=int, default=8, help="documents per Dask partition")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-stages", action="store_true")
    ap.add_argument("--cores", type=int, default=32, help="machine size for the cost projection")
    ap.add_argument("--price-per-hour", type=float, default=0.0, help="ASSUMED price of the projected machine per hour (labelled as such)")
    ap.add_argument("--append", action="store_true", help=f"append the results to {RESULTS.relative_to(ROOT)}")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return 0
    head = header(f"Pipeline throughput (bench_pipeline.py, sample {args.sample or 'all'} of {args.corpus.name})")
    print(head, flush=True)
    lines = [head]
    with tempfile.TemporaryDirectory(prefix="qt_bench_") as tmpdir:
        tmp = Path(tmpdir)
        sample = sample_corpus(args.corpus, args.sample, tmp / "sample.jsonl")
        stages: list[Stage] = []
        info: dict = {}
        if not args.no_stages:
            stages, info = single_process(args.corpus, sample, tmp)
            for s in stages:
                print(s.row(), flush=True)
        dask_stages = [] if args.no_dask else dask_runs(sample, tmp, [int(x) for x in args.workers.split(",")], args.per_partition)
    lines += ["", TABLE_HEAD, *[s.row() for s in stages + dask_stages], ""]
    if info:
        lines.append(
            f"Model load (once per process/worker): {info['model_load_s']} s. Statements in the sample: {info['statements']}. "
            f"Peak RSS of the end-to-end ingest process: {info['peak_rss_mib']} MiB."
        )
    by_name = {s.name: s for s in dask_stages}
    one, two = by_name.get("dask ingest, 1 worker"), by_name.get("dask ingest, 2 workers")
    eff = 1.0
    if one and two:
        eff = min(1.0, (one.cpu / one.docs) / (two.cpu / two.docs))
        lines.append(
            f"Scaling 1 → 2 Dask workers: wall clock {one.wall / two.wall:.2f}× (meaningful only on idle cores); "
            f"CPU seconds per document {one.cpu / one.docs:.3f} vs {two.cpu / two.docs:.3f}, i.e. parallel efficiency {eff:.2f} "
            f"and {2 * eff:.2f}× with a dedicated core per worker (CPU-normalised)."
        )
    # Cost per article on a cluster: the CPU per document measured with the most Dask workers
    # (Dask overhead and per-worker warm-up included), else the single-process end to end.
    basis = max(dask_stages, key=lambda s: s.cores) if dask_stages else next((s for s in stages if s.name.startswith("end to end")), None)
    if basis:
        core_s = 1000 * basis.cpu / basis.docs
        per_hour = args.cores * 3600 / core_s * 1000
        lines.append(
            f"Projection (not a measurement): {core_s:,.0f} CPU-seconds per 1,000 articles (measured: {basis.name}, CPU time); "
            f"a {args.cores}-core machine with one worker per core ≈ {core_s / args.cores:.1f} s per 1,000 articles, "
            f"≈ {per_hour:,.0f} articles per machine-hour, if the work spreads as evenly as on the measured workers"
            + (f"; at an ASSUMED ${args.price_per_hour:.2f} per machine-hour ≈ ${args.price_per_hour * 1000 / per_hour:.4f} per 1,000 articles"
               if args.price_per_hour else "")
            + "."
        )
        store = next((s for s in stages if s.name.startswith("store")), None)
        if store:
            cap = store.docs / store.cpu * 3600
            lines.append(f"The single writer (store stage, one core) handles ≈ {cap:,.0f} articles per hour: "
                         + ("below the projected worker throughput, so at this size the writer is the limit (see docs/dask.md, scaling the writes)."
                            if cap < per_hour else "above the projected worker throughput."))  # fmt: skip
    lines.append(f"Load at end: {load()}.")
    text = "\n".join(lines) + "\n"
    publish(text, args.append)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory of an ingest as the input grows: 1×, 10×, 100× a corpus.

Usage:
    python benchmarks/bench_memory.py [--copies 1,10,100] [--lang xx|de] [--engine local|dask] [--append]

The input is a REPEATED corpus: ../shared/corpus/de_news.jsonl (or --corpus,
optionally its first --sample records) written k times to a temporary JSONL
file, each copy with its own ids and a marker line at the top of every text, so
every record has a new content hash and is really stored (no duplicates).

Each size is ingested by a fresh process (``quotetracker.ingest.ingest``, or
``dask_ingest`` on a LocalCluster with ``--engine dask``) into a fresh SQLite
file; the child reports its peak resident memory (``getrusage`` maxrss) and its
resident memory sampled after every committed batch (psutil), so growth over
the run shows. ``--lang xx`` uses the language-independent quote-mark
extractor: reading, batching, enrichment, storage and resolution at full scale
without the German NLP (whose own memory is per batch); ``--lang de`` runs
everything but is slow on a small machine. ``--append`` writes to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_CORPUS, header, load, publish  # noqa: E402


def write_repeated(corpus: Path, copies: int, out: Path, sample: int = 0) -> tuple[int, int]:
    """``copies`` copies of the corpus in one JSONL file; returns (records, words)."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    if sample:
        lines = lines[:sample]
    records = [json.loads(x) for x in lines if x.strip()]
    n = words = 0
    with out.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for rec in records:
                copy = dict(rec, id=f"{rec.get('id')}~copy{k}", text=f"[Kopie {k}]\n\n{rec['text']}")
                fh.write(json.dumps(copy, ensure_ascii=False) + "\n")
                n += 1
                words += len(copy["text"].split())
    return n, words


def child(args: argparse.Namespace) -> int:
    """Ingest ``args.input`` and print one JSON line: peak RSS, RSS samples, counts, times."""
    import psutil

    from quotetracker.store import Store

    proc = psutil.Process()
    samples: list[tuple[int, float]] = []

    def on_progress(report) -> None:
        samples.append((report.accepted + report.duplicates, proc.memory_info().rss / 2**20))

    store = Store(f"sqlite:///{args.db}")
    started = time.perf_counter()
    kwargs = dict(lang=args.lang, batch_size=100, on_progress=on_progress, resolve=not args.no_resolve)
    if args.engine == "dask":
        from quotetracker.distributed import connect, dask_ingest

        with connect(workers=args.workers, preload=[args.lang]) as client:
            started = time.perf_counter()
            report = dask_ingest(store, [args.input], client=client, records_per_partition=args.per_partition, **kwargs)
            worker_peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    else:
        from quotetracker.ingest import ingest

        report = ingest(store, [args.input], **kwargs)
        worker_peaks = {}
    wall = time.perf_counter() - started
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "accepted": report.accepted, "duplicates": report.duplicates, "statements": report.statements, "wall": wall,
        "peak_mib": peak, "samples": samples, "worker_peak_mib": sorted(worker_peaks.values()),
    }))  # fmt: skip
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sample", type=int, default=0, help="use only the first N records of the corpus (0: all)")
    ap.add_argument("--copies", default="1,10,100")
    ap.add_argument("--lang", default="xx", help="xx: language-independent extractor (fast); de: the German pipeline")
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--per-partition", type=int, default=200)
    ap.add_argument("--no-resolve", action="store_true", help="skip the speaker rebuild at the end")
    ap.add_argument("--append", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return 0
    what = f"{args.sample} records of " if args.sample else ""
    head = header(f"Peak memory of ingest vs input size (bench_memory.py, REPEATED corpus: {what}{args.corpus.name} × k, --lang {args.lang}, engine {args.engine})")
    print(head, flush=True)
    rows = ["| copies | records | words | input MiB | accepted | statements | wall s | docs/s | peak RSS MiB | RSS at 10 % / 50 % / end MiB | worker peaks MiB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]  # fmt: skip
    peaks = {}
    with tempfile.TemporaryDirectory(prefix="qt_mem_") as tmpdir:
        for k in [int(x) for x in args.copies.split(",")]:
            data = Path(tmpdir) / f"repeated_{k}.jsonl"
            n, words = write_repeated(args.corpus, k, data, args.sample)
            db = Path(tmpdir) / f"mem_{k}.db"
            cmd = [sys.executable, __file__, "--child", "--input", str(data), "--db", str(db), "--lang", args.lang,
                   "--engine", args.engine, "--workers", str(args.workers), "--per-partition", str(args.per_partition)]  # fmt: skip
            if args.no_resolve:
                cmd.append("--no-resolve")
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode:
                print(out.stderr[-3000:])
                return out.returncode
            r = json.loads(out.stdout.strip().splitlines()[-1])
            s = r["samples"]
            at = lambda f: f"{s[min(len(s) - 1, int(f * len(s)))][1]:.0f}" if s else "-"  # noqa: E731
            peaks[k] = r["peak_mib"]
            rows.append(
                f"| {k}× | {n} | {words} | {data.stat().st_size / 2**20:.0f} | {r['accepted']} | {r['statements']} | {r['wall']:.0f} | "
                f"{r['accepted'] / r['wall']:.1f} | {r['peak_mib']:.0f} | {at(0.1)} / {at(0.5)} / {at(1.0)} | "
                f"{', '.join(f'{p:.0f}' for p in r['worker_peak_mib']) or '-'} |"
            )
            print(rows[-1], flush=True)
            data.unlink()
            db.unlink(missing_ok=True)
    ks = sorted(peaks)
    summary = ""
    if len(ks) > 1:
        lo, hi = ks[0], ks[-1]
        summary = f"Peak RSS {hi}× vs {lo}×: {peaks[hi] / peaks[lo]:.2f}× ({peaks[lo]:.0f} → {peaks[hi]:.0f} MiB)."
    text = "\n".join([head, "", *rows, "", summary, f"Load at end: {load()}.", ""])
    publish(text, args.append)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of the whole German layer (quotetracker.nlp.de.load()) on ../shared/corpus/de_news.jsonl, one core.

Usage: python benchmarks/bench_nlp.py [--kind trained|rules] [--model-dir DIR] [--limit-chars N] [--append]
Counts words = tokens that are neither whitespace nor punctuation (tokens/s printed too).
Throughput is words per CPU-second of this (single-threaded, pinned) process, which stays meaningful
on a shared machine; wall-clock words/s and the load average are printed beside it.
--append adds a line to benchmarks/RESULTS.md with machine (lscpu model, cores), date and commit.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core: set before numpy is imported

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import ROOT, commit, cpu_model  # noqa: E402


def machine() -> str:
    return f"{cpu_model()}, {os.cpu_count()} cores"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", default=None, help="trained | rules (default: what load() ships)")
    ap.add_argument("--limit-chars", type=int, default=1_000_000, help="stop after this many characters of text")
    ap.add_argument("--shared", default=os.environ.get("QUOTETRACKER_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--model-dir", default=None,
                    help="a trained pipeline folder to measure instead of the shipped one (model variants)")
    ap.add_argument("--append", action="store_true", help="append the result to benchmarks/RESULTS.md")
    args = ap.parse_args()
    corpus = Path(args.shared) / "corpus" / "de_news.jsonl"
    if not corpus.exists():
        print(f"skipped: {corpus} not found")
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts, chars = [], 0
    for line in corpus.open(encoding="utf-8"):
        text = json.loads(line)["text"]
        texts.append(text)
        chars += len(text)
        if chars >= args.limit_chars:
            break

    from quotetracker.nlp.de import load, load_model_dir

    t0, c0 = time.perf_counter(), time.process_time()
    nlp = load_model_dir(args.model_dir) if args.model_dir else load(args.kind)
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    nlp("Aufwärmen.")  # first-call costs (lazy tables) are not throughput
    words = tokens = 0
    t1, c1 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=64):
        for tok in doc:
            if not tok.is_space:
                tokens += 1
                words += not tok.is_punct
    secs, cpu = time.perf_counter() - t1, time.process_time() - c1
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    kind = args.kind or ("trained" if "tagger" in nlp.pipe_names else "rules")
    if args.model_dir:
        kind = f"trained, {Path(args.model_dir).name}"
    line = (f"| {datetime.date.today()} | {commit()} | {machine()}, load avg {load_avg:.1f} | nlp.de ({kind}) | "
            f"{len(texts)} docs, {words} words | {words / cpu:,.0f} words per CPU-s ({tokens / cpu:,.0f} tokens); "
            f"wall {words / secs:,.0f} words/s | {load_cpu:.2f} CPU-s ({load_s:.2f} s wall) |")
    print(line)
    if args.append:
        results = ROOT / "benchmarks" / "RESULTS.md"
        header = "## German NLP layer (benchmarks/bench_nlp.py, one core)"
        lines = results.read_text(encoding="utf-8").splitlines() if results.exists() else ["# Benchmark results"]
        if header not in lines:
            lines += ["", header, "", "| date | commit | machine | pipeline | input | throughput | load() |",
                      "|---|---|---|---|---|---|---|"]
        # insert at the end of this section's table, even when other sections follow it
        at = lines.index(header) + 1
        while at < len(lines) and not lines[at].startswith("|"):
            at += 1
        while at < len(lines) and lines[at].startswith("|"):
            at += 1
        lines.insert(at, line)
        results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

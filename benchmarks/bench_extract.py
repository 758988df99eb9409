"""Cost of the German statement extraction relative to the NLP pipeline it runs on.

Usage: python benchmarks/bench_extract.py [--docs N] [--append]

Parses N documents of ../shared/corpus/de_news.jsonl with quotetracker.nlp.load_pipeline("de"),
then runs the statement rules (extract/de: quotation marks, cues, content, speakers, names)
on the parsed Docs. Reports words per CPU-second of this process for the pipeline alone and
for pipeline + extraction, and the extraction's share (target: at most +30 %).
CPU seconds (time.process_time) stay meaningful on a shared machine; wall seconds are printed too.
--append adds a section to benchmarks/RESULTS.md with machine, date and commit.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core, set before numpy is imported

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import ROOT, commit, cpu_model  # noqa: E402


def _machine() -> str:
    return f"{cpu_model()}, {os.cpu_count()} cores visible"


def _texts(n: int) -> list[str]:
    path = ROOT.parent / "shared" / "corpus" / "de_news.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    step = max(1, len(rows) // n)
    return [r["text"] for r in rows[::step][:n]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--append", action="store_true")
    args = ap.parse_args()

    from quotetracker.extract.de import find_statements
    from quotetracker.nlp import load_pipeline

    nlp = load_pipeline("de")
    texts = _texts(args.docs)
    nlp("Aufwärmen: Der Sprecher sagte, es sei gut.")  # lazy loading outside the clock
    find_statements(nlp("„Gut“, sagte er."))

    c0, w0 = time.process_time(), time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    c1, w1 = time.process_time(), time.perf_counter()
    n_statements = sum(len(find_statements(d)) for d in docs)
    c2, w2 = time.process_time(), time.perf_counter()

    words = sum(1 for d in docs for t in d if not (t.is_space or t.is_punct))
    nlp_cpu, ext_cpu = c1 - c0, c2 - c1
    rows = [
        ("nlp pipeline", nlp_cpu, w1 - w0),
        ("extraction rules", ext_cpu, w2 - w1),
        ("nlp + extraction", nlp_cpu + ext_cpu, w2 - w0),
    ]
    lines = [f"| stage | CPU s | words/CPU-s | wall s |", "|---|---:|---:|---:|"]
    for name, cpu, wall in rows:
        lines.append(f"| {name} | {cpu:.2f} | {words / cpu:,.0f} | {wall:.2f} |")
    share = ext_cpu / nlp_cpu
    summary = (f"{len(texts)} documents, {words:,} words, {n_statements} statements; pipeline: "
               f"{' → '.join(nlp.pipe_names)}. Extraction adds {share:.1%} to the pipeline's CPU time "
               f"(target ≤ 30 %: {'met' if share <= 0.30 else 'NOT met'}).")
    table = "\n".join(lines)
    print(table)
    print(summary)
    if args.append:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write(f"\n## Statement extraction cost (bench_extract.py) — {stamp}, commit {commit()}\n\n")
            fh.write(f"Machine: {_machine()}; load average {load} at the end (shared machine: CPU seconds, "
                     f"not wall seconds, are the comparable figure).\n\n{table}\n\n{summary}\n")


if __name__ == "__main__":
    main()

"""Helpers every benchmark script shares: where things are, which machine and
commit a figure came from, and appending a section to benchmarks/RESULTS.md.

Importing this module imports no numpy, so scripts may import it after pinning
the BLAS thread variables.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SHARED = Path(os.environ.get("QUOTETRACKER_SHARED", ROOT.parent / "shared"))
DEFAULT_CORPUS = SHARED / "corpus" / "de_news.jsonl"


def cpu_model() -> str:
    """The CPU's model name as lscpu reports it ("unknown CPU" without lscpu)."""
    model = "unknown CPU"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return model


def machine() -> str:
    """CPU model, visible cores and RAM."""
    ram = "?"
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{cpu_model()}, {os.cpu_count()} cores, {ram}"


def commit(note_uncommitted: bool = False) -> str:
    """The short commit hash; with ``note_uncommitted``, says when the shared tree has uncommitted edits."""
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    text = out.stdout.strip() or "unknown"
    if note_uncommitted:
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True)
        if dirty.stdout.strip():
            text += " (+ uncommitted changes of others in the tree)"
    return text


def load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average ?"


def header(title: str) -> str:
    """A RESULTS.md section heading with date, commit, machine and load."""
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"\n## {title} — {now}, commit {commit(note_uncommitted=True)}\n\nMachine: {machine()}; {load()} at start.\n"


def append(text: str) -> None:
    """Append ``text`` to RESULTS.md."""
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(text if text.endswith("\n") else text + "\n")
    print(f"appended to {RESULTS}")


def publish(text: str, to_results: bool) -> None:
    """Print a benchmark's report and, when asked (``--append``), add it to RESULTS.md."""
    print(text)
    if to_results:
        append(text)

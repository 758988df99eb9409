"""Word lists and tables shipped as data files next to the code (one entry per line, ``#`` comments)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_DIR = Path(__file__).resolve().parent / "model"


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """Entries of ``data/<name>.txt`` (blank lines and ``#`` comments skipped)."""
    return frozenset(_lines(DATA_DIR / f"{name}.txt"))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """Two-column tab-separated ``data/<name>.tsv`` as a dict."""
    out: dict[str, str] = {}
    for line in _lines(DATA_DIR / f"{name}.tsv", strip_comments_only_at_start=True):
        key, value = line.split("\t")[:2]
        out[key] = value
    return out


def _lines(path: Path, strip_comments_only_at_start: bool = False) -> list[str]:
    if not path.exists():
        return []
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("# "):
            continue
        out.append(line.strip() if not strip_comments_only_at_start else line)
    return out

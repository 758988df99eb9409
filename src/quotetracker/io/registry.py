"""Format name -> reader module, and the choice of format for one file.

A reader module has ``FORMAT``, ``EXTENSIONS`` and
``read(source, options) -> Iterator[Document | Rejected]``. To add a format,
write the module and list it in ``_READER_MODULES``.
"""

from __future__ import annotations

from types import ModuleType

from . import csv, html, jsonl, seed
from .source import Source

_READER_MODULES: tuple[ModuleType, ...] = (seed, jsonl, csv, html)

FORMATS: dict[str, ModuleType] = {m.FORMAT: m for m in _READER_MODULES}
FORMAT_ALIASES = {"tsv": "csv", "txt": "seed", "ndjson": "jsonl", "htm": "html"}
EXTENSION_FORMATS: dict[str, str] = {ext: m.FORMAT for m in _READER_MODULES for ext in m.EXTENSIONS}
SNIFF_BYTES = 4096


def canonical_format(name: str) -> str:
    """The registered name for ``name`` (``"tsv"`` -> ``"csv"``); ValueError if unknown."""
    key = name.strip().lower().lstrip(".")
    key = FORMAT_ALIASES.get(key, key)
    if key not in FORMATS:
        known = ", ".join(sorted({*FORMATS, *FORMAT_ALIASES}))
        raise ValueError(f"unknown input format {name!r} (known: {known})")
    return key


def format_by_extension(file_name: str) -> str | None:
    """The format for a file name (``.gz`` already removed), or None."""
    lower = file_name.lower()
    for ext, fmt in EXTENSION_FORMATS.items():
        if lower.endswith(ext):
            return fmt
    return None


def sniff_format(source: Source) -> str | None:
    """Guess from the first bytes, for files whose extension says nothing."""
    with source.open() as fh:
        head = fh.read(SNIFF_BYTES).decode("utf-8", errors="ignore")
    if seed.looks_like_seed(head):
        return seed.FORMAT
    if html.looks_like_html(head):
        return html.FORMAT
    if jsonl.looks_like_jsonl(head):
        return jsonl.FORMAT
    return None


def format_for(source: Source, override: str | None = None) -> str | None:
    if override:
        return canonical_format(override)
    return format_by_extension(source.inner_name) or sniff_format(source)

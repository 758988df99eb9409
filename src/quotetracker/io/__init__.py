"""Readers: files and folders in, :class:`~quotetracker.model.Document` out.

``read_inputs(paths, ...)`` yields a Document for every valid record and a
:class:`Rejected` for every bad one (invalid JSON line, undecodable bytes,
empty or missing text, impossible date, unreadable file, missing seed header,
unknown format); it never raises for bad input. Order is deterministic: the
paths in the order given, folders walked in sorted order, records in file
order — so an interrupted ingest can skip what it has stored and go on.

Formats (one module each, see :mod:`quotetracker.io.registry`): ``seed``
(``.txt``), ``jsonl`` (``.jsonl``, ``.ndjson``), ``csv`` (``.csv``, ``.tsv``),
``html`` (``.html``, ``.htm``), and ``.gz`` of any of them.

Every Document gets ``origin`` (``"path"`` for whole files, ``"path:line"`` for
JSONL/CSV records), an ``id`` (the record's own, else the file's path relative
to the folder given without extensions, e.g. ``sub/article``; records add
``:line``), a validated ``date`` and a ``lang`` (detected when missing).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from quotetracker.model import Document

from .folders import expand_inputs
from .langdetect import LANGUAGES, detect_language
from .records import Rejected
from .registry import FORMATS, canonical_format, format_for
from .source import ReadOptions, Source

__all__ = [
    "Rejected",
    "read_inputs",
    "detect_language",
    "input_files",
    "FORMATS",
    "LANGUAGES",
    "DOCUMENT_COLUMNS",
]

DOCUMENT_COLUMNS = ("id", "date", "source", "title", "text", "url", "lang", "byline")

PathsArg = Iterable[str | os.PathLike[str]] | str | os.PathLike[str]


def _options(format: str | None, csv_columns: dict[str, str] | None, delimiter: str | None) -> ReadOptions:
    fmt = canonical_format(format) if format else None
    columns = dict(csv_columns or {})
    unknown = sorted(set(columns) - set(DOCUMENT_COLUMNS))
    if unknown:
        raise ValueError(f"csv_columns maps unknown fields {unknown}; known: {list(DOCUMENT_COLUMNS)}")
    if format and format.strip().lower().lstrip(".") == "tsv" and not delimiter:
        delimiter = "\t"
    return ReadOptions(format=fmt, csv_columns=columns, delimiter=delimiter)


def input_files(
    paths: PathsArg,
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    format: str | None = None,
) -> list[Path]:
    """The files ``read_inputs`` would read, in the same order (for progress bars)."""
    return [s.path for s in expand_inputs(paths, include, exclude, any_extension=bool(format)) if isinstance(s, Source)]


def read_inputs(
    paths: PathsArg,
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    format: str | None = None,
    csv_columns: dict[str, str] | None = None,
    delimiter: str | None = None,
) -> Iterator[Document | Rejected]:
    """Documents and rejects from files and folders (see the module docstring).

    ``format`` forces one format for every file (``seed``, ``jsonl``, ``csv``,
    ``tsv``, ``html``); ``csv_columns`` maps Document fields to CSV column names;
    ``delimiter`` fixes the CSV delimiter. Invalid *options* raise ValueError
    at once; invalid *input* never raises.
    """
    options = _options(format, csv_columns, delimiter)
    return _read_all(paths, include, exclude, options)


def _read_all(paths: PathsArg, include, exclude, options: ReadOptions) -> Iterator[Document | Rejected]:
    for item in expand_inputs(paths, include, exclude, any_extension=bool(options.format)):
        if isinstance(item, Source):
            yield from read_source(item, options)
        else:
            yield Rejected(str(item), None, "no such file or directory")


def read_source(source: Source, options: ReadOptions) -> Iterator[Document | Rejected]:
    """One file; its failures become Rejected, whatever they are."""
    try:
        fmt = format_for(source, options.format)
        if fmt is None:
            yield Rejected(
                source.display,
                None,
                f"unknown input format for {source.inner_name!r} (extensions: .txt .jsonl .csv .tsv .html, "
                "optionally .gz; or give format=...)",
            )
            return
        file_options = options
        if fmt == "csv" and not options.delimiter and source.inner_name.lower().endswith((".tsv", ".tab")):
            file_options = replace(options, delimiter="\t")
        yield from FORMATS[fmt].read(source, file_options)
    except (OSError, EOFError, zlib.error) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        yield Rejected(source.display, None, f"unreadable file: {detail}")
    except Exception as exc:  # a reader bug must not abort an ingest
        yield Rejected(source.display, None, f"reader failed: {type(exc).__name__}: {exc}")

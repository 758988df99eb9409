"""CSV and TSV with a header row.

Columns map to Document fields by name (case-insensitive) unless
``csv_columns`` says otherwise, e.g. ``{"text": "body", "date": "published"}``.
Columns that map to no field go to ``meta``. The delimiter is the option, else
tab for ``.tsv``, else the candidate that occurs most often in the header line
(article texts are full of commas, so sniffing the body would mislead).
Each record's ``line`` is the 1-based line on which it starts.
"""

from __future__ import annotations

import csv as _csv
import io
import sys
from collections.abc import Iterator

from quotetracker.model import Document

from .records import RecordError, Rejected, build_document, clip_raw
from .source import ReadOptions, Source

FORMAT = "csv"
EXTENSIONS = (".csv", ".tsv", ".tab")
TAB_EXTENSIONS = (".tsv", ".tab")
FIELDS = ("id", "date", "source", "title", "text", "url", "lang", "byline")
DELIMITER_CANDIDATES = (",", ";", "\t", "|")

_csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # whole articles in one cell


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def choose_delimiter(header_line: str, file_name: str, option: str | None) -> str:
    if option:
        return "\t" if option in ("\\t", "tab") else option
    if file_name.lower().endswith(TAB_EXTENSIONS):
        return "\t"
    counts = {d: header_line.count(d) for d in DELIMITER_CANDIDATES}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def column_mapping(header: list[str], csv_columns: dict[str, str]) -> dict[str, int]:
    """Document field -> column index."""
    by_name = {name.strip().lower(): i for i, name in enumerate(header)}
    mapping: dict[str, int] = {}
    for field in FIELDS:
        wanted = csv_columns.get(field, field)
        index = by_name.get(wanted.strip().lower())
        if index is not None:
            mapping[field] = index
    return mapping


def read(source: Source, options: ReadOptions) -> Iterator[Document | Rejected]:
    text = source.read_bytes().decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = text.split("\n", 1)[0]
    delimiter = choose_delimiter(first_line, source.inner_name, options.delimiter)
    reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejected(source.display, None, "empty CSV file: no header row")
        return
    mapping = column_mapping(header, options.csv_columns)
    if "text" not in mapping:
        wanted = options.csv_columns.get("text", "text")
        yield Rejected(
            source.display,
            1,
            f"no text column {wanted!r} in header {header!r} (delimiter {delimiter!r}; map one with csv_columns)",
            clip_raw(first_line),
        )
        return
    field_of = {index: field for field, index in mapping.items()}
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except _csv.Error as exc:
            yield Rejected(source.display, start, f"malformed CSV: {exc}")
            if reader.line_num == previous_end:  # no progress: give up on the file
                break
            previous_end = reader.line_num
            continue
        previous_end = reader.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        raw = clip_raw(delimiter.join(row).encode("utf-8", errors="surrogateescape"))
        try:
            if len(row) > len(header):
                raise RecordError(f"row has {len(row)} fields, header has {len(header)}")
            bad = [header[i] for i, cell in enumerate(row) if _has_surrogates(cell)]
            if bad:
                raise RecordError(f"undecodable bytes (not UTF-8) in column {bad[0]!r}")
            fields = {field_of[i]: cell for i, cell in enumerate(row) if i in field_of}
            meta = {header[i]: cell for i, cell in enumerate(row) if i not in field_of and cell != ""}
            yield build_document(
                **fields,
                meta=meta,
                origin=f"{source.display}:{start}",
                default_id=f"{source.id_base}:{start}",
            )
        except RecordError as exc:
            yield Rejected(source.display, start, str(exc), raw)

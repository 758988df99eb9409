"""JSON Lines: one article object per line.

Known fields: ``id, date, source, title, text, url, lang, byline``. Everything
else is kept in ``meta`` (a ``meta`` object is merged into it). Gold-annotation
fields (``quotes``, ``sentences``) are dropped: they describe the text rather
than the article, and the scorer reads them from the gold file itself.
``text`` is passed through unchanged so that gold offsets still apply.
Blank lines are skipped; each bad line becomes a Rejected with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from quotetracker.model import Document

from .records import RecordError, Rejected, build_document, clip_raw, undecodable_reason
from .source import ReadOptions, Source

FORMAT = "jsonl"
EXTENSIONS = (".jsonl", ".ndjson")

DOCUMENT_FIELDS = ("id", "date", "source", "title", "text", "url", "lang", "byline")
ANNOTATION_FIELDS = frozenset({"quotes", "sentences"})


def looks_like_jsonl(head: str) -> bool:
    return head.lstrip().startswith("{")


def document_from_record(record: Any, *, origin: str, default_id: str) -> Document:
    """A Document from one decoded JSON value (shared with other record formats)."""
    if not isinstance(record, dict):
        raise RecordError(f"not a JSON object but a {type(record).__name__}")
    meta: dict[str, Any] = {}
    nested = record.get("meta")
    if isinstance(nested, dict):
        meta.update(nested)
    elif nested is not None:
        meta["meta"] = nested
    for key, value in record.items():
        if key not in DOCUMENT_FIELDS and key not in ANNOTATION_FIELDS and key != "meta":
            meta[key] = value
    fields = {key: record.get(key) for key in DOCUMENT_FIELDS}
    return build_document(**fields, meta=meta, origin=origin, default_id=default_id)


def read(source: Source, options: ReadOptions) -> Iterator[Document | Rejected]:
    with source.open() as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise RecordError(undecodable_reason(exc)) from None
                if number == 1 and line.startswith("\ufeff"):
                    line = line[1:]
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise RecordError(f"invalid JSON: {exc.msg} (col {exc.colno})") from None
                yield document_from_record(
                    record,
                    origin=f"{source.display}:{number}",
                    default_id=f"{source.id_base}:{number}",
                )
            except RecordError as exc:
                yield Rejected(source.display, number, str(exc), clip_raw(raw.rstrip(b"\r\n")))

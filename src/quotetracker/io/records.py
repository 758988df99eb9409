"""What every reader shares: the reject record and the checks that turn raw
fields into a valid :class:`~quotetracker.model.Document`.

Readers raise :class:`RecordError` for a bad record; the reader loop turns it
into a :class:`Rejected` so one bad record never stops the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quotetracker.model import Document, parse_date

from .langdetect import detect_language

if TYPE_CHECKING:
    from .source import Source

RAW_LIMIT = 500

# ISO timestamps ("2020-10-05T12:00:00Z") are common in dumps: keep the day.
_TIMESTAMP_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class Rejected:
    """One bad input record, never fatal."""

    path: str  # the file
    line: int | None  # 1-based line of the record (JSONL/CSV), None for whole files
    reason: str  # clear message, e.g. "invalid JSON: Expecting ',' delimiter (col 17)"
    raw: str | None = None  # first 500 characters of the bad record

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class RecordError(ValueError):
    """A record that cannot become a Document; the message is the reject reason."""


def clip_raw(raw: str | bytes | None) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    return raw[:RAW_LIMIT]


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped); RecordError names the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(undecodable_reason(exc)) from None
    return text[1:] if text.startswith("\ufeff") else text


def undecodable_reason(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1]
    return f"undecodable bytes (not UTF-8): byte 0x{bad.hex()} at offset {exc.start}"


def check_date(value: Any) -> str | None:
    """A valid ``YYYY[-MM[-DD]]`` string or None; RecordError for anything else."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"date must be a string, got {type(value).__name__}")
    value = value.strip()
    if not value:
        return None
    m = _TIMESTAMP_RE.match(value)
    if m:
        value = m.group(1)
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise RecordError(f"invalid date {value!r}: {exc}") from None
    return parsed[0] if parsed else None


def optional_str(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise RecordError(f"field {name!r} must be a string, got {type(value).__name__}")
    return value if value.strip() else None


def build_document(
    *,
    text: Any,
    origin: str,
    default_id: str,
    id: Any = None,
    date: Any = None,
    lang: Any = None,
    source: Any = None,
    title: Any = None,
    url: Any = None,
    byline: Any = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    """Validate the fields and build the Document. ``text`` is kept exactly as given."""
    if text is None:
        raise RecordError("missing text field")
    if not isinstance(text, str):
        raise RecordError(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise RecordError("empty text")
    doc_id = optional_str("id", id) or default_id
    language = optional_str("lang", lang)
    return Document(
        text=text,
        id=doc_id,
        date=check_date(date),
        lang=language.strip().lower() if language else detect_language(text),
        source=optional_str("source", source),
        title=optional_str("title", title),
        url=optional_str("url", url),
        byline=optional_str("byline", byline),
        meta=dict(meta or {}),
        origin=origin,
    )


def whole_file_document(source: Source, fields_from: Callable[[bytes], dict[str, Any]]) -> Iterator[Document | Rejected]:
    """The one document of a one-article file (HTML page, seed text): ``fields_from``
    turns the file's bytes into :func:`build_document` fields; a RecordError
    becomes the file's reject."""
    data = source.read_bytes()
    try:
        yield build_document(**fields_from(data), origin=source.display, default_id=source.id_base)
    except RecordError as exc:
        yield Rejected(source.display, None, str(exc), clip_raw(data))

"""HTML pages: main text by trafilatura (navigation, footers, comments dropped),
title and publication date from the page metadata.

Paragraphs come back one per line; they are joined with a blank line, as in
the seed format. A first paragraph that repeats the title (the page's ``<h1>``)
is dropped so the text starts at the article. Dates are taken from metadata
only (no guessing from the body text, which mentions other dates).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quotetracker.model import Document

from .records import RecordError, Rejected, whole_file_document
from .source import ReadOptions, Source

FORMAT = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(head: str) -> bool:
    start = head.lstrip()[:200].lower()
    return start.startswith("<!doctype html") or start.startswith("<html")


def extract_article(data: bytes) -> tuple[str, str | None, str | None, str | None]:
    """``(text, title, date, url)`` of a page; RecordError when it has no main text."""
    import trafilatura  # heavy import, only when HTML is read

    result = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if result is None or not (result.text or "").strip():
        raise RecordError("no main text found in HTML page")
    paragraphs = [p.strip() for p in result.text.split("\n") if p.strip()]
    title = (result.title or "").strip() or None
    if title and len(paragraphs) > 1 and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs), title, result.date, result.url


def _fields(data: bytes) -> dict[str, Any]:
    text, title, date, url = extract_article(data)
    return {"text": text, "title": title, "date": date, "url": url}


def read(source: Source, options: ReadOptions) -> Iterator[Document | Rejected]:
    return whole_file_document(source, _fields)

"""The seed format: `` date YYYY[-MM[-DD]] `` then the article text.

Layout (``../shared/corpus/de_news_sample/*.txt``)::

     date 2020-10 First sentence of the article ... (same line)

    Next paragraph ...

    ak/sna/ae

``Document.text`` is the article only: it starts at the first character after
the header and ends at the last non-blank character before the byline, so
offsets index the article, not the header. A final line of author initials
(``ak/sna/ae``, ``dpa/afp/ak``, ``(ak)``) becomes ``byline``; initials glued to
the end of the last sentence (``... fuhr er fort. ak/sna/ae``) too, provided
they contain a slash or parentheses, so a real last word is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from quotetracker.model import Document

from .records import RecordError, Rejected, decode_utf8, whole_file_document
from .source import ReadOptions, Source

FORMAT = "seed"
EXTENSIONS = (".txt", ".seed")

_HEADER_RE = re.compile(r"\A\s*date[ \t]+(\S+)(?:[ \t]+|[ \t]*\n\s*|\Z)", re.IGNORECASE)
_INITIAL = r"[A-Za-zÄÖÜäöüß]{1,6}"
_INITIALS = rf"{_INITIAL}(?:[ \t]*/[ \t]*{_INITIAL})*"
# A line of its own: "ak/sna/ae", "(ak)", "dpa/afp/ak", "ak".
_BYLINE_LINE_RE = re.compile(rf"\A(?:\({_INITIALS}\)|{_INITIALS})\Z")
# Glued to the last sentence: needs a slash or parentheses to be unambiguous.
_BYLINE_TAIL_RE = re.compile(
    rf"(?<=[.!?“”\"«»)…])[ \t]+(\({_INITIALS}\)|{_INITIAL}(?:[ \t]*/[ \t]*{_INITIAL})+)[ \t]*\Z"
)


def looks_like_seed(head: str) -> bool:
    """Whether a text starts with a seed header (used to sniff unknown extensions)."""
    return _HEADER_RE.match(head) is not None


def _is_byline_line(line: str) -> bool:
    line = line.strip()
    if not _BYLINE_LINE_RE.match(line):
        return False
    # A lone capitalised word ("Ende") is prose; initials are lower case,
    # agency codes upper case, or they come with a slash or parentheses.
    return "/" in line or line.startswith("(") or line.islower() or line.isupper()


def split_seed(content: str) -> tuple[str, str, str | None]:
    """``(date, article text, byline)`` of a seed file's content."""
    m = _HEADER_RE.match(content)
    if not m:
        start = content.lstrip()[:40]
        raise RecordError(f"missing seed header: expected 'date YYYY[-MM[-DD]]' at the start, found {start!r}")
    date = m.group(1)
    body = content[m.end() :].rstrip()
    byline = None
    last_break = body.rfind("\n")
    if last_break >= 0 and _is_byline_line(body[last_break + 1 :]):
        byline = body[last_break + 1 :].strip()
        body = body[:last_break].rstrip()
    else:
        tail = _BYLINE_TAIL_RE.search(body)
        if tail:
            byline = tail.group(1)
            body = body[: tail.start()].rstrip()
    return date, body, byline


def _fields(data: bytes) -> dict[str, Any]:
    date, text, byline = split_seed(decode_utf8(data))
    return {"text": text, "date": date, "byline": byline}


def read(source: Source, options: ReadOptions) -> Iterator[Document | Rejected]:
    return whole_file_document(source, _fields)

"""Writing results out: the database (``export``) or fresh extractions (``write_extractions``).

Formats:

- ``quotes-jsonl``: one document per line, exactly ``shared/spec/quotes-jsonl.md``
  (plus ``confidence`` and, from a database, ``speaker_id``/``speaker`` per quote,
  fields the scorer ignores);
- ``jsonl``: one statement per line with its context (database), or one full
  extraction per line (extract: statements, entities, dates, sentences, topics);
- ``csv`` / ``parquet``: one statement per row, spans as ``*_start``/``*_end``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .model import Extraction, Statement, StatementRecord
from .query import DocumentDetail, QueryService, StatementFilters

__all__ = ["EXPORT_FORMATS", "EXTRACT_FORMATS", "export", "write_extractions", "document_to_quotes_jsonl", "extraction_to_dict"]

EXPORT_FORMATS = ("quotes-jsonl", "jsonl", "csv", "parquet")
EXTRACT_FORMATS = ("quotes-jsonl", "jsonl", "parquet")


@contextmanager
def _open_text(path: str | Path) -> Iterator[IO[str]]:
    if str(path) == "-":
        yield sys.stdout
        return
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def _json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def document_to_quotes_jsonl(doc: DocumentDetail) -> dict[str, Any]:
    quotes = []
    for s in doc.statements:
        # the spec's quote object comes from Statement.to_quote, so both writers share one definition
        quote = Statement(s.content_span, s.kind, s.cue_span, s.speaker_span, s.speaker_name, confidence=s.confidence).to_quote()
        quote["speaker_id"] = s.speaker_id
        quote["speaker_canonical"] = s.speaker
        quotes.append(quote)
    return {"id": doc.doc_key, "lang": doc.lang, "date": doc.date, "source": doc.source, "text": doc.text, "quotes": quotes}


def statement_row(record: StatementRecord) -> dict[str, Any]:
    """``record.to_dict()`` with each span as ``*_start``/``*_end`` columns (one table row)."""
    d = record.to_dict()
    for key in ("content_span", "cue_span", "speaker_span"):
        span = d.pop(key)
        base = key[: -len("_span")]
        d[f"{base}_start"], d[f"{base}_end"] = (span[0], span[1]) if span else (None, None)
    return d


def _statement_rows(records: Iterable[StatementRecord]) -> Iterator[dict[str, Any]]:
    for r in records:
        d = statement_row(r)
        d["topics"] = "; ".join(r.topics)
        d["about"] = "; ".join(r.about)
        yield d


_STATEMENT_COLUMNS = [
    "id", "document_id", "doc_key", "date", "source", "lang", "kind", "content", "content_start", "content_end",
    "cue", "cue_start", "cue_end", "speaker_mention", "speaker_start", "speaker_end", "speaker_name", "speaker_id",
    "speaker", "confidence", "topics", "about",
]  # fmt: skip


def _write_csv(rows: Iterable[dict[str, Any]], path: str | Path, columns: list[str]) -> int:
    import csv

    n = 0
    with _open_text(path) as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def _write_parquet(rows: list[dict[str, Any]], path: str | Path, columns: list[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if str(path) == "-":
        raise ValueError("parquet cannot be written to standard output; give -o FILE")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=None) if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table, str(path))
    return len(rows)


def export(query: QueryService, path: str | Path, *, format: str = "quotes-jsonl", filters: StatementFilters | None = None) -> int:
    """Write the database to ``path`` (``-`` for stdout); returns the number of lines/rows written."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if format == "quotes-jsonl":
        n = 0
        with _open_text(path) as fh:
            for doc in query.iter_documents(filters, details=False):
                fh.write(_json_line(document_to_quotes_jsonl(doc)))
                n += 1
        return n
    records = query.iter_statements(filters or StatementFilters())
    if format == "jsonl":
        n = 0
        with _open_text(path) as fh:
            for r in records:
                fh.write(_json_line(r.to_dict()))
                n += 1
        return n
    if format == "csv":
        return _write_csv(_statement_rows(records), path, _STATEMENT_COLUMNS)
    return _write_parquet(list(_statement_rows(records)), path, _STATEMENT_COLUMNS)


def extraction_to_dict(ex: Extraction) -> dict[str, Any]:
    """Everything an extraction holds, as JSON-ready data (the ``jsonl`` format of ``extract``)."""
    d = ex.to_quotes_jsonl()
    d["title"] = ex.document.title
    d["quotes"] = []
    for st in ex.statements:
        q = st.to_quote()
        q["speaker_label"] = st.speaker_label
        q["about"] = [{"span": e.span.as_list(), "label": e.label, "text": e.text, "canonical": e.canonical} for e in st.about]
        q["dates"] = [{"span": m.span.as_list(), "text": m.text, "value": m.value} for m in st.dates]
        q["topics"] = list(st.topics)
        d["quotes"].append(q)
    d["entities"] = [{"span": e.span.as_list(), "label": e.label, "text": e.text, "canonical": e.canonical} for e in ex.entities]
    d["dates"] = [
        {"span": m.span.as_list(), "text": m.text, "value": m.value, "precision": getattr(m.precision, "value", m.precision)}
        for m in ex.dates
    ]
    d["sentences"] = [s.as_list() for s in ex.sentences]
    d["topics"] = list(ex.topics)
    return d


_EXTRACT_COLUMNS = [
    "doc_id", "lang", "date", "source", "kind", "content", "content_start", "content_end", "cue", "cue_start",
    "cue_end", "speaker_mention", "speaker_start", "speaker_end", "speaker_name", "speaker_label", "confidence",
]  # fmt: skip


def _extraction_rows(ex: Extraction) -> Iterator[dict[str, Any]]:
    doc = ex.document
    for st in ex.statements:
        yield {
            "doc_id": doc.id,
            "lang": ex.lang,
            "date": doc.date,
            "source": doc.source,
            "kind": st.kind,
            "content": st.content.text(doc.text),
            "content_start": st.content.start,
            "content_end": st.content.end,
            "cue": st.cue.text(doc.text) if st.cue else None,
            "cue_start": st.cue.start if st.cue else None,
            "cue_end": st.cue.end if st.cue else None,
            "speaker_mention": st.speaker.text(doc.text) if st.speaker else None,
            "speaker_start": st.speaker.start if st.speaker else None,
            "speaker_end": st.speaker.end if st.speaker else None,
            "speaker_name": st.speaker_name,
            "speaker_label": st.speaker_label,
            "confidence": float(st.confidence),
        }


def write_extractions(extractions: Iterable[Extraction], path: str | Path, format: str = "quotes-jsonl") -> int:
    """Write extractions (no database involved); returns the number of documents written."""
    if format not in EXTRACT_FORMATS:
        raise ValueError(f"unknown extract format {format!r}; choose one of {', '.join(EXTRACT_FORMATS)}")
    n = 0
    if format == "parquet":
        rows: list[dict[str, Any]] = []
        for ex in extractions:
            rows.extend(_extraction_rows(ex))
            n += 1
        _write_parquet(rows, path, _EXTRACT_COLUMNS)
        return n
    with _open_text(path) as fh:
        for ex in extractions:
            fh.write(_json_line(ex.to_quotes_jsonl() if format == "quotes-jsonl" else extraction_to_dict(ex)))
            fh.flush() if fh is sys.stdout else None
            n += 1
    return n

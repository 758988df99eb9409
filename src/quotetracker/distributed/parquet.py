"""Parquet tables of extractions with fixed schemas, so every partition file
has the same columns and types (an empty partition included) and the folder
reads as one dataset: ``pyarrow.dataset.dataset(DIR / "statements")``,
``pandas.read_parquet``, DuckDB, Spark.

The statement rows are the rows of ``quotetracker extract --format parquet``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from ..export import _extraction_rows  # one definition of a statement row for both engines
from ..model import Extraction

__all__ = ["DOCUMENT_SCHEMA", "STATEMENT_SCHEMA", "documents_table", "statements_table"]

_str, _int, _float = pa.string(), pa.int64(), pa.float64()

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", _str), ("lang", _str), ("date", _str), ("source", _str), ("title", _str), ("url", _str),
        ("byline", _str), ("origin", _str), ("content_hash", _str), ("n_words", _int), ("n_statements", _int),
        ("n_entities", _int), ("topics", pa.list_(_str)), ("text", _str),
    ]
)  # fmt: skip

STATEMENT_SCHEMA = pa.schema(
    [
        ("doc_id", _str), ("lang", _str), ("date", _str), ("source", _str), ("kind", _str), ("content", _str),
        ("content_start", _int), ("content_end", _int), ("cue", _str), ("cue_start", _int), ("cue_end", _int),
        ("speaker_mention", _str), ("speaker_start", _int), ("speaker_end", _int), ("speaker_name", _str),
        ("speaker_label", _str), ("confidence", _float), ("about", pa.list_(_str)), ("topics", pa.list_(_str)),
    ]
)  # fmt: skip


def documents_table(extractions: Sequence[Extraction]) -> pa.Table:
    rows = [
        {
            "doc_id": ex.document.id, "lang": ex.lang, "date": ex.document.date, "source": ex.document.source,
            "title": ex.document.title, "url": ex.document.url, "byline": ex.document.byline,
            "origin": ex.document.origin, "content_hash": ex.document.content_hash, "n_words": ex.document.n_words,
            "n_statements": len(ex.statements), "n_entities": len(ex.entities), "topics": list(ex.topics),
            "text": ex.document.text,
        }  # fmt: skip
        for ex in extractions
    ]
    return pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def statements_table(extractions: Sequence[Extraction]) -> pa.Table:
    rows = []
    for ex in extractions:
        for st, row in zip(ex.statements, _extraction_rows(ex)):
            row["about"] = [e.canonical or e.text for e in st.about]
            row["topics"] = list(st.topics)
            rows.append(row)
    return pa.Table.from_pylist(rows, schema=STATEMENT_SCHEMA)

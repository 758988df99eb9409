"""The Python API: ``qt = quotetracker.open("sqlite:///news.db")``.

    >>> qt = quotetracker.open("sqlite:///news.db")
    >>> report = qt.ingest(["examples/"])
    >>> qt.statements(speaker="Peskow", since="2020")          # list[StatementRecord]
    >>> qt.statements(q="Sanktionen", as_frame=True)            # pandas DataFrame
    >>> qt.query.overview()                                     # the full QueryService
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import StatementRecord
from .query import QueryService, StatementFilters

__all__ = ["QuoteTracker", "records_to_frame"]


def records_to_frame(records: Iterable[StatementRecord]):
    """Statement records as a pandas DataFrame (spans as ``*_start``/``*_end`` columns)."""
    import pandas as pd

    from .export import statement_row

    rows = [statement_row(r) for r in records]
    columns = [f.name for f in StatementRecord.__dataclass_fields__.values() if not f.name.endswith("_span")]
    columns += ["content_start", "content_end", "cue_start", "cue_end", "speaker_start", "speaker_end"]
    return pd.DataFrame(rows, columns=columns)


class QuoteTracker:
    """One database: ingest into it, query it, correct speaker identities, export it."""

    def __init__(self, url: str | None = None) -> None:
        from .cli._app import db_url
        from .store import Store

        self.url = db_url(url)
        self.store = Store(self.url)
        self.query = QueryService(self.store)

    # -- writing ------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str] | str, **opts: Any):
        """Ingest files/folders; options as :func:`quotetracker.ingest.ingest` (include, exclude, format, batch_size, lang, ...)."""
        from .ingest import ingest

        return ingest(self.store, paths, **opts)

    def ingest_documents(self, docs: Iterable[Any], **opts: Any):
        """Ingest Document objects built in Python."""
        from .ingest import ingest_records

        return ingest_records(self.store, docs, **opts)

    def resolve(self) -> int:
        """Rebuild speaker identities (after corrections); returns the number of speakers."""
        from .ingest import rebuild_identities

        return rebuild_identities(self.store)

    def merge_speakers(self, a: str, b: str, *, rebuild: bool = True) -> None:
        """Record that speakers ``a`` and ``b`` are one person (survives re-ingest)."""
        self.store.add_correction("merge", a, b)
        if rebuild:
            self.resolve()

    def split_speaker(self, alias: str, *, rebuild: bool = True) -> None:
        """Record that ``alias`` is a different person from the identity it was merged into."""
        self.store.add_correction("split", alias, None)
        if rebuild:
            self.resolve()

    def add_alias(self, name: str, alias: str, *, rebuild: bool = True) -> None:
        """Record that ``alias`` also names speaker ``name``."""
        self.store.add_correction("alias", name, alias)
        if rebuild:
            self.resolve()

    # -- reading ------------------------------------------------------------------------

    def statements(self, *, limit: int | None = None, offset: int = 0, as_frame: bool = False, **filters: Any):
        """Statements matching the filters (speaker, about, q, kind, since, until, source, topic, lang, document_id).

        ``limit=None`` returns every match.
        """
        f = StatementFilters(**filters)
        if limit is None:
            records = list(self.query.iter_statements(f))
        else:
            records = self.query.statements(f, limit=limit, offset=offset).items
        return records_to_frame(records) if as_frame else records

    def speakers(self, q: str | None = None, limit: int = 50, offset: int = 0):
        return self.query.speakers(q=q, limit=limit, offset=offset).items

    def document(self, document_id: int | str):
        return self.query.document(document_id)

    def export(self, path: str, format: str = "quotes-jsonl", **filters: Any) -> int:
        """Write the database (or the statements matching ``filters``) to ``path``; returns rows written."""
        from .export import export

        return export(self.query, path, format=format, filters=StatementFilters(**filters) if filters else None)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> QuoteTracker:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"QuoteTracker({self.url!r})"

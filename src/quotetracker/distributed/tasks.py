"""What a worker runs for one partition: read, then NLP + extraction + enrichment.

Models are loaded once per worker process: :func:`quotetracker.extract.get_extractor`
is an ``lru_cache`` and Dask worker processes live across tasks (the
:class:`~quotetracker.distributed.cluster.PreloadModels` plugin can load them
before the first task). Tasks are pure functions of their partition, so a task
retried after a worker died gives the same result.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..io import Rejected
from ..io.source import ReadOptions
from ..model import Document, Extraction
from ..store import RejectRow
from .partitions import Partition, read_partition

__all__ = ["PartitionResult", "process_partition", "extract_partition_to_parquet", "ParquetPartResult"]


@dataclass
class PartitionResult:
    """The records of a partition in reading order, and the extraction (or the
    extraction failure) of each document that needed one, by record position."""

    index: int
    records: list[Document | Rejected]
    results: dict[int, Extraction | RejectRow] = field(default_factory=dict)
    worker_pid: int = 0


@lru_cache(maxsize=4)
def _read_only_store(db_url: str):
    from ..store import Store

    return Store(db_url, migrate_schema=False)


def _stored_hashes(db_url: str | None, hashes: list[str]) -> set[str]:
    """Hashes already in the database: their documents need no extraction.
    Only an optimisation (the writer checks again), so any failure means 'none'."""
    if not db_url or not hashes:
        return set()
    try:
        return _read_only_store(db_url).known_hashes(hashes)
    except Exception:
        return set()


def process_partition(
    part: Partition,
    options: ReadOptions,
    *,
    lang: str | None = None,
    db_url: str | None = None,
    validate: bool = True,
) -> PartitionResult:
    """Read ``part`` and extract + enrich its documents (for ingest: only valid,
    new ones; with ``validate=False``, for ``extract``: every document)."""
    from ..ingest import _validate, extract_documents

    records = list(read_partition(part, options))
    todo: list[int] = []
    seen: set[str] = set()
    for i, rec in enumerate(records):
        if not isinstance(rec, Document):
            continue
        if lang:
            rec.lang = lang
        if validate:
            if _validate(rec):
                continue  # the writer rejects it with the same reason
            h = rec.content_hash
            if h in seen:
                continue  # a repeat inside the partition: the writer skips it
            seen.add(h)
        todo.append(i)
    if validate:
        known = _stored_hashes(db_url, [records[i].content_hash for i in todo])
        todo = [i for i in todo if records[i].content_hash not in known]
    extracted = extract_documents([records[i] for i in todo]) if todo else []
    return PartitionResult(part.index, records, dict(zip(todo, extracted)), os.getpid())


# -- Parquet output (no database) -------------------------------------------------


@dataclass
class ParquetPartResult:
    index: int
    documents: int
    statements: int
    rejects: list[Rejected]
    failures: list[tuple[str, str]]  # (doc id, reason): written without statements
    files: list[str]


def _atomic_write(table: Any, path: Path) -> None:
    """Write to a temporary name, then rename: a retried task never leaves half a file."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, str(tmp))
    os.replace(tmp, path)


def extract_partition_to_parquet(part: Partition, options: ReadOptions, out_dir: str, *, lang: str | None = None) -> ParquetPartResult:
    """Read and extract ``part``, write ``documents/part-N.parquet`` and ``statements/part-N.parquet``."""
    from .parquet import documents_table, statements_table

    res = process_partition(part, options, lang=lang, validate=False)
    extractions: list[Extraction] = []
    rejects: list[Rejected] = []
    failures: list[tuple[str, str]] = []
    for i, rec in enumerate(res.records):
        if not isinstance(rec, Document):
            rejects.append(rec)
            continue
        out = res.results.get(i)
        if not isinstance(out, Extraction):  # same as single-process extract: the document, without statements
            failures.append((rec.id or "?", out.reason if out is not None else "not extracted"))
            out = Extraction(document=rec, lang=rec.lang or "und")
        extractions.append(out)
    name = f"part-{part.index:05d}.parquet"
    docs_path, st_path = Path(out_dir) / "documents" / name, Path(out_dir) / "statements" / name
    st_table = statements_table(extractions)
    _atomic_write(documents_table(extractions), docs_path)
    _atomic_write(st_table, st_path)
    return ParquetPartResult(part.index, len(extractions), st_table.num_rows, rejects, failures, [str(docs_path), str(st_path)])

"""Workers that write their own partitions (PostgreSQL): writes scale with the workers.

Each task runs the same :func:`quotetracker.ingest.ingest_records` as a
single-process ingest over its partition, against a store bound to the
client's ingest run. Workers race only on content hashes (a document repeated
in two partitions) and on shared entity/topic rows: entities and topics are
inserted with ON CONFLICT DO NOTHING by the store, and a batch that loses a
race on a document (unique violation) or a deadlock is rolled back and retried,
when its own duplicate check sees the winner's commit. Batches stay atomic.

Differences from the single writer: a text repeated across partitions is kept
from whichever partition commits first (same documents and statements, maybe
another ``doc_key``); a task rerun after its worker died mid-partition counts
its already committed documents as duplicates and writes that partition's
earlier rejects again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..io.source import ReadOptions
from ..store import RejectRow, Store
from .partitions import Partition, read_partition

__all__ = ["WrittenPartition", "ingest_partition", "RunBoundStore"]

REJECTS_RETURNED = 100  # per partition, for the client's messages; all of them are in the database


@dataclass
class WrittenPartition:
    index: int
    counts: dict[str, int]
    rejects: list[RejectRow] = field(default_factory=list)


class RunBoundStore:
    """A Store for one partition of the client's run: no run bookkeeping of its
    own, batches retried when they lose a write race against another worker."""

    attempts = 6

    def __init__(self, store: Store, run_id: int) -> None:
        self._store = store
        self._run_id = run_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def start_run(self, inputs: dict[str, Any] | None = None) -> int:  # noqa: ARG002 - the client owns the run
        return self._run_id

    def update_run(self, run_id: int, counts: dict[str, int], status: str | None = None) -> None:
        pass  # the client adds up the partitions' counts

    def write_batch(self, extractions, run_id=None, reject_rows=()):
        from sqlalchemy.exc import IntegrityError, OperationalError

        for attempt in range(self.attempts):
            try:
                return self._store.write_batch(extractions, run_id, reject_rows)
            except (IntegrityError, OperationalError):  # a concurrent commit of the same hash, or a deadlock
                if attempt == self.attempts - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")


@lru_cache(maxsize=4)
def _writer_store(db_url: str) -> Store:
    return Store(db_url, migrate_schema=False)


def ingest_partition(
    part: Partition, options: ReadOptions, *, db_url: str, run_id: int, lang: str | None = None, batch_size: int = 100
) -> WrittenPartition:
    """Read, extract and store one partition on this worker (atomic batches)."""
    from ..ingest import ingest_records

    store = RunBoundStore(_writer_store(db_url), run_id)
    report = ingest_records(store, read_partition(part, options), batch_size=batch_size, lang=lang, resolve=False)  # type: ignore[arg-type]
    return WrittenPartition(part.index, report.counts(), list(report.rejects[:REJECTS_RETURNED]))

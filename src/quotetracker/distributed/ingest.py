"""Ingest and extract on a Dask cluster.

Workers read their partitions and run NLP + extraction + enrichment; the client
is the single writer. It feeds the workers' records, in input order, through
the same :func:`quotetracker.ingest.ingest_records` as a single-process ingest,
with an extract function that hands over the workers' results. Batching,
validation, duplicate handling, rejects, run bookkeeping and speaker resolution
are therefore the very same code, and the database ends up identical.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from distributed import Client

from ..ingest import IngestReport, extract_documents, ingest_records
from ..io import Rejected, _options, read_inputs
from ..model import Document, Extraction
from ..store import RejectRow, Store
from .partitions import Partition, client_partitions, plan_partitions
from .stream import ordered_results
from .tasks import ParquetPartResult, PartitionResult, extract_partition_to_parquet, process_partition

__all__ = ["dask_ingest", "dask_extract", "dask_extract_parquet", "DaskRunInfo"]

PartitionCallback = Callable[[int, int], None]  # (partitions done, partitions in all or -1)


@dataclass
class DaskRunInfo:
    partitions: int = 0
    worker_pids: set[int] | None = None


class _Feed:
    """Records in input order for ``ingest_records``, and its extract function:
    each document's extraction was computed by a worker and waits here until
    the writer asks for it (never longer than one batch)."""

    def __init__(self, results: Iterator[PartitionResult], info: DaskRunInfo, on_partition: PartitionCallback | None, total: int):
        self._results = results
        self._waiting: deque[tuple[Document, Extraction | RejectRow | None]] = deque()
        self._info = info
        self._on_partition = on_partition
        self._total = total

    def records(self) -> Iterator[Document | Rejected]:
        for res in self._results:
            for i, rec in enumerate(res.records):
                if isinstance(rec, Document):
                    self._waiting.append((rec, res.results.get(i)))
                yield rec
            self._info.partitions += 1
            if self._info.worker_pids is not None:
                self._info.worker_pids.add(res.worker_pid)
            if self._on_partition:
                self._on_partition(self._info.partitions, self._total)

    def extract(self, docs: Sequence[Document]) -> list[Extraction | RejectRow]:
        out: list[Extraction | RejectRow] = []
        for doc in docs:
            found: Extraction | RejectRow | None = None
            while self._waiting:  # documents before this one were skipped by the writer (duplicates)
                waiting, result = self._waiting.popleft()
                if waiting is doc:
                    found = result
                    break
            # None: the worker skipped it (stored at the time); extract here rather than lose it
            out.append(found if found is not None else extract_documents([doc])[0])
        return out


def _default_in_flight(client: Client) -> int:
    try:
        threads = sum(client.nthreads().values())
    except Exception:
        threads = os.cpu_count() or 1
    return max(2, 2 * threads)


def _partitions(
    paths: Iterable[str], options, *, include, exclude, records_per_partition: int, read_on: str
) -> tuple[Iterable[Partition], int]:
    paths = list(paths)
    if read_on == "client" or "-" in paths:
        records = read_inputs(paths, include=include, exclude=exclude, format=options.format,
                              csv_columns=options.csv_columns or None, delimiter=options.delimiter)  # fmt: skip
        return client_partitions(records, records_per_partition), -1
    parts = plan_partitions(paths, options, include=include, exclude=exclude, records_per_partition=records_per_partition)
    return parts, len(parts)


def dask_ingest(
    store: Store,
    paths: Iterable[str] | str,
    *,
    client: Client,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    format: str | None = None,
    csv_columns: dict[str, str] | None = None,
    delimiter: str | None = None,
    batch_size: int = 100,
    lang: str | None = None,
    resolve: bool = True,
    records_per_partition: int = 64,
    max_in_flight: int | None = None,
    read_on: str = "workers",
    skip_stored: bool = True,
    on_reject: Callable[[RejectRow], None] | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_partition: PartitionCallback | None = None,
    task: Callable[..., PartitionResult] = process_partition,
    info: DaskRunInfo | None = None,
    writers: str = "client",
) -> IngestReport:
    """Like :func:`quotetracker.ingest.ingest`, with reading and extraction on ``client``'s workers.

    ``read_on="workers"`` (default) needs the input files at the same path on
    every worker (shared or copied file system); ``"client"`` reads here and
    ships the documents (also used for standard input). ``skip_stored`` lets
    workers look up content hashes in the database (reachable from them) so a
    resumed ingest does not extract stored documents again. ``task`` replaces
    the worker function (tests inject failures with it). ``writers="workers"``
    lets every worker store its own partitions (PostgreSQL; see
    :mod:`quotetracker.distributed.writers` for what differs).
    """
    if writers not in ("client", "workers"):
        raise ValueError(f"writers must be 'client' or 'workers', not {writers!r}")
    if isinstance(paths, str):
        paths = [paths]
    paths = [str(p) for p in paths]
    options = _options(format, csv_columns, delimiter)
    parts, total = _partitions(paths, options, include=include, exclude=exclude,
                               records_per_partition=records_per_partition, read_on=read_on)  # fmt: skip
    in_flight = max_in_flight or _default_in_flight(client)
    if writers == "workers":
        return _workers_write(store, client, parts, total, options=options, in_flight=in_flight, lang=lang, batch_size=batch_size,
                              resolve=resolve, inputs={"paths": paths, "include": include, "exclude": exclude, "format": format,
                                                       "engine": "dask", "writers": "workers"},
                              on_reject=on_reject, on_progress=on_progress, on_partition=on_partition)  # fmt: skip
    db_url = store.url if skip_stored and ":memory:" not in store.url else None
    results = ordered_results(client, task, parts, max_in_flight=in_flight, options=options, lang=lang, db_url=db_url)
    info = info or DaskRunInfo(worker_pids=set())
    feed = _Feed(results, info, on_partition, total)
    inputs = {"paths": paths, "include": include, "exclude": exclude, "format": format, "engine": "dask"}
    return ingest_records(
        store,
        feed.records(),
        batch_size=batch_size,
        lang=lang,
        resolve=resolve,
        inputs=inputs,
        extract=feed.extract,
        on_reject=on_reject,
        on_progress=on_progress,
    )


def _workers_write(store: Store, client: Client, parts, total: int, *, options, in_flight: int, lang, batch_size: int, resolve: bool,
                   inputs: dict, on_reject, on_progress, on_partition) -> IngestReport:  # fmt: skip
    """The client's side when workers write: one run, counts added up, identities rebuilt at the end."""
    import time

    from ..ingest import rebuild_identities, recorded_run
    from .writers import ingest_partition

    if ":memory:" in store.url:
        raise ValueError("workers cannot write to an in-memory database")
    report = IngestReport()
    started = time.perf_counter()
    report.run_id = store.start_run(inputs)
    done = 0
    with recorded_run(store, report, started):
        for res in ordered_results(client, ingest_partition, parts, max_in_flight=in_flight, options=options,
                                   db_url=store.url, run_id=report.run_id, lang=lang, batch_size=batch_size):  # fmt: skip
            for key in ("accepted", "duplicates", "rejected", "statements"):
                setattr(report, key, getattr(report, key) + res.counts.get(key, 0))
            for row in res.rejects:
                if len(report.rejects) < 1000:
                    report.rejects.append(row)
                if on_reject:
                    on_reject(row)
            done += 1
            report.seconds = time.perf_counter() - started
            store.update_run(report.run_id, report.counts())
            if on_progress:
                on_progress(report)
            if on_partition:
                on_partition(done, total)
        if resolve:
            report.speakers = rebuild_identities(store)
    return report


def dask_extract(
    paths: Iterable[str] | str,
    *,
    client: Client,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    format: str | None = None,
    lang: str | None = None,
    records_per_partition: int = 64,
    max_in_flight: int | None = None,
    read_on: str = "workers",
) -> Iterator[tuple[Document | Rejected, Extraction | RejectRow | None]]:
    """Every input record in order with its extraction (``None`` for reader rejects), no database."""
    if isinstance(paths, str):
        paths = [paths]
    options = _options(format, None, None)
    parts, _ = _partitions([str(p) for p in paths], options, include=include, exclude=exclude,
                           records_per_partition=records_per_partition, read_on=read_on)  # fmt: skip
    in_flight = max_in_flight or _default_in_flight(client)
    for res in ordered_results(client, process_partition, parts, max_in_flight=in_flight, options=options, lang=lang, validate=False):
        for i, rec in enumerate(res.records):
            yield rec, res.results.get(i)


def dask_extract_parquet(
    paths: Iterable[str] | str,
    out_dir: str,
    *,
    client: Client,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    format: str | None = None,
    lang: str | None = None,
    records_per_partition: int = 64,
    max_in_flight: int | None = None,
    on_partition: Callable[[ParquetPartResult, int], None] | None = None,
) -> list[ParquetPartResult]:
    """Partitioned Parquet in ``out_dir``: ``documents/part-N.parquet`` and
    ``statements/part-N.parquet``, written by the workers (``out_dir`` must be
    visible to them). Old part files in ``out_dir`` are removed first.
    Returns one small summary per partition, in order (rejects included)."""
    from pathlib import Path

    if isinstance(paths, str):
        paths = [paths]
    out = Path(out_dir)
    for sub in ("documents", "statements"):
        for old in (out / sub).glob("part-*.parquet"):
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    options = _options(format, None, None)
    parts = plan_partitions([str(p) for p in paths], options, include=include, exclude=exclude, records_per_partition=records_per_partition)
    in_flight = max_in_flight or _default_in_flight(client)
    summaries = []
    for res in ordered_results(client, extract_partition_to_parquet, parts, max_in_flight=in_flight,
                               options=options, out_dir=str(out.resolve()), lang=lang):  # fmt: skip
        summaries.append(res)
        if on_partition:
            on_partition(res, len(parts))
    if not parts:  # an empty input still gives a readable (empty) dataset
        res = extract_partition_to_parquet(Partition(0), options, str(out.resolve()), lang=lang)
        summaries.append(res)
    return summaries

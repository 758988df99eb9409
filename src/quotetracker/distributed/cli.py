"""The ``--engine dask`` side of the ``ingest`` and ``extract`` commands
(the commands themselves live in :mod:`quotetracker.cli.core`)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import typer
from rich.console import Console

ENGINES = ("local", "dask")
EXIT_OK, EXIT_REJECTS, EXIT_USAGE = 0, 1, 2


def _check_engine(engine: str, err: Console) -> None:
    if engine not in ENGINES:
        err.print(f"[bold red]error:[/] unknown --engine {engine!r}; choose one of {', '.join(ENGINES)}", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        import distributed  # noqa: F401
    except ModuleNotFoundError:
        err.print("[bold red]error:[/] --engine dask needs Dask: pip install 'quotetracker[dask]'", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None


def _announce(client: Any, scheduler: str | None, err: Console) -> None:
    from .cluster import dashboard_link

    workers = client.scheduler_info().get("workers", {})
    where = scheduler or "a local cluster"
    err.print(f"dask: {len(workers)} workers on {where}", highlight=False)
    link = dashboard_link(client)
    if link:
        err.print(f"dask dashboard: {link}", highlight=False)


def engine_ingest(engine: str, scheduler: str | None, workers: int | None, err: Console) -> Callable[..., Any]:
    """A drop-in for :func:`quotetracker.ingest.ingest` that runs on Dask."""
    _check_engine(engine, err)

    def run(store, paths, **kwargs: Any):
        from .cluster import connect
        from .ingest import dask_ingest

        preload = [kwargs["lang"]] if kwargs.get("lang") else []
        # QUOTETRACKER_DASK_WRITERS=workers: workers store their partitions themselves (PostgreSQL), see docs/dask.md
        writers = os.environ.get("QUOTETRACKER_DASK_WRITERS", "client")
        with connect(scheduler, workers, preload=preload) as client:
            _announce(client, scheduler, err)
            return dask_ingest(store, paths, client=client, writers=writers, **kwargs)

    return run


def engine_extract(
    engine: str,
    scheduler: str | None,
    workers: int | None,
    err: Console,
    *,
    paths: list[str],
    format: str,
    output: str,
    lang: str | None,
    input_format: str | None,
    include: list[str] | None,
    exclude: list[str] | None,
    batch_size: int,
    progress: Any,
) -> int:
    """``extract`` on Dask; returns the exit code. Parquet goes to a folder of
    part files written by the workers; the other formats stream back in order."""
    _check_engine(engine, err)
    from ..export import write_extractions
    from ..model import Extraction
    from .cluster import connect
    from .ingest import dask_extract, dask_extract_parquet

    if format == "parquet" and output == "-":
        err.print("[bold red]error:[/] --format parquet with --engine dask writes a folder; give -o DIR", highlight=False)
        return EXIT_USAGE
    started = time.perf_counter()
    n_rejected = 0

    def warn_rejected(rec: Any) -> None:
        nonlocal n_rejected
        n_rejected += 1
        where = f"{rec.path}:{rec.line}" if rec.line else rec.path
        err.print(f"[yellow]rejected[/] {where}: {rec.reason}", highlight=False)

    with connect(scheduler, workers, preload=[lang] if lang else []) as client:
        _announce(client, scheduler, err)
        if format == "parquet":
            task = progress.add_task("extract", total=None, rate=0.0, info="") if progress else None
            done = 0

            def on_partition(res, total: int) -> None:
                nonlocal done
                done += res.documents
                for rec in res.rejects:
                    warn_rejected(rec)
                for doc_id, reason in res.failures:
                    err.print(f"[yellow]warning[/] {doc_id}: {reason}; written without quotes", highlight=False)
                if progress is not None:
                    rate = done / max(time.perf_counter() - started, 1e-9)
                    progress.update(task, completed=done, rate=rate, info=f"partition {res.index + 1}/{total}")

            if progress is not None:
                progress.start()
            try:
                parts = dask_extract_parquet(paths, output, client=client, include=include, exclude=exclude,
                                             format=input_format, lang=lang, records_per_partition=batch_size,
                                             on_partition=on_partition)  # fmt: skip
            finally:
                if progress is not None:
                    progress.stop()
            n = sum(p.documents for p in parts)
            n_st = sum(p.statements for p in parts)
            err.print(f"extract: {n} documents, {n_st} statements in {len(parts)} partitions written to {output}/documents and {output}/statements"
                      + (f", {n_rejected} inputs rejected" if n_rejected else ""), highlight=False)  # fmt: skip
            return EXIT_REJECTS if n_rejected else EXIT_OK

        def extractions() -> Iterator[Extraction]:
            for rec, res in dask_extract(paths, client=client, include=include, exclude=exclude, format=input_format,
                                         lang=lang, records_per_partition=batch_size):  # fmt: skip
                if res is None and not hasattr(rec, "text"):
                    warn_rejected(rec)
                    continue
                if not isinstance(res, Extraction):
                    err.print(f"[yellow]warning[/] {rec.id}: {getattr(res, 'reason', 'not extracted')}; written without quotes", highlight=False)
                    res = Extraction(document=rec, lang=rec.lang or "und")
                yield res

        n = write_extractions(extractions(), output, format)
    err.print(f"extract: {n} documents written to {output}" + (f", {n_rejected} inputs rejected" if n_rejected else ""), highlight=False)
    return EXIT_REJECTS if n_rejected else EXIT_OK

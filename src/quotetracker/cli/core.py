"""Commands that write or move data: ingest, resolve, rejects, extract, export.

Exit codes (all commands): 0 success; 1 finished but some inputs were rejected;
2 usage error (bad option, missing file, invalid filter value); 3 database error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from ._app import DbOption, app, db_url

EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3

out = Console(soft_wrap=False)
err = Console(stderr=True)


def fail(message: str, code: int) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Map database failures to exit code 3 and bad filter values to exit code 2, with a one-line message."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from ..query import QueryError
    from ..store import DatabaseError

    try:
        yield
    except QueryError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    except (ArgumentError, NoSuchModuleError) as exc:
        raise fail(f"invalid database URL {url!r}: {exc}", EXIT_DATABASE) from exc
    except ModuleNotFoundError as exc:
        hint = " (install the PostgreSQL driver: pip install 'quotetracker[postgres]')" if "psycopg" in str(exc) else ""
        raise fail(f"database {url!r}: {exc}{hint}", EXIT_DATABASE) from exc
    except (SQLAlchemyError, DatabaseError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise fail(f"database {url!r}: {first}", EXIT_DATABASE) from exc


def open_tracker(db: str | None):
    """The Python API object for ``--db`` (migrated); database errors exit with code 3."""
    import quotetracker

    url = db_url(db)
    with database_errors(url):
        return quotetracker.open(url)


def _parse_columns(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    mapping = {}
    for v in values:
        field, sep, column = v.partition("=")
        if not sep or not field or not column:
            raise fail(f"--csv-column expects FIELD=COLUMN, got {v!r}", EXIT_USAGE)
        mapping[field.strip()] = column.strip()
    return mapping


def _check_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists()]
    if missing:
        raise fail(f"no such file or directory: {', '.join(missing)}", EXIT_USAGE)


def _progress(enabled: bool | None):
    """A Rich progress display on stderr with documents/s, or None when stderr is not a terminal."""
    if enabled is False or (enabled is None and not err.is_terminal):
        return None
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed} docs"),
        TextColumn("[cyan]{task.fields[rate]:.1f} docs/s"),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (seed .txt, .jsonl, .csv/.tsv, .html, .gz of these)."),
    db: str | None = DbOption,
    include: list[str] | None = typer.Option(None, "--include", help="Glob of files to read inside folders (repeatable)."),
    exclude: list[str] | None = typer.Option(None, "--exclude", help="Glob of files to skip (repeatable)."),
    format: str | None = typer.Option(None, "--format", help="Force one input format: seed, jsonl, csv, tsv, html."),
    batch_size: int = typer.Option(100, "--batch-size", min=1, help="Documents per transaction (a kill loses at most one batch)."),
    lang: str | None = typer.Option(None, "--lang", help="Treat every document as this language (skip detection)."),
    csv_column: list[str] | None = typer.Option(None, "--csv-column", help="CSV column mapping FIELD=COLUMN, e.g. text=body (repeatable)."),
    delimiter: str | None = typer.Option(None, "--delimiter", help="CSV delimiter (default: sniffed; tab for .tsv)."),
    resolve: bool = typer.Option(True, "--resolve/--no-resolve", help="Rebuild speaker identities after storing."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: when stderr is a terminal)."),
    engine: str = typer.Option("local", "--engine", help="local (this process) or dask (see docs/dask.md)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler tcp://HOST:PORT (default: a local Dask cluster)."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Workers of the local Dask cluster (default: one per core)."),
    topics_file: Path | None = typer.Option(None, "--topics-file", help="Keyword topics (.toml, .json, .yaml) instead of $QUOTETRACKER_TOPICS or the defaults."),
) -> None:
    """Read, extract and store articles; idempotent (content hash) and resumable. Exit 1 when inputs were rejected."""
    _check_paths(paths)
    columns = _parse_columns(csv_column)
    from .topics import topics_option

    topics = topics_option(topics_file)  # a bad topics file stops here (exit 2), before anything is stored
    topic_kwargs = {"topics": topics} if topics is not None and engine == "local" else {}
    if topics_file is not None and engine != "local":  # Dask workers read the file themselves
        os.environ["QUOTETRACKER_TOPICS"] = str(topics_file.resolve())
    qt = open_tracker(db)
    bar = _progress(progress)
    task = None

    def on_reject(row) -> None:
        where = f"{row.path}:{row.line}" if row.line else row.path
        err.print(f"[yellow]rejected[/] {where}: {escape(row.reason)}", highlight=False, soft_wrap=True)

    trace = bool(os.environ.get("QUOTETRACKER_TRACE_BATCHES"))  # test hook: one stderr line per committed batch

    def on_progress(report) -> None:
        if trace:
            print(f"batch committed: accepted={report.accepted} duplicates={report.duplicates}", file=sys.stderr, flush=True)
        if bar is not None and task is not None:
            info = f"accepted {report.accepted} · duplicates {report.duplicates} · rejected {report.rejected}"
            bar.update(task, completed=report.accepted + report.duplicates, rate=report.docs_per_second, info=info)

    from ..ingest import ingest as run_ingest

    if engine != "local":
        from ..distributed.cli import engine_ingest

        run_ingest = engine_ingest(engine, scheduler, workers, err)

    with database_errors(qt.url):
        try:
            if bar is not None:
                bar.start()
                task = bar.add_task("ingest", total=None, rate=0.0, info="")
            report = run_ingest(
                qt.store,
                [str(p) for p in paths],
                include=include,
                exclude=exclude,
                format=format,
                csv_columns=columns,
                delimiter=delimiter,
                batch_size=batch_size,
                lang=lang,
                resolve=resolve,
                on_reject=on_reject,
                on_progress=on_progress,
                **topic_kwargs,
            )
        except ValueError as exc:  # invalid reader options
            raise fail(str(exc), EXIT_USAGE) from exc
        finally:
            if bar is not None:
                bar.stop()
    speakers = f", {report.speakers} speakers" if report.speakers is not None else ""
    out.print(
        f"[bold]ingest finished[/] in {report.seconds:.1f}s ({report.docs_per_second:.1f} docs/s): "
        f"[green]{report.accepted} accepted[/] ({report.statements} statements{speakers}), "
        f"{report.duplicates} duplicates skipped, "
        + (f"[red]{report.rejected} rejected[/] (see: quotetracker rejects)" if report.rejected else "0 rejected"),
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(report.exit_code)


@app.command()
def resolve(db: str | None = DbOption) -> None:
    """Rebuild speaker identities from every stored mention plus your corrections."""
    qt = open_tracker(db)
    with database_errors(qt.url):
        n = qt.resolve()
    out.print(f"{n} speakers")


@app.command()
def rejects(
    db: str | None = DbOption,
    run: int | None = typer.Option(None, "--run", help="Ingest run id (default: the latest run)."),
    all_runs: bool = typer.Option(False, "--all", help="Rejects of every run."),
    limit: int = typer.Option(100, "--limit", min=1),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Inputs that ingest rejected, with file, line and reason."""
    qt = open_tracker(db)
    with database_errors(qt.url):
        if run is None and not all_runs:
            runs = qt.query.runs(limit=1)
            run = runs[0].id if runs else None
        page = qt.query.rejects(run_id=None if all_runs else run, limit=limit)
    rows = [r.to_dict() for r in page.items]
    if format in ("json", "csv"):
        _print_rows(rows, format, ["id", "run_id", "path", "line", "reason", "raw", "created_at"])
        return
    from rich.table import Table

    title = "rejects of every run" if all_runs else f"rejects of ingest run {run}" if run else "rejects"
    table = Table(title=f"{title} ({page.total_label})", show_lines=False)
    for col in ("run", "file", "line", "reason"):
        table.add_column(col, overflow="fold")
    for r in page.items:
        table.add_row(str(r.run_id or ""), r.path, str(r.line or ""), r.reason)
    out.print(table)


@app.command()
def runs(
    db: str | None = DbOption,
    limit: int = typer.Option(20, "--limit", min=1),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Ingest runs, newest first: status (a killed run stays 'running'), inputs and counts."""
    qt = open_tracker(db)
    with database_errors(qt.url):
        items = qt.query.runs(limit=limit)
    if format in ("json", "csv"):
        rows = [r.to_dict() for r in items]
        if format == "csv":
            rows = [{**r, "inputs": " ".join(r["inputs"].get("paths") or []), **{k: v for k, v in r["counts"].items()}} for r in rows]
        _print_rows(rows, format, ["id", "started_at", "finished_at", "status", "inputs", "accepted", "duplicates", "rejected", "statements"])
        return
    from rich.table import Table

    table = Table(title=f"ingest runs ({len(items)})")
    for col in ("id", "started", "status", "inputs", "accepted", "duplicates", "rejected", "statements"):
        table.add_column(col, overflow="fold")
    for r in items:
        c = r.counts
        table.add_row(
            str(r.id), (r.started_at or "")[:19], r.status, " ".join(r.inputs.get("paths") or []),
            *(str(c.get(k, "")) for k in ("accepted", "duplicates", "rejected", "statements")),
        )  # fmt: skip
    out.print(table)


def _print_rows(rows: list[dict[str, Any]], format: str, columns: list[str]) -> None:
    import json

    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("; ".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()})
    else:
        raise fail(f"unknown --format {format!r} (table, json or csv)", EXIT_USAGE)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders; gold quotes-jsonl files work too (their quotes are ignored)."),
    format: str = typer.Option("quotes-jsonl", "--format", help="quotes-jsonl (the scorer's format), jsonl (everything) or parquet."),
    output: str = typer.Option("-", "--output", "-o", help="Output file ('-': standard output)."),
    lang: str | None = typer.Option(None, "--lang", help="Treat every document as this language."),
    input_format: str | None = typer.Option(None, "--input-format", help="Force the input format: seed, jsonl, csv, tsv, html."),
    include: list[str] | None = typer.Option(None, "--include", help="Glob of files to read inside folders (repeatable)."),
    exclude: list[str] | None = typer.Option(None, "--exclude", help="Glob of files to skip (repeatable)."),
    batch_size: int = typer.Option(64, "--batch-size", min=1),
    progress: bool | None = typer.Option(None, "--progress/--no-progress"),
    engine: str = typer.Option("local", "--engine", help="local (this process) or dask (see docs/dask.md)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler tcp://HOST:PORT (default: a local Dask cluster)."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Workers of the local Dask cluster (default: one per core)."),
) -> None:
    """Extract statements without a database: one output line per input document, same id."""
    from ..export import EXTRACT_FORMATS, write_extractions
    from ..ingest import extract_documents, reject_from
    from ..io import read_inputs
    from ..model import Document, Extraction

    if format not in EXTRACT_FORMATS:
        raise fail(f"unknown --format {format!r}; choose one of {', '.join(EXTRACT_FORMATS)}", EXIT_USAGE)
    _check_paths(paths)
    if engine != "local":  # workers read, extract and (parquet: a folder of part files) write
        from ..distributed.cli import engine_extract

        raise typer.Exit(engine_extract(engine, scheduler, workers, err, paths=[str(p) for p in paths], format=format, output=output,
                                        lang=lang, input_format=input_format, include=include, exclude=exclude,
                                        batch_size=batch_size, progress=_progress(progress)))  # fmt: skip
    try:
        records = read_inputs([str(p) for p in paths], include=include, exclude=exclude, format=input_format)
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    n_rejected = 0
    bar = _progress(progress)
    task = bar.add_task("extract", total=None, rate=0.0, info="") if bar else None

    def extractions() -> Iterator[Extraction]:
        nonlocal n_rejected
        import time

        started, done = time.perf_counter(), 0
        batch: list[Document] = []

        def flush() -> Iterator[Extraction]:
            nonlocal done
            for doc, res in zip(batch, extract_documents(batch)):
                if isinstance(res, Extraction):
                    yield res
                else:  # keep one line per input document, even when its extraction fails
                    err.print(f"[yellow]warning[/] {doc.id}: {res.reason}; written without quotes", highlight=False)
                    yield Extraction(document=doc, lang=doc.lang or "und")
            done += len(batch)
            batch.clear()
            if bar is not None:
                bar.update(task, completed=done, rate=done / max(time.perf_counter() - started, 1e-9))

        for item in records:
            if isinstance(item, Document):
                if lang:
                    item.lang = lang
                batch.append(item)
                if len(batch) >= batch_size:
                    yield from flush()
            else:
                n_rejected += 1
                row = reject_from(item)
                where = f"{row.path}:{row.line}" if row.line else row.path
                err.print(f"[yellow]rejected[/] {where}: {escape(row.reason)}", highlight=False, soft_wrap=True)
        if batch:
            yield from flush()

    if bar is not None:
        bar.start()
    try:
        n = write_extractions(extractions(), output, format)
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    finally:
        if bar is not None:
            bar.stop()
    err.print(f"extract: {n} documents written to {output}" + (f", {n_rejected} inputs rejected" if n_rejected else ""), highlight=False)
    raise typer.Exit(EXIT_REJECTS if n_rejected else EXIT_OK)


@app.command()
def export(
    db: str | None = DbOption,
    format: str = typer.Option("quotes-jsonl", "--format", help="quotes-jsonl, jsonl, csv or parquet."),
    output: str = typer.Option(..., "--output", "-o", help="Output file ('-': standard output, not for parquet)."),
    speaker: str | None = typer.Option(None, "--speaker"),
    about: str | None = typer.Option(None, "--about"),
    q: str | None = typer.Option(None, "--q"),
    kind: str | None = typer.Option(None, "--kind"),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    source: str | None = typer.Option(None, "--source"),
    topic: str | None = typer.Option(None, "--topic"),
    lang: str | None = typer.Option(None, "--lang"),
) -> None:
    """Export the database (or the statements matching the filters)."""
    from ..export import EXPORT_FORMATS
    from ..export import export as run_export
    from ..query import StatementFilters

    if format not in EXPORT_FORMATS:
        raise fail(f"unknown --format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}", EXIT_USAGE)
    f = StatementFilters(speaker=speaker, about=about, q=q, kind=kind, since=since, until=until, source=source, topic=topic, lang=lang)
    qt = open_tracker(db)
    with database_errors(qt.url):
        try:
            n = run_export(qt.query, output, format=format, filters=None if f == StatementFilters() else f)
        except ValueError as exc:
            raise fail(str(exc), EXIT_USAGE) from exc
    err.print(f"export: {n} {'documents' if format == 'quotes-jsonl' else 'statements'} written to {output}", highlight=False)


@app.command()
def reextract(
    db: str | None = DbOption,
    lang: str | None = typer.Option(None, "--lang", help="Only documents of this language."),
    batch_size: int = typer.Option(100, "--batch-size", min=1, help="Documents per transaction."),
    resolve: bool = typer.Option(True, "--resolve/--no-resolve", help="Rebuild speaker identities afterwards."),
    topics_file: Path | None = typer.Option(None, "--topics-file", help="Keyword topics (.toml, .json, .yaml) instead of $QUOTETRACKER_TOPICS or the defaults."),
) -> None:
    """Extract stored documents again (after an engine upgrade) and replace their statements; corrections are kept."""
    from ..ingest import reextract as run_reextract
    from .topics import topics_option

    topics = topics_option(topics_file)  # a bad topics file stops here (exit 2)
    qt = open_tracker(db)
    with database_errors(qt.url):
        report = run_reextract(qt.store, lang=lang, batch_size=batch_size, resolve=resolve, topics=topics)
    failed = f", {report.failed} failed (kept as they were)" if report.failed else ""
    out.print(f"re-extracted {report.documents} documents: {report.statements} statements{failed} in {report.seconds:.1f}s", soft_wrap=True)

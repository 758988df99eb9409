"""``quotetracker topics``: topics with statement counts over time; ``topics build`` fits unsupervised topics.

Also :func:`topics_option`, which ``ingest --topics-file`` uses to load and check
a topics file before anything is read or stored.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ._app import DbOption, app
from .core import EXIT_USAGE, _print_rows, database_errors, err, fail, open_tracker, out

topics_app = typer.Typer(help="Topics (keyword topics from the topics file, model topics from `topics build`) with counts over time.", invoke_without_command=True)
app.add_typer(topics_app, name="topics")

TOPIC_COLUMNS = ["id", "label", "name", "origin", "n_statements", "counts", "keywords"]


def topics_option(path: Path | None):
    """The keyword topics of ``--topics-file`` (or of ``$QUOTETRACKER_TOPICS``); None: the shipped defaults.

    A missing or malformed file is a usage error (exit 2) before the run starts.
    """
    import os

    from ..topics.keywords import ENV_VAR, TopicConfigError, load_topics

    if path is None and not os.environ.get(ENV_VAR):
        return None
    try:
        return load_topics(path)
    except TopicConfigError as exc:
        source = "--topics-file" if path is not None else f"${ENV_VAR}"
        raise fail(f"{source}: {exc}", EXIT_USAGE) from exc


def _names_by_label() -> dict[str, str]:
    """Configured keyword topics: display label → name ("Klima / climate" → "klima")."""
    try:
        from ..topics.keywords import load_topics

        return {t.label: t.name for t in load_topics()}
    except Exception:  # a broken topics file only costs the name column here
        return {}


def _periods(points, by: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in points:
        key = p.period[:4] if by == "year" else p.period
        counts[key] = counts.get(key, 0) + p.count
    return counts


def _resolve_label(label: str, summaries) -> str | None:
    """A topic given by label or by keyword-topic name, case-insensitively."""
    wanted = label.casefold()
    for t in summaries:
        if t.label.casefold() == wanted:
            return t.label
    names = {name.casefold(): lb for lb, name in _names_by_label().items()}
    return names.get(wanted)


def list_topics(db: str | None, by: str, origin: str | None, topic: str | None, include_empty: bool, format: str) -> None:
    from ..query import StatementFilters

    if by not in ("year", "month"):
        raise fail(f"unknown --by {by!r} (year or month)", EXIT_USAGE)
    if origin not in (None, "user", "model"):
        raise fail(f"unknown --origin {origin!r} (user or model)", EXIT_USAGE)
    if format not in ("table", "json", "csv"):
        raise fail(f"unknown --format {format!r} (table, json or csv)", EXIT_USAGE)
    qt = open_tracker(db)
    names = _names_by_label()
    with database_errors(qt.url):
        summaries = qt.query.topics()
        if topic is not None:
            label = _resolve_label(topic, summaries)
            if label is None:  # a stored keyword-topic name or a topic id
                found = qt.query.topic(topic)
                label = found.label if found else None
            if label is None:
                raise fail(f"no such topic: {topic!r} (see: quotetracker topics)", EXIT_USAGE)
            summaries = [t for t in summaries if t.label == label]
        summaries = [t for t in summaries if (origin is None or t.origin == origin) and (include_empty or t.n_statements or topic)]
        rows = []
        for t in summaries:
            counts = _periods(qt.query.timeline(StatementFilters(topic=t.label)), by) if t.n_statements else {}
            rows.append({"id": t.id, "label": t.label, "name": names.get(t.label) if t.origin == "user" else None, "origin": t.origin,
                         "n_statements": t.n_statements, "counts": counts, "keywords": t.keywords})  # fmt: skip
    if format == "json":
        _print_rows(rows, format, TOPIC_COLUMNS)
        return
    if format == "csv":
        flat = [{**r, "counts": [f"{p}:{n}" for p, n in r["counts"].items()]} for r in rows]
        _print_rows(flat, format, TOPIC_COLUMNS)
        return
    table = Table(title=f"topics ({len(rows)}), statements per {by}")
    table.add_column("topic", style="bold")
    table.add_column("origin", no_wrap=True)
    table.add_column("statements", justify="right")
    table.add_column(f"per {by}")
    for r in rows:
        label = r["label"] + (f" [dim]({r['name']})[/]" if r["name"] and r["name"] != r["label"] else "")
        per = " · ".join(f"{p}: {n}" for p, n in r["counts"].items())
        table.add_row(label, r["origin"], str(r["n_statements"]), per)
    out.print(table)
    if not rows:
        out.print("no topics with statements yet (ingest documents, or run: quotetracker topics build)")


_BY = typer.Option("year", "--by", help="Count statements per year or month.")
_ORIGIN = typer.Option(None, "--origin", help="Only user (keyword) or model topics.")
_TOPIC = typer.Option(None, "--topic", help="One topic, by label or keyword-topic name.")
_EMPTY = typer.Option(False, "--all", help="Also topics without statements.")
_FORMAT = typer.Option("table", "--format", help="table, json or csv.")


@topics_app.callback()
def topics(
    ctx: typer.Context,
    db: str | None = DbOption,
    by: str = _BY,
    origin: str | None = _ORIGIN,
    topic: str | None = _TOPIC,
    include_empty: bool = _EMPTY,
    format: str = _FORMAT,
) -> None:
    """Topics with statement counts, most frequent first, and their counts per year (or month)."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        list_topics(db, by, origin, topic, include_empty, format)


def _db_from(ctx: typer.Context, db: str | None) -> str | None:
    if db:
        return db
    parent = ctx.parent
    return parent.obj.get("db") if parent is not None and isinstance(parent.obj, dict) else None


@topics_app.command("list")
def list_command(
    ctx: typer.Context,
    db: str | None = DbOption,
    by: str = _BY,
    origin: str | None = _ORIGIN,
    topic: str | None = _TOPIC,
    include_empty: bool = _EMPTY,
    format: str = _FORMAT,
) -> None:
    """Topics with statement counts and their counts per year (or month)."""
    list_topics(_db_from(ctx, db), by, origin, topic, include_empty, format)


@topics_app.command("build")
def build_command(
    ctx: typer.Context,
    db: str | None = DbOption,
    k: int = typer.Option(12, "--k", min=1, max=200, help="Topics per language."),
    min_score: float = typer.Option(0.2, "--min-score", min=0.0, max=1.0, help="Share of a topic's term weight a statement needs."),
    max_fit: int = typer.Option(50_000, "--max-fit", min=10, help="Statements per language the model is fitted on (an even sample)."),
) -> None:
    """Fit unsupervised topics (NMF on lemmas) over the stored statements and link each statement to its best ones.

    Replaces the topics of the previous build; keyword topics stay as they are.
    """
    from ..topics.build import build_model_topics

    qt = open_tracker(_db_from(ctx, db))
    with database_errors(qt.url):
        report = build_model_topics(qt.store, k, max_fit=max_fit, min_score=min_score, on_stage=lambda m: err.print(f"[dim]{m}…[/]"))
    table = Table(title=f"model topics ({len(report.topics)})")
    table.add_column("topic", style="bold")
    table.add_column("lang", no_wrap=True)
    table.add_column("statements", justify="right")
    table.add_column("terms")
    for t in sorted(report.topics, key=lambda t: -t.n_statements):
        table.add_row(t.label, t.lang, str(t.n_statements), ", ".join(t.terms[:8]))
    out.print(table)
    out.print(
        f"{report.statements} statements read, {report.linked} linked to a model topic"
        + (f"; {report.replaced} topics of the previous build replaced" if report.replaced else "")
    )

"""Commands that read: statements, speakers (and speaker corrections), show."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from ..model import StatementRecord
from ._app import DbOption, app
from .core import EXIT_USAGE, _print_rows, database_errors, fail, open_tracker, out

STATEMENT_COLUMNS = [
    "id", "date", "speaker", "speaker_name", "speaker_mention", "kind", "content", "cue", "source", "doc_key",
    "document_id", "lang", "confidence", "topics", "about",
]  # fmt: skip


def _who(r: StatementRecord) -> str:
    return r.speaker or r.speaker_name or (f"({r.speaker_mention})" if r.speaker_mention else "?")


def statements_table(records: list[StatementRecord], title: str) -> Table:
    table = Table(title=title, show_lines=True, expand=False)
    table.add_column("date", no_wrap=True)
    table.add_column("speaker", style="bold green")
    table.add_column("kind", no_wrap=True)
    table.add_column("statement", ratio=3)
    table.add_column("source")
    table.add_column("doc", no_wrap=True, style="dim")
    for r in records:
        content = r.content if r.kind != "direct" else f"„{r.content}“"
        table.add_row(r.date or "", _who(r), r.kind or "", content, r.source or "", str(r.document_id))
    return table


@app.command()
def statements(
    db: str | None = DbOption,
    speaker: str | None = typer.Option(None, "--speaker", help="Name, alias or id of the speaker."),
    about: str | None = typer.Option(None, "--about", help="Who or what the statement mentions (any name form of a person)."),
    q: str | None = typer.Option(None, "--q", help="Full-text search (German and English word forms)."),
    kind: str | None = typer.Option(None, "--kind", help="direct, indirect, mixed or reported."),
    since: str | None = typer.Option(None, "--since", help="YYYY[-MM[-DD]], inclusive."),
    until: str | None = typer.Option(None, "--until", help="YYYY[-MM[-DD]], inclusive."),
    source: str | None = typer.Option(None, "--source"),
    topic: str | None = typer.Option(None, "--topic", help="Topic label, keyword-topic name or id."),
    lang: str | None = typer.Option(None, "--lang"),
    mentions_date: str | None = typer.Option(
        None, "--mentions-date", help="The document mentions a date in YYYY[-MM[-DD]] or FROM..TO (one end may be open)."
    ),
    limit: int = typer.Option(20, "--limit", min=1),
    offset: int = typer.Option(0, "--offset", min=0),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Who said what: statements matching every filter given, newest first."""
    from ..query import StatementFilters

    if format not in ("table", "json", "csv"):
        raise fail(f"unknown --format {format!r} (table, json or csv)", EXIT_USAGE)
    f = StatementFilters(
        speaker=speaker, about=about, q=q, kind=kind, since=since, until=until, source=source, topic=topic, lang=lang,
        mentions_date=mentions_date,
    )  # fmt: skip
    qt = open_tracker(db)
    with database_errors(qt.url):
        page = qt.query.statements(f, limit=limit, offset=offset)
    if format != "table":
        _print_rows([r.to_dict() for r in page.items], format, STATEMENT_COLUMNS)
        return
    shown = f"{offset + 1}–{offset + len(page.items)} of {page.total_label}" if page.items else f"0 of {page.total_label}"
    out.print(statements_table(page.items, f"statements ({shown})"))


speakers_app = typer.Typer(help="Speakers with statement counts; merge, split and alias corrections.", invoke_without_command=True)
alias_app = typer.Typer(help="Aliases of a speaker.")
speakers_app.add_typer(alias_app, name="alias")
app.add_typer(speakers_app, name="speakers")


def speakers_table(items, title: str) -> Table:
    table = Table(title=title)
    table.add_column("id", justify="right", style="dim")
    table.add_column("speaker", style="bold green")
    table.add_column("statements", justify="right")
    table.add_column("first")
    table.add_column("last")
    table.add_column("aliases")
    for s in items:
        aliases = ", ".join(a for a in s.aliases if a != s.name)
        table.add_row(str(s.id), s.name, str(s.n_statements), s.first_date or "", s.last_date or "", aliases)
    return table


@speakers_app.callback()
def speakers(
    ctx: typer.Context,
    db: str | None = DbOption,
    q: str | None = typer.Option(None, "--q", help="Only speakers with an alias containing this."),
    limit: int = typer.Option(30, "--limit", min=1),
    offset: int = typer.Option(0, "--offset", min=0),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Speakers with statement counts and first/last date (most quoted first)."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    qt = open_tracker(db)
    with database_errors(qt.url):
        page = qt.query.speakers(q=q, limit=limit, offset=offset)
    if format != "table":
        _print_rows([s.to_dict() for s in page.items], format, ["id", "name", "n_statements", "first_date", "last_date", "aliases"])
        return
    out.print(speakers_table(page.items, f"speakers ({len(page.items)} of {page.total_label})"))


def _db_from(ctx: typer.Context, db: str | None) -> str | None:
    if db:
        return db
    c = ctx
    while c is not None:
        if isinstance(c.obj, dict) and c.obj.get("db"):
            return c.obj["db"]
        c = c.parent
    return None


def _correct(ctx: typer.Context, db: str | None, action: str, a: str, b: str | None) -> None:
    qt = open_tracker(_db_from(ctx, db))
    with database_errors(qt.url):
        qt.store.add_correction(action, a, b)
        n = qt.resolve()
    out.print(f"correction stored ({action} {a!r}" + (f", {b!r}" if b else "") + f"); {n} speakers after rebuild")


@speakers_app.command("merge")
def speakers_merge(
    ctx: typer.Context,
    a: str = typer.Argument(..., help="A speaker name or alias."),
    b: str = typer.Argument(..., help="Another name or alias of the same person."),
    db: str | None = DbOption,
) -> None:
    """A and B are the same person (kept across re-ingest)."""
    _correct(ctx, db, "merge", a, b)


@speakers_app.command("split")
def speakers_split(
    ctx: typer.Context,
    alias: str = typer.Argument(..., help="The alias that names a different person."),
    db: str | None = DbOption,
) -> None:
    """ALIAS is a different person from the speaker it was grouped with (kept across re-ingest)."""
    _correct(ctx, db, "split", alias, None)


@alias_app.command("add")
def alias_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The speaker's name."),
    alias: str = typer.Argument(..., help="Another way the speaker is named."),
    db: str | None = DbOption,
) -> None:
    """Add ALIAS to speaker NAME (kept across re-ingest)."""
    _correct(ctx, db, "alias", name, alias)


STYLE_CONTENT = "bold yellow"
STYLE_CUE = "underline cyan"
STYLE_SPEAKER = "bold green"


def highlighted_text(text: str, records: list[StatementRecord]) -> Text:
    t = Text(text)
    for r in records:
        t.stylize(STYLE_CONTENT, r.content_span.start, r.content_span.end)
        if r.cue_span:
            t.stylize(STYLE_CUE, r.cue_span.start, r.cue_span.end)
        if r.speaker_span:
            t.stylize(STYLE_SPEAKER, r.speaker_span.start, r.speaker_span.end)
    return t


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (number) or its external id."),
    db: str | None = DbOption,
    format: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """A document with its statements highlighted: [bold yellow]content[/], [underline cyan]cue[/], [bold green]speaker[/]."""
    import json

    qt = open_tracker(db)
    with database_errors(qt.url):
        doc = qt.query.document(doc_id)
    if doc is None:
        raise fail(f"no document {doc_id!r}", EXIT_USAGE)
    if format == "json":
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return
    head = Text()
    head.append(doc.title or doc.doc_key or f"document {doc.id}", style="bold")
    head.append(f"\n#{doc.id}  id={doc.doc_key}  date={doc.date or '?'}  lang={doc.lang or '?'}  source={doc.source or '?'}", style="dim")
    if doc.url:
        head.append(f"\n{doc.url}", style="dim")
    out.print(head)
    out.print()
    out.print(highlighted_text(doc.text, doc.statements))
    if doc.byline:
        out.print(Text(doc.byline, style="dim"))
    out.print()
    legend = Text("legend: ")
    legend.append("content", STYLE_CONTENT).append("  ").append("cue", STYLE_CUE).append("  ").append("speaker", STYLE_SPEAKER)
    out.print(legend)
    if doc.statements:
        out.print(statements_table(doc.statements, f"{len(doc.statements)} statements"))
    else:
        out.print("no statements found in this document")

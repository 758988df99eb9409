"""The one Typer app; command modules attach their commands to it."""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="quotetracker",
    help="Who said what, about whom, when and where — attributed statements from dated news.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

DEFAULT_DB = "sqlite:///quotetracker.db"


def db_url(value: str | None) -> str:
    """--db wins, then $QUOTETRACKER_DB, then an SQLite file in the current folder."""
    url = value or os.environ.get("QUOTETRACKER_DB") or DEFAULT_DB
    if "://" not in url:  # a bare path means an SQLite file
        url = f"sqlite:///{url}"
    return url


DbOption = typer.Option(
    None, "--db", help="Database URL (sqlite:///file.db or postgresql+psycopg://…); default $QUOTETRACKER_DB or sqlite:///quotetracker.db."
)

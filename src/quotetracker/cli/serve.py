"""``quotetracker serve``: the web UI and HTTP API over one database."""

from __future__ import annotations

import os

import typer

from ._app import DbOption, app, db_url


@app.command()
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the web UI and the JSON API (docs at /docs). Writing needs $QUOTETRACKER_TOKEN."""
    import uvicorn

    from ..api import create_app

    url = db_url(db)
    try:
        application = create_app(url)
    except Exception as exc:  # a bad URL or an unreachable server: say so, exit 3 like other commands
        typer.secho(f"cannot open the database {url}: {exc}", fg="red", err=True)
        raise typer.Exit(3) from None
    writing = "on (bearer token)" if os.environ.get("QUOTETRACKER_TOKEN") else "off (set QUOTETRACKER_TOKEN to enable)"
    typer.echo(f"quotetracker on http://{host}:{port}/  ·  API docs http://{host}:{port}/docs  ·  writing {writing}")
    uvicorn.run(application, host=host, port=port, log_level=log_level)

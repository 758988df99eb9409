"""Alembic environment: runs on the connection handed over by :func:`quotetracker.store.engine.migrate`.

It also works from the ``alembic`` command line (``alembic -c src/quotetracker/store/migrations/alembic.ini
upgrade head``), taking the URL from ``$QUOTETRACKER_DB``.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from quotetracker.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("QUOTETRACKER_DB", "sqlite:///quotetracker.db")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)

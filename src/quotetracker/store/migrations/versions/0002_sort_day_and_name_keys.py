"""fast queries: statements.sort_day (+ indexes), a date-ordered FTS5 rowid on SQLite, transliteration keys of aliases

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:20:00

- ``statements.sort_day``: the document's first day as an ordinal (0 = undated), filled from ``documents``;
  indexed with the id (and per speaker) so "newest first" walks an index.
- SQLite: the FTS5 table is re-created contentless with rowid = sort_day × 2³² + id (see store.dialect).
- ``speaker_aliases.alias_key`` / ``surname_key``: transliteration keys, filled from the stored aliases.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from quotetracker.store import dialect

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _fill_sort_day(bind) -> None:
    if bind.dialect.name == "sqlite":
        # julianday('0001-01-01') = 1721425.5 and date(1, 1, 1).toordinal() = 1
        op.execute(
            "UPDATE statements SET sort_day = coalesce((SELECT CAST(julianday(d.date_start) - 1721424.5 AS INTEGER)"
            " FROM documents d WHERE d.id = statements.document_id), 0)"
        )
    else:
        op.execute(
            "UPDATE statements SET sort_day = (d.date_start::date - DATE '0001-01-01') + 1 FROM documents d"
            " WHERE d.id = statements.document_id AND d.date_start IS NOT NULL"
        )


def _fill_alias_keys(bind) -> None:
    from quotetracker.store.namekeys import alias_keys

    rows = bind.execute(sa.text("SELECT id, alias FROM speaker_aliases")).all()
    updates = []
    for row_id, alias in rows:
        full, surname = alias_keys(alias)
        updates.append({"k": full, "s": surname, "i": row_id})
    if updates:
        bind.execute(sa.text("UPDATE speaker_aliases SET alias_key = :k, surname_key = :s WHERE id = :i"), updates)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        dialect.drop_search_objects(bind)
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_day", sa.Integer(), server_default="0", nullable=False))
    _fill_sort_day(bind)
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index("ix_statements_sort_day_id", ["sort_day", "id"], unique=False)
        batch_op.create_index("ix_statements_speaker_sort_day", ["speaker_id", "sort_day", "id"], unique=False)
    with op.batch_alter_table("speaker_aliases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alias_key", sa.String(length=512), nullable=True))
        batch_op.add_column(sa.Column("surname_key", sa.String(length=128), nullable=True))
        batch_op.create_index(batch_op.f("ix_speaker_aliases_alias_key"), ["alias_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaker_aliases_surname_key"), ["surname_key"], unique=False)
    _fill_alias_keys(bind)
    if bind.dialect.name == "sqlite":
        dialect.create_search_objects(bind, version=2)
    dialect.analyze(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        dialect.drop_search_objects(bind)
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), not a batch "move and copy": dropping the old statements
    # table with foreign keys on would cascade to every entity mention and topic link.
    op.drop_index(op.f("ix_speaker_aliases_surname_key"), table_name="speaker_aliases")
    op.drop_index(op.f("ix_speaker_aliases_alias_key"), table_name="speaker_aliases")
    op.drop_index("ix_statements_speaker_sort_day", table_name="statements")
    op.drop_index("ix_statements_sort_day_id", table_name="statements")
    for table, name in (("speaker_aliases", "surname_key"), ("speaker_aliases", "alias_key"), ("statements", "sort_day")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    if bind.dialect.name == "sqlite":
        dialect.create_search_objects(bind, version=1)

"""indexes for the query shapes still slow at 1M statements: kind + source, topic + date

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 13:50:00

- ``ix_statements_document_kind_sort_day`` (document_id, kind, sort_day, id): an outlet's statements of one kind
  are read off the index (no statement rows); ``ix_documents_source_id`` (source, id) replaces ``ix_documents_source``
  so that PostgreSQL finds the outlet's document ids in the index too (SQLite's indexes carry the rowid anyway).
- ``statement_topics.sort_day``: the statement's ``sort_day``, copied so that a topic's statements in a date range
  are one range of ``ix_statement_topics_topic_sort_day`` (topic_id, sort_day, statement_id). Filled here, and for
  new links by a trigger (any writer of links gets it right without knowing the column).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from quotetracker.store import dialect

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# A statement's sort_day never changes (it is its document's date), so filling it once at insert suffices.
_SQLITE_TRIGGER = (
    "CREATE TRIGGER statement_topics_sort_day AFTER INSERT ON statement_topics WHEN new.sort_day = 0 BEGIN"
    " UPDATE statement_topics SET sort_day = coalesce((SELECT s.sort_day FROM statements s WHERE s.id = new.statement_id), 0)"
    " WHERE statement_id = new.statement_id AND topic_id = new.topic_id; END"
)
_PG_TRIGGER = [
    "CREATE FUNCTION statement_topics_sort_day() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF NEW.sort_day = 0 THEN"
    " NEW.sort_day := coalesce((SELECT s.sort_day FROM statements s WHERE s.id = NEW.statement_id), 0);"
    " END IF; RETURN NEW; END $$",
    "CREATE TRIGGER statement_topics_sort_day BEFORE INSERT ON statement_topics"
    " FOR EACH ROW EXECUTE FUNCTION statement_topics_sort_day()",
]


def upgrade() -> None:
    bind = op.get_bind()
    op.create_index(
        "ix_statements_document_kind_sort_day", "statements", ["document_id", "kind", "sort_day", "id"], unique=False
    )
    op.create_index("ix_documents_source_id", "documents", ["source", "id"], unique=False)
    op.drop_index("ix_documents_source", table_name="documents")
    op.add_column("statement_topics", sa.Column("sort_day", sa.Integer(), server_default="0", nullable=False))
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE statement_topics st SET sort_day = s.sort_day FROM statements s WHERE s.id = st.statement_id AND s.sort_day <> 0"
        )
        for sql in _PG_TRIGGER:
            op.execute(sql)
    else:
        op.execute(
            "UPDATE statement_topics SET sort_day = coalesce((SELECT s.sort_day FROM statements s"
            " WHERE s.id = statement_topics.statement_id), 0)"
        )
        op.execute(_SQLITE_TRIGGER)
    op.create_index(
        "ix_statement_topics_topic_sort_day", "statement_topics", ["topic_id", "sort_day", "statement_id"], unique=False
    )
    # The new index starts with topic_id: the single-column one is redundant (and would compete in the planner).
    op.drop_index("ix_statement_topics_topic_id", table_name="statement_topics")
    dialect.analyze(bind)


def downgrade() -> None:
    bind = op.get_bind()
    op.create_index("ix_statement_topics_topic_id", "statement_topics", ["topic_id"], unique=False)
    op.drop_index("ix_statement_topics_topic_sort_day", table_name="statement_topics")
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS statement_topics_sort_day ON statement_topics")
        op.execute("DROP FUNCTION IF EXISTS statement_topics_sort_day()")
    else:
        op.execute("DROP TRIGGER IF EXISTS statement_topics_sort_day")
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), not a batch "move and copy" of the link table.
    op.execute("ALTER TABLE statement_topics DROP COLUMN sort_day")
    op.create_index("ix_documents_source", "documents", ["source"], unique=False)
    op.drop_index("ix_documents_source_id", table_name="documents")
    op.drop_index("ix_statements_document_kind_sort_day", table_name="statements")

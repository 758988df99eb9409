"""identity links and filters: entity_mentions.identity_id, topics.name, an index on date_mentions.value

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 13:40:00

- ``entity_mentions.identity_id``: the cross-document identity (a row of ``speakers``) of a person or
  organisation mention, so "about Peskov" and "said by Dmitri Peskow" meet; filled at the next identity
  rebuild (``quotetracker resolve`` or any ingest).
- ``topics.name``: a keyword topic's short name ("klima"), so filters take it as well as the label;
  filled here for the configured keyword topics.
- ``ix_date_mentions_value``: the mentioned-date filter is a range over the normalised value.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _fill_topic_names(bind) -> None:
    try:
        from quotetracker.topics.keywords import load_topics

        configured = load_topics()
    except Exception:  # no readable topic configuration here: names come with the next ingest
        return
    rows = [{"n": t.name, "l": t.label} for t in configured]
    if rows:
        bind.execute(sa.text("UPDATE topics SET name = :n WHERE label = :l AND origin = 'user'"), rows)


def upgrade() -> None:
    bind = op.get_bind()
    # SQLite: a batch "move and copy" of entity_mentions, so the foreign key carries its name (nothing
    # references entity_mentions, so dropping the old table cascades nowhere); PostgreSQL: plain ALTERs.
    with op.batch_alter_table("entity_mentions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identity_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_entity_mentions_identity_id_speakers"), "speakers", ["identity_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index(batch_op.f("ix_entity_mentions_identity_id"), ["identity_id"], unique=False)
    op.add_column("topics", sa.Column("name", sa.String(length=255), nullable=True))
    op.create_index(op.f("ix_topics_name"), "topics", ["name"], unique=False)
    op.create_index(op.f("ix_date_mentions_value"), "date_mentions", ["value"], unique=False)
    _fill_topic_names(bind)


def downgrade() -> None:
    op.drop_index(op.f("ix_date_mentions_value"), table_name="date_mentions")
    op.drop_index(op.f("ix_topics_name"), table_name="topics")
    op.execute("ALTER TABLE topics DROP COLUMN name")  # plain DROP COLUMN (SQLite ≥ 3.35): topics is referenced
    with op.batch_alter_table("entity_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_mentions_identity_id"))
        batch_op.drop_constraint(batch_op.f("fk_entity_mentions_identity_id_speakers"), type_="foreignkey")
        batch_op.drop_column("identity_id")

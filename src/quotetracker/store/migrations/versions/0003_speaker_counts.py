"""speaker counts: speakers.n_statements / first_date / last_date, filled here and at every identity rebuild

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 12:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from quotetracker.store.counts import refresh_speaker_counts

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("speakers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("n_statements", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("first_date", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("last_date", sa.String(length=10), nullable=True))
        batch_op.create_index(batch_op.f("ix_speakers_n_statements"), ["n_statements"], unique=False)
    refresh_speaker_counts(op.get_bind())


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch "move and copy" would drop the speakers table,
    # and with foreign keys on that deletes every alias and unlinks every statement.
    op.drop_index(op.f("ix_speakers_n_statements"), table_name="speakers")
    for name in ("last_date", "first_date", "n_statements"):
        op.execute(f"ALTER TABLE speakers DROP COLUMN {name}")

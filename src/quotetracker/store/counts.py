"""Precomputed counts that would otherwise group a million statements on every page view."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

__all__ = ["refresh_speaker_counts"]

# Correlated per speaker: each reads only its own statements through ix_statements_speaker_sort_day.
_SPEAKER_COUNTS = """
UPDATE speakers SET
  n_statements = (SELECT count(*) FROM statements s WHERE s.speaker_id = speakers.id),
  first_date = (SELECT min(d.date) FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.speaker_id = speakers.id),
  last_date = (SELECT max(d.date) FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.speaker_id = speakers.id)
"""


def refresh_speaker_counts(conn: Connection) -> None:
    """Statement count and first/last document date of every speaker (call after statements were linked)."""
    conn.execute(text(_SPEAKER_COUNTS))

"""The tables, as SQLAlchemy Core metadata: one definition for SQLite and PostgreSQL.

The Alembic migrations under ``migrations/versions`` create exactly these
tables; this module is what the repository and query code import. Full-text
search objects (an FTS5 table on SQLite, a tsvector column on PostgreSQL) are
dialect-specific and live in :mod:`quotetracker.store.dialect`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running | finished | failed
    Column("inputs", JSON),  # the paths / options of the run
    Column("counts", JSON),  # accepted, duplicates, rejected, statements
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_key", String(512), index=True),  # the external id
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("date", String(10), index=True),  # YYYY, YYYY-MM or YYYY-MM-DD as given
    Column("date_precision", String(5)),
    Column("date_start", String(10), index=True),  # first day the date covers
    Column("date_end", String(10), index=True),  # last day the date covers
    Column("lang", String(8), index=True),
    Column("source", String(255)),  # indexed with the id: ix_documents_source_id
    Column("title", Text),
    Column("url", Text),
    Column("byline", String(255)),
    Column("text", Text, nullable=False),
    Column("meta", JSON),
    Column("origin", Text),
    Column("ingest_run_id", Integer, ForeignKey("ingest_runs.id", ondelete="SET NULL")),
)

# Cross-document identities: people and bodies that speak, and (n_statements = 0) those only mentioned.
speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(512), nullable=False, unique=True),
    Column("canonical_name", String(512), nullable=False),
    Column("confidence", Float, nullable=False, default=1.0),
    # Counted at every identity rebuild (the only time statements change speaker), so listing speakers by
    # frequency reads this table instead of grouping every statement.
    Column("n_statements", Integer, nullable=False, server_default="0", index=True),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
)

speaker_aliases = Table(
    "speaker_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", String(512), nullable=False),
    Column("alias_norm", String(512), nullable=False, index=True),
    # Transliteration keys (resolve.names.translit_key per name token): "Peskov" and "Peskow" share them.
    Column("alias_key", String(512), index=True),  # every token's key, space-separated
    Column("surname_key", String(128), index=True),  # the last token's key ("--speaker Peskov")
    UniqueConstraint("speaker_id", "alias_norm"),
)

speaker_roles = Table(
    "speaker_roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(512), nullable=False),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # order inside the document
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("kind", String(16), index=True),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("speaker_mention", Text),  # the mention as written ("er", "Peskow")
    Column("speaker_name", String(512), index=True),  # resolved inside the document
    Column("speaker_label", String(8)),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="SET NULL"), index=True),
    Column("search_text", Text),  # lemmatised content for full-text search (see store.search)
    # The document's first day as a proleptic ordinal (date.toordinal(); 0 = undated), copied here so that
    # "newest first" walks one index of this table instead of sorting a join (see store.ordering).
    Column("sort_day", Integer, nullable=False, server_default="0"),
    Column("meta", JSON),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(16), nullable=False),  # merge | split | alias
    Column("a", String(512), nullable=False),
    Column("b", String(512)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(600), nullable=False, unique=True),  # "LABEL:normalised name"
    Column("name", String(512), nullable=False),
    Column("name_norm", String(512), nullable=False, index=True),
    Column("label", String(8), nullable=False),
)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    # The cross-document identity (a row of speakers) of a PER/ORG mention, set at every identity rebuild:
    # "Peskow" mentioned here and "Dmitri Peskow" quoted elsewhere share it (resolve.resolve_identities).
    Column("identity_id", Integer, ForeignKey("speakers.id", ondelete="SET NULL"), index=True),
)

topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", String(255), nullable=False, unique=True),
    Column("name", String(255), index=True),  # a keyword topic's short name ("klima"); filters accept it
    Column("origin", String(8), nullable=False),  # user | model
    Column("keywords", JSON),
)

statement_topics = Table(
    "statement_topics",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True),
    # The statement's sort_day, copied (by a trigger, migration 0005) so that a topic's statements in a date
    # range are one range of ix_statement_topics_topic_sort_day.
    Column("sort_day", Integer, nullable=False, server_default="0"),
)

document_topics = Table(
    "document_topics",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)

date_mentions = Table(
    "date_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(10), index=True),  # indexed: the mentioned-date filter is a range over it
    Column("precision", String(5)),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id", ondelete="CASCADE"), index=True),
    Column("path", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("raw", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

Index("ix_statements_document_seq", statements.c.document_id, statements.c.seq)
# Newest first (ORDER BY sort_day DESC, id), unfiltered and per speaker, read off these indexes (one day's rows sorted).
Index("ix_statements_sort_day_id", statements.c.sort_day, statements.c.id)
Index("ix_statements_speaker_sort_day", statements.c.speaker_id, statements.c.sort_day, statements.c.id)
# kind + source: an outlet's statements of one kind read off the index, no statement rows (migration 0005).
Index("ix_statements_document_kind_sort_day", statements.c.document_id, statements.c.kind, statements.c.sort_day, statements.c.id)
Index("ix_statement_topics_topic_sort_day", statement_topics.c.topic_id, statement_topics.c.sort_day, statement_topics.c.statement_id)
Index("ix_documents_source_id", documents.c.source, documents.c.id)

__all__ = [
    "metadata",
    "ingest_runs",
    "documents",
    "speakers",
    "speaker_aliases",
    "speaker_roles",
    "statements",
    "corrections",
    "entities",
    "entity_mentions",
    "topics",
    "statement_topics",
    "document_topics",
    "date_mentions",
    "rejects",
]

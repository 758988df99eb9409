"""Store model topics and link statements to them (used by ``quotetracker topics build``).

Works on the Store's engine with the schema tables (SQLAlchemy Core); it does
not change the Store. A document gets the model topics of its statements.
Model topics from an earlier build are replaced: they are the
``origin='model'`` topics with a list of terms (topics the store creates while
ingesting have no keywords).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import delete, insert, select

from ..store import dialect
from ..store.schema import document_topics, statement_topics, statements, topics

__all__ = ["previous_model_topics", "drop_model_topics", "link_statements"]

_CHUNK = 500


def previous_model_topics(store) -> list[str]:
    """Labels of the topics an earlier build stored."""
    q = select(topics.c.label, topics.c.keywords).where(topics.c.origin == "model").order_by(topics.c.label)
    with store.engine.connect() as conn:
        return [label for label, terms in conn.execute(q) if isinstance(terms, list) and terms]


def drop_model_topics(store, keep: Sequence[str] = ()) -> int:
    """Delete the topics of an earlier build (and their statement links), except ``keep``; returns how many."""
    labels = [lb for lb in previous_model_topics(store) if lb not in set(keep)]
    if not labels:
        return 0
    with dialect.write_transaction(store.engine) as conn:
        for i in range(0, len(labels), _CHUNK):
            chunk = labels[i : i + _CHUNK]
            ids = select(topics.c.id).where(topics.c.label.in_(chunk))
            conn.execute(delete(statement_topics).where(statement_topics.c.topic_id.in_(ids)))
            conn.execute(delete(document_topics).where(document_topics.c.topic_id.in_(ids)))
            conn.execute(delete(topics).where(topics.c.label.in_(chunk)))
    return len(labels)


def link_statements(store, links: Mapping[str, Sequence[int]]) -> dict[str, int]:
    """Link statements (and their documents) to existing topics by label, replacing those topics' earlier links;
    returns statement links per label. Statement ids that no longer exist are skipped.
    """
    counts: dict[str, int] = {}
    with dialect.write_transaction(store.engine) as conn:
        ids = dict(conn.execute(select(topics.c.label, topics.c.id).where(topics.c.label.in_(list(links)))).all())
        missing = sorted(set(links) - set(ids))
        if missing:
            raise KeyError(f"no such topics: {', '.join(missing)}")
        for label, statement_ids in links.items():
            topic_id = ids[label]
            conn.execute(delete(statement_topics).where(statement_topics.c.topic_id == topic_id))
            conn.execute(delete(document_topics).where(document_topics.c.topic_id == topic_id))
            wanted = sorted(set(statement_ids))
            n = 0
            doc_ids: set[int] = set()
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                rows = conn.execute(select(statements.c.id, statements.c.document_id).where(statements.c.id.in_(chunk))).all()
                if rows:
                    conn.execute(insert(statement_topics), [{"statement_id": sid, "topic_id": topic_id} for sid, _ in rows])
                    doc_ids.update(did for _, did in rows)
                    n += len(rows)
            if doc_ids:
                conn.execute(insert(document_topics), [{"document_id": did, "topic_id": topic_id} for did in sorted(doc_ids)])
            counts[label] = n
    return counts

"""Write-side repository: everything ingest and identity resolution store goes through here.

One :class:`Store` per database URL. :meth:`Store.write_batch` writes a batch of
extractions (documents with their statements, entity and date mentions and
topics) in ONE transaction, so a killed process leaves whole documents or
nothing; it skips documents whose content hash is already stored, so writing
is idempotent.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine

from ..model import Document, Extraction, parse_date
from ..resolve import Correction, EntityRef, Identity, SpeakerMention, normalize_name, resolve_identities
from . import dialect
from .dates import date_bounds
from .engine import create_engine, migrate
from .schema import (
    corrections,
    date_mentions,
    document_topics,
    documents,
    entities,
    entity_mentions,
    ingest_runs,
    rejects,
    speaker_aliases,
    speaker_roles,
    speakers,
    statement_topics,
    statements,
    topics,
)
from .counts import refresh_speaker_counts
from .namekeys import alias_keys
from .search import normalize_for_search

__all__ = ["Store", "BatchResult", "RejectRow", "entity_key"]

IDENTITY_LABELS = ("PER", "ORG")  # entity mentions that can share an identity with a speaker
ANALYZE_AFTER_STATEMENTS = 10_000  # a run that stores at least this many statements refreshes the planner's statistics
_CHUNK = 500  # bound IN (...) lists: SQLite allows 32766 variables, keep it far below
# Built once: executing a fixed construct with parameters reuses SQLAlchemy's compiled-statement cache.
_INSERT_DOCUMENT = insert(documents).returning(documents.c.id)
_INSERT_STATEMENTS = insert(statements).returning(statements.c.id, sort_by_parameter_order=True)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _jsonable(value: Any) -> Any:
    """JSON columns must never fail on an odd value inside ``meta``."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def entity_key(label: str, name: str) -> str:
    return f"{label}:{normalize_name(name)}"


@dataclass(slots=True)
class BatchResult:
    documents: int = 0
    statements: int = 0
    duplicates: int = 0


@dataclass(frozen=True, slots=True)
class RejectRow:
    path: str
    line: int | None
    reason: str
    raw: str | None = None


def _chunks(seq: Sequence, n: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


class Store:
    """A migrated database plus the repository functions over it."""

    def __init__(self, url: str, *, engine: Engine | None = None, migrate_schema: bool = True) -> None:
        self.url = url
        self.engine = engine or create_engine(url)
        if migrate_schema:
            migrate(self.engine)

    @property
    def dialect_name(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # -- ingest runs and rejects ------------------------------------------------

    def start_run(self, inputs: dict[str, Any] | None = None) -> int:
        with dialect.write_transaction(self.engine) as conn:
            return conn.execute(
                insert(ingest_runs)
                .values(started_at=_now(), status="running", inputs=_jsonable(inputs or {}), counts={})
                .returning(ingest_runs.c.id)
            ).scalar_one()

    def update_run(self, run_id: int, counts: dict[str, int], status: str | None = None) -> None:
        values: dict[str, Any] = {"counts": dict(counts)}
        if status is not None:
            values["status"] = status
            if status != "running":
                values["finished_at"] = _now()
        with dialect.write_transaction(self.engine) as conn:
            conn.execute(update(ingest_runs).where(ingest_runs.c.id == run_id).values(**values))
        if status is not None and status != "running" and int(counts.get("statements", 0) or 0) >= ANALYZE_AFTER_STATEMENTS:
            self.analyze()

    def analyze(self) -> None:
        """Refresh the query planner's statistics (once per large ingest run; sampled, so cheap)."""
        with dialect.write_transaction(self.engine) as conn:
            dialect.analyze(conn)

    def add_rejects(self, run_id: int | None, rows: Iterable[RejectRow], conn: Connection | None = None) -> int:
        data = [
            {"run_id": run_id, "path": r.path, "line": r.line, "reason": r.reason, "raw": (r.raw or None) and r.raw[:500], "created_at": _now()}
            for r in rows
        ]
        if not data:
            return 0
        if conn is not None:
            conn.execute(insert(rejects), data)
        else:
            with dialect.write_transaction(self.engine) as c:
                c.execute(insert(rejects), data)
        return len(data)

    # -- documents ----------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str], conn: Connection | None = None) -> set[str]:
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()

        def run(c: Connection) -> None:
            for chunk in _chunks(wanted):
                found.update(c.execute(select(documents.c.content_hash).where(documents.c.content_hash.in_(chunk))).scalars())

        if conn is not None:
            run(conn)
        else:
            with self.engine.connect() as c:
                run(c)
        return found

    def count(self, table_name: str) -> int:
        from .schema import metadata

        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(metadata.tables[table_name])).scalar_one()

    def write_batch(
        self, extractions: Sequence[Extraction], run_id: int | None = None, reject_rows: Sequence[RejectRow] = ()
    ) -> BatchResult:
        """Store whole documents (and the batch's rejects) in one transaction; skip stored hashes."""
        result = BatchResult()
        with dialect.write_transaction(self.engine) as conn:
            stored = self.known_hashes((e.document.content_hash for e in extractions), conn)
            fresh: list[Extraction] = []
            for ex in extractions:
                h = ex.document.content_hash
                if h in stored:
                    result.duplicates += 1
                    continue
                stored.add(h)
                fresh.append(ex)
            entity_ids = self._ensure_entities(conn, fresh)
            topic_ids = self._ensure_topics(conn, fresh)
            for ex in fresh:
                result.statements += self._write_extraction(conn, ex, run_id, entity_ids, topic_ids)
                result.documents += 1
            self.add_rejects(run_id, reject_rows, conn)
        return result

    def _ensure_entities(self, conn: Connection, exs: Sequence[Extraction]) -> dict[str, int]:
        rows: dict[str, dict] = {}
        for ex in exs:
            for ent in ex.entities:
                name = ent.canonical or ent.text
                if not name.strip():
                    continue
                key = entity_key(ent.label, name)
                rows.setdefault(key, {"key": key, "name": name, "name_norm": normalize_name(name), "label": ent.label})
        if not rows:
            return {}
        dialect.insert_ignore(conn, entities, list(rows.values()))
        ids: dict[str, int] = {}
        for chunk in _chunks(list(rows)):
            ids.update(conn.execute(select(entities.c.key, entities.c.id).where(entities.c.key.in_(chunk))).all())
        return ids

    def _ensure_topics(self, conn: Connection, exs: Sequence[Extraction]) -> dict[str, int]:
        labels = {t for ex in exs for t in ex.topics} | {t for ex in exs for st in ex.statements for t in st.topics}
        if not labels:
            return {}
        dialect.insert_ignore(conn, topics, [{"label": t, "origin": "model", "keywords": None} for t in sorted(labels)])
        return dict(conn.execute(select(topics.c.label, topics.c.id).where(topics.c.label.in_(sorted(labels)))).all())

    def define_topics(self, items: Iterable[tuple]) -> None:
        """Create or update topics ``(label, origin, keywords)`` or ``(label, origin, keywords, name)``, e.g. user
        topics from a config file (``name``: the keyword topic's short name, which filters accept too)."""
        rows = []
        for label, origin, keywords, *rest in items:
            rows.append({"label": label, "origin": origin, "keywords": _jsonable(keywords), "name": rest[0] if rest else None})
        if not rows:
            return
        with dialect.write_transaction(self.engine) as conn:
            dialect.insert_ignore(conn, topics, rows)  # safe against a concurrent writer creating the same label
            conn.execute(
                update(topics)
                .where(topics.c.label == bindparam("b_label"))
                .values(origin=bindparam("b_origin"), keywords=bindparam("b_keywords"), name=func.coalesce(bindparam("b_name"), topics.c.name)),
                [{"b_label": r["label"], "b_origin": r["origin"], "b_keywords": r["keywords"], "b_name": r["name"]} for r in rows],
            )

    def _write_extraction(
        self, conn: Connection, ex: Extraction, run_id: int | None, entity_ids: dict[str, int], topic_ids: dict[str, int]
    ) -> int:
        doc: Document = ex.document
        text = doc.text
        parsed = parse_date(doc.date)
        bounds = date_bounds(doc.date)
        doc_id = conn.execute(
            _INSERT_DOCUMENT,
            dict(
                doc_key=doc.id,
                content_hash=doc.content_hash,
                date=parsed[0] if parsed else None,
                date_precision=parsed[1].value if parsed else None,
                date_start=bounds[0] if bounds else None,
                date_end=bounds[1] if bounds else None,
                lang=ex.lang or doc.lang,
                source=doc.source,
                title=doc.title,
                url=doc.url,
                byline=doc.byline,
                text=text,
                meta=_jsonable(doc.meta or {}),
                origin=doc.origin,
                ingest_run_id=run_id,
            ),
        ).scalar_one()
        return self._write_analysis(conn, doc_id, ex, entity_ids, topic_ids)

    def _write_analysis(
        self, conn: Connection, doc_id: int, ex: Extraction, entity_ids: dict[str, int], topic_ids: dict[str, int]
    ) -> int:
        """Statements, entity and date mentions and topics of one stored document; returns the statement count."""
        text = ex.document.text
        bounds = date_bounds(ex.document.date) if ex.document.date else None
        sort_day = _dt.date.fromisoformat(bounds[0]).toordinal() if bounds else 0
        st_ids: list[int] = []
        if ex.statements:
            rows = []
            for seq, st in enumerate(ex.statements):
                rows.append(
                    {
                        "document_id": doc_id,
                        "seq": seq,
                        "content_start": st.content.start,
                        "content_end": st.content.end,
                        "cue_start": st.cue.start if st.cue else None,
                        "cue_end": st.cue.end if st.cue else None,
                        "speaker_start": st.speaker.start if st.speaker else None,
                        "speaker_end": st.speaker.end if st.speaker else None,
                        "kind": st.kind,
                        "confidence": float(st.confidence),
                        "speaker_mention": st.speaker.text(text) if st.speaker else None,
                        "speaker_name": st.speaker_name,
                        "speaker_label": st.speaker_label,
                        "speaker_id": None,
                        "search_text": normalize_for_search(st.content.text(text)),
                        "sort_day": sort_day,
                        "meta": _jsonable(st.meta) if st.meta else None,
                    }
                )
            st_ids = list(
                conn.execute(_INSERT_STATEMENTS, rows).scalars()
            )

        # Entity mentions: each mention once; linked to the first statement that is "about" it.
        about_owner: dict[tuple[int, int, str], int] = {}
        for st, sid in zip(ex.statements, st_ids):
            for ent in st.about:
                about_owner.setdefault((ent.span.start, ent.span.end, ent.label), sid)
        ent_rows = []
        seen_spans: set[tuple[int, int, str]] = set()
        for ent in list(ex.entities) + [e for st in ex.statements for e in st.about]:
            k = (ent.span.start, ent.span.end, ent.label)
            if k in seen_spans:
                continue
            seen_spans.add(k)
            name = ent.canonical or ent.text
            ent_rows.append(
                {
                    "document_id": doc_id,
                    "statement_id": about_owner.get(k),
                    "start": ent.span.start,
                    "end": ent.span.end,
                    "label": ent.label,
                    "text": ent.text,
                    "entity_id": entity_ids.get(entity_key(ent.label, name)) if name.strip() else None,
                }
            )
        if ent_rows:
            conn.execute(insert(entity_mentions), ent_rows)

        # Date mentions: document-level ones, linked to the statement that carries them.
        date_owner: dict[tuple[int, int], int] = {}
        for st, sid in zip(ex.statements, st_ids):
            for dm in st.dates:
                date_owner.setdefault((dm.span.start, dm.span.end), sid)
        date_rows = []
        seen_dates: set[tuple[int, int]] = set()
        for dm in list(ex.dates) + [d for st in ex.statements for d in st.dates]:
            k = (dm.span.start, dm.span.end)
            if k in seen_dates:
                continue
            seen_dates.add(k)
            date_rows.append(
                {
                    "document_id": doc_id,
                    "statement_id": date_owner.get(k),
                    "start": dm.span.start,
                    "end": dm.span.end,
                    "text": dm.text,
                    "value": dm.value,
                    "precision": dm.precision.value if dm.precision is not None and hasattr(dm.precision, "value") else dm.precision,
                }
            )
        if date_rows:
            conn.execute(insert(date_mentions), date_rows)

        st_topic_rows = [
            {"statement_id": sid, "topic_id": topic_ids[t]}
            for st, sid in zip(ex.statements, st_ids)
            for t in dict.fromkeys(st.topics)
            if t in topic_ids
        ]
        if st_topic_rows:
            conn.execute(insert(statement_topics), st_topic_rows)
        doc_topic_rows = [{"document_id": doc_id, "topic_id": topic_ids[t]} for t in dict.fromkeys(ex.topics) if t in topic_ids]
        if doc_topic_rows:
            conn.execute(insert(document_topics), doc_topic_rows)
        return len(st_ids)

    # -- re-extraction ---------------------------------------------------------------

    def document_ids(self, lang: str | None = None) -> list[int]:
        q = select(documents.c.id).order_by(documents.c.id)
        if lang:
            q = q.where(documents.c.lang == lang)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def load_documents(self, ids: Sequence[int]) -> list[tuple[int, Document]]:
        """Stored documents as :class:`Document` records (for re-extraction), in id order."""
        out: list[tuple[int, Document]] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids)):
                for r in conn.execute(select(documents).where(documents.c.id.in_(chunk)).order_by(documents.c.id)).mappings():
                    doc = Document(
                        text=r["text"], id=r["doc_key"], date=r["date"], lang=r["lang"], source=r["source"], title=r["title"],
                        url=r["url"], byline=r["byline"], meta=dict(r["meta"] or {}), origin=r["origin"],
                    )  # fmt: skip
                    out.append((r["id"], doc))
        return out

    def replace_analyses(self, items: Sequence[tuple[int, Extraction]]) -> int:
        """Replace the statements, mentions and topics of stored documents, all in one transaction; returns statements written."""
        n = 0
        with dialect.write_transaction(self.engine) as conn:
            ids = [doc_id for doc_id, _ in items]
            for chunk in _chunks(ids):
                conn.execute(delete(statements).where(statements.c.document_id.in_(chunk)))  # cascades to links
                conn.execute(delete(entity_mentions).where(entity_mentions.c.document_id.in_(chunk)))
                conn.execute(delete(date_mentions).where(date_mentions.c.document_id.in_(chunk)))
                conn.execute(delete(document_topics).where(document_topics.c.document_id.in_(chunk)))
            exs = [ex for _, ex in items]
            entity_ids = self._ensure_entities(conn, exs)
            topic_ids = self._ensure_topics(conn, exs)
            for doc_id, ex in items:
                conn.execute(update(documents).where(documents.c.id == doc_id).values(lang=ex.lang or ex.document.lang))
                n += self._write_analysis(conn, doc_id, ex, entity_ids, topic_ids)
        return n

    # -- speaker identities ---------------------------------------------------------

    def speaker_mentions(self, conn: Connection | None = None) -> list[SpeakerMention]:
        q = (
            select(
                statements.c.id,
                statements.c.document_id,
                statements.c.speaker_name,
                statements.c.speaker_mention,
                statements.c.speaker_label,
                documents.c.date,
            )
            .join(documents, documents.c.id == statements.c.document_id)
            .order_by(statements.c.id)
        )
        if conn is not None:
            return [SpeakerMention(*row) for row in conn.execute(q)]
        with self.engine.connect() as c:
            return [SpeakerMention(*row) for row in c.execute(q)]

    def entity_refs(self, conn: Connection) -> list[EntityRef]:
        """Person and organisation mentions, the ones that can share an identity with a speaker; places and other
        entities keep their name-keyed ``entities`` row only."""
        em = entity_mentions.c
        # A mention at a statement's speaker span is that speaker (looked up per mention by the document index).
        speaker_of = (
            select(statements.c.id)
            .where(statements.c.document_id == em.document_id, statements.c.speaker_start < em.end, em.start < statements.c.speaker_end)
            .order_by(statements.c.id)
            .limit(1)
            .scalar_subquery()
        )
        q = (
            select(em.id, em.document_id, em.text, entities.c.name, em.label, documents.c.date, speaker_of)
            .join(documents, documents.c.id == entity_mentions.c.document_id)
            .outerjoin(entities, entities.c.id == entity_mentions.c.entity_id)
            .where(entity_mentions.c.label.in_(IDENTITY_LABELS))
            .order_by(entity_mentions.c.id)
        )
        return [EntityRef(*row) for row in conn.execute(q)]

    def corrections(self, conn: Connection | None = None) -> list[Correction]:
        q = select(corrections.c.action, corrections.c.a, corrections.c.b).order_by(corrections.c.id)
        if conn is not None:
            return [Correction(action, a, b) for action, a, b in conn.execute(q)]
        with self.engine.connect() as c:
            return [Correction(action, a, b) for action, a, b in c.execute(q)]

    def rebuild_identities(self, resolve: Callable[[list[SpeakerMention], list[Correction]], Sequence[Identity]] | None = None) -> int:
        """Read every mention and correction, resolve, and store the identities — in ONE transaction that
        holds the write lock, so concurrent ingests never store identities computed from stale mentions.

        By default speaker mentions and person/organisation entity mentions are resolved together
        (:func:`quotetracker.resolve.resolve_identities`), so "about Peskow" and "said by Dmitri Peskow" share
        an identity; ``resolve``: a speakers-only resolver ``(mentions, corrections)`` instead (entity
        mentions are then unlinked). Returns the number of identities that speak."""
        with dialect.write_transaction(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(7406114)"))
            if resolve is None:
                identities = resolve_identities(self.speaker_mentions(conn), self.entity_refs(conn), self.corrections(conn))
            else:
                identities = resolve(self.speaker_mentions(conn), self.corrections(conn))
            return self._replace_identities(conn, identities)

    def add_correction(self, action: str, a: str, b: str | None = None) -> int:
        if action not in ("merge", "split", "alias"):
            raise ValueError(f"unknown correction {action!r} (merge, split or alias)")
        with dialect.write_transaction(self.engine) as conn:
            return conn.execute(
                insert(corrections).values(action=action, a=a, b=b, created_at=_now()).returning(corrections.c.id)
            ).scalar_one()

    def replace_identities(self, identities: Sequence[Identity]) -> int:
        """Store the resolver's identities; speaker ids stay stable for keys that survive."""
        with dialect.write_transaction(self.engine) as conn:
            return self._replace_identities(conn, identities)

    def _replace_identities(self, conn: Connection, identities: Sequence[Identity]) -> int:
        by_key: dict[str, Identity] = {}
        for ident in identities:
            if ident.key in by_key:  # a resolver must not repeat keys; merge defensively
                by_key[ident.key].statement_ids.extend(ident.statement_ids)
                by_key[ident.key].entity_mention_ids.extend(ident.entity_mention_ids)
                by_key[ident.key].aliases |= ident.aliases
            else:
                by_key[ident.key] = ident
        stored = {key: (sid, name, conf) for key, sid, name, conf in conn.execute(select(speakers.c.key, speakers.c.id, speakers.c.canonical_name, speakers.c.confidence))}
        existing = {key: row[0] for key, row in stored.items()}
        gone = [sid for key, sid in existing.items() if key not in by_key]
        conn.execute(update(statements).values(speaker_id=None))
        for chunk in _chunks(gone):
            conn.execute(delete(speakers).where(speakers.c.id.in_(chunk)))
        conn.execute(delete(speaker_aliases))
        conn.execute(delete(speaker_roles))
        # Written in bulk (executemany), and only what changed: with entity mentions there are many identities.
        ids: dict[str, int] = {key: existing[key] for key in by_key if key in existing}
        changed = [
            {"b_id": existing[key], "b_name": ident.canonical, "b_conf": float(ident.confidence)}
            for key, ident in by_key.items()
            if key in stored and stored[key][1:] != (ident.canonical, float(ident.confidence))
        ]
        if changed:
            conn.execute(
                update(speakers).where(speakers.c.id == bindparam("b_id")).values(canonical_name=bindparam("b_name"), confidence=bindparam("b_conf")),
                changed,
            )
        fresh = [{"key": key, "canonical_name": ident.canonical, "confidence": float(ident.confidence)} for key, ident in by_key.items() if key not in existing]
        if fresh:
            conn.execute(insert(speakers), fresh)
            for chunk in _chunks([r["key"] for r in fresh]):
                ids.update(conn.execute(select(speakers.c.key, speakers.c.id).where(speakers.c.key.in_(chunk))).all())
        alias_rows, role_rows, link_rows = [], [], []
        mention_identity: dict[int, int] = {}
        for key, ident in by_key.items():
            sid = ids[key]
            seen: set[str] = set()
            for alias in sorted({ident.canonical, *ident.aliases}):
                norm = normalize_name(alias)
                if norm and norm not in seen:
                    seen.add(norm)
                    full_key, surname_key = alias_keys(alias)
                    alias_rows.append(
                        {"speaker_id": sid, "alias": alias, "alias_norm": norm, "alias_key": full_key, "surname_key": surname_key}
                    )
            for role, first, last in ident.roles:
                role_rows.append({"speaker_id": sid, "role": role, "first_date": first, "last_date": last})
            link_rows.extend({"st_id": st_id, "sp_id": sid} for st_id in ident.statement_ids)
            for em_id in ident.entity_mention_ids:
                mention_identity[em_id] = sid
        if alias_rows:
            conn.execute(insert(speaker_aliases), alias_rows)
        if role_rows:
            conn.execute(insert(speaker_roles), role_rows)
        if link_rows:
            conn.execute(
                update(statements).where(statements.c.id == bindparam("st_id")).values(speaker_id=bindparam("sp_id")),
                link_rows,
            )
        self._link_entity_mentions(conn, mention_identity)
        refresh_speaker_counts(conn)
        return sum(1 for ident in by_key.values() if ident.statement_ids)

    @staticmethod
    def _link_entity_mentions(conn: Connection, wanted: dict[int, int]) -> None:
        """Point entity mentions at their identity; only rows whose link changes are written (there are many)."""
        current = dict(conn.execute(select(entity_mentions.c.id, entity_mentions.c.identity_id).where(entity_mentions.c.identity_id.is_not(None))).all())
        changes = [{"em_id": i, "ident": v} for i, v in wanted.items() if current.get(i) != v]
        changes += [{"em_id": i, "ident": None} for i in current if i not in wanted]
        if changes:
            conn.execute(
                update(entity_mentions).where(entity_mentions.c.id == bindparam("em_id")).values(identity_id=bindparam("ident")),
                changes,
            )

"""Ingest: read → extract → enrich → store, in atomic batches; idempotent and resumable.

- **Atomic**: each batch of documents (with their statements, mentions, topics
  and the rejects met since the last batch) is written in one transaction, so a
  killed process leaves whole documents or nothing.
- **Idempotent**: a document is identified by its content hash; one already
  stored is skipped before extraction (re-ingest adds nothing).
- **Resumable**: readers yield records in a fixed order, so a rerun skips what
  was committed and continues where the killed run stopped.

After storing, speaker identities are rebuilt from every stored mention plus the
user's corrections (:func:`rebuild_identities`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError

from .model import Document, Extraction, parse_date
from .store import RejectRow, Store

if TYPE_CHECKING:
    from .topics.keywords import KeywordTopic

__all__ = ["IngestReport", "ReextractReport", "ingest", "ingest_records", "extract_documents", "rebuild_identities", "reextract", "reject_from"]

ExtractFn = Callable[[Sequence[Document]], list["Extraction | RejectRow"]]


@dataclass(slots=True)
class IngestReport:
    run_id: int | None = None
    accepted: int = 0  # new documents stored
    duplicates: int = 0  # documents skipped: already stored, or repeated in the input
    rejected: int = 0  # bad input records (see the rejects table)
    statements: int = 0  # statements stored with the accepted documents
    speakers: int | None = None  # speaker identities after the rebuild (None: not rebuilt)
    seconds: float = 0.0
    rejects: list[RejectRow] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return (self.accepted + self.duplicates) / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0: everything accepted; 1: finished, but some inputs were rejected."""
        return 1 if self.rejected else 0

    def counts(self) -> dict[str, int]:
        return {"accepted": self.accepted, "duplicates": self.duplicates, "rejected": self.rejected, "statements": self.statements}

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["docs_per_second"] = round(self.docs_per_second, 2)
        return d


def reject_from(item: Any) -> RejectRow:
    """A reader's ``Rejected`` (or anything with path/line/reason/raw) as a row for the rejects table."""
    return RejectRow(
        path=str(getattr(item, "path", "?")),
        line=getattr(item, "line", None),
        reason=str(getattr(item, "reason", item)),
        raw=getattr(item, "raw", None),
    )


def _origin_parts(doc: Document) -> tuple[str, int | None]:
    origin = doc.origin or doc.id or "?"
    path, _, line = origin.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return origin, None


def _validate(doc: Document) -> str | None:
    if not doc.text or not doc.text.strip():
        return "empty text"
    try:
        parse_date(doc.date)
    except ValueError as exc:
        return f"impossible date: {exc}"
    return None


def _span_problem(ex: Extraction) -> str | None:
    """Every stored span must lie inside the text: an extractor bug must not reach the database."""
    n = len(ex.document.text)
    spans = [("statement content", st.content) for st in ex.statements]
    spans += [("cue", st.cue) for st in ex.statements if st.cue] + [("speaker", st.speaker) for st in ex.statements if st.speaker]
    spans += [("entity", e.span) for e in ex.entities] + [("date", d.span) for d in ex.dates]
    for what, span in spans:
        if span.end > n:
            return f"{what} span [{span.start}, {span.end}) lies outside the text ({n} characters)"
    return None


def extract_documents(docs: Sequence[Document], topics: Sequence[KeywordTopic] | None = None) -> list[Extraction | RejectRow]:
    """Extract and enrich ``docs`` (grouped by language, order kept); a document whose extraction fails becomes a reject.

    ``topics``: the keyword topics to assign (default: the configured ones, see :func:`quotetracker.topics.load_topics`).
    """
    from .enrich import enrich
    from .extract import get_extractor

    out: list[Extraction | RejectRow | None] = [None] * len(docs)
    by_lang: dict[str | None, list[int]] = {}
    for i, doc in enumerate(docs):
        by_lang.setdefault(doc.lang, []).append(i)
    for lang, idxs in by_lang.items():
        extractor = get_extractor(lang)
        try:
            results = list(extractor.extract_many([docs[i] for i in idxs]))
            if len(results) != len(idxs):
                raise RuntimeError(f"extract_many returned {len(results)} extractions for {len(idxs)} documents")
        except Exception:  # find the document that breaks it; the others go on
            results = []
            for i in idxs:
                try:
                    results.append(extractor.extract(docs[i]))
                except Exception as exc:
                    path, line = _origin_parts(docs[i])
                    results.append(RejectRow(path, line, f"extraction failed: {type(exc).__name__}: {exc}", docs[i].text[:500]))
        for i, res in zip(idxs, results):
            if isinstance(res, Extraction):
                try:
                    res = enrich(res, topics=topics)
                    bad = _span_problem(res)
                    if bad:
                        raise ValueError(bad)
                except Exception as exc:
                    path, line = _origin_parts(docs[i])
                    res = RejectRow(path, line, f"extraction failed: {type(exc).__name__}: {exc}", docs[i].text[:500])
            out[i] = res
    return out  # type: ignore[return-value]


def _define_user_topics(store: Store, topics: Sequence[KeywordTopic] | None = None) -> None:
    """Record the keyword topics enrich assigns (``topics``, else the configured ones) as ``origin='user'``:
    the display label (what statements carry) with the keywords."""
    if topics is None:
        try:
            from .enrich import _configured_topics

            topics = _configured_topics()
        except Exception:  # no readable topic configuration: enrich fails the same way and rejects say why
            return
    store.define_topics((t.label, "user", list(t.keywords), t.name) for t in topics)


def _with_topics(extract: ExtractFn, topics: Sequence[KeywordTopic] | None) -> ExtractFn:
    if topics is None or extract is not extract_documents:
        return extract
    return partial(extract_documents, topics=list(topics))


@contextmanager
def recorded_run(store: Store, report: IngestReport, started: float) -> Iterator[None]:
    """Record how run ``report.run_id`` ended: "finished" when the block completes,
    "interrupted" on Ctrl-C, "failed" on any other error (which still propagates).

    Shared by every ingest engine so runs end the same way whoever writes.
    """
    status = "failed"
    try:
        yield
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        report.seconds = time.perf_counter() - started
        try:
            store.update_run(report.run_id, report.counts(), status)
        except Exception:  # the database itself may be what failed
            pass


def ingest_records(
    store: Store,
    records: Iterable[Any],
    *,
    batch_size: int = 100,
    lang: str | None = None,
    resolve: bool = True,
    inputs: dict[str, Any] | None = None,
    extract: ExtractFn = extract_documents,
    on_reject: Callable[[RejectRow], None] | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    topics: Sequence[KeywordTopic] | None = None,
) -> IngestReport:
    """Store ``records`` (Documents and readers' Rejected, in order) batch by batch.

    ``extract`` turns a batch of new documents into extractions (or rejects);
    swap it to run extraction elsewhere (e.g. on Dask workers). ``topics``:
    keyword topics for the default ``extract`` (e.g. from ``--topics-file``;
    default: the configured ones); they are recorded as user topics.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = IngestReport()
    started = time.perf_counter()
    report.run_id = store.start_run(inputs)
    _define_user_topics(store, topics)
    extract = _with_topics(extract, topics)
    # Content hashes met since the last committed batch: repeats inside one batch
    # are caught here, repeats of committed documents by the store's hash check,
    # so the set stays one batch small (a run-long set grew ~120 MB per million).
    seen: set[str] = set()
    # Documents whose extraction was rejected are never stored: remember them for
    # the whole run (few) so a later repeat still counts as a duplicate.
    unstored: set[str] = set()
    pending_docs: list[Document] = []
    pending_rejects: list[RejectRow] = []

    def reject(row: RejectRow) -> None:
        report.rejected += 1
        if len(report.rejects) < 1000:
            report.rejects.append(row)
        pending_rejects.append(row)
        if on_reject:
            on_reject(row)

    def flush() -> None:
        stored = store.known_hashes(d.content_hash for d in pending_docs)
        new_docs = [d for d in pending_docs if d.content_hash not in stored]
        report.duplicates += len(pending_docs) - len(new_docs)
        extractions: list[Extraction] = []
        for doc, res in zip(new_docs, extract(new_docs) if new_docs else []):
            if isinstance(res, Extraction):
                extractions.append(res)
            else:
                unstored.add(doc.content_hash)
                reject(res)
        try:
            result = store.write_batch(extractions, report.run_id, list(pending_rejects))
        except IntegrityError:
            # Another writer stored one of these documents meanwhile (content_hash is UNIQUE):
            # the batch was rolled back whole; writing it again skips what is now stored.
            result = store.write_batch(extractions, report.run_id, list(pending_rejects))
        report.accepted += result.documents
        report.statements += result.statements
        report.duplicates += result.duplicates
        pending_docs.clear()
        pending_rejects.clear()
        seen.clear()
        report.seconds = time.perf_counter() - started
        store.update_run(report.run_id, report.counts())
        if on_progress:
            on_progress(report)

    with recorded_run(store, report, started):
        for item in records:
            if not isinstance(item, Document):
                reject(reject_from(item))
                continue
            if lang:
                item.lang = lang
            problem = _validate(item)
            if problem:
                path, line = _origin_parts(item)
                reject(RejectRow(path, line, problem, item.text[:500] if item.text else None))
                continue
            h = item.content_hash
            if h in seen or h in unstored:
                report.duplicates += 1
                continue
            seen.add(h)
            pending_docs.append(item)
            if len(pending_docs) >= batch_size:
                flush()
        if pending_docs or pending_rejects:
            flush()
        if resolve:
            report.speakers = rebuild_identities(store)
    return report


def ingest(
    store: Store,
    paths: Iterable[str] | str,
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    format: str | None = None,
    csv_columns: dict[str, str] | None = None,
    delimiter: str | None = None,
    **kwargs: Any,
) -> IngestReport:
    """Read ``paths`` (files or folders) with :func:`quotetracker.io.read_inputs` and store them; see :func:`ingest_records`."""
    from .io import read_inputs

    if isinstance(paths, str):
        paths = [paths]
    paths = [str(p) for p in paths]
    records = read_inputs(paths, include=include, exclude=exclude, format=format, csv_columns=csv_columns, delimiter=delimiter)
    inputs = {"paths": paths, "include": include, "exclude": exclude, "format": format}
    return ingest_records(store, records, inputs=inputs, **kwargs)


def rebuild_identities(store: Store) -> int:
    """Recompute identities from every stored speaker and person/organisation entity mention plus the user's
    corrections; returns the number of speakers."""
    return store.rebuild_identities()


@dataclass(slots=True)
class ReextractReport:
    documents: int = 0
    statements: int = 0
    failed: int = 0  # documents whose extraction failed: their old analysis is kept
    speakers: int | None = None
    seconds: float = 0.0


def reextract(
    store: Store,
    *,
    lang: str | None = None,
    batch_size: int = 100,
    resolve: bool = True,
    extract: ExtractFn = extract_documents,
    on_progress: Callable[[ReextractReport], None] | None = None,
    topics: Sequence[KeywordTopic] | None = None,
) -> ReextractReport:
    """Run extraction again over stored documents (e.g. after an engine upgrade) and replace their statements.

    Each batch is replaced in one transaction. Documents stay (same ids, hashes);
    statement ids change. Speaker corrections are kept and re-applied.
    """
    report = ReextractReport()
    started = time.perf_counter()
    _define_user_topics(store, topics)
    extract = _with_topics(extract, topics)
    ids = store.document_ids(lang)
    for i in range(0, len(ids), batch_size):
        loaded = store.load_documents(ids[i : i + batch_size])
        results = extract([doc for _, doc in loaded])
        items = [(doc_id, res) for (doc_id, _), res in zip(loaded, results) if isinstance(res, Extraction)]
        report.failed += len(loaded) - len(items)
        report.statements += store.replace_analyses(items)
        report.documents += len(items)
        report.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(report)
    if resolve:
        report.speakers = rebuild_identities(store)
    report.seconds = time.perf_counter() - started
    return report

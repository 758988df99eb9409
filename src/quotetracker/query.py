"""The one query service used by the CLI, the Python API, the HTTP API and the web UI.

Nothing above this layer talks to the database directly. Every method returns
plain records (dataclasses with ``to_dict()``), so one data function serves
every output format (Rich table, JSON, CSV, HTML).

Statement lists are newest first (document date; same date: stored order). Totals are exact up to
``TOTAL_CAP`` (10,000); beyond it ``Page.total_is_lower_bound`` is set and ``Page.total_label`` reads "10,000+".

Filters shared by all statement queries (all optional, combined with AND):

- ``speaker``: a name or alias (matches every alias of the resolved identity, in any transliteration:
  "Peskov" = "Peskow" = "Dmitry Peskov"), a role the identity held ("Kremlsprecher"), or a speaker id
- ``about``: who or what the statement mentions: an entity name, or any name of a person's or body's identity
  ("Peskov" finds statements mentioning "Peskow" or "Dmitri Peskow")
- ``q``: full-text query over statement content (stemmed, German and English)
- ``kind``: direct / indirect / mixed / reported
- ``since`` / ``until``: ``YYYY[-MM[-DD]]``, inclusive, compared at the document's precision
- ``source``: outlet
- ``topic``: topic label, a keyword topic's short name ("klima") or a topic id
- ``lang``: language code
- ``mentions_date``: ``YYYY[-MM[-DD]]`` or ``FROM..TO`` (either end may be left open): the statement's document
  (its content included) mentions a date in that range ("am 3. November 2020", "im November")
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Generic, TypeVar

from sqlalchemy import BigInteger, String, bindparam, case, cast, column, distinct, exists, false, func, literal, literal_column, or_, select, table

from .model import STATEMENT_KINDS, Span, StatementRecord
from .resolve import normalize_name
from .store import Store, dialect
from .store.dates import date_bounds
from .store.namekeys import query_keys
from .store.search import search_groups
from .store.schema import date_mentions as DM
from .store.schema import document_topics as DT
from .store.schema import documents as D
from .store.schema import entities as E
from .store.schema import entity_mentions as EM
from .store.schema import ingest_runs as R
from .store.schema import rejects as RJ
from .store.schema import speaker_aliases as SA
from .store.schema import speaker_roles as SR
from .store.schema import speakers as SP
from .store.schema import statement_topics as ST
from .store.schema import statements as S
from .store.schema import topics as T

ItemT = TypeVar("ItemT")

__all__ = [
    "StatementFilters",
    "Page",
    "SpeakerSummary",
    "SpeakerDetail",
    "DocumentDetail",
    "EntitySummary",
    "TopicSummary",
    "TimelinePoint",
    "CorpusOverview",
    "QueryService",
    "QueryError",
    "RejectRecord",
    "IngestRunRecord",
]


@dataclass(slots=True)
class StatementFilters:
    speaker: str | int | None = None
    about: str | None = None
    q: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    topic: str | None = None
    lang: str | None = None
    document_id: int | None = None
    mentions_date: str | None = None


# Statement totals are counted up to this many; beyond it a page says "10,000+" (``total_is_lower_bound``):
# an exact count(*) over a million matches costs seconds, a capped one milliseconds.
TOTAL_CAP = 10_000


@dataclass(slots=True)
class Page(Generic[ItemT]):
    items: list[ItemT]
    total: int
    limit: int
    offset: int
    total_is_lower_bound: bool = False  # True: there are more than ``total`` matches (total == TOTAL_CAP)

    @property
    def total_label(self) -> str:
        """The total for people: "1,234", or "10,000+" when it is a lower bound."""
        return f"{self.total:,}" + ("+" if self.total_is_lower_bound else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [i.to_dict() if hasattr(i, "to_dict") else i for i in self.items],
            "total": self.total,
            "total_is_lower_bound": self.total_is_lower_bound,
            "total_label": self.total_label,
            "limit": self.limit,
            "offset": self.offset,
        }


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(slots=True)
class SpeakerSummary(_Record):
    id: int
    name: str  # canonical name
    n_statements: int
    first_date: str | None
    last_date: str | None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SpeakerDetail(_Record):
    id: int
    name: str
    aliases: list[str]
    roles: list[dict[str, Any]]  # {"role": "Kreml-Sprecher", "first": "2020-10", "last": "2021-03"}
    n_statements: int
    first_date: str | None
    last_date: str | None
    top_topics: list[tuple[str, int]]
    top_entities: list[tuple[str, int]]
    sources: list[tuple[str, int]]
    n_about: int = 0  # statements by anyone that mention this identity


@dataclass(slots=True)
class DocumentDetail(_Record):
    id: int
    doc_key: str | None
    date: str | None
    date_precision: str | None
    lang: str | None
    source: str | None
    title: str | None
    url: str | None
    byline: str | None
    text: str
    statements: list[StatementRecord]
    entities: list[dict[str, Any]]  # {"start", "end", "label", "text", "entity_id"}
    dates: list[dict[str, Any]]  # {"start", "end", "text", "value"}
    topics: list[str]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["statements"] = [s.to_dict() for s in self.statements]
        return d


@dataclass(slots=True)
class EntitySummary(_Record):
    id: int
    name: str
    label: str
    n_mentions: int
    n_statements: int  # statements that mention it ("about")
    speaker_id: int | None = None  # the speaker most of its mentions are resolved to (None: nobody who speaks)


@dataclass(slots=True)
class TopicSummary(_Record):
    id: int
    label: str
    origin: str  # "user" (config keywords) or "model" (unsupervised)
    n_statements: int
    keywords: list[str] = field(default_factory=list)
    name: str | None = None  # a keyword topic's short name ("klima")


@dataclass(slots=True)
class TimelinePoint(_Record):
    period: str  # YYYY-MM
    count: int


@dataclass(slots=True)
class CorpusOverview(_Record):
    n_documents: int
    n_statements: int
    n_speakers: int
    n_entities: int
    first_date: str | None
    last_date: str | None
    documents_per_month: list[TimelinePoint]
    statements_per_month: list[TimelinePoint]
    speakers_per_month: list[TimelinePoint]  # distinct speakers quoted that month


@dataclass(slots=True)
class RejectRecord(_Record):
    id: int
    run_id: int | None
    path: str
    line: int | None
    reason: str
    raw: str | None
    created_at: str | None


@dataclass(slots=True)
class IngestRunRecord(_Record):
    id: int
    started_at: str | None
    finished_at: str | None
    status: str
    inputs: dict[str, Any]
    counts: dict[str, Any]


class QueryError(ValueError):
    """A filter value the service cannot use (bad date, unknown kind); the CLI maps it to exit code 2."""


def _date_bounds_or_error(value: str, name: str) -> tuple[str, str]:
    try:
        bounds = date_bounds(value)
    except ValueError as exc:
        raise QueryError(f"--{name}: {exc}") from exc
    if bounds is None:
        raise QueryError(f"--{name}: empty date")
    return bounds


def mentioned_date_range(value: str) -> tuple[str | None, str | None]:
    """``YYYY[-MM[-DD]]`` or ``FROM..TO`` (one end may be empty) as first and last day; QueryError when invalid."""
    lo, sep, hi = value.strip().partition("..")
    if not sep:
        hi = lo
    if not lo.strip() and not hi.strip():
        raise QueryError("--mentions-date: empty date range")
    first = _date_bounds_or_error(lo.strip(), "mentions-date")[0] if lo.strip() else None
    last = _date_bounds_or_error(hi.strip(), "mentions-date")[1] if hi.strip() else None
    if first and last and first > last:
        raise QueryError(f"--mentions-date: {value!r} ends before it starts")
    return first, last


def _mentioned_in_range(first: str | None, last: str | None) -> list[Any]:
    """A stored date mention (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) overlaps [first, last]: compared as strings,
    "2020" covers 2020-11 because "2020" <= "2020-11-30" and "2020" >= the first four characters of "2020-11-01"."""
    cond: list[Any] = [DM.c.value.is_not(None)]
    if last:
        cond.append(DM.c.value <= last)
    if first:
        cond.append(DM.c.value >= first[:4])  # an index range; the next line is the exact test
        cond.append(DM.c.value >= func.substr(first, 1, func.length(DM.c.value)))
    return cond


def _ordinal(day: str) -> int:
    import datetime as _dt

    return _dt.date.fromisoformat(day).toordinal()


def _day_range(since: str | None, until: str | None) -> tuple[int | None, int | None, str | None]:
    """``since``/``until`` as a ``statements.sort_day`` range (sort_day: ordinal of the document's first day, 0 = undated):
    (lowest, highest, first day still to be checked on ``documents.date_end`` or None).

    ``until`` is exact (a document is in when its first day is). ``since`` is exact from a 1 January: a year, month or
    day never spans a new year, so a document that begins before 1 January ends before it too. From any other day a
    year- or month-precision document that began earlier that year may still reach it: ``date_end`` decides."""
    lo = hi = check = None
    if since:
        first = _date_bounds_or_error(since, "since")[0]
        lo = _ordinal(first[:4] + "-01-01")
        if not first.endswith("-01-01"):
            check = first
    if until:
        hi = _ordinal(_date_bounds_or_error(until, "until")[1])
        lo = max(lo or 1, 1)  # undated documents are before no date
    return lo, hi, check


def _is_new_year(day: int) -> bool:
    """A sort_day (date ordinal) that is a 1 January: year-only dates sort there too, and have no month."""
    import datetime as _dt

    d = _dt.date.fromordinal(day)
    return d.month == 1 and d.day == 1


class QueryService:
    """Read-side API over a store. Constructed by ``quotetracker.open(...)`` (``qt.query``).

    Methods:

    - ``statements(filters: StatementFilters, limit=50, offset=0) -> Page[StatementRecord]``
      (filters may also be given as keyword arguments)
    - ``iter_statements(filters) -> Iterator[StatementRecord]`` (all matches, streamed in pages)
    - ``speakers(q=None, limit=50, offset=0) -> Page[SpeakerSummary]``
    - ``speaker(speaker_id) -> SpeakerDetail | None``
    - ``document(document_id) -> DocumentDetail | None`` (an int id, or the external ``doc_key``)
    - ``iter_documents(filters=None, details=True) -> Iterator[DocumentDetail]``
    - ``entities(q=None, label=None, limit=50, offset=0) -> Page[EntitySummary]``
    - ``entity(id_or_name) -> EntitySummary | None``, ``topic(label) -> TopicSummary | None``
    - ``topics() -> list[TopicSummary]``
    - ``timeline(filters: StatementFilters) -> list[TimelinePoint]`` (statements per month)
    - ``overview() -> CorpusOverview``
    - ``rejects(run_id=None, limit=100, offset=0) -> Page[RejectRecord]``, ``runs(limit=20) -> list[IngestRunRecord]``

    Invalid filter values raise :class:`QueryError` (a ``ValueError``).
    """

    def __init__(self, store: Any) -> None:
        if isinstance(store, str):
            store = Store(store)
        self.store = store
        self.engine = store.engine

    @classmethod
    def from_url(cls, url: str) -> QueryService:
        return cls(url)

    # -- statements -------------------------------------------------------------------

    def _statement_columns(self) -> list[Any]:
        def piece(start, end):
            return func.substr(D.c.text, start + 1, end - start)

        return [
            S.c.id,
            S.c.document_id,
            D.c.doc_key,
            D.c.date,
            D.c.source,
            D.c.lang,
            S.c.kind,
            piece(S.c.content_start, S.c.content_end).label("content"),
            S.c.content_start,
            S.c.content_end,
            case((S.c.cue_start.is_not(None), piece(S.c.cue_start, S.c.cue_end)), else_=None).label("cue"),
            S.c.cue_start,
            S.c.cue_end,
            S.c.speaker_mention,
            S.c.speaker_start,
            S.c.speaker_end,
            S.c.speaker_name,
            S.c.speaker_id,
            SP.c.canonical_name.label("speaker"),
            S.c.confidence,
        ]

    def _from(self, select_obj):
        return select_obj.select_from(
            S.join(D, D.c.id == S.c.document_id).outerjoin(SP, SP.c.id == S.c.speaker_id)
        )

    @staticmethod
    def _needs_documents(f: StatementFilters) -> bool:
        if f.lang or f.source:
            return True
        try:
            return _day_range(f.since, None)[2] is not None  # until and most since values are sort_day ranges
        except QueryError:
            return True

    def speaker_ids(self, conn, speaker: str) -> list[int]:
        """Ids of the identities a ``--speaker`` text names: any alias, any transliteration ("Peskov" = "Peskow"),
        the full name in either spelling ("Dmitry Peskov"), or a role they held ("Kremlsprecher")."""
        role, key, single = query_keys(speaker)
        norm = normalize_name(speaker)
        conds = [SA.c.alias_norm == norm] if norm else []
        if key:
            conds.append(SA.c.alias_key == key)
            if single:
                conds.append(SA.c.surname_key == key)
        ids = set(conn.execute(select(SA.c.speaker_id).where(or_(*conds)).distinct()).scalars()) if conds else set()
        if role and not key:
            ids |= set(conn.execute(select(SR.c.speaker_id).where(SR.c.role == role).distinct()).scalars())
        if not ids and norm:  # no alias or key: any alias containing the words ("Peskow" in "dmitri peskow")
            ids = set(conn.execute(select(SA.c.speaker_id).where(SA.c.alias_norm.contains(norm, autoescape=True)).distinct()).scalars())
        return sorted(ids)

    def _conditions(self, conn, f: StatementFilters, *, search: bool = True, links: str = "in") -> list[Any]:
        """WHERE conditions of the filters; ``search=False`` leaves out ``q`` (the caller walks the FTS index itself);
        ``links="exists"`` tests about/topic per statement (correlated) instead of as a semi-join."""
        where: list[Any] = []
        if f.document_id is not None:
            where.append(S.c.document_id == int(f.document_id))
        if f.kind:
            if f.kind not in STATEMENT_KINDS:
                raise QueryError(f"--kind: {f.kind!r} is not one of {', '.join(STATEMENT_KINDS)}")
            where.append(S.c.kind == f.kind)
        if f.lang:
            where.append(D.c.lang == f.lang)
        if f.source:
            # The outlet as stored (an index lookup); any case only when no document has it as written.
            exact = conn.execute(select(D.c.id).where(D.c.source == f.source).limit(1)).first() is not None
            where.append(D.c.source == f.source if exact else func.lower(D.c.source) == f.source.lower())
        if f.since or f.until:
            lo, hi, check = _day_range(f.since, f.until)
            if check is not None:
                where.append(D.c.date_end >= check)
            if lo is not None:
                where.append(S.c.sort_day >= lo)
            if hi is not None:
                where.append(S.c.sort_day <= hi)
        if f.speaker not in (None, ""):
            sp = f.speaker
            if isinstance(sp, int) or (isinstance(sp, str) and sp.strip().isdigit()):
                where.append(S.c.speaker_id == int(sp))
            else:
                ids = self.speaker_ids(conn, str(sp))
                if ids:
                    where.append(S.c.speaker_id.in_(ids))
                else:  # no identity (not resolved yet): the in-document name as written
                    where.append(func.lower(S.c.speaker_name) == str(sp).strip().lower())
        if f.about:
            # A semi-join on the indexed link table (not a correlated EXISTS per statement).
            norm = normalize_name(f.about)
            ent_ids = list(conn.execute(select(E.c.id).where(E.c.name_norm == norm)).scalars())
            if not ent_ids:
                ent_ids = list(conn.execute(select(E.c.id).where(E.c.name_norm.contains(norm, autoescape=True))).scalars())
            identity_ids = self.speaker_ids(conn, f.about)  # the person in any name form ("Peskov" = "Peskow")
            by_identity = EM.c.identity_id.in_(identity_ids)
            if ent_ids:
                mention = or_(EM.c.entity_id.in_(ent_ids), by_identity) if identity_ids else EM.c.entity_id.in_(ent_ids)
            else:  # the mention text as written only when neither names it (a scan)
                mention = by_identity if identity_ids else func.lower(EM.c.text) == norm
            if links == "exists":
                where.append(exists().where(EM.c.statement_id == S.c.id, mention))
            else:
                where.append(S.c.id.in_(select(EM.c.statement_id).where(mention, EM.c.statement_id.is_not(None))))
        if f.topic:
            topic_ids = self.topic_ids(conn, f.topic)
            if not topic_ids:
                where.append(false())
            elif links == "exists":
                where.append(exists().where(ST.c.statement_id == S.c.id, ST.c.topic_id.in_(topic_ids)))
            else:
                where.append(S.c.id.in_(select(ST.c.statement_id).where(ST.c.topic_id.in_(topic_ids))))
        if f.mentions_date:
            in_range = _mentioned_in_range(*mentioned_date_range(f.mentions_date))
            if links == "exists":
                where.append(exists().where(DM.c.document_id == S.c.document_id, *in_range))
            else:
                where.append(S.c.document_id.in_(select(DM.c.document_id).where(*in_range)))
        if f.q and search:
            cond = dialect.search_condition(self.engine.dialect.name, f.q)
            where.append(cond if cond is not None else false())
        return where

    @staticmethod
    def topic_ids(conn, topic: str | int) -> list[int]:
        """A topic by label (any case), by a keyword topic's short name ("klima"), or by id."""
        value = str(topic).strip()
        ids = list(conn.execute(select(T.c.id).where(func.lower(T.c.label) == value.lower())).scalars())
        if not ids:
            ids = list(conn.execute(select(T.c.id).where(func.lower(T.c.name) == value.lower())).scalars())
        if not ids and value.isdigit():
            ids = list(conn.execute(select(T.c.id).where(T.c.id == int(value))).scalars())
        return ids

    def _filters(self, filters: StatementFilters | None, kw: dict[str, Any]) -> StatementFilters:
        if filters is None:
            return StatementFilters(**kw)
        if kw:
            raise TypeError("give filters either as a StatementFilters or as keyword arguments, not both")
        return filters

    def statements(
        self, filters: StatementFilters | None = None, limit: int = 50, offset: int = 0, **kw: Any
    ) -> Page[StatementRecord]:
        """A page of matching statements, newest first (document date; same date: in stored order); the total is exact up to
        :data:`TOTAL_CAP` and flagged ``total_is_lower_bound`` beyond it."""
        f = self._filters(filters, kw)
        with self.engine.connect() as conn:
            # Two steps: the ids of the page with as few joins as the filters need, then the columns of 50 rows
            # (sorting or skipping ids is cheap; sorting rows that carry content cut from the document is not).
            if f.q and conn.dialect.name == "sqlite":
                ids, total, capped = self._sqlite_search_ids(conn, f, limit, offset)
            else:
                ids, total, capped = self._page_ids(conn, f, limit, offset)
            items = self._records(conn, self._rows_by_id(conn, ids))
        return Page(items=items, total=total, limit=limit, offset=offset, total_is_lower_bound=capped)

    def _id_select(self, f: StatementFilters, source=None, *columns):
        source = S if source is None else source
        return select(S.c.id, *columns).select_from(source.join(D, D.c.id == S.c.document_id) if self._needs_documents(f) else source)

    @staticmethod
    def _all_or_capped(conn, keyed_query, limit: int, offset: int) -> tuple[list[int] | None, int, bool]:
        """Up to TOTAL_CAP + 1 (id, sort key) rows in one query: when they are all the matches, they give the exact
        total and, sorted here, the page; beyond the cap (None, TOTAL_CAP, True) and the caller walks an index."""
        # One integer per match, sort_day × 2³² + 2³² − 1 − id (the FTS key): sorted descending it is the page order,
        # and plain ints fetch and sort several times faster than (id, day) rows (10,000 of them at most).
        id_col, day_col = list(keyed_query.selected_columns)[:2]
        mask = dialect.FTS_ID_MASK
        key = cast(day_col, BigInteger) * literal(mask + 1, BigInteger) + (literal(mask, BigInteger) - id_col)
        keys = keyed_query.with_only_columns(key.label("k")).limit(TOTAL_CAP + 1).subquery()
        if conn.dialect.name == "postgresql":
            joined = func.string_agg(cast(keys.c.k, String), ",")
        else:
            joined = func.group_concat(keys.c.k)
        return QueryService._page_of_keys(QueryService._split_keys(conn.execute(select(joined)).scalar()), limit, offset)

    @staticmethod
    def _split_keys(joined: str | None) -> list[int]:
        """The keys arrive as ONE comma-separated string: 10,000 result rows would be 10,000 tuples, and allocating
        them set off Python's cyclic garbage collector, a full pass over every object of the process, in about one
        request in five (the p95 of a page with 10,000+ matches was ~4× its p50, ~1× with the collector off)."""
        return [int(k) for k in joined.split(",")] if joined else []

    @staticmethod
    def _page_of_keys(keys: list[int], limit: int, offset: int) -> tuple[list[int] | None, int, bool]:
        if len(keys) > TOTAL_CAP:
            return None, TOTAL_CAP, True
        keys.sort(reverse=True)
        mask = dialect.FTS_ID_MASK
        return [mask - (k & mask) for k in keys[offset : offset + limit]], len(keys), False

    def _page_ids(self, conn, f: StatementFilters, limit: int, offset: int) -> tuple[list[int], int, bool]:
        fast = self._topic_page_ids(conn, f, limit, offset)
        if fast is not None:
            return fast
        where = self._conditions(conn, f)
        ids, total, capped = self._all_or_capped(conn, self._id_select(f, None, S.c.sort_day).where(*where), limit, offset)
        if ids is not None:
            return ids, total, capped
        if f.about or f.topic or f.mentions_date:
            # Many matches: walking the date index and probing the link table per statement fills a page
            # sooner than collecting and sorting every match (the semi-join is better for few matches).
            where = self._conditions(conn, f, links="exists")
        q = self._id_select(f).where(*where).order_by(S.c.sort_day.desc(), S.c.id).limit(limit).offset(offset)
        return list(conn.execute(q).scalars()), total, capped

    def _topic_page_ids(self, conn, f: StatementFilters, limit: int, offset: int) -> tuple[list[int], int, bool] | None:
        """A topic alone or with a date range: ix_statement_topics_topic_sort_day (topic_id, sort_day, statement_id)
        gives the count and the ids in date order without reading a statement; None when other filters apply."""
        if not f.topic or replace(f, topic=None, since=None, until=None) != StatementFilters():
            return None
        lo, hi, check = _day_range(f.since, f.until)
        topic_ids = self.topic_ids(conn, f.topic)
        if check is not None or len(topic_ids) != 1:  # several topics: a statement may be linked to more than one
            return None
        where = [ST.c.topic_id == topic_ids[0]]
        if lo is not None:
            where.append(ST.c.sort_day >= lo)
        if hi is not None:
            where.append(ST.c.sort_day <= hi)
        ids, total, capped = self._all_or_capped(conn, select(ST.c.statement_id, ST.c.sort_day).where(*where), limit, offset)
        if ids is None:
            q = select(ST.c.statement_id).where(*where).order_by(ST.c.sort_day.desc(), ST.c.statement_id)
            ids = list(conn.execute(q.limit(limit).offset(offset)).scalars())
        return ids, total, capped

    def _rows_by_id(self, conn, ids: list[int]):
        if not ids:
            return []
        rows = {r["id"]: r for r in conn.execute(self._from(select(*self._statement_columns())).where(S.c.id.in_(ids))).mappings()}
        return [rows[i] for i in ids if i in rows]

    @staticmethod
    def _capped_count(conn, ids_query) -> tuple[int, bool]:
        n = conn.execute(select(func.count()).select_from(ids_query.limit(TOTAL_CAP + 1).subquery())).scalar_one()
        return (TOTAL_CAP, True) if n > TOTAL_CAP else (n, False)

    def _sqlite_search_ids(self, conn, f: StatementFilters, limit: int, offset: int) -> tuple[list[int], int, bool]:
        """Full text on SQLite: walk the FTS5 postings newest first (their rowid is sort_day × 2³² + 2³² − 1 − id) and
        stop after the page, instead of collecting and sorting every match."""
        groups = search_groups(f.q or "")
        if not groups:
            return [], 0, False
        key = literal_column("statements_fts.rowid")
        statement_id = (dialect.FTS_ID_MASK - key.op("&")(dialect.FTS_ID_MASK)).label("statement_id")
        match = literal_column("statements_fts").op("MATCH")(bindparam("fts_q", dialect.sqlite_match(groups)))
        others = self._conditions(conn, f, search=False)
        fts = table("statements_fts", column("rowid"))
        if not others:  # the index alone answers: no statement row is read for the count or the ids
            total, capped = self._capped_count(conn, select(key).select_from(fts).where(match))
            q = select(statement_id).select_from(fts).where(match).order_by(key.desc()).limit(limit).offset(offset)
            return list(conn.execute(q).scalars()), total, capped
        fast = self._sqlite_search_by_speaker(conn, f, groups, limit, offset)
        if fast is not None:
            return fast
        joined = fts.join(S, S.c.id == dialect.FTS_ID_MASK - key.op("&")(dialect.FTS_ID_MASK))
        ids, total, capped = self._all_or_capped(conn, self._id_select(f, joined, S.c.sort_day).where(match, *others), limit, offset)
        if ids is not None:
            return ids, total, capped
        base = self._id_select(f, joined).where(match, *others)
        return list(conn.execute(base.order_by(key.desc()).limit(limit).offset(offset)).scalars()), total, capped

    # Full text + speaker on SQLite. Both sides are sets of FTS keys (sort_day × 2³² + 2³² − 1 − id): the speaker's
    # from ix_statements_speaker_sort_day, the word's from the FTS index. Joining every posting to its statement row
    # costs ~4 µs a posting; instead the cheaper side drives: the word's postings each looked up in the speaker's
    # index (~0.8 µs a posting at 1M), or the speaker's index entries looked up in the word's postings, collected once
    # (~0.33 µs per posting and per statement). So postings drive while they are fewer than 0.7 × the statements.
    _FTS_KEY = f"(statements_fts.rowid >> {dialect.FTS_ID_BITS})"
    _FTS_ID = f"({dialect.FTS_ID_MASK} - (statements_fts.rowid & {dialect.FTS_ID_MASK}))"
    _BY_POSTINGS = (
        "SELECT statements_fts.rowid AS k FROM statements_fts WHERE statements_fts MATCH :fts_q"
        f" AND {_FTS_KEY} BETWEEN :lo AND :hi AND EXISTS (SELECT 1 FROM statements s INDEXED BY ix_statements_speaker_sort_day"
        f" WHERE s.speaker_id IN :ids AND s.sort_day = {_FTS_KEY} AND s.id = {_FTS_ID})"
    )
    _BY_SPEAKER = (
        f"SELECT (s.sort_day << {dialect.FTS_ID_BITS}) + ({dialect.FTS_ID_MASK} - s.id) AS k FROM statements s"
        " WHERE s.speaker_id IN :ids AND s.sort_day BETWEEN :lo AND :hi"
        f" AND (s.sort_day << {dialect.FTS_ID_BITS}) + ({dialect.FTS_ID_MASK} - s.id)"
        " IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :fts_q)"
    )

    def _speaker_id_list(self, conn, speaker: str | int) -> list[int]:
        """A ``speaker`` filter as identity ids: a speaker id as given, otherwise the identities the name names."""
        if isinstance(speaker, int) or str(speaker).strip().isdigit():
            return [int(speaker)]
        return self.speaker_ids(conn, str(speaker))

    @staticmethod
    def _cheaper_side(conn, fts_q: str, ids: list[int]) -> str:
        """_BY_POSTINGS or _BY_SPEAKER for a text and speakers: postings drive while fewer than 0.7 × the statements."""
        from sqlalchemy import text

        n_speaker = conn.execute(select(func.coalesce(func.sum(SP.c.n_statements), 0)).where(SP.c.id.in_(ids))).scalar_one()
        most = n_speaker * 7 // 10
        # Postings counted only up to that limit: cheap (no row read), and enough to pick the side.
        postings = conn.execute(
            text("SELECT count(*) FROM (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :fts_q LIMIT :n)"),
            {"fts_q": fts_q, "n": most + 1},
        ).scalar_one()
        return QueryService._BY_POSTINGS if postings <= most else QueryService._BY_SPEAKER

    def _sqlite_search_by_speaker(self, conn, f: StatementFilters, groups, limit: int, offset: int):
        """Full text + speaker (+ since/until) on SQLite, the plan chosen by counts; None for other filters."""
        from sqlalchemy import text

        if f.speaker in (None, "") or replace(f, q=None, speaker=None, since=None, until=None) != StatementFilters():
            return None
        lo, hi, check = _day_range(f.since, f.until)
        if check is not None:
            return None
        ids = self._speaker_id_list(conn, f.speaker)
        if not ids:
            return None
        params = {"fts_q": dialect.sqlite_match(groups), "ids": ids, "lo": lo or 0, "hi": (1 << 31) - 1 if hi is None else hi}
        keyed = self._cheaper_side(conn, params["fts_q"], ids)
        expanding = bindparam("ids", expanding=True)
        joined = conn.execute(text(f"SELECT group_concat(k) FROM ({keyed} LIMIT {TOTAL_CAP + 1})").bindparams(expanding), params)
        keys = self._split_keys(joined.scalar())
        ids, total, capped = self._page_of_keys(keys, limit, offset)
        if ids is None:
            page = text(f"{self._BY_POSTINGS} ORDER BY statements_fts.rowid DESC LIMIT :limit OFFSET :offset").bindparams(expanding)
            keys = conn.execute(page, {**params, "limit": limit, "offset": offset}).scalars().all()
            ids = [dialect.FTS_ID_MASK - (k & dialect.FTS_ID_MASK) for k in keys]
        return ids, total, capped

    def iter_statements(self, filters: StatementFilters | None = None, page_size: int = 1000, **kw: Any):
        f = self._filters(filters, kw)
        offset = 0
        while True:
            page = self.statements(f, limit=page_size, offset=offset)
            yield from page.items
            offset += page_size
            if len(page.items) < page_size:
                return

    def _records(self, conn, rows) -> list[StatementRecord]:
        ids = [r["id"] for r in rows]
        topics_by: dict[int, list[str]] = {}
        about_by: dict[int, list[str]] = {}
        if ids:
            for sid, label in conn.execute(
                select(ST.c.statement_id, T.c.label).join(T, T.c.id == ST.c.topic_id).where(ST.c.statement_id.in_(ids)).order_by(T.c.label)
            ):
                topics_by.setdefault(sid, []).append(label)
            # A mention with an identity under the identity's name ("Peskow" -> "Dmitri Peskow"), so one person is
            # listed once per statement however it is written; without one, the entity's name or the text as written.
            mentioned = SP.alias("mentioned")
            for sid, identity_name, name, mention in conn.execute(
                select(EM.c.statement_id, mentioned.c.canonical_name, E.c.name, EM.c.text)
                .outerjoin(E, E.c.id == EM.c.entity_id)
                .outerjoin(mentioned, mentioned.c.id == EM.c.identity_id)
                .where(EM.c.statement_id.in_(ids))
                .order_by(EM.c.start)
            ):
                names = about_by.setdefault(sid, [])
                label = identity_name or name or mention
                if label not in names:
                    names.append(label)

        def span(a, b):
            return Span(a, b) if a is not None and b is not None else None

        return [
            StatementRecord(
                id=r["id"],
                document_id=r["document_id"],
                doc_key=r["doc_key"],
                date=r["date"],
                source=r["source"],
                lang=r["lang"],
                kind=r["kind"],
                content=r["content"] or "",
                content_span=Span(r["content_start"], r["content_end"]),
                cue=r["cue"],
                cue_span=span(r["cue_start"], r["cue_end"]),
                speaker_mention=r["speaker_mention"],
                speaker_span=span(r["speaker_start"], r["speaker_end"]),
                speaker_name=r["speaker_name"],
                speaker_id=r["speaker_id"],
                speaker=r["speaker"],
                confidence=float(r["confidence"]),
                topics=topics_by.get(r["id"], []),
                about=about_by.get(r["id"], []),
            )
            for r in rows
        ]

    # -- speakers -----------------------------------------------------------------------

    def speakers(self, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[SpeakerSummary]:
        where = [SP.c.n_statements > 0]  # identities that are only mentioned are not speakers
        if q:
            where.append(exists().where(SA.c.speaker_id == SP.c.id, SA.c.alias_norm.contains(normalize_name(q), autoescape=True)))
        # Counts and dates are stored on the speaker at every identity rebuild (store.counts).
        base = select(SP.c.id, SP.c.canonical_name, SP.c.n_statements, SP.c.first_date, SP.c.last_date).where(*where)
        n = SP.c.n_statements
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count(SP.c.id)).where(*where)).scalar_one()
            rows = conn.execute(base.order_by(n.desc(), SP.c.canonical_name).limit(limit).offset(offset)).all()
            aliases = self._aliases(conn, [r[0] for r in rows])
        items = [
            SpeakerSummary(id=i, name=name, n_statements=cnt, first_date=first, last_date=last, aliases=aliases.get(i, []))
            for i, name, cnt, first, last in rows
        ]
        return Page(items=items, total=total, limit=limit, offset=offset)

    def _aliases(self, conn, ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        if ids:
            for sid, alias in conn.execute(
                select(SA.c.speaker_id, SA.c.alias).where(SA.c.speaker_id.in_(ids)).order_by(SA.c.alias)
            ):
                out.setdefault(sid, []).append(alias)
        return out

    def speaker(self, speaker_id: int) -> SpeakerDetail | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(SP.c.id, SP.c.canonical_name).where(SP.c.id == int(speaker_id))).first()
            if row is None:
                return None
            sid = row[0]
            n, first, last = conn.execute(
                select(func.count(S.c.id), func.min(D.c.date), func.max(D.c.date))
                .select_from(S.join(D, D.c.id == S.c.document_id))
                .where(S.c.speaker_id == sid)
            ).one()
            roles = [
                {"role": r, "first": f, "last": la}
                for r, f, la in conn.execute(
                    select(SR.c.role, SR.c.first_date, SR.c.last_date).where(SR.c.speaker_id == sid).order_by(SR.c.first_date, SR.c.role)
                )
            ]
            cnt = func.count()
            top_topics = conn.execute(
                select(T.c.label, cnt)
                .select_from(ST.join(T, T.c.id == ST.c.topic_id).join(S, S.c.id == ST.c.statement_id))
                .where(S.c.speaker_id == sid)
                .group_by(T.c.label)
                .order_by(cnt.desc(), T.c.label)
                .limit(10)
            ).all()
            # A mentioned person under their identity's name: "Peskow" and "Dmitri Peskow" count together.
            mentioned = SP.alias("mentioned")
            name_expr = func.coalesce(mentioned.c.canonical_name, E.c.name, EM.c.text)
            top_entities = conn.execute(
                select(name_expr, cnt)
                .select_from(
                    EM.join(S, S.c.id == EM.c.statement_id)
                    .outerjoin(E, E.c.id == EM.c.entity_id)
                    .outerjoin(mentioned, mentioned.c.id == EM.c.identity_id)
                )
                .where(S.c.speaker_id == sid)
                .group_by(name_expr)
                .order_by(cnt.desc(), name_expr)
                .limit(10)
            ).all()
            sources = conn.execute(
                select(D.c.source, cnt)
                .select_from(S.join(D, D.c.id == S.c.document_id))
                .where(S.c.speaker_id == sid, D.c.source.is_not(None))
                .group_by(D.c.source)
                .order_by(cnt.desc(), D.c.source)
                .limit(10)
            ).all()
            aliases = self._aliases(conn, [sid]).get(sid, [])
            n_about = conn.execute(
                select(func.count(distinct(EM.c.statement_id))).where(EM.c.identity_id == sid, EM.c.statement_id.is_not(None))
            ).scalar_one()
        return SpeakerDetail(
            id=sid,
            name=row[1],
            aliases=aliases,
            roles=roles,
            n_statements=n,
            first_date=first,
            last_date=last,
            top_topics=[tuple(t) for t in top_topics],
            top_entities=[tuple(t) for t in top_entities],
            sources=[tuple(t) for t in sources],
            n_about=n_about,
        )

    # -- documents ----------------------------------------------------------------------

    def document(self, document_id: int | str) -> DocumentDetail | None:
        with self.engine.connect() as conn:
            # A number is the database id; a string is an external id (digits: the database id first).
            row = None
            if isinstance(document_id, int) or str(document_id).isdigit():
                row = conn.execute(select(D).where(D.c.id == int(document_id))).mappings().first()
            if row is None and isinstance(document_id, str):
                row = conn.execute(select(D).where(D.c.doc_key == document_id).order_by(D.c.id)).mappings().first()
            if row is None:
                return None
            did = row["id"]
            ents = [
                dict(r)
                for r in conn.execute(
                    select(EM.c.start, EM.c.end, EM.c.label, EM.c.text, EM.c.entity_id, EM.c.statement_id)
                    .where(EM.c.document_id == did)
                    .order_by(EM.c.start)
                ).mappings()
            ]
            dates = [
                dict(r)
                for r in conn.execute(
                    select(DM.c.start, DM.c.end, DM.c.text, DM.c.value, DM.c.precision, DM.c.statement_id)
                    .where(DM.c.document_id == did)
                    .order_by(DM.c.start)
                ).mappings()
            ]
            doc_topics = list(
                conn.execute(select(T.c.label).join(DT, DT.c.topic_id == T.c.id).where(DT.c.document_id == did).order_by(T.c.label)).scalars()
            )
        stmts = list(self.iter_statements(StatementFilters(document_id=did)))
        stmts.sort(key=lambda s: (s.content_span.start, s.id))
        return DocumentDetail(
            id=did,
            doc_key=row["doc_key"],
            date=row["date"],
            date_precision=row["date_precision"],
            lang=row["lang"],
            source=row["source"],
            title=row["title"],
            url=row["url"],
            byline=row["byline"],
            text=row["text"],
            statements=stmts,
            entities=ents,
            dates=dates,
            topics=doc_topics,
        )

    def document_ids(self, filters: StatementFilters | None = None) -> list[int]:
        """Ids of the documents (in date order) that have a statement matching ``filters``; all documents without filters."""
        with self.engine.connect() as conn:
            if filters is None or filters == StatementFilters():
                q = select(D.c.id).order_by(D.c.date_start.nulls_last(), D.c.id)
            else:
                where = self._conditions(conn, filters)
                q = (
                    self._from(select(D.c.id, D.c.date_start))
                    .where(*where)
                    .distinct()
                    .order_by(D.c.date_start.nulls_last(), D.c.id)
                )
            return [r[0] for r in conn.execute(q)]

    def iter_documents(self, filters: StatementFilters | None = None, *, details: bool = True, page_size: int = 200):
        """Documents (in date order) with their statements; ``details=False`` skips entities, dates and topics
        and reads a page of documents with a few queries (fast exports)."""
        ids = self.document_ids(filters)
        if details:
            for did in ids:
                doc = self.document(did)
                if doc is not None:
                    yield doc
            return
        for i in range(0, len(ids), page_size):
            chunk = ids[i : i + page_size]
            with self.engine.connect() as conn:
                rows = {r["id"]: r for r in conn.execute(select(D).where(D.c.id.in_(chunk))).mappings()}
                st_rows = conn.execute(
                    self._from(select(*self._statement_columns()))
                    .where(S.c.document_id.in_(chunk))
                    .order_by(S.c.document_id, S.c.content_start, S.c.id)
                ).mappings().all()
                records = self._records(conn, st_rows)
            by_doc: dict[int, list[StatementRecord]] = {}
            for rec in records:
                by_doc.setdefault(rec.document_id, []).append(rec)
            for did in chunk:
                row = rows.get(did)
                if row is None:
                    continue
                yield DocumentDetail(
                    id=did, doc_key=row["doc_key"], date=row["date"], date_precision=row["date_precision"], lang=row["lang"],
                    source=row["source"], title=row["title"], url=row["url"], byline=row["byline"], text=row["text"],
                    statements=by_doc.get(did, []), entities=[], dates=[], topics=[],
                )  # fmt: skip

    # -- entities, topics, time -------------------------------------------------------------

    def entities(self, q: str | None = None, label: str | None = None, limit: int = 50, offset: int = 0) -> Page[EntitySummary]:
        where = []
        if q:
            where.append(E.c.name_norm.contains(normalize_name(q), autoescape=True))
        if label:
            where.append(E.c.label == label)
        n = func.count(EM.c.id)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count(E.c.id)).where(*where)).scalar_one()
            rows = conn.execute(
                select(E.c.id, E.c.name, E.c.label, n, func.count(distinct(EM.c.statement_id)))
                .select_from(E.outerjoin(EM, EM.c.entity_id == E.c.id))
                .where(*where)
                .group_by(E.c.id, E.c.name, E.c.label)
                .order_by(n.desc(), E.c.name)
                .limit(limit)
                .offset(offset)
            ).all()
            speaker_of = self._entity_speakers(conn, [r[0] for r in rows])
        items = [EntitySummary(id=i, name=nm, label=lb, n_mentions=c, n_statements=cs, speaker_id=speaker_of.get(i)) for i, nm, lb, c, cs in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    @staticmethod
    def _entity_speakers(conn, entity_ids: list[int]) -> dict[int, int]:
        """Entity id → the speaking identity most of its mentions are resolved to (for links to the speaker page)."""
        if not entity_ids:
            return {}
        n = func.count(EM.c.id)
        rows = conn.execute(
            select(EM.c.entity_id, EM.c.identity_id, n)
            .join(SP, SP.c.id == EM.c.identity_id)
            .where(EM.c.entity_id.in_(entity_ids), SP.c.n_statements > 0)
            .group_by(EM.c.entity_id, EM.c.identity_id)
            .order_by(EM.c.entity_id, n.desc(), EM.c.identity_id)
        ).all()
        out: dict[int, int] = {}
        for eid, sid, _ in rows:
            out.setdefault(eid, sid)
        return out

    def entity(self, id_or_name: int | str) -> EntitySummary | None:
        """One entity by id, or by name (any spelling normalize_name folds together; the most mentioned one wins)."""
        with self.engine.connect() as conn:
            if isinstance(id_or_name, int) or str(id_or_name).strip().isdigit():
                cond = E.c.id == int(id_or_name)
            else:
                norm = normalize_name(str(id_or_name))
                if not norm:
                    return None
                cond = E.c.name_norm == norm
            candidates = conn.execute(select(E.c.id, E.c.name, E.c.label).where(cond)).all()
            best = None
            for eid, name, label in candidates:
                n_m, n_s = conn.execute(
                    select(func.count(EM.c.id), func.count(distinct(EM.c.statement_id))).where(EM.c.entity_id == eid)
                ).one()
                if best is None or n_m > best.n_mentions:
                    best = EntitySummary(id=eid, name=name, label=label, n_mentions=n_m, n_statements=n_s)
            if best is not None:
                best.speaker_id = self._entity_speakers(conn, [best.id]).get(best.id)
        return best

    def topic(self, label: str | int) -> TopicSummary | None:
        """One topic by its label (any case), a keyword topic's short name, or its id."""
        with self.engine.connect() as conn:
            cols = (T.c.id, T.c.label, T.c.origin, T.c.keywords, T.c.name)
            row = conn.execute(select(*cols).where(T.c.label == str(label))).first()
            if row is None:
                ids = self.topic_ids(conn, label)
                row = conn.execute(select(*cols).where(T.c.id.in_(ids)).order_by(T.c.id)).first() if ids else None
            if row is None:
                return None
            n = conn.execute(select(func.count()).select_from(ST).where(ST.c.topic_id == row[0])).scalar_one()
        return TopicSummary(id=row[0], label=row[1], origin=row[2], n_statements=n, keywords=list(row[3] or []), name=row[4])

    def topics(self) -> list[TopicSummary]:
        n = func.count(ST.c.statement_id)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(T.c.id, T.c.label, T.c.origin, T.c.keywords, n, T.c.name)
                .select_from(T.outerjoin(ST, ST.c.topic_id == T.c.id))
                .group_by(T.c.id)  # keywords is JSON (no equality in PostgreSQL); id is the key
                .order_by(n.desc(), T.c.label)
            ).all()
        return [TopicSummary(id=i, label=lb, origin=o, n_statements=c, keywords=list(k or []), name=nm) for i, lb, o, k, c, nm in rows]

    def _per_month(self, conn, count_expr, where: list[Any], with_statements: bool) -> list[TimelinePoint]:
        period = func.substr(D.c.date, 1, 7)
        q = select(period.label("period"), count_expr.label("n"))
        q = self._from(q) if with_statements else q.select_from(D)
        # Year-only dates cannot be placed in a month; they are left out of monthly series.
        q = q.where(D.c.date_precision.in_(("month", "day")), *where).group_by(period).order_by(period)
        return [TimelinePoint(period=p, count=c) for p, c in conn.execute(q)]

    def timeline(self, filters: StatementFilters | None = None, **kw: Any) -> list[TimelinePoint]:
        f = self._filters(filters, kw)
        with self.engine.connect() as conn:
            # Per sort_day only when every filter is on statements' own columns (speaker, kind, dates): with a topic
            # filter counting per day measured no faster than the join (1M statements), so it keeps the join. Full text
            # (+ speaker, dates) on SQLite is counted from the FTS keys (sort_day × 2³² + …): _sqlite_text_per_month.
            own_columns = replace(f, speaker=None, kind=None, since=None, until=None, document_id=None) == StatementFilters()
            text_and_speaker = f.q and replace(f, q=None, speaker=None, since=None, until=None) == StatementFilters()
            if text_and_speaker and conn.dialect.name == "sqlite" and not self._needs_documents(f):
                fast = self._sqlite_text_per_month(conn, f)
                if fast is not None:
                    return fast
            where = self._conditions(conn, f)
            if self._needs_documents(f) or not own_columns:
                return self._per_month(conn, func.count(S.c.id), where, True)
            return self._per_month_by_day(conn, where)

    @staticmethod
    def _per_month_by_day(conn, where: list[Any]) -> list[TimelinePoint]:
        """Statements per month without joining documents: counted per sort_day (for a speaker an index-only scan of
        ix_statements_speaker_sort_day) and folded into months here. Year-only dates have no month and are left out,
        as in _per_month; their first day is a 1 January, so only those days are counted again with the precision."""
        per_day = dict(conn.execute(select(S.c.sort_day, func.count()).where(S.c.sort_day > 0, *where).group_by(S.c.sort_day)).all())
        new_years = [d for d in per_day if _is_new_year(d)]
        if new_years:
            in_month = conn.execute(
                select(S.c.sort_day, func.count())
                .select_from(S.join(D, D.c.id == S.c.document_id))
                .where(S.c.sort_day.in_(new_years), D.c.date_precision.in_(("month", "day")), *where)
                .group_by(S.c.sort_day)
            ).all()
            per_day.update(dict.fromkeys(new_years, 0))
            per_day.update(dict(in_month))
        return QueryService._fold_into_months(per_day)

    @staticmethod
    def _fold_into_months(per_day: dict[int, int]) -> list[TimelinePoint]:
        """Counts per sort_day (date ordinal) summed per month (YYYY-MM), months in order."""
        import datetime as _dt

        months: dict[str, int] = {}
        for day, n in per_day.items():
            if n:
                month = _dt.date.fromordinal(day).isoformat()[:7]
                months[month] = months.get(month, 0) + n
        return [TimelinePoint(period=p, count=c) for p, c in sorted(months.items())]

    def _sqlite_text_per_month(self, conn, f: StatementFilters) -> list[TimelinePoint] | None:
        """Full text alone or with a speaker (+ since from a 1 January, until) per month on SQLite, from the FTS keys
        (sort_day × 2³² + 2³² − 1 − id): the dates are a range of keys, and no statement or document is read except
        for the statements of a 1 January (a year-only date has no month: left out, as in _per_month). None for a
        speaker name with no identity; kind and document keep the join: reading each posting's statement row by id
        measured slower than it (text + kind at 1M: 880 vs 683 ms)."""
        from sqlalchemy import text

        groups = search_groups(f.q or "")
        if not groups:
            return []
        lo, hi, _ = _day_range(f.since, f.until)
        lo, hi = max(lo or 1, 1), (1 << 31) - 1 if hi is None else hi
        bits, mask = dialect.FTS_ID_BITS, dialect.FTS_ID_MASK
        params: dict[str, Any] = {"fts_q": dialect.sqlite_match(groups), "lo": lo, "hi": hi}
        rest = replace(f, q=None, since=None, until=None)
        others: list[Any] = []  # the speaker, for the 1 January recounts below (its ids are looked up once)
        if rest == StatementFilters():
            counts = self._fts_counts_per_span(conn, params)
        else:
            ids = self._speaker_id_list(conn, rest.speaker)
            if not ids:
                return None
            keyed = self._cheaper_side(conn, params["fts_q"], ids)  # as for a page of full text + speaker
            per_day = text(f"SELECT k >> {bits} AS day, count(*) FROM ({keyed}) GROUP BY day").bindparams(bindparam("ids", expanding=True))
            counts = dict(conn.execute(per_day, {**params, "ids": ids}).all())
            others.append(S.c.speaker_id.in_(ids))
        key = literal_column("statements_fts.rowid")
        match = literal_column("statements_fts").op("MATCH")(bindparam("fts_q", params["fts_q"]))
        rows = table("statements_fts", column("rowid")).join(S, S.c.id == literal(mask) - key.op("&")(literal(mask)))
        for new_year in [d for d, n in counts.items() if n and _is_new_year(d)]:
            in_day = key.between(literal(new_year << bits), literal((new_year << bits) | mask))
            dated = D.c.date_precision.in_(("month", "day"))
            q = select(func.count()).select_from(rows.join(D, D.c.id == S.c.document_id)).where(match, in_day, dated, *others)
            counts[new_year] = conn.execute(q).scalar_one()
        return self._fold_into_months(counts)

    # Below this many postings one GROUP BY per day (for "Regierung"'s 277,590 postings 95–185 ms, a sort); from it a
    # count per month (62–86 ms, ~0.4 ms each even for an empty month). The crossing point was not measured.
    _FEW_POSTINGS = 20_000

    @staticmethod
    def _fts_counts_per_span(conn, params: dict[str, Any]) -> dict[int, int]:
        """Postings of a text between two days (params lo, hi), as {first day of a span: count}. Few postings: counted
        per day (GROUP BY, sorted in a temporary b-tree); many: one count of a key range per month, 1 January apart."""
        from datetime import date, timedelta

        from sqlalchemy import text

        bits, mask = dialect.FTS_ID_BITS, dialect.FTS_ID_MASK
        match = "statements_fts MATCH :fts_q AND statements_fts.rowid BETWEEN :first AND :last"
        keys = {**params, "first": params["lo"] << bits, "last": (params["hi"] << bits) | mask}
        few = QueryService._FEW_POSTINGS
        if conn.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM statements_fts WHERE {match} LIMIT {few})"), keys).scalar_one() < few:
            per_day = text(f"SELECT statements_fts.rowid >> {bits} AS day, count(*) FROM statements_fts WHERE {match} GROUP BY day")
            return dict(conn.execute(per_day, keys).all())
        first = conn.execute(text(f"SELECT rowid >> {bits} FROM statements_fts WHERE {match} ORDER BY rowid LIMIT 1"), keys).scalar_one()
        last = conn.execute(text(f"SELECT rowid >> {bits} FROM statements_fts WHERE {match} ORDER BY rowid DESC LIMIT 1"), keys).scalar_one()
        # Straight on the driver's cursor: a hundred-odd counts of ~0.4 ms each, SQLAlchemy's per-statement work is not.
        count = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ? AND statements_fts.rowid BETWEEN ? AND ?"
        cursor = conn.connection.dbapi_connection.cursor()
        counts: dict[int, int] = {}
        day = date.fromordinal(first)
        try:
            while day.toordinal() <= last:
                if day.month == 1 and day.day == 1:  # 1 January alone: its year-only statements are left out afterwards
                    end = day
                else:
                    end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                span = (keys["fts_q"], day.toordinal() << bits, (min(end.toordinal(), last) << bits) | mask)
                counts[day.toordinal()] = cursor.execute(count, span).fetchone()[0]
                day = end + timedelta(days=1)
        finally:
            cursor.close()
        return counts

    def overview(self) -> CorpusOverview:
        with self.engine.connect() as conn:
            n_docs, first, last = conn.execute(select(func.count(D.c.id), func.min(D.c.date), func.max(D.c.date))).one()
            n_st = conn.execute(select(func.count(S.c.id))).scalar_one()
            n_sp = conn.execute(select(func.count(SP.c.id)).where(SP.c.n_statements > 0)).scalar_one()
            n_ent = conn.execute(select(func.count(E.c.id))).scalar_one()
            docs_pm = self._per_month(conn, func.count(D.c.id), [], False)
            st_pm = self._per_month(conn, func.count(S.c.id), [], True)
            sp_pm = self._per_month(conn, func.count(distinct(S.c.speaker_id)), [S.c.speaker_id.is_not(None)], True)
        return CorpusOverview(
            n_documents=n_docs,
            n_statements=n_st,
            n_speakers=n_sp,
            n_entities=n_ent,
            first_date=first,
            last_date=last,
            documents_per_month=docs_pm,
            statements_per_month=st_pm,
            speakers_per_month=sp_pm,
        )

    # -- ingest bookkeeping ---------------------------------------------------------------------

    def runs(self, limit: int = 20) -> list[IngestRunRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(R).order_by(R.c.id.desc()).limit(limit)).mappings().all()
        return [
            IngestRunRecord(
                id=r["id"],
                started_at=r["started_at"].isoformat() if r["started_at"] else None,
                finished_at=r["finished_at"].isoformat() if r["finished_at"] else None,
                status=r["status"],
                inputs=r["inputs"] or {},
                counts=r["counts"] or {},
            )
            for r in rows
        ]

    def rejects(self, run_id: int | None = None, limit: int = 100, offset: int = 0) -> Page[RejectRecord]:
        """Rejected inputs of one ingest run (default: every run)."""
        where = [RJ.c.run_id == run_id] if run_id is not None else []
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count(RJ.c.id)).where(*where)).scalar_one()
            rows = conn.execute(select(RJ).where(*where).order_by(RJ.c.id).limit(limit).offset(offset)).mappings().all()
        items = [
            RejectRecord(
                id=r["id"],
                run_id=r["run_id"],
                path=r["path"],
                line=r["line"],
                reason=r["reason"],
                raw=r["raw"],
                created_at=r["created_at"].isoformat() if r["created_at"] else None,
            )
            for r in rows
        ]
        return Page(items=items, total=total, limit=limit, offset=offset)

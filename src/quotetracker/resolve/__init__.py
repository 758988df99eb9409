"""Cross-document identities for speakers and entities.

The store keeps every raw speaker mention; identities are recomputed from all
of them plus the user's corrections (:func:`resolve_speakers`), so re-ingest is
idempotent and corrections survive it. The result does not depend on the order
of the mentions, and keys are derived from the identity's canonical name.

Modules: :mod:`.names` (normalisation, transliteration keys, role/name split),
:mod:`.roles` (role holder at a date), :mod:`.identity` (clustering),
:mod:`.entities` (identities of entity mentions).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .identity import Cluster, NameMention, cluster_mentions, display_name
from .names import normalize_name, parse_person, translit_key
from .roles import RoleTable

__all__ = [
    "SpeakerMention",
    "Identity",
    "Correction",
    "resolve_speakers",
    "resolve_names",
    "normalize_name",
    "translit_key",
    "matches_identity",
    "EntityRef",
    "resolve_entities",
    "resolve_identities",
]


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    statement_id: int
    document_id: int
    name: str | None  # speaker_name resolved inside the document (fullest name)
    mention: str | None  # the mention text as written ("er", "der Kreml-Sprecher", "Peskow")
    label: str | None  # PER / ORG / None
    date: str | None  # the document's date, YYYY[-MM[-DD]]


@dataclass(frozen=True, slots=True)
class Correction:
    """A user's correction: ``merge`` (a, b), ``split`` (a: alias to move out, b: None), ``alias`` (a: speaker name, b: new alias)."""

    action: str
    a: str
    b: str | None = None


@dataclass(slots=True)
class Identity:
    key: str  # stable key (normalised canonical name)
    canonical: str  # display name: the fullest name form
    aliases: set[str] = field(default_factory=set)
    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (role, first, last)
    confidence: float = 1.0
    statement_ids: list[int] = field(default_factory=list)  # statements this identity spoke
    entity_mention_ids: list[int] = field(default_factory=list)  # entity mentions naming it (see .entities)


@dataclass(slots=True)
class _Group:
    members: list[int]  # indexes into the mention list
    confidences: list[float]
    roles: list[tuple[str, str | None, str | None]]
    canonical: str | None = None  # forced by a correction
    extra_aliases: set[str] = field(default_factory=set)
    cache: dict = field(default_factory=dict)  # canonical / names, dropped whenever the group changes
    scope: str = ""  # key suffix of identities that hold for one document or one year only ("@12", "2020")


def _aliases_of(m: NameMention) -> set[str]:
    """Written forms that name someone; a bare role ("der Bundeskanzler") is not an alias, it depends on the date."""
    out = set()
    for text in (m.name, m.mention):
        if text and parse_person(text).tokens:
            out.add(" ".join(text.split()))
    return out


def _canonical_of(group: _Group, mentions: Sequence[NameMention]) -> str:
    if group.canonical:
        return group.canonical
    if "canonical" not in group.cache:
        group.cache["canonical"] = _compute_canonical(group, mentions)
    return group.cache["canonical"]


def _compute_canonical(group: _Group, mentions: Sequence[NameMention]) -> str:
    names = []
    for i in group.members:
        m = mentions[i]
        toks = parse_person(m.name).tokens if m.name else ()
        if not toks and m.mention:
            toks = parse_person(m.mention).tokens
        if toks:
            names.append(" ".join(toks))
    if names:
        return display_name(names)
    # a role or organisation without a personal name: its most frequent written form
    written = sorted(" ".join((mentions[i].name or mentions[i].mention or "").split()) for i in group.members)
    return display_name([w for w in written if w]) or "?"


def _names_of(group: _Group, mentions: Sequence[NameMention]) -> set[str]:
    if "names" not in group.cache:
        group.cache["names"] = _compute_names(group, mentions)
    return group.cache["names"]


def _compute_names(group: _Group, mentions: Sequence[NameMention]) -> set[str]:
    out = set(group.extra_aliases)
    for i in group.members:
        out |= _aliases_of(mentions[i])
    out.add(_canonical_of(group, mentions))
    return {normalize_name(n) for n in out if n}


def _find(groups: list[_Group], mentions: Sequence[NameMention], name: str) -> int | None:
    """The group a user's name refers to: canonical name first, then any alias; ties to the largest group."""
    target = normalize_name(name)
    exact = [k for k, g in enumerate(groups) if normalize_name(_canonical_of(g, mentions)) == target]
    hits = exact or [k for k, g in enumerate(groups) if target in _names_of(g, mentions)]
    if not hits:
        return None
    return sorted(hits, key=lambda k: (-len(groups[k].members), min(groups[k].members, default=0)))[0]


def _apply(groups: list[_Group], mentions: Sequence[NameMention], c: Correction) -> None:
    action = c.action.lower()
    if action == "merge" and c.b:
        ia, ib = _find(groups, mentions, c.a), _find(groups, mentions, c.b)
        if ia is None or ib is None or ia == ib:
            return
        a, b = groups[ia], groups[ib]
        a.canonical = _canonical_of(a, mentions)
        a.members += b.members
        a.confidences = [1.0] * len(a.members)  # a user's merge is certain
        a.roles += b.roles
        a.extra_aliases |= b.extra_aliases | {_canonical_of(b, mentions)}
        a.cache.clear()
        del groups[ib]
    elif action == "split":
        ia = _find(groups, mentions, c.a)
        if ia is None:
            return
        g = groups[ia]
        target = normalize_name(c.a)
        moved = [i for i in g.members if target in {normalize_name(n) for n in _aliases_of(mentions[i])}]
        if not moved or len(moved) == len(g.members):
            return
        g.canonical = _canonical_of(g, mentions)
        keep = [(i, conf) for i, conf in zip(g.members, g.confidences, strict=True) if i not in moved]
        g.members, g.confidences = [i for i, _ in keep], [conf for _, conf in keep]
        g.extra_aliases.discard(c.a)
        g.cache.clear()
        groups.append(_Group(members=moved, confidences=[1.0] * len(moved), roles=[], canonical=c.b or c.a))
    elif action == "alias" and c.b:
        ia = _find(groups, mentions, c.a)
        if ia is None:
            return
        ib = _find(groups, mentions, c.b)
        if ib is not None and ib != ia and normalize_name(_canonical_of(groups[ib], mentions)) == normalize_name(c.b):
            _apply(groups, mentions, Correction("merge", c.a, c.b))
            ia = _find(groups, mentions, c.a)
            assert ia is not None
        groups[ia].extra_aliases.add(c.b)
        groups[ia].cache.clear()
    else:
        raise ValueError(f"unknown correction {c.action!r} (merge, split, alias)")


def resolve_names(mentions: Sequence[NameMention], corrections: Sequence[Correction] = ()) -> list[tuple[Identity, list[int]]]:
    """Identities of generic name mentions, each with the indexes of its mentions."""
    clusters, table, _ = cluster_mentions(mentions)
    index_of = {m.id: k for k, m in enumerate(mentions)}
    groups: list[_Group] = []
    for c in clusters:
        groups.append(_Group(members=[index_of[i] for i in c.members], confidences=list(c.link_confidence), roles=_roles(c, table, mentions, index_of), scope=_scope(c.key)))
    for corr in corrections:
        _apply(groups, mentions, corr)
    out: list[tuple[Identity, list[int]]] = []
    used: dict[str, int] = {}
    for g in sorted(groups, key=lambda g: (normalize_name(_canonical_of(g, mentions)), min(g.members, default=0))):
        if not g.members:
            continue
        canonical = _canonical_of(g, mentions)
        key = " ".join(filter(None, (normalize_name(canonical) or "?", g.scope)))
        used[key] = used.get(key, 0) + 1
        if used[key] > 1:  # two identities with one name (ambiguous surname, a split)
            key = f"{key}#{used[key]}"
        aliases = set(g.extra_aliases) | {canonical}
        for i in g.members:
            aliases |= _aliases_of(mentions[i])
        conf = round(sum(g.confidences) / len(g.confidences), 3) if g.confidences else 1.0
        ident = Identity(key=key, canonical=canonical, aliases=aliases, roles=sorted(set(g.roles), key=lambda r: (r[0], r[1] or "", r[2] or "")), confidence=conf)
        out.append((ident, sorted(g.members)))
    return out


def _scope(cluster_key: str) -> str:
    """"role:kremlsprecher:2020" → "2020"; "name:ORG:polizei@17" → "@17"; otherwise no scope.

    Keys of identities that only hold inside one document or year carry it, so they
    stay stable when other documents come and go."""
    if "@" in cluster_key:
        return "@" + cluster_key.rsplit("@", 1)[1]
    if cluster_key.startswith("role:"):
        return cluster_key.rsplit(":", 1)[1]
    return ""


def _roles(c: Cluster, table: RoleTable, mentions: Sequence[NameMention], index_of: dict[int, int]) -> list[tuple[str, str | None, str | None]]:
    if c.kind == "role" and c.role_key:
        dates = sorted(d for d in (mentions[index_of[i]].date for i in c.members) if d)
        return [(c.role_key, dates[0] if dates else None, dates[-1] if dates else None)]
    return table.spans(c.key)


def resolve_speakers(mentions: Iterable[SpeakerMention], corrections: Sequence[Correction] = ()) -> list[Identity]:
    """Group speaker mentions into identities (see :mod:`.identity`), then apply the user's corrections in order."""
    ms = sorted(mentions, key=lambda m: (m.statement_id, m.document_id, m.name or "", m.mention or ""))
    generic = [NameMention(id=k, name=m.name, mention=m.mention, label=m.label, date=m.date, document_id=m.document_id) for k, m in enumerate(ms)]
    out = []
    for ident, members in resolve_names(generic, corrections):
        ident.statement_ids = sorted(ms[i].statement_id for i in members)
        out.append(ident)
    return out


def matches_identity(identity: Identity, query: str) -> bool:
    """Does a user's ``--speaker`` text name this identity (any alias, any transliteration)?"""
    parsed = parse_person(query)
    if parsed.role and not parsed.tokens:  # "Kremlsprecher": whoever this identity was in that role
        return any(role == parsed.role for role, _, _ in identity.roles)
    q = parsed.tokens or tuple(query.split())
    qkeys = [translit_key(t) for t in q]
    for alias in identity.aliases | {identity.canonical}:
        toks = parse_person(alias).tokens
        keys = [translit_key(t) for t in toks]
        if keys and (keys == qkeys or (len(qkeys) == 1 and keys[-1] == qkeys[0])):
            return True
    return normalize_name(query) in {normalize_name(a) for a in identity.aliases} or normalize_name(query) == identity.key


from .entities import EntityRef, resolve_entities, resolve_identities  # noqa: E402  (uses the records above)

"""Clustering of name mentions into identities, across documents and over time.

Steps, each conservative (ambiguous cases stay separate):

1. Full person names (given name + surname) group by the transliteration
   keys of first given name and surname: "Dmitri Peskow" = "Dmitry Peskov".
   Middle names and initials are ignored for the key; an initial only has
   to agree with the given name ("W. Putin").
2. Surname-only mentions ("Peskow", "Kremlsprecher Peskow") join the single
   full-name cluster with that surname near their date (then anywhere in
   the corpus); with two candidates they stay apart.
3. Role-only mentions ("der Kreml-Sprecher") join the holder of that role at
   their date, from a :class:`RoleTable` learned in steps 1-2.
4. Organisations and other non-persons group by their normalised name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations
from dataclasses import dataclass, field

from .names import ParsedName, fold, is_generic_noun, is_generic_role, normalize_org, parse_person, translit_key
from .roles import RoleTable, date_ordinal

__all__ = ["NameMention", "Cluster", "cluster_mentions"]

_SURNAME_WINDOW_DAYS = 3 * 365
_PRONOUN_RE = re.compile(r"^(ich|du|er|sie|es|wir|ihr|man|i|he|she|it|we|they|you|who|der|die|das|dieser|diese|jener|jene)$", re.I)


@dataclass(frozen=True, slots=True)
class NameMention:
    """One mention to cluster: a speaker mention or an entity mention."""

    id: int
    name: str | None  # fullest name inside the document
    mention: str | None  # as written
    label: str | None  # PER / ORG / LOC / MISC / None
    date: str | None
    document_id: int | None = None


@dataclass(slots=True)
class Cluster:
    """Mentions found to be one identity, with how sure each link is."""

    members: list[int] = field(default_factory=list)  # NameMention.id
    link_confidence: list[float] = field(default_factory=list)
    kind: str = "person"  # person / surname / role / name
    role_key: str | None = None  # for kind == "role": the unresolved role
    key: str = ""  # internal key ("person:dmitri peskV"), the holder name in the role table


@dataclass(slots=True)
class _Parsed:
    m: NameMention
    parsed: ParsedName
    day: int | None


def _is_person(m: NameMention) -> bool:
    return m.label in (None, "PER")


def _parse(m: NameMention) -> _Parsed:
    by_name = parse_person(m.name) if m.name else ParsedName(None, ())
    by_mention = parse_person(m.mention) if m.mention and not _PRONOUN_RE.match(m.mention.strip()) else ParsedName(None, ())
    # the in-document name is the extractor's fullest form; the mention only fills in when there is none
    tokens = by_name.tokens or by_mention.tokens
    role = by_mention.role or by_name.role
    return _Parsed(m, ParsedName(role, tokens), date_ordinal(m.date))


def _surname_key(tok: str) -> str:
    return translit_key(tok.split()[-1]) if tok else ""


def _given_key(tok: str) -> str:
    """Key of a given name: its first part, so "Franz-Josef" = "Franz Josef", "Hans-Peter" = "Hans Peter"."""
    return translit_key(re.split(r"[-‐‑]", tok)[0])


def _is_initial(tok: str) -> bool:
    return len(tok.rstrip(".")) == 1


def cluster_mentions(mentions: Sequence[NameMention]) -> tuple[list[Cluster], RoleTable, dict[int, str]]:
    """Group mentions; returns the clusters, the learned role table and a role per mention id (where stated)."""
    parsed = [_parse(m) for m in mentions]
    clusters: dict[str, Cluster] = {}
    mention_role: dict[int, str] = {}

    def add(key: str, p: _Parsed, conf: float, kind: str, role_key: str | None = None) -> None:
        c = clusters.setdefault(key, Cluster(kind=kind, role_key=role_key, key=key))
        c.members.append(p.m.id)
        c.link_confidence.append(conf)

    # --- 1. full person names, and non-persons by normalised name
    full: dict[tuple[str, str], list[_Parsed]] = defaultdict(list)
    surname_only: list[_Parsed] = []
    initials: list[_Parsed] = []
    role_only: list[_Parsed] = []
    for p in parsed:
        if p.parsed.role:
            mention_role[p.m.id] = p.parsed.role
        toks = p.parsed.tokens
        written = p.m.name or p.m.mention or ""
        if not p.parsed.role and (is_generic_noun(written) or (len(toks) == 1 and is_generic_noun(toks[0])) or (not toks and is_generic_noun(p.m.mention or ""))):
            # "die Polizei" is a different police in each article: one identity per document
            key = normalize_org(written)
            if key:
                add(f"name:{p.m.label}:{key}@{p.m.document_id}", p, 0.9, "name")
            continue
        if not _is_person(p.m):
            key = normalize_org(written)
            if key:
                add(f"name:{p.m.label}:{key}", p, 1.0, "name")
            continue
        if not toks:
            if p.parsed.role:
                role_only.append(p)
            continue
        if len(toks) == 1:
            surname_only.append(p)
        elif _is_initial(toks[0]):
            initials.append(p)
        else:
            full[(_given_key(toks[0]), _surname_key(toks[-1]))].append(p)

    for gk, sk in sorted(full):  # "Wladimir Putins" is the genitive of "Wladimir Putin"
        surname = full[(gk, sk)][0].parsed.tokens[-1]
        base = (gk, _surname_key(surname[:-1])) if surname.endswith("s") else None
        if base in full and base != (gk, sk):
            full[base].extend(full.pop((gk, sk)))
    _merge_spelling_variants(full)
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (gk, sk), ps in sorted(full.items()):
        key = f"person:{gk} {sk}"
        for p in ps:
            add(key, p, 1.0, "person")
        by_surname[sk].append((gk, sk))

    surname_only_keys = {_surname_key(p.parsed.tokens[-1]) for p in surname_only}

    def surname_of(p: _Parsed) -> str:
        # genitive "Putins" / "Peskows": drop the -s when the surname without it is known
        surname = p.parsed.tokens[-1]
        sk = _surname_key(surname)
        if sk not in by_surname and surname.endswith("s"):
            base = _surname_key(surname[:-1])
            if base in by_surname or base in surname_only_keys:
                return base
        return sk

    def days_of(fk: tuple[str, str]) -> list[int]:
        return [p.day for p in full[fk] if p.day is not None]

    def pick(candidates: list[tuple[str, str]], day: int | None) -> tuple[tuple[str, str] | None, float]:
        if len(candidates) == 1 and day is None:
            return candidates[0], 0.85
        if day is not None:
            near = [c for c in candidates if any(abs(d - day) <= _SURNAME_WINDOW_DAYS for d in days_of(c))]
            if len(near) == 1:
                return near[0], 0.9
            if len(near) > 1:
                return None, 0.0
        if len(candidates) == 1:
            return candidates[0], 0.75
        return None, 0.0

    # --- 2. surname-only and initial + surname mentions
    by_given: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in sorted(full):
        by_given[k[0]].append(k)
    for p in surname_only + initials:
        sk = surname_of(p)
        candidates = by_surname.get(sk, [])
        if not candidates and len(p.parsed.tokens) == 1 and _given_key(p.parsed.tokens[0]) in by_given:
            # a given name alone ("Thomas"): only the full name with it in the same document, never across documents
            gk = _given_key(p.parsed.tokens[0])
            same_doc = [k for k in by_given[gk] if any(q.m.document_id == p.m.document_id for q in full[k])]
            if len(same_doc) == 1 and p.m.document_id is not None:
                add(f"person:{same_doc[0][0]} {same_doc[0][1]}", p, 0.7, "person")
            else:
                add(f"given:{gk}@{p.m.document_id}", p, 0.4, "surname")
            continue
        if len(p.parsed.tokens) > 1:  # "W. Putin": the initial must agree
            initial = _given_key(p.parsed.tokens[0])[:1]
            candidates = [c for c in candidates if c[0][:1] == initial]
        chosen, conf = pick(candidates, p.day)
        if chosen is not None:
            add(f"person:{chosen[0]} {chosen[1]}", p, conf, "person")
        else:
            add(f"surname:{sk}", p, 0.6 if not candidates else 0.5, "surname")

    # --- 3. roles: learn holders from mentions that state role and name, then resolve role-only mentions
    member_key: dict[int, str] = {mid: key for key, c in clusters.items() for mid in c.members}
    table = RoleTable()
    for p in parsed:
        key = member_key.get(p.m.id)
        role = mention_role.get(p.m.id)
        if role and key and key.startswith("person:") and not is_generic_role(role):
            table.observe(role, p.m.date, key)
    for p in role_only:
        role = p.parsed.role
        assert role is not None
        found = None if is_generic_role(role) else table.holder(role, p.m.date)
        if found:
            key, share = found
            add(key, p, round(0.8 * share, 3), "person")
        elif is_generic_role(role):  # "ein Sprecher", "der Minister": someone different in each article
            add(f"role:{role}@{p.m.document_id}", p, 0.3, "role", role_key=role)
        else:
            year = (p.m.date or "")[:4] or "undated"
            add(f"role:{role}:{year}", p, 0.3, "role", role_key=role)
    ordered = [clusters[k] for k in sorted(clusters)]
    return ordered, table, mention_role


def _one_edit(a: str, b: str, allow_end_insertion: bool) -> bool:
    """``a`` and ``b`` differ by one substitution or one insertion (not at the end unless allowed)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return allow_end_insertion or i < len(long_) - 1
    return False


_TYPO_MIN_LEN = 7  # shorter names differ by one letter too often (Schmidt/Schmitt)
_TYPO_WINDOW_DAYS = 6 * 365


def _merge_spelling_variants(full: dict[tuple[str, str], list[_Parsed]]) -> None:
    """Merge full names that differ by one letter in a long given name or surname, the other part equal.

    "Siegmar Gabriel" = "Sigmar Gabriel", "Franz Münteferin" = "Franz Müntefering"; not
    "Michael"/"Michaela" (a given name's ending marks gender), not two such names in one
    document, not years apart.
    """

    def docs(k: tuple[str, str]) -> set[int]:
        return {p.m.document_id for p in full[k] if p.m.document_id is not None}

    def near_in_time(a: tuple[str, str], b: tuple[str, str]) -> bool:
        da = [p.day for p in full[a] if p.day is not None]
        db = [p.day for p in full[b] if p.day is not None]
        return not da or not db or min(abs(x - y) for x in da for y in db) <= _TYPO_WINDOW_DAYS

    def counts(k: tuple[str, str]) -> tuple[int, tuple[str, str]]:
        return (-len(full[k]), k)

    for position in (0, 1):  # 0: given name varies (same surname), 1: surname varies (same given name)
        blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for k in sorted(full):
            blocks[k[1 - position]].append(k)
        for keys in blocks.values():
            for a, b in combinations(sorted(keys, key=counts), 2):
                if a not in full or b not in full:
                    continue
                x, y = a[position], b[position]
                if max(len(x), len(y)) < _TYPO_MIN_LEN or not _one_edit(x, y, allow_end_insertion=position == 1):
                    continue
                if docs(a) & docs(b) or not near_in_time(a, b):
                    continue
                for p in full.pop(b):
                    full[a].append(p)


def display_name(names: Sequence[str]) -> str:
    """The fullest, most frequent spelling: most tokens, then most frequent, then alphabetical."""
    counts = Counter(n for n in names if n)
    if not counts:
        return ""
    return sorted(counts, key=lambda n: (-len(parse_person(n).tokens or n.split()), -counts[n], fold(n), n))[0]

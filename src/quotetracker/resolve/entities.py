"""Identities of entity mentions (people, organisations, places), linked to speaker identities.

Entity mentions go through the same clustering as speakers
(:mod:`.identity`): persons by transliteration keys, surnames and roles;
organisations, places and other entities by their normalised name within
their label. :func:`resolve_identities` links entity mentions to speaker
identities, so "about Peskow" and "said by Peskow" land on one key.

Speaker identities come from the speaker mentions alone (exactly
:func:`resolve_speakers`, the clustering the identity gold measures): entity
mentions are far more numerous and noisier (a second spelling in the same
article blocks a spelling-variant merge, one more "Müller" makes a surname
ambiguous), so they must not change who said what. Speaker and entity mentions
are then clustered together once more only to place each entity mention: it
joins the speaker identity that holds most of the speaker mentions of its joint
cluster; clusters without a speaker become identities of their own. A mention
at a statement's speaker span names that speaker and joins it directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import Correction, Identity, SpeakerMention, resolve_names
from .identity import NameMention

__all__ = ["EntityRef", "resolve_entities", "resolve_identities"]


@dataclass(frozen=True, slots=True)
class EntityRef:
    """One stored entity mention."""

    mention_id: int  # unique id of the entity mention (the store's row id)
    document_id: int
    text: str  # as written
    canonical: str | None  # fullest form inside the document (EntityMention.canonical)
    label: str  # PER / ORG / LOC / MISC
    date: str | None  # the document's date
    speaker_of: int | None = None  # a statement whose speaker mention this mention overlaps: it names that speaker


def resolve_identities(speakers: Iterable[SpeakerMention] = (), entities: Iterable[EntityRef] = (), corrections: Sequence[Correction] = ()) -> list[Identity]:
    """One identity list for speakers and entity mentions: ``statement_ids`` and ``entity_mention_ids`` filled.

    The speaker identities are those of :func:`resolve_speakers` on the speakers alone; entity mentions join them
    through a joint clustering (see the module docstring), except a mention at a statement's speaker span
    (``speaker_of``), which is that statement's speaker by definition."""
    sp = sorted(speakers, key=lambda m: (m.statement_id, m.document_id, m.name or "", m.mention or ""))
    en = sorted(entities, key=lambda e: (e.mention_id, e.document_id, e.text))
    generic = [NameMention(id=k, name=m.name, mention=m.mention, label=m.label, date=m.date, document_id=m.document_id) for k, m in enumerate(sp)]
    speaker_identities = []
    speaker_of: dict[int, int] = {}  # speaker mention index -> index into speaker_identities
    for ident, members in resolve_names(generic, corrections):
        ident.statement_ids = sorted(sp[i].statement_id for i in members)
        speaker_of.update((i, len(speaker_identities)) for i in members)
        speaker_identities.append(ident)
    of_statement = {sp[i].statement_id: k for i, k in speaker_of.items()}
    rest = []
    for e in en:
        if e.speaker_of is not None and e.speaker_of in of_statement:
            speaker_identities[of_statement[e.speaker_of]].entity_mention_ids.append(e.mention_id)
        else:
            rest.append(e)
    out = list(speaker_identities)
    if rest:
        out += _place_entities(sp, rest, corrections, speaker_of, speaker_identities, {ident.key for ident in out})
    for ident in out:
        ident.entity_mention_ids.sort()
    return out


def _place_entities(
    sp: Sequence[SpeakerMention], en: Sequence[EntityRef], corrections: Sequence[Correction],
    speaker_of: dict[int, int], speaker_identities: list[Identity], keys: set[str],
) -> list[Identity]:  # fmt: skip
    """Cluster speakers and entity mentions together; attach each entity mention to the speaker identity with most
    speaker mentions in its cluster; return the clusters without speakers as identities of their own.

    Mentions identical in every field the clustering reads (the same name, label and date in one document)
    are clustered once: a name repeated in an article costs nothing more."""
    unique: dict[tuple, int] = {}
    generic: list[NameMention] = []
    originals: list[list[tuple[str, int]]] = []  # per unique mention: ("s", speaker index) / ("e", entity index)

    def add(kind: str, index: int, name: str | None, mention: str | None, label: str | None, date: str | None, doc: int) -> None:
        # an entity labelled PER clusters with speakers (label None and PER are both persons there)
        key = (name, mention, label, date, doc)
        if key not in unique:
            unique[key] = len(generic)
            generic.append(NameMention(id=len(generic), name=name, mention=mention, label=label, date=date, document_id=doc))
            originals.append([])
        originals[unique[key]].append((kind, index))

    for i, m in enumerate(sp):
        add("s", i, m.name, m.mention, m.label, m.date, m.document_id)
    for i, e in enumerate(en):
        add("e", i, e.canonical or e.text, e.text, e.label, e.date, e.document_id)
    out = []
    for ident, members in resolve_names(generic, corrections):
        parts = [part for u in members for part in originals[u]]
        entity_ids = [en[i].mention_id for kind, i in parts if kind == "e"]
        if not entity_ids:
            continue
        votes = Counter(speaker_of[i] for kind, i in parts if kind == "s" and i in speaker_of)
        if votes:
            speaker_identities[min(votes, key=lambda k: (-votes[k], k))].entity_mention_ids.extend(entity_ids)
            continue
        ident.entity_mention_ids = entity_ids  # mentioned only: an identity of its own, under a key no speaker has
        base, n = ident.key, 2
        while ident.key in keys:
            ident.key, n = f"{base}#{n}", n + 1
        keys.add(ident.key)
        out.append(ident)
    return out


def resolve_entities(entities: Iterable[EntityRef], corrections: Sequence[Correction] = ()) -> list[Identity]:
    """Identities of entity mentions alone (``entity_mention_ids`` filled)."""
    return resolve_identities((), entities, corrections)

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
cluster; clusters without a speaker become identities of their own.
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


def resolve_identities(speakers: Iterable[SpeakerMention] = (), entities: Iterable[EntityRef] = (), corrections: Sequence[Correction] = ()) -> list[Identity]:
    """One identity list for speakers and entity mentions: ``statement_ids`` and ``entity_mention_ids`` filled.

    The speaker identities are those of :func:`resolve_speakers` on the speakers alone; entity mentions join them
    through a joint clustering (see the module docstring)."""
    sp = sorted(speakers, key=lambda m: (m.statement_id, m.document_id, m.name or "", m.mention or ""))
    en = sorted(entities, key=lambda e: (e.mention_id, e.document_id, e.text))
    generic = [NameMention(id=k, name=m.name, mention=m.mention, label=m.label, date=m.date, document_id=m.document_id) for k, m in enumerate(sp)]
    offset = len(generic)
    speaker_identities = []
    speaker_of: dict[int, int] = {}  # speaker mention index -> index into speaker_identities
    for ident, members in resolve_names(generic, corrections):
        ident.statement_ids = sorted(sp[i].statement_id for i in members)
        speaker_of.update((i, len(speaker_identities)) for i in members)
        speaker_identities.append(ident)
    if not en:
        return speaker_identities
    # an entity labelled PER clusters with speakers (label None and PER are both persons there)
    generic += [NameMention(id=offset + k, name=e.canonical or e.text, mention=e.text, label=e.label, date=e.date, document_id=e.document_id) for k, e in enumerate(en)]
    out = list(speaker_identities)
    keys = {ident.key for ident in out}
    for ident, members in resolve_names(generic, corrections):
        entity_ids = [en[i - offset].mention_id for i in members if i >= offset]
        if not entity_ids:
            continue
        votes = Counter(speaker_of[i] for i in members if i < offset and i in speaker_of)
        if votes:
            target = speaker_identities[min(votes, key=lambda k: (-votes[k], k))]
            target.entity_mention_ids.extend(entity_ids)
            continue
        ident.entity_mention_ids = entity_ids  # mentioned only: an identity of its own, under a key no speaker has
        base, n = ident.key, 2
        while ident.key in keys:
            ident.key, n = f"{base}#{n}", n + 1
        keys.add(ident.key)
        out.append(ident)
    for ident in out:
        ident.entity_mention_ids.sort()
    return out


def resolve_entities(entities: Iterable[EntityRef], corrections: Sequence[Correction] = ()) -> list[Identity]:
    """Identities of entity mentions alone (``entity_mention_ids`` filled)."""
    return resolve_identities((), entities, corrections)

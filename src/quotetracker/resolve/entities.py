"""Identities of entity mentions (people, organisations, places), linked to speaker identities.

Entity mentions go through the same clustering as speakers
(:mod:`.identity`): persons by transliteration keys, surnames and roles;
organisations, places and other entities by their normalised name within
their label. :func:`resolve_identities` clusters speaker mentions and entity
mentions together, so "about Peskow" and "said by Peskow" land on one key.
"""

from __future__ import annotations

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
    """One identity list for speakers and entity mentions: ``statement_ids`` and ``entity_mention_ids`` filled."""
    sp = sorted(speakers, key=lambda m: (m.statement_id, m.document_id, m.name or "", m.mention or ""))
    en = sorted(entities, key=lambda e: (e.mention_id, e.document_id, e.text))
    generic = [NameMention(id=k, name=m.name, mention=m.mention, label=m.label, date=m.date, document_id=m.document_id) for k, m in enumerate(sp)]
    offset = len(generic)
    # an entity labelled PER clusters with speakers (label None and PER are both persons there)
    generic += [NameMention(id=offset + k, name=e.canonical or e.text, mention=e.text, label=e.label, date=e.date, document_id=e.document_id) for k, e in enumerate(en)]
    out = []
    for ident, members in resolve_names(generic, corrections):
        ident.statement_ids = sorted(sp[i].statement_id for i in members if i < offset)
        ident.entity_mention_ids = sorted(en[i - offset].mention_id for i in members if i >= offset)
        out.append(ident)
    return out


def resolve_entities(entities: Iterable[EntityRef], corrections: Sequence[Correction] = ()) -> list[Identity]:
    """Identities of entity mentions alone (``entity_mention_ids`` filled)."""
    return resolve_identities((), entities, corrections)

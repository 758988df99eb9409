"""Cross-document identities for speakers and entities.

The store keeps every raw speaker mention; identities are recomputed from all
of them plus the user's corrections (:func:`resolve_speakers`), so re-ingest is
idempotent and corrections survive it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["SpeakerMention", "Identity", "Correction", "resolve_speakers", "normalize_name"]


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
    statement_ids: list[int] = field(default_factory=list)


def normalize_name(name: str) -> str:
    return " ".join(name.casefold().split())


def resolve_speakers(mentions: Iterable[SpeakerMention], corrections: Sequence[Correction] = ()) -> list[Identity]:
    """Group mentions into identities. First version: exact normalised name."""
    by_key: dict[str, Identity] = {}
    for m in mentions:
        if not m.name:
            continue
        key = normalize_name(m.name)
        ident = by_key.setdefault(key, Identity(key=key, canonical=m.name))
        ident.aliases.add(m.name)
        if m.mention:
            ident.aliases.add(m.mention)
        ident.statement_ids.append(m.statement_id)
    return list(by_key.values())

"""Custom token attributes: ``Token._.konjunktiv`` is "I", "II" or None, read from the morphology."""

from __future__ import annotations

from spacy.tokens import Token

from .morph import konjunktiv_of


def _konjunktiv(token: Token) -> str | None:
    mood = token.morph.get("Mood")
    if not mood or mood[0] != "Sub":
        return None
    tense = token.morph.get("Tense")
    return konjunktiv_of("Sub", tense[0] if tense else "Pres")


def register() -> None:
    if not Token.has_extension("konjunktiv"):
        Token.set_extension("konjunktiv", getter=_konjunktiv)

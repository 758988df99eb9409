"""Tokens and lemmas for topic matching and topic modelling."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["tokens", "lemma", "stopwords"]

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+[^\W\d_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Word tokens as written (hyphenated compounds kept whole)."""
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def lemma(token: str, lang: str = "de") -> str:
    """Lower-cased lemma (simplemma's dictionary lookup; the token itself when unknown)."""
    try:
        import simplemma

        return simplemma.lemmatize(token, lang=lang if lang in ("de", "en") else "de").casefold()
    except Exception:  # an unknown language or a missing dictionary must not stop enrichment
        return token.casefold()


@lru_cache(maxsize=4)
def stopwords(lang: str = "de") -> frozenset[str]:
    name = f"stopwords_{lang if lang in ('de', 'en') else 'de'}.txt"
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(w.casefold() for w in line.split())
    return frozenset(words)

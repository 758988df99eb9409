"""Search normalisation: the same function prepares stored statement text and user queries.

Each word is lower-cased and lemmatised with simplemma, German first and
English second, so "sagte", "sagt" and "gesagt" all meet at "sagen" and
"governments" meets "government". The database then only needs a plain
word index (FTS5 ``unicode61`` on SQLite, ``to_tsvector('simple', …)`` on
PostgreSQL): stemming happens here, once, in Python, identically for both.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
_LANGS = ("de", "en")

__all__ = ["normalize_for_search", "search_terms"]


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    import simplemma

    try:
        lemma = simplemma.lemmatize(word, lang=_LANGS)
    except Exception:  # a lemmatiser hiccup must never block an ingest
        lemma = word
    return lemma.casefold()


def search_terms(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    terms: list[str] = []
    for word in _WORD.findall(text):
        lemma = _lemma(word)
        # A lemma may contain characters the database tokenizer would split on.
        terms.extend(_WORD.findall(lemma) or [word.casefold()])
    return terms


def normalize_for_search(text: str) -> str:
    return " ".join(search_terms(text))

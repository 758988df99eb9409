"""Search normalisation: the same function prepares stored statement text and user queries.

Every word is lower-cased and lemmatised with simplemma as German AND as
English; the stored search text holds both lemmas (when they differ), and a
query word matches when either of its lemmas is there. So "sagte", "sagt" and
"gesagt" meet at "sagen", "governments" meets "government", and "said" (a German
name as well as an English verb) still meets "says". The database then only needs a
plain word index (FTS5 ``unicode61`` on SQLite, ``to_tsvector('simple', …)`` on
PostgreSQL): stemming happens here, once, in Python, identically for both.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
_LANGS = ("de", "en")

__all__ = ["normalize_for_search", "search_terms", "search_groups"]


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> tuple[str, ...]:
    """The index terms of one word: its German and English lemmas, case-folded, distinct, in a fixed order."""
    import simplemma

    forms: list[str] = []
    for lang in _LANGS:
        try:
            lemma = simplemma.lemmatize(word, lang=lang)
        except Exception:  # a lemmatiser hiccup must never block an ingest
            lemma = word
        # A lemma may contain characters the database tokenizer would split on: keep word characters only.
        for part in _WORD.findall(lemma.casefold()) or [word.casefold()]:
            if part not in forms:
                forms.append(part)
    return tuple(forms)


def search_groups(text: str) -> list[tuple[str, ...]]:
    """One group of alternative terms per word of ``text`` (a query matches when every group matches)."""
    return [word_forms(w) for w in _WORD.findall(text)]


def search_terms(text: str) -> list[str]:
    """Every index term of ``text``, in order."""
    return [t for group in search_groups(text) for t in group]


def normalize_for_search(text: str) -> str:
    return " ".join(search_terms(text))

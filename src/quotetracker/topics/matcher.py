"""Fast keyword-topic matching: every keyword of a topic list compiled once into lookup tables.

A keyword is one or more word patterns (``x`` exact, ``x*`` prefix, ``*x``
suffix, ``*x*`` part of a word). Instead of testing every pattern against every
text, each distinct token is looked up once — its lower-cased form and its lemma
against a dict of exact words and dicts of prefixes/suffixes by length — and
the set of word patterns it matches is cached across texts (news reuse their
vocabulary). A text then costs one cached lookup per token plus work only for
the keywords that actually occur in it.

Results are the same as testing each pattern on each token and lemma (see
tests/test_topics_matcher.py, which keeps that naive definition as reference).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .text import lemma, tokens

if TYPE_CHECKING:
    from .keywords import KeywordTopic

__all__ = ["TopicMatcher", "compile_topics"]

_ANY = -1  # a word pattern without letters ("*"): inside a phrase it matches any word, alone it matches nothing
_CACHE_LIMIT = 300_000  # distinct tokens kept per language; cleared when full


@dataclass(frozen=True, slots=True)
class _Keyword:
    topic: int  # index into the topic list
    text: str  # the keyword as configured (reported in the found set)
    words: tuple[int, ...]  # word-pattern ids; words[0] is never _ANY for a keyword that can match


class TopicMatcher:
    """The keywords of a topic list, indexed for matching many texts."""

    def __init__(self, topics: Sequence[KeywordTopic]) -> None:
        self.topics = tuple(topics)
        self._ids: dict[str, int] = {}
        self._exact: dict[str, set[int]] = {}
        self._prefix: dict[str, set[int]] = {}
        self._suffix: dict[str, set[int]] = {}
        self._infix: dict[str, set[int]] = {}
        self._by_first: dict[int, list[_Keyword]] = {}
        for ti, topic in enumerate(self.topics):
            for kw in topic.keywords:
                words = tuple(self._word_id(w) for w in kw.casefold().split())
                if words and words[0] != _ANY:
                    self._by_first.setdefault(words[0], []).append(_Keyword(ti, kw, words))
        self._prefix_lengths = sorted({len(c) for c in self._prefix})
        self._suffix_lengths = sorted({len(c) for c in self._suffix})
        self._infix_items = list(self._infix.items())
        self._token_cache: dict[str, dict[str, frozenset[int]]] = {}  # language → token → ids

    def _word_id(self, pat: str) -> int:
        core = pat.strip("*")
        if not core:
            return _ANY
        if pat in self._ids:
            return self._ids[pat]
        pid = len(self._ids)
        self._ids[pat] = pid
        if pat.startswith("*") and pat.endswith("*"):
            table = self._infix
        elif pat.endswith("*"):
            table = self._prefix
        elif pat.startswith("*"):
            table = self._suffix
        else:
            table = self._exact
        table.setdefault(core, set()).add(pid)
        return pid

    def _form_ids(self, form: str, out: set[int]) -> None:
        """Add the ids of every word pattern that matches ``form`` (lower-cased) to ``out``."""
        hit = self._exact.get(form)
        if hit:
            out |= hit
        n = len(form)
        for length in self._prefix_lengths:
            if length > n:
                break
            hit = self._prefix.get(form[:length])
            if hit:
                out |= hit
        for length in self._suffix_lengths:
            if length > n:
                break
            hit = self._suffix.get(form[n - length :])
            if hit:
                out |= hit
        for core, ids in self._infix_items:
            if core in form:
                out |= ids

    def token_ids(self, token: str, lang: str) -> frozenset[int]:
        """Word patterns matching the token as written (lower-cased) or its lemma; cached."""
        cache = self._token_cache.get(lang)
        if cache is None:
            cache = self._token_cache[lang] = {}
        ids = cache.get(token)
        if ids is None:
            found: set[int] = set()
            folded = token.casefold()
            self._form_ids(folded, found)
            lem = lemma(token, lang)
            if lem != folded:
                self._form_ids(lem, found)
            ids = frozenset(found)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[token] = ids
        return ids

    def counts(self, text: str, lang: str = "de") -> dict[str, tuple[set[str], int]]:
        """For each topic with a match: the distinct keywords found and how often keywords occur in all."""
        if not self._by_first:  # no topics (or none with a usable keyword): nothing to look up
            return {}
        raw = tokens(text)
        per_token: Counter[int] = Counter()  # single words count in the text as written
        present: set[int] = set()
        hyphenated = []
        for tok, n in Counter(raw).items():
            ids = self.token_ids(tok, lang)
            if ids:
                present |= ids
                for pid in ids:
                    per_token[pid] += n
            if "-" in tok:
                hyphenated.append(tok)
        # hyphenated compounds count whole and as their parts ("New-START-Vertrag" → new, start, vertrag)
        for part in {p for tok in hyphenated for p in tok.split("-") if p}:
            present |= self.token_ids(part, lang)
        if not present:
            return {}
        views: list[list[frozenset[int]]] | None = None  # token by token, built only for phrases
        found: dict[int, set[str]] = {}
        occurrences: dict[int, int] = {}
        for pid in present:
            for kw in self._by_first.get(pid, ()):
                if len(kw.words) == 1:
                    n = max(per_token.get(pid, 0), 1)  # a match only inside a compound's part still counts once
                else:
                    if views is None:
                        seqs = [raw, [p for t in raw for p in t.split("-") if p]] if hyphenated else [raw]
                        views = [[self.token_ids(t, lang) for t in seq] for seq in seqs]
                    n = sum(_phrase_count(ids_seq, kw.words) for ids_seq in views)
                    if not n:
                        continue
                found.setdefault(kw.topic, set()).add(kw.text)
                occurrences[kw.topic] = occurrences.get(kw.topic, 0) + n
        out: dict[str, tuple[set[str], int]] = {}
        for ti, topic in enumerate(self.topics):
            if ti in found:
                out[topic.name] = (found[ti], occurrences[ti])
        return out


def _phrase_count(ids_seq: list[frozenset[int]], words: tuple[int, ...]) -> int:
    first, rest = words[0], words[1:]
    n = 0
    for i in range(len(ids_seq) - len(words) + 1):
        if first in ids_seq[i] and all(w == _ANY or w in ids_seq[i + 1 + k] for k, w in enumerate(rest)):
            n += 1
    return n


@lru_cache(maxsize=16)
def _compiled(topics: tuple[KeywordTopic, ...]) -> TopicMatcher:
    return TopicMatcher(topics)


def compile_topics(topics: Sequence[KeywordTopic]) -> TopicMatcher:
    """The (cached) matcher for ``topics``."""
    if isinstance(topics, TopicMatcher):
        return topics
    return _compiled(tuple(topics))

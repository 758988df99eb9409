"""User-defined topics: keyword / lemma lists from a config file (TOML, JSON or YAML).

A keyword matches a lower-cased token or its lemma: ``klima*`` is a prefix
(Klimaschutz, Klimawandel), ``*krieg`` a suffix, ``*rakete*`` any part of a
word, and several words a phrase ("nord stream", "arms control"). The default
file ``data/default_topics.json`` covers common news topics in German and
English; a user file replaces it (``QUOTETRACKER_TOPICS`` or an explicit path).
"""

from __future__ import annotations

import bisect
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .text import lemma, tokens

__all__ = ["KeywordTopic", "load_topics", "default_topics", "match_topics", "topic_hits", "topic_counts"]

ENV_VAR = "QUOTETRACKER_TOPICS"


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]  # each word: "x", "x*", "*x", "*x*"

    def _word_ok(self, pat: str, token: str, lem: str) -> bool:
        core = pat.strip("*")
        for form in (token, lem):
            if pat.startswith("*") and pat.endswith("*") and len(pat) > 1:
                if core in form:
                    return True
            elif pat.endswith("*"):
                if form.startswith(core):
                    return True
            elif pat.startswith("*"):
                if form.endswith(core):
                    return True
            elif form == core:
                return True
        return False

    def matches_at(self, toks: Sequence[str], lems: Sequence[str], i: int) -> bool:
        if i + len(self.words) > len(toks):
            return False
        return all(self._word_ok(p, toks[i + k], lems[i + k]) for k, p in enumerate(self.words))


@dataclass(frozen=True, slots=True)
class KeywordTopic:
    name: str
    label: str
    keywords: tuple[str, ...]
    min_hits: int = 2  # distinct keywords a document needs; a statement needs one

    @property
    def patterns(self) -> tuple[_Pattern, ...]:
        return _compile(self.keywords)


@lru_cache(maxsize=256)
def _compile(keywords: tuple[str, ...]) -> tuple[_Pattern, ...]:
    return tuple(_Pattern(tuple(k.casefold().split())) for k in keywords)


def _parse(data: dict) -> list[KeywordTopic]:
    raw = data.get("topics", data)
    if isinstance(raw, dict):  # TOML style: [topics.klima] keywords = [...]
        raw = [{"name": name, **body} for name, body in raw.items()]
    out = []
    for t in raw:
        name = str(t["name"])
        out.append(KeywordTopic(name=name, label=str(t.get("label", name)), keywords=tuple(str(k) for k in t.get("keywords", ())), min_hits=int(t.get("min_hits", 2))))
    return out


def load_topics(path: str | Path | None = None) -> list[KeywordTopic]:
    """Topics from ``path`` (.toml, .json, .yml/.yaml), else ``$QUOTETRACKER_TOPICS``, else the shipped defaults."""
    path = path or os.environ.get(ENV_VAR)
    if not path:
        return default_topics()
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if p.suffix == ".toml":
        import tomllib

        return _parse(tomllib.loads(text))
    if p.suffix in (".yml", ".yaml"):
        import yaml

        return _parse(yaml.safe_load(text))
    return _parse(json.loads(text))


@lru_cache(maxsize=1)
def _default() -> tuple[KeywordTopic, ...]:
    text = resources.files(__package__).joinpath("data", "default_topics.json").read_text(encoding="utf-8")
    return tuple(_parse(json.loads(text)))


def default_topics() -> list[KeywordTopic]:
    return list(_default())


class _Forms:
    """The distinct tokens and lemmas of a text, indexed for exact, prefix, suffix and infix lookups."""

    def __init__(self, forms: set[str]) -> None:
        self.exact = forms
        self.sorted = sorted(forms)
        self.reversed = sorted(f[::-1] for f in forms)

    @staticmethod
    def _has_prefix(sorted_forms: list[str], core: str) -> bool:
        i = bisect.bisect_left(sorted_forms, core)
        return i < len(sorted_forms) and sorted_forms[i].startswith(core)

    def matching(self, pat: str) -> set[str]:
        """Every form that ``pat`` matches."""
        core = pat.strip("*")
        if not core:
            return set()
        if pat.startswith("*") and pat.endswith("*"):
            return {f for f in self.sorted if core in f}
        if pat.endswith("*"):
            i = bisect.bisect_left(self.sorted, core)
            out = set()
            while i < len(self.sorted) and self.sorted[i].startswith(core):
                out.add(self.sorted[i])
                i += 1
            return out
        if pat.startswith("*"):
            rc = core[::-1]
            i = bisect.bisect_left(self.reversed, rc)
            out = set()
            while i < len(self.reversed) and self.reversed[i].startswith(rc):
                out.add(self.reversed[i][::-1])
                i += 1
            return out
        return {core} if core in self.exact else set()

    def has(self, pat: str) -> bool:
        core = pat.strip("*")
        if not core:
            return False
        if pat.startswith("*") and pat.endswith("*"):
            return any(core in f for f in self.sorted)
        if pat.endswith("*"):
            return self._has_prefix(self.sorted, core)
        if pat.startswith("*"):
            return self._has_prefix(self.reversed, core[::-1])
        return core in self.exact


def _analyse(text: str, lang: str) -> tuple[list[tuple[list[str], list[str]]], _Forms]:
    raw = tokens(text)
    # hyphenated compounds count whole and as their parts ("New-START-Vertrag" → new, start, vertrag)
    parts = [p for t in raw for p in t.split("-") if p]
    views = []
    for seq in (raw, parts) if len(parts) != len(raw) else (raw,):
        views.append(([t.casefold() for t in seq], [lemma(t, lang) for t in seq]))
    return views, _Forms({f for toks, lems in views for f in (*toks, *lems)})


def topic_counts(text: str, topics: Sequence[KeywordTopic], lang: str = "de") -> dict[str, tuple[set[str], int]]:
    """For each topic with a match: the distinct keywords found and how often keywords occur in all."""
    views, forms = _analyse(text, lang)
    toks, lems = views[0]
    out: dict[str, tuple[set[str], int]] = {}
    for topic in topics:
        found: set[str] = set()
        occurrences = 0
        for kw, pat in zip(topic.keywords, topic.patterns, strict=True):
            if not forms.has(pat.words[0]):
                continue
            if len(pat.words) == 1:
                hit = forms.matching(pat.words[0])
                n = sum(1 for t, lem in zip(toks, lems, strict=True) if t in hit or lem in hit)
                found.add(kw)
                occurrences += max(n, 1)  # a match only inside a compound's part still counts once
            else:
                n = sum(1 for vt, vl in views for i in range(len(vt)) if pat.matches_at(vt, vl, i))
                if n:
                    found.add(kw)
                    occurrences += n
        if found:
            out[topic.name] = (found, occurrences)
    return out


def topic_hits(text: str, topics: Sequence[KeywordTopic], lang: str = "de") -> dict[str, set[str]]:
    """For each topic with a match, the distinct keywords found in ``text``."""
    return {name: found for name, (found, _) in topic_counts(text, topics, lang).items()}


def match_topics(text: str, topics: Sequence[KeywordTopic], lang: str = "de", min_hits: int | None = None) -> list[str]:
    """Names of the topics ``text`` is about: ``min_hits`` distinct keywords (default: each topic's own),
    or keywords occurring ``min_hits + 1`` times (an article about one thing names it often)."""
    counts = topic_counts(text, topics, lang)
    out = []
    for topic in topics:
        need = topic.min_hits if min_hits is None else min_hits
        found, occurrences = counts.get(topic.name, (set(), 0))
        if found and (len(found) >= need or occurrences >= need + 1):
            out.append(topic.name)
    return out

"""User-defined topics: keyword / lemma lists from a config file (TOML, JSON or YAML).

A keyword matches a lower-cased token or its lemma: ``klima*`` is a prefix
(Klimaschutz, Klimawandel), ``*krieg`` a suffix, ``*rakete*`` any part of a
word, and several words a phrase ("nord stream", "arms control"). The default
file ``data/default_topics.json`` covers common news topics in German and
English; a user file replaces it (``QUOTETRACKER_TOPICS`` or an explicit path).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .matcher import compile_topics

__all__ = ["KeywordTopic", "TopicConfigError", "load_topics", "default_topics", "match_topics", "topic_hits", "topic_counts"]

ENV_VAR = "QUOTETRACKER_TOPICS"


@dataclass(frozen=True, slots=True)
class KeywordTopic:
    name: str
    label: str
    keywords: tuple[str, ...]
    min_hits: int = 2  # distinct keywords a document needs; a statement needs one



class TopicConfigError(ValueError):
    """A topics file that is missing, unreadable or not a list of topics with keywords."""


def _parse(data: object) -> list[KeywordTopic]:
    raw = data.get("topics", data) if isinstance(data, dict) else data
    if isinstance(raw, dict):  # TOML style: [topics.klima] keywords = [...]
        raw = [{"name": name, **body} if isinstance(body, dict) else body for name, body in raw.items() if not name.startswith("_")]
    if not isinstance(raw, list) or not raw:
        raise TopicConfigError("expected a non-empty list of topics under 'topics'")
    out = []
    for i, t in enumerate(raw, 1):
        if not isinstance(t, dict) or not str(t.get("name") or "").strip():
            raise TopicConfigError(f"topic {i}: expected a table/object with a 'name'")
        name = str(t["name"]).strip()
        keywords = t.get("keywords")
        if isinstance(keywords, str) or not isinstance(keywords, list) or not [k for k in keywords if str(k).strip("* ")]:
            raise TopicConfigError(f"topic {name!r}: 'keywords' must be a non-empty list of words")
        try:
            min_hits = int(t.get("min_hits", 2))
        except (TypeError, ValueError):
            raise TopicConfigError(f"topic {name!r}: 'min_hits' must be a whole number") from None
        label = str(t.get("label") or name).strip()
        out.append(KeywordTopic(name=name, label=label, keywords=tuple(str(k) for k in keywords), min_hits=max(1, min_hits)))
    return out


def load_topics(path: str | Path | None = None) -> list[KeywordTopic]:
    """Topics from ``path`` (.toml, .json, .yml/.yaml), else ``$QUOTETRACKER_TOPICS``, else the shipped defaults.

    Raises :class:`TopicConfigError` (naming the file) when the file is missing, unreadable or malformed.
    """
    path = path or os.environ.get(ENV_VAR)
    if not path:
        return default_topics()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".toml":
            import tomllib

            return _parse(tomllib.loads(text))
        if p.suffix in (".yml", ".yaml"):
            import yaml

            return _parse(yaml.safe_load(text))
        return _parse(json.loads(text))
    except TopicConfigError as exc:
        raise TopicConfigError(f"topics file {p}: {exc}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # missing file, bad encoding, JSON/TOML syntax
        raise TopicConfigError(f"topics file {p}: {exc}") from exc
    except Exception as exc:  # YAML syntax errors are not ValueErrors
        raise TopicConfigError(f"topics file {p}: {type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=1)
def _default() -> tuple[KeywordTopic, ...]:
    text = resources.files(__package__).joinpath("data", "default_topics.json").read_text(encoding="utf-8")
    return tuple(_parse(json.loads(text)))


def default_topics() -> list[KeywordTopic]:
    return list(_default())


def topic_counts(text: str, topics: Sequence[KeywordTopic], lang: str = "de") -> dict[str, tuple[set[str], int]]:
    """For each topic with a match: the distinct keywords found and how often keywords occur in all."""
    return compile_topics(topics).counts(text, lang)


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

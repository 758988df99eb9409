"""Unsupervised topics over the stored statements: fit, store, link (``quotetracker topics build``).

Statements are read through the query service, grouped by language; each
language gets its own NMF topics (:func:`.model.fit_topics`) fitted on up to
``max_fit`` statements (an even sample), then every statement is scored against
them (:func:`.model.assign`) and linked to its best topics. A new build
replaces the previous build's topics; keyword (user) topics are never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Topic, assign, fit_topics
from .store_link import drop_model_topics, link_statements, previous_model_topics

__all__ = ["BuiltTopic", "BuildReport", "build_model_topics"]


@dataclass(slots=True)
class BuiltTopic:
    label: str
    lang: str
    terms: list[str]
    n_statements: int  # statements linked to it


@dataclass(slots=True)
class BuildReport:
    statements: int = 0  # statements read
    linked: int = 0  # statements linked to at least one model topic
    replaced: int = 0  # topics of the previous build removed
    topics: list[BuiltTopic] = field(default_factory=list)


def _unique(label: str, taken: set[str]) -> str:
    out, n = label, 2
    while out.casefold() in taken:
        out, n = f"{label} ({n})", n + 1
    taken.add(out.casefold())
    return out


def build_model_topics(
    store,
    k: int = 12,
    *,
    max_fit: int = 50_000,
    min_score: float = 0.2,
    top_n: int = 2,
    seed: int = 0,
    on_stage: Callable[[str], None] | None = None,
) -> BuildReport:
    """Fit ``k`` topics per language over the stored statements, store them as ``origin='model'`` and link statements."""
    from ..query import QueryService

    say = on_stage or (lambda _msg: None)
    qs = QueryService(store)
    report = BuildReport()
    by_lang: dict[str, list[tuple[int, str]]] = {}
    say("reading statements")
    for r in qs.iter_statements(page_size=2000):
        by_lang.setdefault(r.lang or "de", []).append((r.id, r.content))
        report.statements += 1
    previous = set(previous_model_topics(store))
    taken = {t.label.casefold() for t in qs.topics() if t.label not in previous}  # user topics keep their labels
    fitted: list[tuple[str, Topic, str]] = []  # (stored label, topic, lang)
    links: dict[str, list[int]] = {}
    linked_ids: set[int] = set()
    for lang, items in sorted(by_lang.items()):
        step = max(1, len(items) // max_fit)
        sample = [text for _, text in items[::step]][:max_fit]
        say(f"fitting {k} topics on {len(sample)} {lang} statements")
        topics = fit_topics(sample, k=k, lang=lang, seed=seed)
        if not topics:
            continue
        for t in topics:
            t.label = _unique(t.label, taken)  # stored labels are unique (user topics, other languages, repeats)
            fitted.append((t.label, t, lang))
            links[t.label] = []
        say(f"assigning {len(items)} {lang} statements")
        for (sid, _), labels in zip(items, assign([text for _, text in items], topics, lang, min_score=min_score, top_n=top_n), strict=True):
            for label in labels:
                links[label].append(sid)
                linked_ids.add(sid)
    say("storing")
    report.replaced = drop_model_topics(store, keep=list(links))
    store.define_topics([(label, "model", list(t.terms)) for label, t, _ in fitted])
    counts = link_statements(store, links) if links else {}
    report.linked = len(linked_ids)
    report.topics = [BuiltTopic(label, lang, list(t.terms), counts.get(label, 0)) for label, t, lang in fitted]
    return report

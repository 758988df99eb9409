"""Per-document enrichment after extraction: mentioned dates, entities per statement ("about"), keyword topics.

A pure function of the extraction (and the topic list), so it runs wherever
extraction runs. Ingest calls :func:`enrich` once per document right after
extraction; calling it again gives the same result.

* ``Extraction.dates``: every date mentioned in the text, normalised against
  the document date (:mod:`quotetracker.dates`); ``Statement.dates``: those
  inside the statement's content or in a sentence it overlaps.
* ``Statement.about``: entity mentions inside the content span, without the
  speaker (neither the speaker mention's span nor the speaker's own name),
  one per distinct name.
* ``Statement.topics`` / ``Extraction.topics``: display labels of user-defined
  keyword topics (:mod:`quotetracker.topics.keywords`), e.g. "Klima / climate"
  — the label is what the store, filters, API and UI show and match; a
  statement needs one keyword, a document each topic's ``min_hits`` distinct
  keywords.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .dates import dates_for_span, find_dates
from .model import EntityMention, Extraction, Statement
from .resolve.names import normalize_name, normalize_org, parse_person, translit_key
from .topics.keywords import KeywordTopic, load_topics, match_topics

__all__ = ["enrich", "about_entities"]


@lru_cache(maxsize=1)
def _configured_topics() -> tuple[KeywordTopic, ...]:
    return tuple(load_topics())


def _is_speaker(entity: EntityMention, st: Statement) -> bool:
    if st.speaker is not None and entity.span.overlaps(st.speaker):
        return True
    if not st.speaker_name:
        return False
    if entity.label not in ("PER", None):  # an organisation speaking about itself
        return normalize_org(entity.canonical or entity.text) == normalize_org(st.speaker_name)
    speaker = parse_person(st.speaker_name).tokens
    named = parse_person(entity.canonical or entity.text).tokens
    if not speaker or not named:
        return False
    return translit_key(speaker[-1]) == translit_key(named[-1])


def about_entities(st: Statement, entities: Sequence[EntityMention]) -> list[EntityMention]:
    """Entity mentions inside the statement's content, speaker excluded, first mention of each name."""
    out: list[EntityMention] = []
    seen: set[tuple[str, str]] = set()
    for e in sorted(entities, key=lambda e: e.span):
        if not (st.content.start <= e.span.start and e.span.end <= st.content.end):
            continue
        if _is_speaker(e, st):
            continue
        key = (e.label, normalize_name(e.canonical or e.text))
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def enrich(extraction: Extraction, topics: Sequence[KeywordTopic] | None = None) -> Extraction:
    """Fill dates, ``about`` and topics of the extraction and its statements (in place; returned for chaining)."""
    doc = extraction.document
    text = doc.text
    lang = extraction.lang or doc.lang or "de"
    topic_list = list(_configured_topics()) if topics is None else list(topics)
    label_of = {t.name: t.label for t in topic_list}

    extraction.dates = find_dates(text, doc.date, lang)
    for st in extraction.statements:
        st.about = about_entities(st, extraction.entities)
        st.dates = dates_for_span(extraction.dates, st.content, extraction.sentences)
        st.topics = list(dict.fromkeys(label_of[n] for n in match_topics(st.content.text(text), topic_list, lang, min_hits=1)))
    doc_topics = {label_of[n] for n in match_topics(text, topic_list, lang)}
    for st in extraction.statements:
        doc_topics.update(st.topics)
    extraction.topics = list(dict.fromkeys(t.label for t in topic_list if t.label in doc_topics))
    return extraction

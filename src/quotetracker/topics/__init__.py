"""Topics of statements and documents.

* :mod:`.keywords` — user-defined topics from keyword/lemma lists in a config
  file (a default file for news ships in ``data/``), applied per statement and
  per document by :func:`quotetracker.enrich.enrich`.
* :mod:`.model` — unsupervised topics over a corpus: NMF on TF-IDF of content
  lemmas, labelled by their top terms (:func:`fit_topics`, :func:`assign`).
"""

from __future__ import annotations

from .keywords import KeywordTopic, TopicConfigError, default_topics, load_topics, match_topics, topic_hits
from .model import Topic, assign, fit_topics

__all__ = ["KeywordTopic", "TopicConfigError", "load_topics", "default_topics", "match_topics", "topic_hits", "Topic", "fit_topics", "assign"]

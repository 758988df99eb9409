"""The compiled keyword matcher gives exactly what testing every pattern on every token gives.

``_reference_counts`` is the plain definition of keyword matching (the
implementation before the matcher was compiled): a word pattern matches a
lower-cased token or its lemma; a document's forms are its tokens and the
parts of its hyphenated compounds; single words count their tokens in the
text as written (at least once), phrases count their positions in both views.
"""

import json
import re

import pytest

from quotetracker.topics import KeywordTopic, default_topics
from quotetracker.topics.keywords import match_topics, topic_counts
from quotetracker.topics.text import lemma, tokens


def _word_ok(pat: str, token: str, lem: str) -> bool:
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


def _reference_counts(text, topics, lang="de"):
    raw = tokens(text)
    parts = [p for t in raw for p in t.split("-") if p]
    views = [([t.casefold() for t in seq], [lemma(t, lang) for t in seq]) for seq in ((raw, parts) if len(parts) != len(raw) else (raw,))]
    forms = [(t, lem) for toks, lems in views for t, lem in zip(toks, lems)]
    out = {}
    for topic in topics:
        found, occurrences = set(), 0
        for kw in topic.keywords:
            words = kw.casefold().split()
            if not words or not words[0].strip("*") or not any(_word_ok(words[0], t, lem) for t, lem in forms):
                continue
            if len(words) == 1:
                toks, lems = views[0]
                n = sum(1 for t, lem in zip(toks, lems) if _word_ok(words[0], t, lem))
                found.add(kw)
                occurrences += max(n, 1)
            else:
                n = sum(
                    1
                    for toks, lems in views
                    for i in range(len(toks) - len(words) + 1)
                    if all(_word_ok(w, toks[i + k], lems[i + k]) for k, w in enumerate(words))
                )
                if n:
                    found.add(kw)
                    occurrences += n
        if found:
            out[topic.name] = (found, occurrences)
    return out


FICTIONAL = [
    "Die Abrüstungsgespräche über den New-START-Vertrag stocken, sagte die Ministerin in Kiew.",
    "Der Bürgermeister von Kleinheim sprach über Kurzstreckenraketen, Raketenabwehr und das Atomprogramm.",
    "Die Bahnstrecke zwischen Nordstadt und Südhafen bleibt wegen eines Unwetters gesperrt; Pendler stehen im Stau.",
    "Arms control talks about nuclear weapons stalled, the envoy said, while the nuclear deal is on hold.",
    "Nach der Landtagswahl will die Koalition den Klimaschutz stärken und CO2-Emissionen senken.",
    "Die Inflation steigt, die Zentralbank erhöht den Leitzins; die Wirtschaft wächst kaum.",
    "Flüchtlinge beantragten Asyl an der Grenze; die Migrationspolitik bleibt umstritten.",
    "Der Hund bellte laut, und niemand hörte ihn.",
    "Im Krieg in der Ukraine und im Ukraine-Krieg-Bericht wird der Krieg in der Ukraine dreimal genannt: Krieg in der Ukraine.",
    "",
]

CUSTOM = [
    KeywordTopic("phrase", "Phrase", ("krieg in der ukraine", "arms * talks", "new start", "* egal"), min_hits=1),
    KeywordTopic("mixed", "Mixed", ("*krieg", "*rakete*", "bahn*", "stau", "bahn*"), min_hits=2),
    KeywordTopic("mixed", "Mixed again", ("hund",), min_hits=1),  # a repeated name: the later topic wins, as before
    KeywordTopic("empty", "Empty", ("*", "**"), min_hits=1),
]


@pytest.mark.parametrize("text", FICTIONAL)
def test_counts_match_the_reference_on_fictional_texts(text):
    for topics in (default_topics(), CUSTOM):
        assert topic_counts(text, topics, "de") == _reference_counts(text, topics, "de")
    assert topic_counts(text, default_topics(), "en") == _reference_counts(text, default_topics(), "en")


def test_match_topics_unchanged_on_statements():
    topics = default_topics()
    assert match_topics(FICTIONAL[0], topics, "de", min_hits=1) == ["ruestungskontrolle", "ukraine-krieg"]
    assert match_topics(FICTIONAL[7], topics, "de", min_hits=1) == []
    assert "phrase" in match_topics(FICTIONAL[8], CUSTOM, "de")


def test_counts_match_the_reference_on_a_corpus_sample(shared_dir):
    path = shared_dir / "corpus" / "de_news.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    topics = default_topics()
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(30), fh)]
    sentences = [s for t in texts[:10] for s in re.split(r"(?<=[.!?])\s+", t)]
    for text in texts + sentences:
        assert topic_counts(text, topics, "de") == _reference_counts(text, topics, "de")

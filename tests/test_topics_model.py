"""Unsupervised topics: NMF on TF-IDF of content lemmas, readable labels, assignment."""

from quotetracker.topics import Topic, assign, fit_topics
from quotetracker.topics.model import content_lemmas

SPORT = [
    "Die Mannschaft gewann das Spiel im Stadion mit zwei Toren, der Trainer lobte die Stürmer.",
    "Im Stadion verlor die Mannschaft das Spiel, der Trainer kritisierte die Abwehr und den Torwart.",
    "Der Trainer der Mannschaft sprach nach dem Spiel im Stadion über Tore und Stürmer.",
    "Das Spiel endete unentschieden; die Mannschaft und ihr Trainer feierten im Stadion.",
]
WEATHER = [
    "Das Unwetter brachte Regen, Sturm und Hagel; der Wetterdienst warnte vor Überschwemmungen.",
    "Der Wetterdienst meldete Sturm und starken Regen, Hagel beschädigte Dächer.",
    "Nach Regen und Sturm warnt der Wetterdienst vor neuem Hagel und Überschwemmungen.",
    "Hagel, Regen und Sturm: der Wetterdienst gab eine Unwetterwarnung heraus.",
]


def test_content_lemmas_drop_stop_words_and_keep_acronyms():
    lem = content_lemmas("Die Astronauten flogen mit der ISS und sagten, es sei schön.")
    assert "iss" in lem
    assert "der" not in lem and "sagen" not in lem


def test_fit_topics_separates_two_themes_with_readable_labels():
    topics = fit_topics(SPORT + WEATHER, k=2)
    assert len(topics) == 2
    labels = [t.label for t in topics]
    sport = next(t for t in topics if "mannschaft" in t.terms[:5] or "trainer" in t.terms[:5])
    weather = next(t for t in topics if t is not sport)
    assert any(w in weather.terms[:5] for w in ("regen", "sturm", "hagel", "wetterdienst"))
    assert all(" / " in label for label in labels)
    assert sport.size == 4 and weather.size == 4
    assert fit_topics(SPORT + WEATHER, k=2)[0].terms == topics[0].terms  # deterministic


def test_assign_scores_new_texts_and_survives_a_json_round_trip():
    topics = [Topic.from_dict(t.to_dict()) for t in fit_topics(SPORT + WEATHER, k=2)]
    sport = next(t for t in topics if "trainer" in t.terms)
    result = assign(["Der Trainer und die Mannschaft im Stadion.", "Nichts davon."], topics)
    assert result[0][0] == sport.label
    assert result[1] == []


def test_empty_corpus_gives_no_topics():
    assert fit_topics(["", "und oder"], k=3) == []

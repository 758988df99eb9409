"""Language detection on short news paragraphs."""

from __future__ import annotations

import pytest

from quotetracker.io import LANGUAGES, detect_language

GERMAN = [
    "Der Kreml-Sprecher sagte am Dienstag, Moskau sei zu Gesprächen bereit.",
    "Die Polizei teilte mit, der Verkehr auf der Autobahn sei wieder freigegeben.",
    "„Wir werden das nicht hinnehmen“, sagte die Ministerin in Berlin.",
    "Laut Bürgermeister werde die Brücke im Frühjahr fertig.",
]
ENGLISH = [
    "The Kremlin spokesman said on Tuesday that Moscow was ready for talks.",
    "Police said the motorway had been reopened after the accident.",
    "\"We will not accept this,\" the minister told reporters in Berlin.",
    "According to the mayor, the bridge will be finished in spring.",
]


@pytest.mark.parametrize("text", GERMAN)
def test_german(text):
    assert detect_language(text) == "de"


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text):
    assert detect_language(text) == "en"


def test_other_languages_and_no_letters():
    assert detect_language("Le porte-parole du Kremlin a déclaré mardi que Moscou était prêt à discuter.") == "fr"
    assert detect_language("2020-10-05 12:00 — 3 : 1") == "und"
    assert detect_language("") == "und"


def test_restricted_label_set():
    assert {"de", "en"} <= set(LANGUAGES)
    assert detect_language("Moin moin") in LANGUAGES

"""Entity rules (given names, role words, club names, genitive places) on hand-made docs with
model entities set by hand: no trained weights needed. Sentences are fictional."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from quotetracker.nlp.de.entities import EntityRules

GAZ = {"Lindmar": "LOC", "Kaltenbrunn": "LOC", "Jorinde": "FIRST", "Severin": "FIRST"}


def _doc(words: list[str], ents: list[tuple[int, int, str]], tags: list[str] | None = None) -> Doc:
    doc = Doc(spacy.blank("de").vocab, words=words)
    for tok, tag in zip(doc, tags or ["NE"] * len(words)):
        tok.tag_ = tag
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def _ents(doc: Doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}


def _apply(words: list[str], ents: list[tuple[int, int, str]], tags: list[str] | None = None) -> set:
    """The rules (without NE-run filling) over a hand-made doc: its entities as (text, label)."""
    return _ents(EntityRules(GAZ, add_name_runs=False)(_doc(words, ents, tags)))


def test_given_name_and_surname_become_one_person():
    words = "Gestern sprach Jorinde Vallbrecht im Rathaus .".split()
    assert ("Jorinde Vallbrecht", "PER") in _apply(words, [])


def test_given_name_span_replaces_shorter_person_and_other_label():
    words = "Laut Severin Ostrowski kam Jorinde Hallgren zu spät .".split()
    assert _apply(words, [(1, 2, "PER"), (4, 6, "ORG")]) == {("Severin Ostrowski", "PER"), ("Jorinde Hallgren", "PER")}


def test_given_name_span_stops_at_common_noun():
    words = "Dass Jorinde Vallbrecht den Vertrag kennt .".split()
    tags = ["KOUS", "NE", "NE", "ART", "NN", "VVFIN", "$."]
    assert _apply(words, [], tags) == {("Jorinde Vallbrecht", "PER")}


def test_role_compound_is_dropped_from_person():
    words = "Das sagte Vereins-Manager Kuno Brettschneider .".split()
    assert _apply(words, [(2, 5, "ORG")]) == {("Kuno Brettschneider", "PER")}


def test_genitive_of_known_place_is_location():
    words = "Die Bürger Lindmars wählten .".split()
    assert _apply(words, [(2, 3, "PER")]) == {("Lindmars", "LOC")}


def test_club_names_are_organisations():
    words = "Der FC Kaltenbrunn 08 schlug Lindmar United .".split()
    assert _apply(words, [(2, 3, "LOC"), (5, 6, "LOC")]) == {("FC Kaltenbrunn 08", "ORG"), ("Lindmar United", "ORG")}


def test_quoted_title_after_work_noun_is_misc():
    words = "Ihr Debütalbum „ Nebel über Lindmar “ erschien im Mai .".split()
    assert _apply(words, [(4, 5, "LOC")]) == {("Nebel über Lindmar", "MISC")}


def test_quote_after_other_noun_is_not_a_title():
    words = "Der Bürgermeister „ Lindmar bleibt stark “ , rief er .".split()
    assert _apply(words, [(3, 4, "LOC")]) == {("Lindmar", "LOC")}


def test_saint_place_keeps_its_prefix():
    words = "Der Zug nach St . Kaltenbrunn fällt aus .".split()
    assert _apply(words, [(4, 5, "PER")]) == {("St . Kaltenbrunn", "LOC")}


def test_name_after_organisation_noun_is_organisation():
    words = "Der Maschinenbauer Kaltwerk und die Firma Lindmar Textil wachsen .".split()
    tags = ["ART", "NN", "NN", "KON", "ART", "NN", "NE", "NE", "VVFIN", "$."]
    assert _apply(words, [(6, 8, "LOC")], tags) == {("Kaltwerk", "ORG"), ("Lindmar Textil", "ORG")}

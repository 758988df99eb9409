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


def test_given_name_and_surname_become_one_person():
    rules = EntityRules(GAZ, add_name_runs=False)
    doc = rules(_doc("Gestern sprach Jorinde Vallbrecht im Rathaus .".split(), []))
    assert ("Jorinde Vallbrecht", "PER") in _ents(doc)


def test_given_name_span_replaces_shorter_person_and_other_label():
    rules = EntityRules(GAZ, add_name_runs=False)
    doc = rules(_doc("Laut Severin Ostrowski kam Jorinde Hallgren zu spät .".split(), [(1, 2, "PER"), (4, 6, "ORG")]))
    assert _ents(doc) == {("Severin Ostrowski", "PER"), ("Jorinde Hallgren", "PER")}


def test_given_name_span_stops_at_common_noun():
    words = "Dass Jorinde Vallbrecht den Vertrag kennt .".split()
    tags = ["KOUS", "NE", "NE", "ART", "NN", "VVFIN", "$."]
    doc = EntityRules(GAZ, add_name_runs=False)(_doc(words, [], tags))
    assert _ents(doc) == {("Jorinde Vallbrecht", "PER")}


def test_role_compound_is_dropped_from_person():
    rules = EntityRules(GAZ, add_name_runs=False)
    doc = rules(_doc("Das sagte Vereins-Manager Kuno Brettschneider .".split(), [(2, 5, "ORG")]))
    assert _ents(doc) == {("Kuno Brettschneider", "PER")}


def test_genitive_of_known_place_is_location():
    rules = EntityRules(GAZ, add_name_runs=False)
    doc = rules(_doc("Die Bürger Lindmars wählten .".split(), [(2, 3, "PER")]))
    assert _ents(doc) == {("Lindmars", "LOC")}


def test_club_names_are_organisations():
    rules = EntityRules(GAZ, add_name_runs=False)
    doc = rules(_doc("Der FC Kaltenbrunn 08 schlug Lindmar United .".split(), [(2, 3, "LOC"), (5, 6, "LOC")]))
    assert _ents(doc) == {("FC Kaltenbrunn 08", "ORG"), ("Lindmar United", "ORG")}


def test_quoted_title_after_work_noun_is_misc():
    rules = EntityRules(GAZ, add_name_runs=False)
    words = "Ihr Debütalbum „ Nebel über Lindmar “ erschien im Mai .".split()
    doc = rules(_doc(words, [(4, 5, "LOC")]))
    assert _ents(doc) == {("Nebel über Lindmar", "MISC")}


def test_quote_after_other_noun_is_not_a_title():
    rules = EntityRules(GAZ, add_name_runs=False)
    words = "Der Bürgermeister „ Lindmar bleibt stark “ , rief er .".split()
    doc = rules(_doc(words, [(3, 4, "LOC")]))
    assert _ents(doc) == {("Lindmar", "LOC")}


def test_saint_place_keeps_its_prefix():
    rules = EntityRules(GAZ, add_name_runs=False)
    doc = rules(_doc("Der Zug nach St . Kaltenbrunn fällt aus .".split(), [(4, 5, "PER")]))
    assert _ents(doc) == {("St . Kaltenbrunn", "LOC")}


def test_name_after_organisation_noun_is_organisation():
    rules = EntityRules(GAZ, add_name_runs=False)
    words = "Der Maschinenbauer Kaltwerk und die Firma Lindmar Textil wachsen .".split()
    tags = ["ART", "NN", "NN", "KON", "ART", "NN", "NE", "NE", "VVFIN", "$."]
    doc = rules(_doc(words, [(6, 8, "LOC")], tags))
    assert _ents(doc) == {("Kaltwerk", "ORG"), ("Lindmar Textil", "ORG")}

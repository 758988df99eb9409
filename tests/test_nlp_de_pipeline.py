"""German backbone on hand-written news-style sentences (fictional)."""

from __future__ import annotations

import pytest

from quotetracker.nlp.de import load


@pytest.fixture(scope="module")
def nlp():
    return load()


def _sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_quote_with_exclamation_stays_in_sentence(nlp):
    text = "„Nein!“, rief die Ministerin. Danach verließ sie den Saal."
    assert _sents(nlp, text) == ["„Nein!“, rief die Ministerin.", "Danach verließ sie den Saal."]


def test_sentence_ends_after_closing_quote(nlp):
    text = "Er sagte: „Wir sind bereit.“ Die Opposition widersprach."
    assert _sents(nlp, text) == ["Er sagte: „Wir sind bereit.“", "Die Opposition widersprach."]


def test_guillemets(nlp):
    text = "»Das ist falsch«, sagte Kramer. »Wir prüfen das.« Mehr wollte er nicht sagen."
    assert len(_sents(nlp, text)) == 3


def test_abbreviations_and_ordinals_do_not_split(nlp):
    text = "Am 3. November traf Dr. Lena Vogt z. B. den Vorsitzenden der Nr. 4 in Bonn. Dann reiste sie ab."
    assert _sents(nlp, text) == [
        "Am 3. November traf Dr. Lena Vogt z. B. den Vorsitzenden der Nr. 4 in Bonn.",
        "Dann reiste sie ab.",
    ]


def test_initials_do_not_split(nlp):
    assert len(_sents(nlp, "Der Bericht von Karl H. Brenner erschien gestern.")) == 1


def test_year_at_sentence_end_splits(nlp):
    doc = nlp("Die Firma wurde gegründet im Jahr 1998. Heute hat sie 40 Angestellte.")
    assert len(list(doc.sents)) == 2
    assert any(t.text == "1998" for t in doc)


def test_paragraph_break_splits(nlp):
    assert len(_sents(nlp, "Neue Regeln für Radfahrer\n\nDie Stadt plant neue Wege.")) == 2


@pytest.mark.parametrize("form", ["erschwere", "sei", "habe", "könne"])
def test_konjunktiv_one(nlp, form):
    doc = nlp(f"Der Sprecher sagte, die neue Regel {form} das so.")
    tok = next(t for t in doc if t.text == form)
    assert tok._.konjunktiv == "I"
    assert tok.morph.get("Mood") == ["Sub"]


def test_habe_with_ich_is_indicative(nlp):
    doc = nlp("Ich habe das nicht gewusst, sagte sie.")
    tok = next(t for t in doc if t.text == "habe")
    assert tok._.konjunktiv is None
    assert tok.morph.get("Mood") == ["Ind"]


def test_konjunktiv_two(nlp):
    doc = nlp("Ohne die Hilfe wäre das Dorf verloren gewesen.")
    assert next(t for t in doc if t.text == "wäre")._.konjunktiv == "II"


def test_lemma_and_tags(nlp):
    doc = nlp("Die Bürgermeisterin betonte die Bedeutung des Projekts.")
    betonte = doc[2]
    assert betonte.lemma_ == "betonen"
    assert betonte.tag_ == "VVFIN"
    assert betonte.pos_ == "VERB"
    assert betonte.morph.get("Tense") == ["Past"]
    assert doc[1].pos_ == "NOUN"


def test_noun_chunks(nlp):
    doc = nlp("Der neue Trainer lobte die junge Mannschaft.")
    assert [c.text for c in doc.noun_chunks] == ["Der neue Trainer", "die junge Mannschaft"]


def test_person_after_role_cue(nlp):
    doc = nlp("Das sagte Innenministerin Petra Albrecht am Montag in Hamburg.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Petra Albrecht", "PER") in ents
    assert ("Hamburg", "LOC") in ents


def test_static_vectors_carry_knowledge_columns(nlp):
    """The shipped tok2vec reads a static vectors table (training/vectors.py): fastText dimensions, then
    eight knowledge columns ending with given_name, surname, place, role, org_word."""
    vectors = nlp.vocab.vectors
    assert vectors.shape[0] > 10_000 and vectors.shape[1] > 8
    given, surname, place, role = (vectors.shape[1] + k for k in (-5, -4, -3, -2))

    def row(word):
        return vectors[nlp.vocab.strings[word]]

    assert row("Petra")[given] == 1.0 and row("Petra")[place] == 0.0
    assert row("Hamburg")[place] == 1.0 and row("Hamburg")[given] == 0.0
    assert row("Sprecherin")[role] == 1.0
    assert row("Müller")[surname] == 1.0
    # lower-case forms also answer for their capitalised spelling (sentence starts): more keys than rows
    assert vectors.n_keys > vectors.shape[0]


def test_model_card_names_the_shipped_version():
    """meta.json (written by training/train_de.py's install step) and MODEL_CARD.md's title name the same
    model version, so a user reading the card knows which weights it describes."""
    import json
    import re

    from quotetracker.nlp.de.resources import MODEL_DIR

    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    title = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8").splitlines()[0]
    assert meta["name"] == "quotetracker_de_news"
    assert re.search(rf"`quotetracker_de_news` {re.escape(meta['version'])}\b", title), (meta["version"], title)

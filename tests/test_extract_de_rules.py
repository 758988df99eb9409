"""German statement extraction on hand-written sentences, one phenomenon per test."""

import pytest

from quotetracker.extract.de import find_statements
from quotetracker.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("de")


def run(nlp, text):
    doc = nlp(text)
    return [(s.content.text(text), s.kind, s.speaker.text(text) if s.speaker else None, s.speaker_name, s)
            for s in find_statements(doc)]


def find(stmts, needle):
    hits = [s for s in stmts if needle in s[0]]
    assert hits, f"no statement contains {needle!r}: {[s[0] for s in stmts]}"
    return hits[0]


def test_direct_quote_cue_after(nlp):
    st = run(nlp, "„Wir werden die Grenzen offen halten“, sagte Innenministerin Clara Vogt am Montag.")
    content, kind, speaker, name, _ = find(st, "Grenzen offen")
    assert content == "Wir werden die Grenzen offen halten"
    assert kind == "direct"
    assert "Vogt" in speaker and name == "Clara Vogt"


def test_direct_quote_cue_before_with_colon(nlp):
    st = run(nlp, "Der Bürgermeister Jonas Brandt erklärte: „Die Brücke wird im Mai eröffnet.“")
    content, kind, speaker, name, s = find(st, "Brücke")
    assert kind == "direct" and "Brandt" in speaker
    assert s.cue.text("Der Bürgermeister Jonas Brandt erklärte: „Die Brücke wird im Mai eröffnet.“") == "erklärte"


def test_split_quote_two_statements_same_speaker(nlp):
    text = "„Wir sind bereit“, sagte Vogt, „aber nicht um jeden Preis.“"
    st = run(nlp, text)
    first, second = find(st, "bereit"), find(st, "jeden Preis")
    assert first[1] == second[1] == "direct"
    assert first[2] == second[2] == "Vogt"


def test_indirect_dass_clause(nlp):
    st = run(nlp, "Die Polizei teilte am Abend mit, dass zwei Männer festgenommen worden seien.")
    content, kind, speaker, _, s = find(st, "festgenommen")
    assert content.startswith("dass zwei Männer") and kind == "indirect"
    assert speaker == "Die Polizei"


def test_indirect_konjunktiv_after_comma_cue_inverted(nlp):
    st = run(nlp, "Die Lage sei ernst, sagte der Sprecher des Ministeriums.")
    content, kind, speaker, _, _ = find(st, "Lage")
    assert content == "Die Lage sei ernst" and kind == "indirect"
    assert speaker.startswith("der Sprecher")


def test_laut_source_at_sentence_start(nlp):
    st = run(nlp, "Laut der Feuerwehr brannte das Lager die ganze Nacht.")
    content, kind, speaker, _, s = find(st, "Lager")
    assert content.startswith("brannte") and speaker == "der Feuerwehr"


def test_zufolge_source_before(nlp):
    st = run(nlp, "Dem Bericht zufolge seien 300 Stellen betroffen.")
    content, _, speaker, _, _ = find(st, "Stellen")
    assert content.startswith("seien") and speaker == "Dem Bericht"


def test_nach_angaben(nlp):
    st = run(nlp, "Nach Angaben der Stadtwerke fiel der Strom für drei Stunden aus.")
    content, _, speaker, _, _ = find(st, "Strom")
    assert content.startswith("fiel") and "Stadtwerke" in speaker


def test_so_cue_after_content(nlp):
    st = run(nlp, "Die Preise würden weiter steigen, so die Verbraucherzentrale.")
    content, _, speaker, _, _ = find(st, "Preise")
    assert content == "Die Preise würden weiter steigen" and speaker == "die Verbraucherzentrale"


def test_free_indirect_continuation_keeps_speaker(nlp):
    text = ("Die Ministerin Hanna Roth sagte, die Schulen blieben geöffnet. "
            "Man habe genug Tests gekauft. Das Wetter war am Dienstag sonnig.")
    st = run(nlp, text)
    cont = find(st, "genug Tests")
    assert cont[1] == "indirect" and cont[3] == "Hanna Roth"
    assert not [s for s in st if "Wetter" in s[0]]


def test_pronoun_speaker_resolves_to_name(nlp):
    text = "Kreml-Sprecher Dmitri Peskow äußerte sich am Montag. Er sagte, die Gespräche gingen weiter."
    st = run(nlp, text)
    _, _, speaker, name, _ = find(st, "Gespräche")
    assert speaker == "Er" and name == "Dmitri Peskow"


def test_role_noun_resolves_by_apposition(nlp):
    text = ("Kreml-Sprecher Dmitri Peskow war in Moskau. "
            "Der Kreml-Sprecher sagte später, man prüfe die Vorschläge.")
    _, _, _, name, _ = find(run(nlp, text), "Vorschläge")
    assert name == "Dmitri Peskow"


def test_surname_resolves_to_full_name(nlp):
    text = "Die Abgeordnete Miriam Albers kam spät. „Das war ein Fehler“, sagte Albers."
    _, _, _, name, _ = find(run(nlp, text), "Fehler")
    assert name == "Miriam Albers"


def test_scare_quote_title_is_not_a_statement(nlp):
    st = run(nlp, "Der Film „Blaue Stunde“ lief gestern im Kino.")
    assert st == []


def test_multi_paragraph_quote_keeps_speaker(nlp):
    text = ("Die Trainerin Eva Lenz sagte: „Wir haben hart gearbeitet.\n"
            "„Jetzt wollen wir den Titel.“")
    st = run(nlp, text)
    a, b = find(st, "hart gearbeitet"), find(st, "Titel")
    assert a[2] == b[2] and "Lenz" in a[2]


def test_teilte_mit_particle_cue(nlp):
    text = "Das Unternehmen teilte am Freitag mit, der Umsatz sei gestiegen."
    content, _, speaker, _, s = find(run(nlp, text), "Umsatz")
    assert content == "der Umsatz sei gestiegen" and speaker == "Das Unternehmen"


def test_reported_speech_act(nlp):
    text = "Der Gewerkschaftschef Paul Rieger forderte höhere Löhne für alle Pflegekräfte."
    st = run(nlp, text)
    content, kind, speaker, _, _ = find(st, "Löhne")
    assert kind == "reported" and "Rieger" in speaker


def test_wie_x_sagte(nlp):
    text = "Wie die Bahn mitteilte, fallen am Wochenende alle Züge aus."
    content, _, speaker, _, _ = find(run(nlp, text), "Züge")
    assert content.startswith("fallen") and speaker == "die Bahn"


def test_spans_index_the_text(nlp):
    text = "„Alles gut“, sagte er. Die Lage sei stabil, so die Polizei."
    for content, _, speaker, _, s in run(nlp, text):
        assert text[s.content.start : s.content.end] == content
        if s.speaker:
            assert text[s.speaker.start : s.speaker.end] == speaker


def test_spacy_component_on_a_bare_tokenizer_degrades_gracefully():
    # no tagger, no NER: the rules fall back to word lists and capitalisation
    import spacy

    import quotetracker.extract.de  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("quotetracker_statements")
    text = "„Wir bleiben“, sagte die Ministerin. Laut Polizei wurde niemand verletzt."
    doc = nlp(text)
    contents = [s.content.text(text) for s in doc._.statements]
    assert "Wir bleiben" in contents
    assert any(c.startswith("wurde niemand") for c in contents)


def test_extractor_is_registered_and_pure(nlp):
    from quotetracker.extract.base import get_extractor
    from quotetracker.model import Document

    ex = get_extractor("de")
    doc = Document(text="Die Lage sei ernst, sagte der Sprecher.", id="t1", lang="de", date="2020-10")
    a, b = ex.extract(doc), list(ex.extract_many([doc]))[0]
    assert [s.to_quote() for s in a.statements] == [s.to_quote() for s in b.statements]
    assert a.sentences and a.statements[0].kind == "indirect"


def test_pronoun_agrees_in_gender(nlp):
    text = ("Ministerin Anja Vogt traf am Montag den Bürgermeister Paul Rieger. "
            "Rieger sagte, die Stadt brauche Geld. Sie sagte, das Land werde helfen.")
    _, _, speaker, name, _ = find(run(nlp, text), "Land werde")
    assert speaker == "Sie" and name == "Anja Vogt"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "„", "„„„ “““", "Laut", "zufolge", ", so", "„Hallo“, sagte",
                                  "Demnach", "Wie X sagte,", "Er sagte: „" + "wort " * 500])
def test_degenerate_input_never_raises(nlp, text):
    for content, _, _, _, s in run(nlp, text):
        assert 0 <= s.content.start < s.content.end <= len(text)


def test_person_entities_get_the_fullest_name_as_canonical():
    from quotetracker.extract.base import get_extractor
    from quotetracker.model import Document

    text = "Kreml-Sprecher Dmitri Peskow war in Moskau. Später sagte Peskow, man prüfe alles."
    ex = get_extractor("de").extract(Document(text=text, id="c", lang="de"))
    pers = [e for e in ex.entities if e.label == "PER" and e.text == "Peskow"]
    assert pers and all(e.canonical == "Dmitri Peskow" for e in pers)


def test_konjunktiv_sentence_takes_the_named_subject_of_the_sentence_before(nlp):
    # no speech verb in the sentence before, but a named person acting there: the Konjunktiv-I
    # sentence reports that person's view (the quote three sentences back is someone else's)
    text = ("„Das Hallenbad bleibt geschlossen“, sagte Bürgermeister Jonas Brandt. "
            "Die Sanierung soll zwei Jahre dauern. Der Stadtrat tagt im März erneut. "
            "Stadträtin Lena Hartwig, Vorsitzende des Sportausschusses, unterschrieb am Montag die Petition. "
            "Die Schließung treffe vor allem Kinder.")
    _, kind, speaker, name, _ = find(run(nlp, text), "Schließung treffe")
    assert kind == "indirect"
    assert speaker is not None and "Hartwig" in speaker and name == "Lena Hartwig"


def test_konjunktiv_sentence_after_a_sentence_without_a_named_subject_has_no_speaker(nlp):
    text = ("Der Stadtrat tagt im März erneut. Die Halle wurde 1972 gebaut. "
            "Die Schließung treffe vor allem Kinder.")
    _, kind, speaker, name, _ = find(run(nlp, text), "Schließung treffe")
    assert speaker is None and name is None

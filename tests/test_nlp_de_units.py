"""Unit tests for the German backbone's rule parts (no trained weights, no shared data)."""

from __future__ import annotations

from pathlib import Path

from quotetracker.nlp.de.evaluate import bio_to_spans, read_conllu
from quotetracker.nlp.de.morph import subject_pronoun, verb_features
from quotetracker.nlp.de.tagsets import normalise_stts, stts_to_upos


def test_hanta_tags_fold_into_stts():
    assert normalise_stts("VV(FIN)") == "VVFIN"
    assert normalise_stts("ADJ(A)") == "ADJA"
    assert normalise_stts("$(") == "$("
    assert normalise_stts("NNA") == "NN"
    assert stts_to_upos("VMFIN") == "AUX"
    assert stts_to_upos("NE") == "PROPN"


def test_verb_features_konjunktiv_and_tense():
    assert verb_features("erschwere", "VVFIN", "erschweren")["Mood"] == "Sub"
    assert verb_features("erschwere", "VVFIN", "erschweren", ich_nearby=True)["Mood"] == "Ind"
    sei = verb_features("seien", "VAFIN", "sein")
    assert (sei["Mood"], sei["Tense"], sei["Number"]) == ("Sub", "Pres", "Plur")
    waere = verb_features("wäre", "VAFIN", "sein")
    assert (waere["Mood"], waere["Tense"]) == ("Sub", "Past")
    sagte = verb_features("sagte", "VVFIN", "sagen", (("sag", "VV"), ("te", "SUF_FIN")))
    assert (sagte["Mood"], sagte["Tense"]) == ("Ind", "Past")
    assert verb_features("gesagt", "VVPP", "sagen") == {"VerbForm": "Part"}
    assert verb_features("Haus", "NN", "Haus") == {}


def test_subject_pronoun_stops_at_other_subject():
    words = "ich glaube , er habe recht".split()
    assert subject_pronoun(words, 4) == ""
    words = "das ich keine lust habe".split()
    assert subject_pronoun(words, 4) == "ich"
    assert subject_pronoun("habe ich das gesagt".split(), 0) == "ich"


def test_bio_to_spans_maps_labels_and_drops_derived():
    tags = ["B-PER", "I-PER", "O", "B-LOCderiv", "B-OTH", "I-OTH", "B-ORG"]
    assert bio_to_spans(tags) == [(0, 2, "PER"), (4, 6, "MISC"), (6, 7, "ORG")]


def test_read_conllu_scores_contractions_as_one_token(tmp_path: Path):
    text = (
        "# text = Sie wohnt im Dorf.\n"
        "1\tSie\tsie\tPRON\tPPER\tCase=Nom\t2\tnsubj\t_\t_\n"
        "2\twohnt\twohnen\tVERB\tVVFIN\tMood=Ind|Tense=Pres\t0\troot\t_\t_\n"
        "3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\tin\tin\tADP\tAPPR\t_\t5\tcase\t_\t_\n"
        "4\tdem\tder\tDET\tART\t_\t5\tdet\t_\t_\n"
        "5\tDorf\tDorf\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No\n"
        "6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_\n\n"
    )
    path = tmp_path / "mini.conllu"
    path.write_text(text, encoding="utf-8")
    (sent,) = read_conllu(path)
    assert [t.form for t in sent] == ["Sie", "wohnt", "im", "Dorf", "."]
    assert (sent[2].xpos, sent[2].lemma) == ("APPRART", "in")
    assert sent[1].feats["Mood"] == "Ind"
    assert sent[3].space_after is False

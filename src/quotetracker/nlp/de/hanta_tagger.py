"""HanTa-backed tagger component: STTS tag, UPOS, lemma and verb morphology per token.

HanTa (LGPL-3.0, ships a German model) tags each sentence with an HMM. Lemmas and verb
features depend only on (form, tag) and are cached, so repeated word forms are cheap.
Used for silver data in training/ and as a fallback when no trained model is shipped.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .morph import subject_pronoun, verb_features
from .tagsets import normalise_stts, stts_to_upos



@lru_cache(maxsize=1)
def hanta():
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


class HanTaAnnotator:
    def __init__(self) -> None:
        self.tagger = hanta()
        self._analysis: dict[tuple[str, int], tuple[str, str, tuple]] = {}

    def analyse(self, word: str, tag_id: int) -> tuple[str, str, tuple]:
        """(STTS tag, lemma, morphemes) for a word form under HanTa's tag, cached."""
        key = (word, tag_id)
        hit = self._analysis.get(key)
        if hit is None:
            raw = self.tagger.int2tag[tag_id]
            lemma = self.tagger._analyze(word, tag_id, taglevel=1)[0]
            morphemes = tuple(self.tagger._analyze(word, tag_id, taglevel=3)[1])
            hit = (normalise_stts(raw), lemma, morphemes)
            self._analysis[key] = hit
        return hit

    def tag_words(self, words: list[str]) -> list[tuple[str, str, tuple]]:
        if not words:
            return []
        ids = self.tagger.tag_sent_viterbi(words, True)
        return [self.analyse(w, t) for w, t in zip(words, ids)]


# HanTa's model knows ASCII quotes and hyphens only
_HANTA_FORMS = {"„": '"', "“": '"', "”": '"', "»": '"', "«": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-"}
_OTHER_PUNCT = frozenset("„“”‚‘’»«\"'()[]{}–—-/…")


def fix_tag(tag: str, form: str, sentence_initial: bool) -> str:
    """HanTa reads many Konjunktiv-I forms (*herrsche*, *sei*) as imperatives; in news they are finite.
    It also leaves typographic quotes and dashes as XY."""
    if tag in ("VVIMP", "VAIMP") and not (sentence_initial and form.endswith(("e", "t"))):
        return tag[:2] + "FIN"
    if tag == "XY" and form and all(c in _OTHER_PUNCT for c in form):
        return "$("
    return tag


def fix_lemma(lemma: str, form: str, tag: str) -> str:
    """Names keep their written form (HanTa turns *SPD* into *Spd*)."""
    if tag in ("NE", "FM", "XY") or (tag == "NN" and lemma.lower() == form.lower()):
        return form
    if tag.startswith("$"):
        return form
    return lemma


def annotate_sentence(annotator: HanTaAnnotator, tokens) -> None:
    """Tag one sentence's tokens (spaCy Token objects) in place."""
    real = [t for t in tokens if not t.is_space]
    lowers = [t.lower_ for t in real]
    analyses = annotator.tag_words([_HANTA_FORMS.get(t.text, t.text) for t in real])
    for k, (tok, (tag, lemma, morphemes)) in enumerate(zip(real, analyses)):
        tag = fix_tag(tag, tok.text, k == 0)
        tok.tag_ = tag
        tok.pos_ = stts_to_upos(tag)
        lemma = fix_lemma(lemma, tok.text, tag)
        tok.lemma_ = lemma
        if tag.startswith("V"):
            subject = subject_pronoun(lowers, k)
            feats = verb_features(tok.text, tag, lemma, morphemes, subject == "ich", subject == "wir")
            if feats:
                tok.set_morph("|".join(f"{k2}={v}" for k2, v in sorted(feats.items())))
    for tok in tokens:
        if tok.is_space:
            tok.tag_, tok.pos_, tok.lemma_ = "_SP", "SPACE", tok.text


@Language.factory("qt_de_hanta")
def make_hanta(nlp: Language, name: str):
    annotator = HanTaAnnotator()

    def hanta_component(doc: Doc) -> Doc:
        for sent in doc.sents:
            annotate_sentence(annotator, list(sent))
        return doc

    return hanta_component

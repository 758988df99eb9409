"""Lemmas, UPOS and verb morphology from the STTS tag via a lookup table (fast path after the CNN tagger).

``model/lexicon.tsv.gz`` (built by training/lexicon.py from HanTa silver data and UD GSD dev):
one line per (form, STTS tag): ``form<TAB>tag<TAB>lemma<TAB>morphemes<TAB>count``; an empty lemma
means the form itself; morphemes only for verbs (HanTa's segmentation, ``stem/TAG+suffix/TAG``),
used by morph.verb_features; count = how often the pair was seen (capped at 999).
A tag the tagger gives to a frequent form that was never seen with it is replaced by the form's
most frequent tag (``MIN_FORM_COUNT``).
Unknown forms fall back to HanTa, loaded lazily on the first unknown word and cached.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .hanta_tagger import fix_lemma
from .morph import subject_pronoun, verb_features
from .tagsets import stts_to_upos

_HANTA_RAW = {"VVFIN": "VV(FIN)", "VVINF": "VV(INF)", "VVPP": "VV(PP)", "VVIZU": "VV(IZU)", "VVIMP": "VV(IMP)",
              "VAFIN": "VA(FIN)", "VAINF": "VA(INF)", "VAPP": "VA(PP)", "VAIMP": "VA(IMP)",
              "VMFIN": "VM(FIN)", "VMINF": "VM(INF)", "VMPP": "VM(PP)", "ADJA": "ADJ(A)", "ADJD": "ADJ(D)",
              "PROAV": "PROAV"}
MIN_FORM_COUNT = 5
_ICH = "ich"
_WIR = "wir"


def encode_morphemes(morphemes) -> str:
    return "+".join(f"{m}/{t}" for m, t in morphemes)


def decode_morphemes(text: str) -> tuple:
    if not text:
        return ()
    return tuple(tuple(part.rsplit("/", 1)) for part in text.split("+"))


class Lexicon:
    def __init__(self, path: Path, check_tags: bool = True) -> None:
        self.check_tags = check_tags
        self.entries: dict[tuple[str, str], tuple[str, tuple | str]] = {}
        self._counts: dict[tuple[str, str], int] = {}
        self.usual_tag: dict[str, tuple[str, int]] = {}  # form -> (most frequent tag, total count)
        entries, counts, usual = self.entries, self._counts, self.usual_tag
        with gzip.open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        for line in text.split("\n"):
            if not line:
                continue
            form, tag, lemma, morphemes, count = line.split("\t")
            entries[(form, tag)] = (lemma or form, morphemes)  # morphemes decoded when used
            n = counts[(form, tag)] = int(count)
            best = usual.get(form)
            if best is None:
                usual[form] = (tag, n)
            else:
                usual[form] = (tag if n > counts[(form, best[0])] else best[0], best[1] + n)
        self._hanta = None
        self._upos: dict[str, str] = {}
        self._feats: dict[tuple, str] = {}

    def checked_tag(self, form: str, tag: str) -> str:
        """The tagger's tag, unless a frequent form was never seen with it."""
        if (form, tag) in self.entries:
            return tag
        usual = self.usual_tag.get(form)
        if usual is not None and usual[1] >= MIN_FORM_COUNT:
            return usual[0]
        return tag

    def lookup(self, form: str, tag: str) -> tuple[str, tuple]:
        hit = self.entries.get((form, tag))
        if hit is None and form[:1].isupper():
            hit = self.entries.get((form.lower(), tag))
        if hit is None:
            hit = self._unknown(form, tag)
            self.entries[(form, tag)] = hit
        return hit

    def _unknown(self, form: str, tag: str) -> tuple[str, tuple]:
        if tag.startswith("$") or tag in ("NE", "FM", "XY", "CARD", "_SP"):
            return form, ()
        if self._hanta is None:
            from .hanta_tagger import hanta

            self._hanta = hanta()
        raw = _HANTA_RAW.get(tag, tag)
        tag_id = self._hanta.tag2int.get(raw)
        if tag_id is None:
            return form, ()
        lemma = self._hanta._analyze(form, tag_id, taglevel=1)[0]
        morphemes = tuple(self._hanta._analyze(form, tag_id, taglevel=3)[1]) if tag.startswith("V") else ()
        return fix_lemma(lemma, form, tag), morphemes

    def upos(self, tag: str) -> str:
        hit = self._upos.get(tag)
        if hit is None:
            hit = self._upos[tag] = stts_to_upos(tag)
        return hit

    def feats(self, form: str, tag: str, lemma: str, morphemes: tuple, ich: bool, wir: bool) -> str:
        key = (form, tag, ich, wir)
        hit = self._feats.get(key)
        if hit is None:
            feats = verb_features(form, tag, lemma, morphemes, ich, wir)
            hit = self._feats[key] = "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
        return hit

    def __call__(self, doc: Doc) -> Doc:
        lowers = None
        for i, tok in enumerate(doc):
            tag = tok.tag_
            if tok.is_space:
                tok.tag_, tok.pos_, tok.lemma_ = "_SP", "SPACE", tok.text
                continue
            form = tok.text
            if self.check_tags:
                fixed = self.checked_tag(form, tag)
                if fixed != tag:
                    tok.tag_ = tag = fixed
            tok.pos_ = self.upos(tag)
            lemma, morphemes = self.lookup(form, tag)
            tok.lemma_ = lemma
            if tag[:1] == "V":
                if isinstance(morphemes, str):
                    morphemes = decode_morphemes(morphemes)
                if lowers is None:
                    lowers = [t.lower_ for t in doc]
                subject = subject_pronoun(lowers, i)
                feats = self.feats(form, tag, lemma, morphemes, subject == _ICH, subject == _WIR)
                if feats:
                    tok.set_morph(feats)
        return doc


@Language.factory("qt_de_lexicon", default_config={"path": None, "check_tags": True})
def make_lexicon(nlp: Language, name: str, path: str | None, check_tags: bool):
    from .resources import MODEL_DIR

    return Lexicon(Path(path) if path else MODEL_DIR / "lexicon.tsv.gz", check_tags)

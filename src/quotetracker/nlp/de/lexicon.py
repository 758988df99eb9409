"""Lemmas, UPOS and verb morphology from the STTS tag via a lookup table (fast path after the CNN tagger).

``model/lexicon.tsv.gz`` (built by training/lexicon.py from HanTa silver data and UD GSD dev):
one line per (form, STTS tag): ``form<TAB>tag<TAB>lemma<TAB>morphemes<TAB>count``; an empty lemma
means the form itself; morphemes only for verbs (HanTa's segmentation, ``stem/TAG+suffix/TAG``),
used by morph.verb_features; count = how often the pair was seen (capped at 999).
A tag the tagger gives to a frequent form that was never seen with it is replaced by the form's
most frequent tag (``MIN_FORM_COUNT`` = 1 measured best on GSD test: STTS +0.2, lemma +0.2).
Unknown forms fall back to HanTa, loaded lazily on the first unknown word and cached.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from .hanta_tagger import fix_lemma
from .morph import SUBJECT_CONTEXT_WORDS, subject_pronoun, verb_features
from .tagsets import stts_to_upos

_HANTA_RAW = {"VVFIN": "VV(FIN)", "VVINF": "VV(INF)", "VVPP": "VV(PP)", "VVIZU": "VV(IZU)", "VVIMP": "VV(IMP)",
              "VAFIN": "VA(FIN)", "VAINF": "VA(INF)", "VAPP": "VA(PP)", "VAIMP": "VA(IMP)",
              "VMFIN": "VM(FIN)", "VMINF": "VM(INF)", "VMPP": "VM(PP)", "ADJA": "ADJ(A)", "ADJD": "ADJ(D)",
              "PROAV": "PROAV"}
MIN_FORM_COUNT = 1
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
        self._resolved: dict[tuple[int, int], tuple] = {}
        self._relevant: dict[int, str] | None = None

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

    def _subject_words(self, strings) -> dict[int, str]:
        """Hash -> word for the few lower-case words that subject_pronoun looks at."""
        if self._relevant is None:
            self._relevant = {strings.add(w): w for w in SUBJECT_CONTEXT_WORDS}
        return self._relevant

    def _resolve(self, strings, orth: int, tag_hash: int) -> tuple:
        """(tag hash, UPOS id, lemma hash, verb info or None) for a (word id, tag id) pair."""
        form, tag = strings[orth], strings[tag_hash] if tag_hash else ""
        if form.isspace():
            return strings.add("_SP"), POS_IDS["SPACE"], orth, None
        if self.check_tags:
            tag = self.checked_tag(form, tag)
        lemma, morphemes = self.lookup(form, tag)
        verb = None
        if tag[:1] == "V":
            verb = (form, tag, lemma, decode_morphemes(morphemes) if isinstance(morphemes, str) else morphemes)
        return strings.add(tag), POS_IDS.get(self.upos(tag), POS_IDS["X"]), strings.add(lemma), verb

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        cache = self._resolved
        arr = doc.to_array([ORTH, TAG, LOWER])
        out = numpy.zeros((len(doc), 3), dtype="uint64")
        verbs = []
        rows = arr.tolist()
        for i, (orth, tag_hash, _) in enumerate(rows):
            hit = cache.get((orth, tag_hash))
            if hit is None:
                hit = cache[(orth, tag_hash)] = self._resolve(strings, orth, tag_hash)
            out[i, 0], out[i, 1], out[i, 2] = hit[0], hit[1], hit[2]
            if hit[3] is not None:
                verbs.append((i, hit[3]))
        doc.from_array([TAG, POS, LEMMA], out)
        if verbs:
            relevant = self._subject_words(strings)
            lowers = [relevant.get(row[2], "") for row in rows]
            for i, (form, tag, lemma, morphemes) in verbs:
                subject = subject_pronoun(lowers, i)
                feats = self.feats(form, tag, lemma, morphemes, subject == _ICH, subject == _WIR)
                if feats:
                    doc[i].set_morph(feats)
        return doc


@Language.factory("qt_de_lexicon", default_config={"path": None, "check_tags": True})
def make_lexicon(nlp: Language, name: str, path: str | None, check_tags: bool):
    from .resources import MODEL_DIR

    return Lexicon(Path(path) if path else MODEL_DIR / "lexicon.tsv.gz", check_tags)

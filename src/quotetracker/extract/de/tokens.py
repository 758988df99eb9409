"""A light, read-only view of a spaCy Doc's tokens for the rules.

The rules need a coarse word class per token. They take the STTS tag from the
NLP pipeline when it is set and otherwise guess it from closed word lists and
capitalisation, so extraction degrades gracefully on a bare tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import suffixes, verb_table, words

PUNCT = set(",.;:!?()[]{}–—-/…\"'„“”»«‚‘’›‹")
QUOTE_MARKS = set("„“”»«‚‘’\"'›‹")


@dataclass(slots=True)
class Tok:
    i: int  # index in the view
    text: str
    lower: str
    start: int  # character offset
    end: int
    tag: str  # STTS (pipeline) or guessed
    konj: str | None  # "I", "II" or None
    ent: str  # PER/ORG/LOC/MISC or ""
    sent_start: bool
    indicative: bool = False  # the pipeline marked Mood=Ind
    lemma: str = ""

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_punct(self) -> bool:
        return self.tag.startswith("$") or all(c in PUNCT for c in self.text)


def _guess_tag(text: str, lower: str, sent_initial: bool, prev_lower: str | None) -> str:
    w = words()
    if all(c in PUNCT for c in text):
        return "$," if text == "," else ("$." if text in ".!?;:" else "$(")
    if text[:1].isdigit():
        return "CARD"
    if lower in w["determiners"] and (not text[:1].isupper() or sent_initial):
        return "ART"
    if lower in ("er", "sie", "es", "ich", "wir", "ihr", "man", "du") and (text.islower() or sent_initial or text == "Sie"):
        return "PPER"
    if lower in w["prepositions"] or lower in ("laut", "gemäß", "zufolge"):
        if text.islower() or sent_initial:
            return "APPR"
    if lower in w["subordinators"] and (text.islower() or sent_initial):
        return "KOUS"
    if lower in w["coordinators"] and (text.islower() or sent_initial):
        return "KON"
    if lower in w["finite_aux"] and (text.islower() or sent_initial):
        return "VAFIN"
    if lower in verb_table() and (text.islower() or sent_initial):
        return "VVFIN"
    if text[:1].isupper():
        return "NN"
    if prev_lower is not None and prev_lower in w["determiners"] and lower.endswith(("e", "en", "er", "es", "em")):
        return "ADJA"
    return "XY"


def _konj(token, mood: list[str], konjunktiv_of) -> str | None:
    """Konjunktiv from the morphology: the pipeline's own reading (``Token._.konjunktiv``, computed
    here from Mood and Tense without the slow extension lookup) where it registers one, else "I"."""
    if "Sub" not in mood:
        return None
    if konjunktiv_of is not None and mood[0] == "Sub":
        tense = token.morph.get("Tense")
        k = konjunktiv_of("Sub", tense[0] if tense else "Pres")
        if k:
            return k
    return "I"  # I vs II cannot be told from UD morphology alone; the word lists refine it


def _konjunktiv_reader():
    """The pipeline's Konjunktiv reading when its extension is registered (as Token._.konjunktiv)."""
    from spacy.tokens import Token

    if not Token.has_extension("konjunktiv"):
        return None
    try:
        from ...nlp.de.morph import konjunktiv_of
    except ImportError:
        return None
    return konjunktiv_of


def view(doc) -> list[Tok]:
    """One Tok per spaCy token (whitespace tokens dropped)."""
    toks: list[Tok] = []
    prev_lower = None
    w = words()
    konjunktiv_of = _konjunktiv_reader()
    for t in doc:
        if t.is_space:
            continue
        text = t.text
        lower = text.lower()
        sent_start = bool(t.is_sent_start)
        sent_initial = sent_start or not toks or toks[-1].text in ".!?:„“\"»«"
        tag = t.tag_ or _guess_tag(text, lower, sent_initial, prev_lower)
        mood = t.morph.get("Mood")
        konj = _konj(t, mood, konjunktiv_of)
        if konj is None and lower in w["konjunktiv1"] and text.islower():
            konj = "II" if lower in w["konjunktiv2_strong"] else "I"
        toks.append(Tok(len(toks), text, lower, t.idx, t.idx + len(text), tag, konj, t.ent_type_ or "",
                        sent_start, "Ind" in mood, t.lemma_ or ""))
        prev_lower = lower
    return toks


def is_noun(t: Tok) -> bool:
    return t.tag in ("NN", "NE", "FM") or (t.tag == "XY" and t.is_cap)


def is_role_noun(t: Tok) -> bool:
    """A capitalised role noun (Minister, Kreml-Sprecher), also where the tagger called a
    sentence-initial compound a proper noun (Bundesgesundheitsminister/NE)."""
    if not t.is_cap:
        return False
    # a surname can end like a role (Richter, Meister): an NE counts only outside person names
    return t.tag == "NN" or t.tag == "NE" and t.ent != "PER" and t.lower.endswith(suffixes("person_role_suffixes"))


def is_source_noun(t: Tok) -> bool:
    """A noun naming a source of information (Angaben, Worten, Auffassung, ...Bericht)."""
    return t.text in words()["source_nouns"] or t.lower.endswith(suffixes("source_noun_suffixes"))


def is_det(t: Tok) -> bool:
    return t.tag in ("ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PRELAT", "PWAT")


def is_adj(t: Tok) -> bool:
    return t.tag in ("ADJA", "CARD")


def is_finite_verb(t: Tok) -> bool:
    return t.tag in ("VVFIN", "VAFIN", "VMFIN")


def is_verb(t: Tok) -> bool:
    return t.tag.startswith("V")

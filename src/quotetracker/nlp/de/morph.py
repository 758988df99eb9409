"""Verb morphology by rule from (form, STTS tag, lemma, HanTa morphemes, subject pronoun nearby).

Gives UD features Mood, Tense, Person, Number, VerbForm for verbs. Konjunktiv I is the
subjunctive of the present stem (*sei*, *habe*, *könne*, *erschwere*); Konjunktiv II the
subjunctive of the past stem (*wäre*, *hätte*, *würde*, *käme*). A form like *habe* is
Konjunktiv I unless *ich* is its neighbour (then it is indicative, 1st person).
"""

from __future__ import annotations

from .resources import word_list

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_SPECIAL_PRESENT = {
    "bin": ("1", "Sing"), "bist": ("2", "Sing"), "ist": ("3", "Sing"), "sind": ("3", "Plur"),
    "seid": ("2", "Plur"), "kann": ("3", "Sing"), "muss": ("3", "Sing"), "muß": ("3", "Sing"),
    "will": ("3", "Sing"), "soll": ("3", "Sing"), "darf": ("3", "Sing"), "mag": ("3", "Sing"),
    "weiß": ("3", "Sing"), "hat": ("3", "Sing"), "wird": ("3", "Sing"),
}
_PAST_STRONG_IRREGULAR = {"war": "Sing", "waren": "Plur", "wurde": "Sing", "wurden": "Plur",
                          "hatte": "Sing", "hatten": "Plur"}
FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
NONFINITE = {"VVINF": "Inf", "VAINF": "Inf", "VMINF": "Inf", "VVIZU": "Inf",
             "VVPP": "Part", "VAPP": "Part", "VMPP": "Part"}


def _stem(lemma: str) -> str:
    lemma = lemma.lower()
    if lemma.endswith("en"):
        return lemma[:-2]
    if lemma.endswith(("eln", "ern", "n")):
        return lemma[:-1]
    return lemma


def _is_present_stem_plus_e(form: str, lemma: str) -> bool:
    """*erschwere* from *erschweren*, *handle* from *handeln*, *stelle* (fest) from *feststellen*."""
    if not form.endswith("e") or len(form) < 3:
        return False
    stem = _stem(lemma)
    body = form[:-1]
    if stem.endswith(body) and len(body) >= 2:
        return True
    if stem.endswith(("el", "er")) and stem.endswith(body[:-1] + stem[-2:]) and body.endswith(stem[-1]):
        return True  # handle / handele
    return False


def verb_features(form: str, tag: str, lemma: str, morphemes: tuple = (), ich_nearby: bool = False,
                  wir_nearby: bool = False) -> dict[str, str]:
    """UD features for a verb token (empty dict for anything else)."""
    if tag in NONFINITE:
        return {"VerbForm": NONFINITE[tag]}
    if tag not in FINITE_TAGS and tag not in ("VVIMP", "VAIMP"):
        return {}
    if tag in ("VVIMP", "VAIMP"):
        return {"Mood": "Imp", "VerbForm": "Fin"}
    f = form.lower()
    feats = {"VerbForm": "Fin"}
    if f in word_list("konjunktiv1_forms"):
        number = "Plur" if f.endswith("n") else "Sing"
        return feats | {"Mood": "Sub", "Tense": "Pres", "Person": "1" if ich_nearby else "3", "Number": number}
    if f in word_list("konjunktiv2_forms") or _umlauted_past_subjunctive(f, lemma, morphemes):
        number = "Plur" if f.endswith("n") else "Sing"
        return feats | {"Mood": "Sub", "Tense": "Past", "Person": "1" if ich_nearby else "3", "Number": number}
    if f in _SPECIAL_PRESENT:
        person, number = _SPECIAL_PRESENT[f]
        return feats | {"Mood": "Ind", "Tense": "Pres", "Person": person, "Number": number}
    if f in _PAST_STRONG_IRREGULAR:
        return feats | {"Mood": "Ind", "Tense": "Past", "Person": "1" if ich_nearby else "3",
                        "Number": _PAST_STRONG_IRREGULAR[f]}
    if _is_present_stem_plus_e(f, lemma):
        if ich_nearby:
            return feats | {"Mood": "Ind", "Tense": "Pres", "Person": "1", "Number": "Sing"}
        return feats | {"Mood": "Sub", "Tense": "Pres", "Person": "3", "Number": "Sing"}
    past = _is_past(f, lemma, morphemes)
    if f.endswith("st"):
        person, number = "2", "Sing"
    elif f.endswith("n"):
        person, number = ("1" if wir_nearby else "3"), "Plur"
    elif f.endswith("t") and not past:
        person, number = "3", "Sing"
    else:
        person, number = ("1" if ich_nearby else "3"), "Sing"
    return feats | {"Mood": "Ind", "Tense": "Past" if past else "Pres", "Person": person, "Number": number}


def _is_past(f: str, lemma: str, morphemes: tuple) -> bool:
    if morphemes:
        suffix = morphemes[-1][0] if morphemes[-1][1].startswith("SUF") else ""
        if suffix in ("te", "ten", "test", "tet", "ete", "eten", "etest"):
            return True
        stem_tag = morphemes[0][1]
        if stem_tag.endswith(("_VAR", "_IRR")) and suffix in ("", "en", "n", "st", "est"):
            first = morphemes[0][0]
            return not _stem(lemma).startswith(first) and first not in ("sind", "seid", "bin", "bist", "ist")
        return False
    stem = _stem(lemma)
    return any(f == stem + s for s in ("te", "ten", "test", "ete", "eten"))


def _umlauted_past_subjunctive(f: str, lemma: str, morphemes: tuple) -> bool:
    """*käme*, *gäbe*, *stünde*: a varied stem with an umlaut that the lemma lacks, plus -e/-en."""
    if not morphemes or not f.endswith(("e", "en", "est")):
        return False
    first, first_tag = morphemes[0]
    if not first_tag.endswith("_VAR"):
        return False
    has_umlaut = any(c in first for c in "äöü")
    return has_umlaut and not any(c in _stem(lemma) for c in "äöü")


def konjunktiv_of(mood: str, tense: str) -> str | None:
    if mood != "Sub":
        return None
    return "II" if tense == "Past" else "I"


_OTHER_SUBJECTS = frozenset({"er", "sie", "es", "man", "wir", "ihr", "du", "der", "die", "das", "dieser", "diese"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "„", "“", "\"", "»", "«", "–"})


SUBJECT_CONTEXT_WORDS = frozenset({"ich", "wir"}) | _OTHER_SUBJECTS | _CLAUSE_BREAKS


def subject_pronoun(lowers: list[str], i: int, window: int = 8) -> str:
    """'ich' / 'wir' when that pronoun is the likely subject of the verb at ``i``: right after it
    (*habe ich*), or earlier in the same clause with no other subject in between
    (*das ich keine Lust habe*, *ich habe und werde*); else ''."""
    n = len(lowers)
    for j in (i + 1, i + 2):
        if j < n and lowers[j] in ("ich", "wir"):
            return lowers[j]
        if j < n and lowers[j] in _CLAUSE_BREAKS:
            break
    for j in range(i - 1, max(-1, i - 1 - window), -1):
        w = lowers[j]
        if w in ("ich", "wir"):
            return w
        if w in _CLAUSE_BREAKS or w in _OTHER_SUBJECTS:
            return ""
    return ""

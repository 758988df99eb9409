"""Load the German cue lexicons (data files in ``lexicon/``) into lookup tables.

Verb entries list a lemma and either ``weak: true`` (regular forms generated
here) or explicit irregular ``forms``; separable verbs carry a ``particle`` and
get both split forms (*teilte … mit*: the particle must follow in the clause)
and joined forms (*mitteilte*, *mitgeteilt*, *mitzuteilen*).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DIR = Path(__file__).parent / "lexicon"
_NO_GE = ("be", "er", "ver", "ent", "zer", "emp", "ge", "miss", "über", "unter", "hinter", "wider")


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    cls: str  # speech | opinion | reported
    particle: str | None  # separable particle that must follow in the clause, else None
    finite: bool  # finite form (sagte) vs participle/infinitive (gesagt, sagen)
    reflexive: bool = False
    reported: bool = False  # without a content clause, the sentence is a reported statement
    reported_with: tuple[str, ...] = ()  # ... only when one of these words is in the clause (wertete X als Y)
    reported_not_with: tuple[str, ...] = ()  # ... never with these words (forderte zwölf Todesopfer)


def _weak_forms(lemma: str) -> tuple[list[str], list[str], str]:
    """(finite forms, non-finite forms, participle) of a regular verb."""
    if lemma.endswith(("ern", "eln")):
        stem, inf = lemma[:-1], lemma
    else:
        stem, inf = lemma[:-2], lemma
    # rechnete, atmete (consonant + m/n) but mahnte, lehnte (the h only lengthens the vowel)
    lengthening_h = stem[-2:-1] == "h" and stem[-3:-2] in tuple("aeiouäöü")
    e = "e" if stem.endswith(("t", "d")) or (stem[-1:] in "mn" and stem[-2:-1] not in "lraeiouäöüm"
                                             and stem[-2:-1] != "" and not lengthening_h) else ""
    finite = [stem + e + "t", stem + e + "te", stem + e + "ten", stem + "e", stem + e + "test"]
    if lemma.endswith("ieren") or lemma.startswith(_NO_GE):
        part = stem + e + "t"
    else:
        part = "ge" + stem + e + "t"
    return finite + [inf], [inf, part], part


@lru_cache(maxsize=1)
def verb_table() -> dict[str, list[VerbCue]]:
    """Lower-cased form -> the verb cues it can be."""
    data = json.loads((_DIR / "verbs.json").read_text(encoding="utf-8"))
    table: dict[str, list[VerbCue]] = {}

    def add(form: str, cue: VerbCue) -> None:
        lst = table.setdefault(form.lower(), [])
        if cue not in lst:
            lst.append(cue)

    for lemma, entry in data.items():
        if lemma.startswith("_"):
            continue
        cls = entry.get("class", "speech")
        particle = entry.get("particle")
        traits = (bool(entry.get("reflexive")), bool(entry.get("reported")),
                  tuple(entry.get("reported_with", ())), tuple(entry.get("reported_not_with", ())))
        base = lemma[len(particle):] if particle else lemma
        if entry.get("weak"):
            finite, nonfinite, _ = _weak_forms(base)
        else:
            forms = entry["forms"].split()
            nonfinite = [f[1:] for f in forms if f.startswith("*")] + [base]
            finite = [f for f in forms if not f.startswith("*")] + [base]
        split, finite_cue, nonfinite_cue = (VerbCue(lemma, cls, particle, True, *traits),
                                            VerbCue(lemma, cls, None, True, *traits),
                                            VerbCue(lemma, cls, None, False, *traits))
        for f in finite:
            add(f, split)
        for f in nonfinite:
            if not particle:
                add(f, nonfinite_cue)
        if particle:
            for f in finite:
                add(particle + f, finite_cue)
            for f in nonfinite:
                add(particle + f, nonfinite_cue)
            add(particle + "zu" + base, nonfinite_cue)
    return table


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    data = json.loads((_DIR / "words.json").read_text(encoding="utf-8"))
    out = {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}
    learned = learned_cues()
    nouns = set(out["source_nouns"]) | {n for n, c in learned.get("source_nouns", {}).items() if c >= 2 and _looks_like_source_noun(n)}
    out["source_nouns"] = frozenset(nouns)
    return out


@lru_cache(maxsize=None)
def suffixes(key: str) -> tuple[str, ...]:
    """A suffix list of words.json as the tuple ``str.endswith`` takes, built once (hot per-token checks)."""
    return tuple(words()[key])


def _looks_like_source_noun(word: str) -> bool:
    # learned nouns after nach/laut include names (Donald, Sergei); keep the speech-ish ones
    return word.lower().endswith(("angaben", "aussagen", "aussage", "bericht", "berichten", "meinung", "ansicht",
                                  "informationen", "einschätzung", "auffassung", "schätzungen", "erkenntnissen",
                                  "studie", "umfrage", "analyse", "worten", "ermittlungen", "berechnungen"))


@lru_cache(maxsize=1)
def learned_cues() -> dict:
    path = _DIR / "learned_cues.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))

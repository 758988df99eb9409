"""Name normalisation and transliteration keys.

Two levels of sameness:

* :func:`normalize_name` — the same spelling up to case, diacritics, whitespace,
  hyphenation and a genitive -s ("Peskows" / "peskow"): used for display
  grouping and stable keys.
* :func:`translit_key` — the same name across German and English
  transliterations (Peskow/Peskov, Selenskyj/Zelenskyy, Chodorkowski/
  Khodorkovsky) by the ordered rewrite rules in ``data/translit_rules.tsv``.

:func:`parse_person` splits a mention such as "Kreml-Sprecher Dmitri Peskow"
into a role ("kremlsprecher") and the name tokens (["Dmitri", "Peskow"]).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "fold",
    "normalize_org",
    "normalize_name",
    "name_tokens",
    "translit_key",
    "strip_genitive",
    "parse_person",
    "ParsedName",
    "normalize_role",
    "is_role_word",
    "is_generic_role",
    "is_generic_noun",
    "canonical_role",
]

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o"}
_APOSTROPHES = "'’`´"
_DASHES = "-‐‑‒–—"
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[" + _DASHES + r"][^\W\d_]+)*\.?", re.UNICODE)


def _data_lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower case, German umlauts spelled out (ü → ue), other diacritics dropped (é → e)."""
    s = text.casefold()
    s = "".join(_UMLAUTS.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def strip_genitive(token: str) -> str:
    """Drop an English or German genitive ending: "Obama's" → "Obama", "Putins" is left to the caller."""
    for apo in _APOSTROPHES:
        if token.endswith(apo + "s"):
            return token[:-2]
        if token.endswith(apo):
            return token[:-1]
    return token


def name_tokens(name: str) -> list[str]:
    """Word tokens of a name: hyphenated parts kept together, genitive apostrophes dropped."""
    cleaned = "".join(ch if ch not in _APOSTROPHES else "'" for ch in name)
    out = []
    for raw in re.split(r"[\s,;:()\"„“”«»]+", cleaned):
        raw = strip_genitive(raw.strip(".'"))
        if raw:
            out.append(raw)
    return out


def normalize_org(name: str) -> str:
    """Key of an organisation or place: normalised name without a leading article, adjective endings folded.

    "Deutschem Wetterdienst" = "der Deutsche Wetterdienst"; "Die Polizei" = "Polizei".
    """
    toks = normalize_name(name).split()
    while toks and toks[0] in _ARTICLES:
        toks = toks[1:]
    return " ".join(re.sub(r"(isch|sch|lich|ig|al)(e|em|en|er|es)$", r"\1", t) for t in toks)


@lru_cache(maxsize=262144)
def normalize_name(name: str) -> str:
    """Same spelling up to case, diacritics, whitespace and hyphenation: "Kramp-Karrenbauer" = "kramp karrenbauer"."""
    toks = [fold(t) for t in name_tokens(name)]
    toks = [re.sub("[" + _DASHES + "]", " ", t) for t in toks]
    return " ".join(" ".join(toks).split())


@lru_cache(maxsize=1)
def _translit_rules() -> list[tuple[re.Pattern[str], str]]:
    rules = []
    for line in _data_lines("translit_rules.tsv"):
        pattern, _, repl = line.partition("\t")
        rules.append((re.compile(pattern), repl))
    return rules


@lru_cache(maxsize=65536)
def translit_key(token: str) -> str:
    """Skeleton of one name token shared by its German and English transliterations."""
    s = fold(token)
    s = re.sub(r"[^a-z]", "", s)
    for pattern, repl in _translit_rules():
        s = pattern.sub(repl, s)
    return s


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(_data_lines("titles.txt"))


@lru_cache(maxsize=1)
def _non_name_words() -> frozenset[str]:
    return frozenset(fold(w) for w in _data_lines("non_name_words.txt"))


@lru_cache(maxsize=1)
def _generic_nouns() -> tuple[str, ...]:
    return tuple(sorted({fold(w) for w in _data_lines("generic_nouns.txt")}, key=len, reverse=True))


@lru_cache(maxsize=262144)
def is_generic_noun(name: str) -> bool:
    """A one-word collective ("Polizei", "Landesregierung", "Gericht") that names a different body in each article."""
    toks = name_tokens(name)
    toks = [t for t in toks if fold(t) not in _ARTICLES]
    if len(toks) != 1:
        return False
    w = fold(toks[0]).replace("-", "")
    if w.startswith("bundes"):
        return False
    return any(w.endswith(g) for g in _generic_nouns())


@lru_cache(maxsize=1)
def _role_heads() -> tuple[str, ...]:
    # longest first so "premierminister" wins over "minister"
    return tuple(sorted({fold(w) for w in _data_lines("role_words.txt")}, key=len, reverse=True))


@lru_cache(maxsize=262144)
def is_role_word(token: str) -> bool:
    """A role noun such as "Kreml-Sprecher", "Bundeskanzlerin", "US-Präsidenten", "spokesman"."""
    w = re.sub("[" + _DASHES + "]", "", fold(token)).rstrip(".")
    if not w[:1].isalpha():
        return False
    stems = {w, w[:-1], w[:-2]} if len(w) > 5 else {w}  # Sprechers, Präsidenten, Kanzlerin
    return any(s.endswith(h) for s in stems for h in _role_heads())


_ADJ_END = re.compile(r"(isch|lich|ig)(e|en|er|es|em)$")
_NOMINAL_ADJ = re.compile(r"ende[rn]?$")
_FEMININE = re.compile(r"(er|ent|eur|är|ar)in$")
_ARTICLES = {
    "der", "die", "das", "des", "dem", "den", "the", "a", "an", "ein", "eine", "einer", "eines", "einem",
    "sein", "seine", "seines", "seiner", "seinem", "seinen", "ihr", "ihre", "ihres", "ihrer", "ihrem", "ihren", "his", "her", "their", "its",
}  # fmt: skip


@lru_cache(maxsize=262144)
def normalize_role(text: str) -> str:
    """Role key: lower case, no articles/hyphens, adjectives and feminine forms folded.

    "der Kreml-Sprecher" = "Kremlsprecher" = "Kremlsprecherin" → "kremlsprecher";
    "des russischen Präsidenten" → "russisch präsident".
    """
    words = []
    for tok in re.split(r"\s+", text.strip().casefold()):
        tok = tok.strip(".,;:()\"'„“”")
        tok = re.sub("[" + _DASHES + "]", "", tok)
        if not tok or tok in _ARTICLES:
            continue
        tok = _ADJ_END.sub(r"\1", tok)
        tok = _FEMININE.sub(r"\1", tok)
        tok = _NOMINAL_ADJ.sub("end", tok)  # der Vorsitzende / ein Vorsitzender / des Vorsitzenden
        if tok.endswith("enten") and len(tok) > 7:  # Präsidenten → Präsident (weak noun)
            tok = tok[:-2]
        words.append(tok)
    return " ".join(words)


def is_generic_role(role: str) -> bool:
    """A bare role noun ("präsident", "sprecher", "minister") names no one without context."""
    return " " not in role and fold(role) in set(_role_heads())


@lru_cache(maxsize=1)
def role_synonyms() -> dict[str, str]:
    table = {}
    for line in _data_lines("role_synonyms.tsv"):
        src, _, dst = line.partition("\t")
        table[normalize_role(src)] = normalize_role(dst)
    return table


def canonical_role(text: str) -> str:
    key = normalize_role(text)
    return role_synonyms().get(key, key)


@dataclass(frozen=True, slots=True)
class ParsedName:
    role: str | None  # canonical role key, e.g. "kremlsprecher"
    tokens: tuple[str, ...]  # name tokens as written, titles and roles removed

    @property
    def surname(self) -> str | None:
        return self.tokens[-1] if self.tokens else None

    @property
    def given(self) -> tuple[str, ...]:
        return self.tokens[:-1]


_PARTICLES = frozenset({"von", "van", "der", "den", "de", "di", "da", "du", "del", "della", "zu", "bin", "ibn", "al", "el", "la", "le", "ten", "ter"})


_GENITIVE_LINKS = frozenset({"des", "der", "of", "the"})


_ROLE_END = frozenset({"von", "vom", "für", "laut", "in", "im", "aus", "bei", "beim", "am", "an", "auf", "mit", "zu", "zum", "zur", "und", "sowie", "for", "at", "in", "with", "and", "from", "on"})
_AFFILIATION = frozenset({"von", "vom", "of", "from", "bei", "at", "aus"})
_LEADING_PREPOSITIONS = frozenset({"von", "laut", "nach", "zufolge", "bei", "fuer", "mit", "by", "from", "according"})
_PARTICLE_ARTICLES = frozenset({"der", "den"})  # particles only after von/van: "von der Leyen"


def _is_break(toks: list[str], k: int) -> bool:
    """A token that cannot be inside a personal name: a role noun or a lower-case word."""
    tok = toks[k]
    if tok in _PARTICLES and k > 0 and is_role_word(toks[k - 1]) and not (k + 1 < len(toks) and toks[k + 1] in _PARTICLE_ARTICLES):
        return True  # "Bürgermeister von Paris": a preposition after a role, not a name particle
    if tok in _PARTICLES:
        # a particle belongs to a name only before its last part: "von der Leyen", not "Angaben von Peter Beck"
        rest = toks[k + 1 :]
        while rest and rest[0] in _PARTICLES:
            rest = rest[1:]
        before = 0  # capitalised name tokens right before the particle: one given name at most ("Ursula von der Leyen")
        j = k - 1
        while j >= 0 and toks[j] in _PARTICLES:
            j -= 1
        while j >= 0 and toks[j][:1].isupper() and not is_role_word(toks[j]):
            before, j = before + 1, j - 1
        if len(rest) == 1 and rest[0][:1].isupper() and not rest[0].isupper() and before <= 1 and not (tok in _PARTICLE_ARTICLES and not (k > 0 and toks[k - 1] in {"von", "van"})):
            return False
        return True
    if is_role_word(tok) or fold(tok) in _non_name_words():
        return True
    if not tok[:1].islower():
        return False
    return tok not in _PARTICLES


@lru_cache(maxsize=262144)
def parse_person(text: str | None) -> ParsedName:
    """Split a mention into role and name: "Kreml-Sprecher Dmitri Peskow" → ("kremlsprecher", ("Dmitri", "Peskow")).

    The name is the run of capitalised tokens after the last role noun or
    lower-case word ("der Sprecher des russischen Präsidenten, Dmitri Peskow"),
    or before the first one when the role follows ("Peskow, Kremlsprecher").
    Titles (Dr., Herr, Mr.) are dropped; particles (von der, de) stay with the
    surname. A mention that is only a role has no tokens.
    """
    if not text:
        return ParsedName(None, ())
    if "," in text:  # apposition: "Peskow, der Sprecher des Kremls" / "Kremlsprecher, Dmitri Peskow"
        parts = [parse_person(p) for p in text.split(",") if p.strip()]
        named = next((p for p in parts if p.tokens), None)
        role = next((p.role for p in parts if p.role), None)
        return ParsedName(role, named.tokens if named else ())
    titles = _titles()
    text = re.sub(r"\([^)]*\)", " ", text)  # "Christian Wulff (CDU)": the party is no part of the name
    toks = [t for t in name_tokens(text) if fold(t).rstrip(".") not in titles]
    while toks and fold(toks[0]) in _LEADING_PREPOSITIONS:  # "Von Obama", "Laut Merkel"
        toks = toks[1:]
    breaks = [k for k in range(len(toks)) if _is_break(toks, k)]
    for n, b in enumerate(breaks):
        prev = breaks[n - 1] if n else -1
        if toks[b] in _AFFILIATION and b - prev - 1 >= 2:
            # "Joe Stork von HRW", "Hauptmann Abraham Sipe von der US-Marineinfanterie": the name precedes the affiliation
            return ParsedName(_role_of(toks[: prev + 1]), tuple(toks[prev + 1 : b]))
    tail = toks[breaks[-1] + 1 :] if breaks else toks
    if breaks and (toks[breaks[-1]] in _GENITIVE_LINKS or (toks[breaks[-1]] in {"von", "of"} and breaks[-1] > 0 and is_role_word(toks[breaks[-1] - 1]))):
        tail = tail[1:]  # "Sprecher des Kremls (Peskow)", "President of Ukraine (Zelensky)": the genitive noun is role
    if not breaks:
        name, role_toks = toks, []
    elif tail and any(t[:1].isupper() for t in tail):
        name, role_toks = tail, toks[: len(toks) - len(tail)]
    elif is_role_word(toks[breaks[0]]) and toks[breaks[0]][:1].islower():
        name, role_toks = [], toks  # English "Kremlin spokesman": the capitals qualify the role
    else:
        name, role_toks = toks[: breaks[0]], toks
    lead = 0
    while lead < len(name) and name[lead] in _PARTICLES:
        lead += 1
    if lead and len(name) - lead == 1 and name[0] in {"von", "van", "zu", "de", "da", "di", "del"}:
        name = [" ".join(name)]  # "Ministerin von der Leyen": the surname with its particles
    else:
        name = name[lead:]
    if len(name) == 2 and name[0].lower() in _PARTICLES - _PARTICLE_ARTICLES:
        name = [name[0].lower() + " " + name[1]]  # sentence-initial "Zu Guttenberg" = "zu Guttenberg"
    joined: list[str] = []
    pending: list[str] = []
    for t in name:
        if t in _PARTICLES:
            pending.append(t)
            continue
        joined.append(" ".join([*pending, t]))
        pending = []
    return ParsedName(_role_of(role_toks), tuple(joined))


def _role_of(role_toks: list[str]) -> str | None:
    """The role in the words before a name: from the first role noun on, with the adjectives right before it.

    "Angaben von Kreml-Sprecher" → "kremlsprecher"; "der russische Präsident" → "russlandpräsident".
    """
    first = next((k for k, t in enumerate(role_toks) if is_role_word(t)), None)
    if first is None:
        return None
    head_lower = role_toks[first][:1].islower()  # English: "Kremlin spokesman", "council member"
    while first > 0:
        prev = role_toks[first - 1]
        if _ADJ_END.search(prev.casefold()) or (head_lower and prev[:1].isupper() and fold(prev) not in _non_name_words()):
            first -= 1
        else:
            break
    words = role_toks[first:]
    for k in range(1, len(words)):  # "Präsident von Venezuela", "Manager für": the role ends at a preposition
        if words[k] in _ROLE_END:
            words = words[:k]
            break
    return canonical_role(" ".join(words)) or None

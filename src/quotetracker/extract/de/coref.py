"""Resolve speaker mentions inside one document to the fullest name found there.

* pronouns (er / sie / plural sie) -> the most recent earlier speaker or person
  that agrees (plural *sie* prefers groups; *er*/*sie* prefer persons);
* role nouns (*der Kreml-Sprecher*) -> the name they stand beside anywhere in the
  document (*Kreml-Sprecher Dmitri Peskow*, *Peskow, der Sprecher des Kremls*);
* surname only (*Peskow*) -> the longest name ending in it (*Dmitri Peskow*);
* anonymous phrases (*ein Sprecher*, *Beobachter*) -> None.
"""

from __future__ import annotations

from .lexicon import suffixes, words
from .phrases import PRONOUNS, speaker_name_of
from .tokens import Tok, is_det, is_noun, is_role_noun, is_source_noun

_INDEFINITE = {"ein", "eine", "einer", "eines", "einem", "einen", "mehrere", "einige", "zahlreiche", "viele"}


def _namey(t: Tok) -> bool:
    """A token that can be part of a person's name (not a role noun like Kämmerin)."""
    return t.text[:1].isupper() and not is_role_noun(t) and (
        t.tag in ("NE", "FM", "XY") or t.tag.startswith("V") and not t.sent_start)


def name_start(toks: list[Tok], k: int, end: int) -> int | None:
    """First name-like token at or after k (skipping role nouns the NER put into PER)."""
    for m in range(k, end):
        if _namey(toks[m]) or toks[m].ent == "PER" and toks[m].tag != "NN":
            return m
        if toks[m].ent != "PER" and m > k:
            return None
    return None


def name_run_end(toks: list[Tok], k: int) -> int:
    """End of the person name starting at k: name-like tokens, plus one noun-tagged surname
    right after a first name (Karl Lauterbach with Lauterbach tagged NN)."""
    j = k
    while j < len(toks) and j - k < 4 and not (toks[j].sent_start and j > k) and (
            _namey(toks[j]) or toks[j].ent == "PER" and toks[j].tag != "NN" and toks[j].text[:1].isupper()
            or toks[j].tag == "NN" and j - k == 1 and toks[j].text[:1].isupper() and toks[j].ent in ("PER", "")
            and toks[k].tag == "NE"):
        j += 1
    return j


class NameTable:
    """Person and organisation names of one document, for surname and role lookups."""

    def __init__(self, toks: list[Tok], text: str) -> None:
        self.toks = toks
        self.text = text
        self.persons: list[tuple[int, str]] = []  # (token index, full name)
        self.roles: dict[str, list[tuple[int, str]]] = {}  # role noun (lower) -> [(token index, full name)]
        self._collect()
        self._collect_companies()

    def _collect(self) -> None:
        toks = self.toks
        k = 0
        while k < len(toks):
            if self._person_start(k):
                start = name_start(toks, k, len(toks)) if toks[k].ent == "PER" else k
                if start is None:
                    k += 1
                    continue
                k = start
                j = name_run_end(toks, k)
                if j == k:
                    k += 1
                    continue
                name = self.text[toks[k].start : toks[j - 1].end]
                self.persons.append((k, name))
                # titles are not roles: "Leiterin des Amts, Dr. Miriam Ostermann"
                before = k - 1
                while before > 0 and toks[before].text in words()["titles"]:
                    before -= 1
                # apposition: a role noun right before the name (Kreml-Sprecher Dmitri Peskow)
                if before >= 0 and is_role_noun(toks[before]):
                    self._add_role(toks[before].lower, k, name)
                # "einen neuen Oberbürgermeister: Jens Hessler"
                if before > 0 and toks[before].text == ":" and toks[before - 1].tag == "NN":
                    self._add_role(toks[before - 1].lower, k, name)
                # "die Leiterin des Gesundheitsamts, Miriam Ostermann,"
                if before > 0 and toks[before].text == ",":
                    m = before - 1
                    while m > 0 and toks[m].text not in ",.;:" and not toks[m].sent_start:
                        m -= 1
                    heads = [x for x in range(m, before) if toks[x].tag == "NN"]
                    if heads:
                        self._add_role(toks[heads[0]].lower, k, name)
                # "Peskow, der Sprecher des Kremls," / "Peskow, Sprecher des Kremls,"
                m = j
                if m + 2 < len(toks) and toks[m].text == ",":
                    m += 1
                    if toks[m].lower in ("der", "die"):
                        m += 1
                    if m < len(toks) and toks[m].tag == "NN":
                        self._add_role(toks[m].lower, k, name)
                k = j
            else:
                k += 1

    def _collect_companies(self) -> None:
        """'Der Maschinenbauer Nordwerk', 'die Gewerkschaft IG Metall': a class noun right before a
        proper name; later 'das Unternehmen' / 'die Gewerkschaft' stands for that name."""
        toks = self.toks
        w = words()
        for k in range(1, len(toks) - 1):
            t = toks[k]
            company = t.text in w["company_nouns"] or t.lower.endswith(suffixes("company_noun_suffixes"))
            # a capitalised company noun after a determiner is a noun even when tagged ADJA (the tagger
            # reads "Der Maschinenbauer Nordwerk" as adjective + noun)
            noun = t.tag == "NN" or (company and t.tag == "ADJA" and t.is_cap)
            if not (noun and (company or t.text in w["name_class_nouns"])) or not is_det(toks[k - 1]):
                continue
            j = k + 1
            while j < len(toks) and j - k <= 3 and toks[j].is_cap and toks[j].tag in ("NE", "NN", "FM", "XY") \
                    and toks[j].ent not in ("PER", "LOC") and not toks[j].sent_start:
                j += 1
            if j == k + 1 or j < len(toks) and is_noun(toks[j]):
                continue
            name = self.text[toks[k + 1].start : toks[j - 1].end]
            self._add_role(t.lower, k + 1, name)
            if company:
                for hypernym in w["company_nouns"]:
                    if hypernym.lower() != t.lower:
                        self._add_role(hypernym.lower(), k + 1, name)

    def _person_start(self, k: int) -> bool:
        """A person's name starts here: a PER entity, a known first name, or two name tokens the
        NER missed or mislabelled right after a role noun or an apposition comma."""
        toks = self.toks
        t = toks[k]
        if t.ent == "PER" and (k == 0 or toks[k - 1].ent != "PER"):
            return True
        w = words()
        if t.text in w["female_first_names"] or t.text in w["male_first_names"]:
            return k + 1 < len(toks) and toks[k + 1].text[:1].isupper() and toks[k + 1].tag != "$,"
        if t.tag == "NE" and t.ent != "ORG" and k + 1 < len(toks) and toks[k + 1].tag == "NE" and k > 0:
            prev = toks[k - 1]
            return prev.text == "," or prev.tag == "NN" and prev.is_cap or prev.text in w["titles"]
        # a lone surname right after a role noun: "Kreml-Sprecher Peskow"
        if t.tag == "NE" and t.ent != "ORG" and k > 0 and toks[k - 1].tag == "NN" \
                and toks[k - 1].lower.endswith(suffixes("person_role_suffixes")) \
                and not (k + 1 < len(toks) and toks[k + 1].tag == "NE"):
            return True
        return False

    def fullest(self, name: str) -> str:
        last = name.split()[-1] if name.split() else name
        best = name
        for _, full in self.persons:
            parts = full.split()
            if parts and parts[-1] == last and len(full) > len(best) and len(parts) <= 4:
                best = full
        return best

    def _add_role(self, role: str, k: int, name: str) -> None:
        self.roles.setdefault(role, []).append((k, name))

    @staticmethod
    def _nearest(entries: list[tuple[int, str]], k: int) -> str:
        before = [n for pos, n in entries if pos <= k]
        return before[-1] if before else entries[0][1]

    def role(self, toks: list[Tok], span: tuple[int, int]) -> str | None:
        """The name a role phrase stands for; the head noun decides (der Sprecher des Präsidenten
        is the Sprecher, not the Präsident); compounds match by their last part (Kanzlerin ~
        Bundeskanzlerin)."""
        heads = [k for k in range(span[0], span[1]) if toks[k].tag == "NN" or toks[k].is_cap and toks[k].tag != "ART"]
        if not heads:
            return None
        # "nach Auffassung der Kanzlerin", "Aussagen der Anwältin": the source is the attribute
        if len(heads) > 1 and is_source_noun(toks[heads[0]]):
            heads = heads[1:]
        head = toks[heads[0]].lower
        if head in self.roles:
            return self._nearest(self.roles[head], span[0])
        matches = [e for role, entries in self.roles.items() if len(head) >= 5 and role.endswith(head) for e in entries]
        return self._nearest(sorted(matches), span[0]) if matches else None

    def person_before(self, tok_index: int) -> str | None:
        best = None
        for k, name in self.persons:
            if k < tok_index:
                best = name
        return best


def is_person_role(name: str) -> bool:
    """A speaker name that is only a role phrase (amerikanische Präsident, Sprecher des Ministeriums):
    its first capitalised word is a person's role noun."""
    head = next((w for w in name.split() if w[:1].isupper()), "")
    return head.lower().endswith(suffixes("person_role_suffixes"))


def gender_of(toks: list[Tok], span: tuple[int, int], name: str | None) -> str | None:
    """'f', 'm', 'g' (group/organisation) or None, from first names and role nouns (-in)."""
    w = words()
    if name:
        first = name.split()[0]
        if first in w["female_first_names"]:
            return "f"
        if first in w["male_first_names"]:
            return "m"
    for k in range(span[0], span[1]):
        t = toks[k]
        if t.text in w["plural_group_nouns"] or t.ent == "ORG":
            return "g"
        if t.tag == "NN" and t.ent != "PER":
            low = t.lower
            if low.endswith("innen") or low.endswith(("e", "en")) and toks[span[0]].lower == "die" and t.text.endswith("en"):
                return "g"
            if low.endswith("in") and len(low) > 5:
                return "f"
            first = toks[span[0]].lower
            if first in ("die", "eine", "einer"):
                return "f"  # die Wahlkommission: "sie", not "er"
            if first in ("das", "ein") and low.endswith(suffixes("neuter_noun_suffixes")):
                return "n"
            return "m" if first in ("der", "ein", "dem", "des") or span[1] - span[0] > 1 else None
    return None


def _plural_pronoun(toks: list[Tok], k: int) -> bool:
    """Plural *sie*: the finite verb right before or after it ends in -en (sagten, erklärten)."""
    for m in (k + 1, k - 1):
        if 0 <= m < len(toks) and toks[m].tag in ("VVFIN", "VAFIN", "VMFIN"):
            return toks[m].lower.endswith("en")
    return False


def resolve_names(found, toks: list[Tok], text: str, table: NameTable | None = None) -> list[str | None]:
    """speaker_name for each Found (same order)."""
    table = table or NameTable(toks, text)
    order = sorted(range(len(found)), key=lambda i: found[i].content[0])
    resolved: dict[int, str | None] = {}
    # earlier speakers: (token index, name, gender); persons named in the text come second
    history: list[tuple[int, str, str | None]] = []
    persons = [(k, table.fullest(n), gender_of(toks, (k, k + 1), table.fullest(n))) for k, n in table.persons]
    for i in order:
        f = found[i]
        sp = f.meta.get("name_span") or f.speaker  # "nach eigenen Angaben": named by the subject
        name: str | None = None
        if sp is None:
            resolved[i] = None
            continue
        head = toks[sp[0]]
        if sp[1] - sp[0] == 1 and head.lower in PRONOUNS:
            if head.lower in ("er", "sie"):
                if head.lower == "er":
                    ok = ("m", None)
                elif _plural_pronoun(toks, sp[0]):
                    ok = ("g",)
                else:
                    ok = ("f", None, "g")
                found_earlier = False
                for k, n, g in reversed(history):
                    if k < sp[0] and g in ok:
                        name, found_earlier = n, True
                        break
                if not found_earlier:
                    name = next((n for k, n, g in reversed(persons) if k < sp[0] and g in ok), None)
        else:
            ents = [toks[k].ent for k in range(sp[0], sp[1])]
            if toks[sp[0]].lower in _INDEFINITE and "PER" not in ents:
                name = None
            else:
                name = speaker_name_of(toks, sp, text)
                role = table.role(toks, sp)
                if "PER" in ents and name:
                    name = table.fullest(name)
                elif name and len(name.split()) == 1 and name[:1].isupper():
                    full = table.fullest(name)
                    name = full if full != name else (role or name)
                else:
                    name = role or name
                unresolved_role = name is not None and "PER" not in ents and "NE" not in {
                    toks[k].tag for k in range(sp[0], sp[1])} and is_person_role(name) and role is None
                if unresolved_role or name and not name[:1].isupper() and len(name.split()) == 1:
                    # "der Staatsanwalt", never named in the text, and "demnach" (an adverb) name nobody;
                    # a later "er" still refers to that unnamed speaker
                    history.append((sp[0], None, gender_of(toks, sp, None)))
                    name = None
            if name:
                history.append((sp[0], name, gender_of(toks, sp, table.fullest(name))))
        resolved[i] = name
    return [resolved.get(i) for i in range(len(found))]

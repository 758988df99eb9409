"""Rule-based named entities (PER/ORG/LOC/MISC) from STTS tags, gazetteers and role cues.

Runs after the tagger (and the trained NER, when shipped). It fills gaps with gazetteer names,
relabels a model entity after a role cue (PER) or when the gazetteer knows its exact text (or its
genitive: *Somalias*), drops a leading role word from an entity (*Borussia-Manager Peter Pander*),
adds known given name + capitalised words as PER and club names (*FC Schalke 04*,
*Manchester United*) as ORG, marks bare surnames of persons named earlier in the document, and
trims punctuation from entity edges. Without a trained NER (``load("rules")``) it also labels runs of NE-tagged words.
Gazetteers: data/*.txt seed lists plus ``gazetteer.tsv`` (name -> label) built by training/.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .resources import MODEL_DIR, word_list

RELABEL_BY_GAZETTEER = True  # a model entity whose exact text the gazetteer knows takes the gazetteer's label
_NAME_LINKS = frozenset({"von", "van", "de", "der", "den", "di", "da", "del", "la", "bin", "al"})
# Options measured on the GermEval held-out part (see model/MODEL_CARD.md):
FIRST_NAME_PERSONS = True  # known given name + capitalised word(s) -> PER span
RULE_SPAN_REPLACES_SAME = True  # ... replaces a shorter PER entity inside it ("Jens" -> "Jens Böhrnsen")
RULE_SPAN_REPLACES_OTHER = True  # ... also replaces overlapping non-PER entities of at most its length
ROLE_COMPOUNDS = True  # "Borussia-Manager", "Gartenhistoriker": compounds ending in a role cue count as cues
_MIN_ROLE_SUFFIX = 6
GENITIVE_LOCATIONS = True  # "Somalias" / "Nordkoreas": gazetteer place + genitive s -> LOC
CLUB_NAMES = True  # "FC Schalke 04", "AS Rom", "Manchester United" -> ORG (data/org_prefixes, org_tails)
ORG_CUES = True  # "der Maschinenbauer Nordwerk", "die Firma Grünenthal" -> ORG (data/org_cues.txt)
SAINT_PLACES = True  # "St. Moritz", "Sankt Gallen" -> LOC with the "St." (GermEval test: 10 of 12)
QUOTED_TITLES = True  # der Song „One Bullet Left“, das Motto „…“ -> MISC (data/work_nouns.txt)
_QUOTE_PAIRS = {"„": ("“", "”", '"'), "»": ("«",), '"': ('"',), "“": ("”",)}
_MAX_TITLE_WORDS = 12
_MAX_NAME_WORDS = 4


def load_gazetteer(path=None) -> dict[str, str]:
    gaz: dict[str, str] = {}
    for name in word_list("locations"):
        gaz[name] = "LOC"
    for name in word_list("organisations"):
        gaz[name] = "ORG"
    path = path or MODEL_DIR / "gazetteer.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, label = line.split("\t")[:2]
                gaz.setdefault(name, label)
    return gaz


class NounEndings:
    """``word in endings``: a noun that is, or ends in, one of the (lower-case) entries: "Debütalbum" for
    "album", "Maschinenbauer" for "maschinenbauer". ``whole_word=False`` takes only compounds (the entry
    is a true ending: "Gartenhistoriker" for "historiker", not "Historiker" itself); ``capitalised=False``
    also takes lower-case words. Runs on every token, so the shortest-entry tail is checked first and
    rejects most words with one set lookup."""

    def __init__(self, entries, whole_word: bool = True, capitalised: bool = True) -> None:
        self.entries = frozenset(e.lower() for e in entries)
        self.lengths = sorted({len(e) for e in self.entries})
        self.min_len = self.lengths[0] if self.lengths else 0
        self.tails = frozenset(e[-self.min_len:] for e in self.entries) if self.min_len else frozenset()
        self.whole_word = whole_word
        self.capitalised = capitalised

    def __contains__(self, word: str) -> bool:
        if not self.tails or (self.capitalised and not word[:1].isupper()):
            return False
        lower = word.lower()
        longest = len(lower) if self.whole_word else len(lower) - 1  # a compound keeps a word before the ending
        if longest < self.min_len or lower[-self.min_len:] not in self.tails:
            return False
        return any(lower[-k:] in self.entries for k in self.lengths if k <= longest)


class EntityRules:
    """Adds gazetteer matches and runs of NE-tagged capitalised words that no model entity covers."""

    def __init__(self, gazetteer: dict[str, str], add_name_runs: bool = True) -> None:
        self.gaz = {n: lab for n, lab in gazetteer.items() if lab in ("PER", "ORG", "LOC", "MISC")}
        self.by_first: dict[str, list[tuple[int, str]]] = {}
        for name, label in self.gaz.items():
            words = name.split(" ")
            self.by_first.setdefault(words[0], []).append((len(words), label))
        for options in self.by_first.values():
            options.sort(reverse=True)
        self.roles = word_list("role_cues")
        self.first_names = word_list("first_names") | {n for n, lab in gazetteer.items() if lab == "FIRST"}
        self.org_suffixes = word_list("org_suffixes")
        self.stop_names = word_list("not_name_words")
        self.org_prefixes = word_list("org_prefixes")
        self.org_tails = word_list("org_tails")
        self.work_nouns = NounEndings(word_list("work_nouns"))
        self.org_cues = NounEndings(word_list("org_cues"))
        self.role_endings = NounEndings((r for r in self.roles if len(r) >= _MIN_ROLE_SUFFIX),
                                        whole_word=False, capitalised=False)
        # "Somalias": a gazetteer place (3+ letters) + genitive s; built once, not per word and document
        self.genitive_places = frozenset(n + "s" for n, lab in self.gaz.items() if lab == "LOC" and len(n) >= 3)
        self.add_name_runs = add_name_runs
        self.relabel = RELABEL_BY_GAZETTEER

    def _gazetteer_spans(self, doc: Doc, words: list[str]) -> list[Span]:
        out = []
        i, n = 0, len(words)
        while i < n:
            options = self.by_first.get(words[i])
            found = None
            for length, label in options or ():
                if i + length <= n and (length == 1 or " ".join(words[i:i + length]) in self.gaz):
                    found = Span(doc, i, i + length, label=label)
                    break
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def _name_runs(self, doc: Doc, words: list[str], tags: list[str]) -> list[Span]:
        out = []
        i, n = 0, len(words)
        while i < n:
            if tags[i] == "NE" and words[i][:1].isupper():
                j = i + 1
                while j < n and (
                    (tags[j] == "NE" and words[j][:1].isupper())
                    or (words[j] in _NAME_LINKS and j + 1 < n and tags[j + 1] == "NE")
                    or (len(words[j]) == 2 and words[j][1] == "." and words[j][0].isupper())
                ):
                    j += 1
                out.append(Span(doc, i, j, label=self._label_run(words, i, j)))
                i = j
            else:
                i += 1
        return out

    def _label_run(self, words: list[str], start: int, end: int) -> str:
        text = " ".join(words[start:end])
        if text in self.gaz:
            return self.gaz[text]
        prev = words[start - 1] if start else ""
        if prev in self.roles or words[start] in self.first_names:
            return "PER"
        if words[end - 1] in self.org_suffixes or (text.isupper() and len(text) <= 6):
            return "ORG"
        if prev in ("in", "nach", "aus", "im", "bei", "von") and end - start == 1:
            return "LOC"
        if end - start >= 2:
            return "PER"
        return "MISC"

    def __call__(self, doc: Doc) -> Doc:
        pairs = [(t.text, t.tag_) for t in doc]  # one pass: making Token objects is the main cost here
        words = [w for w, _ in pairs]
        tags = [t for _, t in pairs]
        found = self._gazetteer_spans(doc, words)
        if GENITIVE_LOCATIONS:
            found += [Span(doc, i, i + 1, label="LOC") for i, w in enumerate(words) if w in self.genitive_places]
        if self.add_name_runs:
            found += self._name_runs(doc, words, tags)
        existing = list(doc.ents)
        taken = set()
        for ent in existing:
            taken.update(range(ent.start, ent.end))
        if ORG_CUES:
            found += self._org_cue_spans(doc, words, tags)
        extra = [s for s in found if not taken.intersection(range(s.start, s.end))]
        relabelled = []
        for ent in existing:
            # a role cue right before a model entity makes it a person
            if len(ent) >= 2 and self._is_role(words[ent.start]):
                ent = Span(doc, ent.start + 1, ent.end, label="PER")  # "Borussia-Manager Peter Pander"
            elif ent.label_ != "PER" and ent.start and self._is_role(words[ent.start - 1]):
                ent = Span(doc, ent.start, ent.end, label="PER")
            elif ORG_CUES and ent.label_ != "ORG" and ent.start and words[ent.start - 1] in self.org_cues:
                ent = Span(doc, ent.start, ent.end, label="ORG")
            elif self.relabel:
                known = self.gaz.get(ent.text) or ("LOC" if GENITIVE_LOCATIONS and ent.text in self.genitive_places else None)
                if known is not None and known != ent.label_:
                    ent = Span(doc, ent.start, ent.end, label=known)
            relabelled.append(ent)
        spans = filter_spans(relabelled + extra)
        if FIRST_NAME_PERSONS:
            spans = self._merge_rule_spans(self._first_name_spans(doc, words, tags), spans)
        if CLUB_NAMES:
            spans = self._merge_rule_spans(self._club_spans(doc, words), spans)
        if SAINT_PLACES:
            spans = self._merge_rule_spans(self._saint_spans(doc, words), spans)
        if QUOTED_TITLES:
            spans = self._merge_rule_spans(self._title_spans(doc, words), spans)
        spans = spans + self._surname_mentions(doc, words, spans)
        spans = [t for t in (self._trimmed(doc, words, s) for s in spans) if t is not None]
        if spans != existing:
            doc.ents = filter_spans(spans)
        return doc

    def _first_name_spans(self, doc: Doc, words: list[str], tags: list[str]) -> list[Span]:
        """A known given name followed by capitalised words ("Brigitte Weigl", "Jan Stefan Roell");
        past the first of them only words tagged as names continue the span (not "... den Nerv")."""
        out = []
        i, n = 0, len(words)
        while i < n:
            if words[i] in self.first_names and i + 1 < n and self._name_word(words[i + 1]):
                j = i + 2
                while j < n and j - i < _MAX_NAME_WORDS:
                    if self._name_word(words[j]) and tags[j] in ("NE", "FM"):
                        j += 1
                    elif (words[j] in _NAME_LINKS and j + 1 < n and self._name_word(words[j + 1])
                          and tags[j + 1] in ("NE", "FM")):
                        j += 2
                    else:
                        break
                out.append(Span(doc, i, j, label="PER"))
                i = j
            else:
                i += 1
        return out

    def _club_spans(self, doc: Doc, words: list[str]) -> list[Span]:
        out = []
        n = len(words)
        for i, word in enumerate(words):
            if word in self.org_prefixes and i + 1 < n and self._name_word(words[i + 1]):
                j = i + 2
                while j < n and j - i < _MAX_NAME_WORDS and self._name_word(words[j]):
                    j += 1
                if j < n and words[j].isdigit() and len(words[j]) <= 2:
                    j += 1  # "Schalke 04", "Mainz 05"
                out.append(Span(doc, i, j, label="ORG"))
            elif word in self.org_tails and i and self._name_word(words[i - 1]):
                out.append(Span(doc, i - 1, i + 1, label="ORG"))
        return out

    def _saint_spans(self, doc: Doc, words: list[str]) -> list[Span]:
        out = []
        n = len(words)
        for i, word in enumerate(words):
            if word in ("St.", "Sankt"):
                j = i + 1
            elif word == "St" and i + 1 < n and words[i + 1] == ".":
                j = i + 2
            else:
                continue
            if j < n and self._name_word(words[j]):
                out.append(Span(doc, i, j + 1, label="LOC"))
        return out

    def _title_spans(self, doc: Doc, words: list[str]) -> list[Span]:
        """The quoted words right after a work noun (Song, Motto, Debütalbum): a title, MISC."""
        out = []
        n = len(words)
        for i in range(1, n - 2):
            closers = _QUOTE_PAIRS.get(words[i])
            first = words[i + 1][:1]
            if closers is None or not (first.isupper() or first.isdigit()):
                continue
            if words[i - 1] not in self.work_nouns:
                continue
            for j in range(i + 2, min(n, i + 2 + _MAX_TITLE_WORDS)):
                if words[j] in closers:
                    out.append(Span(doc, i + 1, j, label="MISC"))
                    break
        return out

    def _org_cue_spans(self, doc: Doc, words: list[str], tags: list[str]) -> list[Span]:
        """Name words right after an organisation noun: "der Maschinenbauer Nordwerk". A name word is tagged
        NE/FM, or NN without a row in the static vectors (an unknown capitalised word: a new company name
        is often tagged NN; a known common noun such as "Ende" is not taken)."""
        out = []
        n = len(words)
        vocab = doc.vocab
        for i in range(n - 1):
            if words[i] not in self.org_cues:
                continue
            j = i + 1
            while j < n and j - i <= 3 and self._name_word(words[j]) and (
                    tags[j] in ("NE", "FM") or (tags[j] == "NN" and not vocab.has_vector(words[j]))):
                j += 1
            if j > i + 1:
                out.append(Span(doc, i + 1, j, label="ORG"))
        return out

    def _is_role(self, word: str) -> bool:
        if word in self.roles:
            return True
        if not ROLE_COMPOUNDS:
            return False
        if "-" in word and word.rsplit("-", 1)[1] in self.roles:
            return True
        return word in self.role_endings

    def _name_word(self, word: str) -> bool:
        return (word[:1].isupper() and not word.isupper() and any(c.isalpha() for c in word)
                and word not in self.roles and word not in self.stop_names)

    def _merge_rule_spans(self, candidates: list[Span], spans: list[Span]) -> list[Span]:
        """Add rule spans (given name + surname, club names): in gaps, or replacing the entities
        inside them (RULE_SPAN_REPLACES_SAME / RULE_SPAN_REPLACES_OTHER say which)."""
        for cand in candidates:
            inside = [s for s in spans if s.start < cand.end and cand.start < s.end]
            if not inside:
                spans.append(cand)
                continue
            contained = all(cand.start <= s.start and s.end <= cand.end for s in inside)
            same = all(s.label_ == cand.label_ for s in inside)
            longer = len(cand) > max(len(s) for s in inside)
            if contained and (longer or not same) and (
                    (same and RULE_SPAN_REPLACES_SAME) or (not same and RULE_SPAN_REPLACES_OTHER)):
                spans = [s for s in spans if s not in inside] + [cand]
        return sorted(spans, key=lambda s: s.start)

    @staticmethod
    def _trimmed(doc: Doc, words: list[str], span: Span) -> Span | None:
        """Entities never start or end with a punctuation-only token (as in the training data)."""
        start, end = span.start, span.end
        while start < end and not any(c.isalnum() for c in words[start]):
            start += 1
        while end > start and not any(c.isalnum() for c in words[end - 1]):
            end -= 1
        if start == end:
            return None
        return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)

    @staticmethod
    def _surname_mentions(doc: Doc, words: list[str], spans: list[Span]) -> list[Span]:
        """Once a document names "Angela Merkel", a later bare "Merkel" is that person too."""
        surnames = {words[s.end - 1] for s in spans if s.label_ == "PER" and len(s) >= 2}
        if not surnames:
            return []
        taken = set()
        for s in spans:
            taken.update(range(s.start, s.end))
        return [Span(doc, i, i + 1, label="PER") for i, w in enumerate(words)
                if w in surnames and i not in taken]


@Language.factory("qt_de_entity_rules", default_config={"add_name_runs": True, "gazetteer": None})
def make_entity_rules(nlp: Language, name: str, add_name_runs: bool, gazetteer: str | None):
    from pathlib import Path

    return EntityRules(load_gazetteer(Path(gazetteer) if gazetteer else None), add_name_runs)

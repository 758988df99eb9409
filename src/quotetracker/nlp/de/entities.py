"""Rule-based named entities (PER/ORG/LOC/MISC) from STTS tags, gazetteers and role cues.

Runs after the tagger. With a trained NER in the pipeline it only fills gaps (it never
overwrites an entity the statistical model found) and relabels using strong cues.
Gazetteers: data/*.txt seed lists plus ``gazetteer.tsv`` (name -> label) built by training/.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .resources import MODEL_DIR, word_list

_NAME_TAGS = frozenset({"NE"})
_NAME_LINKS = frozenset({"von", "van", "de", "der", "den", "di", "da", "del", "la", "bin", "al"})


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


class EntityRules:
    def __init__(self, gazetteer: dict[str, str]) -> None:
        self.gaz = gazetteer
        self.max_len = max((n.count(" ") + 1 for n in gazetteer), default=1)
        self.roles = word_list("role_cues")
        self.first_names = word_list("first_names") | {n for n, lab in gazetteer.items() if lab == "FIRST"}
        self.org_suffixes = word_list("org_suffixes")

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        out = []
        i = 0
        n = len(doc)
        while i < n:
            if not doc[i].text[:1].isupper():
                i += 1
                continue
            found = None
            for length in range(min(self.max_len, n - i), 0, -1):
                text = doc[i:i + length].text
                label = self.gaz.get(text)
                if label in ("PER", "ORG", "LOC", "MISC"):
                    found = Span(doc, i, i + length, label=label)
                    break
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def _name_runs(self, doc: Doc) -> list[Span]:
        out = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if tok.tag_ in _NAME_TAGS and tok.text[:1].isupper():
                j = i + 1
                while j < n and (
                    (doc[j].tag_ in _NAME_TAGS and doc[j].text[:1].isupper())
                    or (doc[j].text in _NAME_LINKS and j + 1 < n and doc[j + 1].tag_ in _NAME_TAGS)
                    or (len(doc[j].text) == 2 and doc[j].text[1] == "." and doc[j].text[0].isupper())
                ):
                    j += 1
                out.append(Span(doc, i, j, label=self._label_run(doc, i, j)))
                i = j
            else:
                i += 1
        return out

    def _label_run(self, doc: Doc, start: int, end: int) -> str:
        span = doc[start:end]
        text = span.text
        if text in self.gaz and self.gaz[text] in ("PER", "ORG", "LOC", "MISC"):
            return self.gaz[text]
        prev = doc[start - 1].text if start else ""
        if prev in self.roles or doc[start].text in self.first_names:
            return "PER"
        if doc[end - 1].text in self.org_suffixes or (text.isupper() and len(text) <= 6):
            return "ORG"
        if prev in ("in", "nach", "aus", "im", "bei", "von") and end - start == 1:
            return "LOC"
        if end - start >= 2:
            return "PER"
        return "MISC"

    def __call__(self, doc: Doc) -> Doc:
        found = self._gazetteer_spans(doc) + self._name_runs(doc)
        existing = list(doc.ents)
        taken = set()
        for ent in existing:
            taken.update(range(ent.start, ent.end))
        extra = [s for s in found if not taken.intersection(range(s.start, s.end))]
        # a role cue right before a model entity makes it a person
        relabelled = []
        for ent in existing:
            if ent.label_ != "PER" and ent.start and doc[ent.start - 1].text in self.roles and doc[ent.end - 1].tag_ == "NE":
                ent = Span(doc, ent.start, ent.end, label="PER")
            relabelled.append(ent)
        doc.ents = filter_spans(relabelled + extra)
        return doc


@Language.factory("qt_de_entity_rules")
def make_entity_rules(nlp: Language, name: str):
    return EntityRules(load_gazetteer())

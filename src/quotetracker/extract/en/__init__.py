"""English statement extraction: quotation marks, *said* clauses, *according to* (extract/en/rules.py).

Registers the ``en`` extractor. Runs on a tokenizer + sentencizer of its own (the project ships no
English pipeline yet); cue words live in ``lexicon/cues.json``.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ...model import Document, Extraction, Span, Statement
from ..base import register_extractor
from .rules import EnRules, lexicon


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_PRONOUNS = ("he", "she", "they", "it", "we", "i", "you")


def _name(text: str, span) -> str | None:
    """The name in a speaker phrase: capitalised words without titles (Mayor Linda Park -> Linda Park);
    a phrase with no name keeps its head words (Police, the city's finance department -> finance department)."""
    if span is None:
        return None
    raw = text[span[0] : span[1]]
    words = raw.replace("’s", "").replace("'s", "").split()
    titles = lexicon()["titles"]
    keep = [i for i, w in enumerate(words) if w[:1].isupper() and w.lower().strip(",") not in titles
            and w.lower() not in ("the", "a", "an")]
    if not keep:
        rest = re.split(r"[’']s\s+", raw)[-1].split()
        while rest and rest[0].lower() in ("the", "a", "an", "his", "her", "their", "its"):
            rest = rest[1:]
        # a person's role alone (the senator) names nobody: unresolved
        if not rest or rest[0].lower() in _PRONOUNS or len(rest) > 3 or rest[-1].lower().strip(",") in titles:
            return None
        return " ".join(rest).strip(",") or None
    if words[keep[0]].lower() in _PRONOUNS:
        return None
    lex = lexicon()
    first = [i for i in keep if words[i] in lex["female_first_names"] or words[i] in lex["male_first_names"]]
    if first:  # "Riverton Mayor Tom Alvarez": the name starts at the first name
        keep = [i for i in keep if i >= first[0]]
    return " ".join(words[keep[0] : keep[-1] + 1]).strip(",") or None


def _people(text: str) -> tuple[list[tuple[int, str, str | None]], dict[str, list[tuple[int, str]]]]:
    """Person mentions (position, full name, gender) and role titles before names (mayor -> Tom Alvarez)."""
    lex = lexicon()
    female, male = lex["female_first_names"], lex["male_first_names"]
    full: list[tuple[int, str, str | None]] = []
    roles: dict[str, list[tuple[int, str]]] = {}
    for m in re.finditer(r"\b(?=([A-Z][a-z]+)((?:\s+[A-Z][a-zA-Z’'-]+){1,2}))", text):
        first = m.group(1)
        if first not in female and first not in male:
            continue
        name = (first + m.group(2)).replace("’s", "").replace("'s", "")
        full.append((m.start(), name, "f" if first in female else "m"))
        before = text[max(0, m.start() - 40) : m.start()].split()
        if before and before[-1].lower() in lex["titles"] and before[-1].lower() not in lex["titles_not_roles"]:
            roles.setdefault(before[-1].lower(), []).append((m.start(), name))
    mentions = list(full)
    for _pos, name, gender in full:  # later surname-only mentions: "Reyes said"
        for m in re.finditer(rf"\b{re.escape(name.split()[-1])}\b", text):
            mentions.append((m.start(), name, gender))
    return sorted(mentions), roles


def _companies(text: str) -> list[tuple[int, str]]:
    """Company names: capitalised words ending like a company's name (Northshore Energy, Acme Corp.)."""
    ends = lexicon()["company_name_ends"]
    out = []
    for m in re.finditer(r"\b(?=((?:[A-Z][\w&’'-]*\s+){1,3}([A-Z][\w.]*)))", text):
        if m.group(2) in ends:
            out.append((m.start(), m.group(1).strip()))
    return out


def _resolve(statements: list[Statement], text: str) -> None:
    """he/she: the most recent person named before that agrees in gender; other pronouns: the
    speaker before; role nouns (the mayor): the name the title stood before; surnames: the
    fullest name in the document."""
    mentions, roles = _people(text)
    names = [s.speaker_name for s in statements if s.speaker_name] + [n for _p, n, _g in mentions]
    genders = {n: g for _p, n, g in mentions}
    companies = _companies(text)
    last = None
    for s in sorted(statements, key=lambda s: s.content.start):
        if s.speaker is not None:
            mention = text[s.speaker.start : s.speaker.end].lower()
            words = mention.split()
            if mention in ("he", "she"):
                # the speaker before, if the gender fits (He added ...), else the last person named who fits
                gender = "m" if mention == "he" else "f"
                agreeing = [n for pos, n, g in mentions if pos < s.speaker.start and g == gender]
                if last is not None and genders.get(last, gender) == gender:
                    s.speaker_name = last
                else:
                    s.speaker_name = agreeing[-1] if agreeing else last
            elif mention in _PRONOUNS:
                s.speaker_name = last
            elif words[:1] == ["the"] and len(words) == 2 and words[1] in lexicon()["company_nouns"]:
                earlier = [n for pos, n in companies if pos < s.speaker.start]
                s.speaker_name = earlier[-1] if earlier else s.speaker_name
            elif words and words[0] in ("the", "a", "an") and len(words) == 2 and words[1] in roles:
                earlier = [n for pos, n in roles[words[1]] if pos < s.speaker.start]
                s.speaker_name = earlier[-1] if earlier else s.speaker_name
        if s.speaker_name and len(s.speaker_name.split()) == 1:
            full = [n for n in names if n.split()[-1] == s.speaker_name and len(n) > len(s.speaker_name)]
            if full:
                s.speaker_name = max(full, key=len)
        if s.speaker_name:
            last = s.speaker_name


class EnglishExtractor:
    lang = "en"

    def extract(self, doc: Document) -> Extraction:
        return self._from_doc(doc, _nlp()(doc.text))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        docs = list(docs)
        for d, sdoc in zip(docs, _nlp().pipe([d.text for d in docs], batch_size=32)):
            yield self._from_doc(d, sdoc)

    def _from_doc(self, doc: Document, sdoc) -> Extraction:
        statements = [
            Statement(content=Span(*f.content), kind=f.kind, cue=Span(*f.cue) if f.cue else None,
                      speaker=Span(*f.speaker) if f.speaker else None, speaker_name=_name(doc.text, f.speaker),
                      confidence=f.confidence, meta={"rule": f.rule})
            for f in EnRules(sdoc).run()
        ]
        _resolve(statements, doc.text)
        return Extraction(document=doc, lang="en", sentences=[Span(s.start_char, s.end_char) for s in sdoc.sents],
                          statements=statements)


@register_extractor("en")
def _make() -> EnglishExtractor:
    return EnglishExtractor()

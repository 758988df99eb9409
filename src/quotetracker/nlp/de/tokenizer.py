"""German news tokenizer: spaCy's German rules plus abbreviation exceptions from data/abbreviations.txt,
and a component that splits a year from a sentence-final period ("im Jahr 2005." -> "2005" ".")."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .resources import word_list

_ORDINAL = re.compile(r"^\d{1,3}\.$")
# "DC-9.", "31:31.", "5.000.": a digit before the period but not a plain ordinal
_ENDS_WITH_DIGIT_PERIOD = re.compile(r"^\S*\d\.$")
_DIGIT_PERIOD_IN_TEXT = re.compile(r"\d\.(?=\s|$)")


def add_news_exceptions(nlp: Language) -> None:
    for abbr in word_list("abbreviations"):
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
        if abbr[0].islower():
            cap = abbr[0].upper() + abbr[1:]
            nlp.tokenizer.add_special_case(cap, [{ORTH: cap}])


def _ends_a_sentence(doc: Doc, i: int) -> bool:
    """Is the number+period token at ``i`` really a number followed by a full stop?"""
    tok = doc[i]
    if i + 1 >= len(doc):
        return True
    nxt = doc[i + 1]
    if nxt.is_space and "\n" in nxt.text:
        return True
    if _ORDINAL.match(tok.text):
        return False  # 1-3 digits: an ordinal ("am 3. November", "der 20. Jahrestag")
    if nxt.text in word_list("months"):
        return False
    return nxt.text[:1].isupper() or nxt.text[:1] in "„»\"“"


@Language.component("qt_de_number_period")
def split_number_period(doc: Doc) -> Doc:
    text = doc.text
    if not _DIGIT_PERIOD_IN_TEXT.search(text):
        return doc
    starts = doc.to_array(IDX)
    ends = {m.end() for m in _DIGIT_PERIOD_IN_TEXT.finditer(text)}
    candidates = [int(numpy.searchsorted(starts, end, side="right")) - 1 for end in ends]
    targets = [doc[i] for i in sorted(set(candidates))
               if _ENDS_WITH_DIGIT_PERIOD.match(doc[i].text) and _ends_a_sentence(doc, i)]
    if not targets:
        return doc
    with doc.retokenize() as retok:
        for tok in targets:
            retok.split(tok, [tok.text[:-1], "."], heads=[(tok, 0), (tok, 0)])
    return doc

"""Quote-aware rule sentence segmenter for German news.

A boundary follows a terminal mark (. ! ? …) plus any closing quotes/brackets written right
after it, but only when the next word could start a sentence (capitalised, a digit or an
opening quote). So „Nein!“, sagte er. stays one sentence, and abbreviations (Dr., z. B., Nr.)
and ordinals ("3. November") never end one: they are single tokens, not bare terminal marks.
A line break always ends a sentence (headlines, paragraphs).

Works on arrays of word ids with a per-word class cache, because it runs on every document.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from .resources import word_list

TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
CLOSERS = frozenset({"“", "”", "«", "»", "\"", "'", "’", "‘", ")", "]"})
OPENERS = frozenset({"„", "»", "«", "“", "\"", "‚", "(", "[", "–", "-"})

_TERMINAL, _FINAL_ABBR, _CLOSER, _CAN_START, _UPPER, _SPACE, _NEWLINE = 1, 2, 4, 8, 16, 32, 64


class _Classes(dict):
    """word id -> bit flags, filled on first sight."""

    def __init__(self, strings) -> None:
        super().__init__()
        self.strings = strings
        self.final_abbr = word_list("sentence_final_abbreviations")

    def __missing__(self, orth: int) -> int:
        text = self.strings[orth]
        c = text[:1]
        flags = 0
        if text in TERMINALS:
            flags |= _TERMINAL
        if text in self.final_abbr:
            flags |= _FINAL_ABBR
        if text in CLOSERS:
            flags |= _CLOSER
        if c.isupper():
            flags |= _UPPER | _CAN_START
        if c.isdigit() or c in OPENERS:
            flags |= _CAN_START
        if text.isspace():
            flags |= _SPACE
            if "\n" in text:
                flags |= _NEWLINE
        self[orth] = flags
        return flags


_CACHE: dict[int, _Classes] = {}


def sentence_starts(doc: Doc) -> list[bool]:
    classes = _CACHE.get(id(doc.vocab.strings))
    if classes is None:
        classes = _CACHE[id(doc.vocab.strings)] = _Classes(doc.vocab.strings)
    arr = doc.to_array([ORTH, SPACY])
    flags = [classes[o] for o in arr[:, 0].tolist()]
    space_after = arr[:, 1].tolist()
    n = len(flags)
    starts = [False] * n
    if n:
        starts[0] = True
    i = 0
    while i < n:
        f = flags[i]
        if f & _SPACE:
            if f & _NEWLINE and i + 1 < n:
                starts[i + 1] = True
            i += 1
            continue
        if not f & (_TERMINAL | _FINAL_ABBR):
            i += 1
            continue
        j = i + 1
        # closing quotes/brackets written right after the mark belong to this sentence
        while j < n and flags[j] & _CLOSER and not space_after[j - 1]:
            j += 1
        while j < n and flags[j] & _SPACE:
            j += 1
        if j < n and flags[j] & _CAN_START:
            if f & _TERMINAL or flags[j] & _UPPER:
                starts[j] = True
        i = max(i + 1, j)
    return starts


@Language.component("qt_de_sentences")
def segment(doc: Doc) -> Doc:
    if len(doc):
        values = numpy.asarray([1 if s else -1 for s in sentence_starts(doc)], dtype="int64").view("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
    return doc

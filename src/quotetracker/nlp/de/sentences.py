"""Quote-aware rule sentence segmenter for German news.

A boundary follows a terminal mark (. ! ? …) plus any closing quotes/brackets, but only when
the next word could start a sentence (capitalised, a digit or an opening quote). So
„Nein!“, sagte er. stays one sentence, and abbreviations (Dr., z. B., Nr.) and ordinals
("3. November") never end one: they are single tokens that are not bare terminal marks.
A line break always ends a sentence (headlines, paragraphs).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .resources import word_list

TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
CLOSERS = frozenset({"“", "”", "«", "»", "\"", "'", "’", "‘", ")", "]"})
OPENERS = frozenset({"„", "»", "«", "“", "\"", "‚", "(", "[", "–", "-"})


def _can_start(text: str) -> bool:
    c = text[:1]
    return c.isupper() or c.isdigit() or c in OPENERS


def sentence_starts(doc: Doc) -> list[bool]:
    final_abbr = word_list("sentence_final_abbreviations")
    n = len(doc)
    starts = [False] * n
    if n:
        starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        text = tok.text
        if tok.is_space:
            if "\n" in text and i + 1 < n:
                starts[i + 1] = True
            i += 1
            continue
        terminal = text in TERMINALS or text in final_abbr
        if not terminal:
            i += 1
            continue
        j = i + 1
        # closing quotes/brackets written right after the mark belong to this sentence
        while j < n and doc[j].text in CLOSERS and not doc[j - 1].whitespace_:
            j += 1
        while j < n and doc[j].is_space:
            j += 1
        if j < n and _can_start(doc[j].text):
            if text not in final_abbr or doc[j].text[:1].isupper():
                starts[j] = True
        i = max(i + 1, j)
    return starts


@Language.component("qt_de_sentences")
def segment(doc: Doc) -> Doc:
    for tok, is_start in zip(doc, sentence_starts(doc)):
        tok.is_sent_start = is_start
    return doc

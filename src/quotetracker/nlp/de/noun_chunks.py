"""Rule-based noun chunks over STTS tags (no parser needed).

A chunk is an optional run of determiners/adjectives/numbers followed by one or more nouns or
proper names (*der neue Bundeskanzler Olaf Scholz*), or a personal pronoun on its own.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span

_PRENOMINAL = frozenset({"ART", "PDAT", "PIAT", "PIDAT", "PPOSAT", "PWAT", "PRELAT", "ADJA", "CARD", "ADV_IN_NP"})
_NOMINAL = frozenset({"NN", "NE", "FM"})
_PRONOUN = frozenset({"PPER", "PDS", "PIS", "PWS", "PPOSS"})


def noun_chunks(doclike: Doc | Span) -> Iterator[tuple[int, int, int]]:
    doc = doclike.doc
    label = doc.vocab.strings.add("NP")
    start_i = doclike.start if isinstance(doclike, Span) else 0
    end_i = doclike.end if isinstance(doclike, Span) else len(doc)
    i = start_i
    while i < end_i:
        tag = doc[i].tag_
        if tag in _PRONOUN:
            yield i, i + 1, label
            i += 1
            continue
        j = i
        while j < end_i and doc[j].tag_ in _PRENOMINAL:
            j += 1
        k = j
        while k < end_i and (doc[k].tag_ in _NOMINAL or (doc[k].tag_ == "TRUNC" and k > j)):
            k += 1
        if k > j and doc[k - 1].tag_ in _NOMINAL:
            yield i, k, label
            i = k
        else:
            i = max(i + 1, j)

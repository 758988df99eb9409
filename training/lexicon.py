"""Build model/lexicon.tsv.gz: (form, STTS tag) -> lemma (+ HanTa morphemes for verbs, + frequency).

Sources: HanTa silver (training/work/silver_news.spacy, ner_all.spacy); gold lemmas of UD GSD dev
override silver ones. The most frequent lemma per (form, tag) wins; ties broken alphabetically.
"""

from __future__ import annotations

import gzip
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from quotetracker.nlp.de.hanta_tagger import hanta
from quotetracker.nlp.de.lexicon import _HANTA_RAW, encode_morphemes

from .paths import WORK

_SKIP_TAGS = frozenset({"_SP", "CARD", "XY"})


def _count(path: Path, vocab, counts, weight: int = 1) -> None:
    for doc in DocBin().from_disk(path).get_docs(vocab):
        for tok in doc:
            if tok.tag_ and tok.tag_ not in _SKIP_TAGS and not tok.tag_.startswith("$") and tok.lemma_:
                counts[(tok.text, tok.tag_)][tok.lemma_] += weight


def build(out: Path) -> int:
    vocab = spacy.blank("de").vocab
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    _count(WORK / "silver_news.spacy", vocab, counts)
    _count(WORK / "ner_all.spacy", vocab, counts)
    _count(WORK / "gsd_dev.spacy", vocab, counts, weight=1000)  # gold wins
    tagger = hanta()
    lines = []
    for (form, tag), lemmas in sorted(counts.items()):
        lemma = sorted(lemmas.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        morphemes = ""
        if tag.startswith("V") and tag in _HANTA_RAW:
            tag_id = tagger.tag2int.get(_HANTA_RAW[tag])
            if tag_id is not None:
                morphemes = encode_morphemes(tagger._analyze(form, tag_id, taglevel=3)[1])
        count = min(sum(lemmas.values()), 999)
        lines.append(f"{form}\t{tag}\t{'' if lemma == form else lemma}\t{morphemes}\t{count}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime=0: byte-identical rebuilds
        fh.write("".join(lines).encode("utf-8"))
    return len(lines)


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else WORK / "model" / "lexicon.tsv.gz"
    print(f"{build(target)} entries -> {target}")

"""Build the training corpora (spaCy DocBins in training/work/) from ../shared.

* ``silver_news.spacy``  made by training.silver (HanTa tags/lemmas on de_news.jsonl)
* ``gsd_dev.spacy``      UD German-GSD dev, gold STTS (contractions as one APPRART token)
* ``ner_all.spacy``      GermEval test + GermEval dev (minus the dev/held-out tail) + Europeana,
                         gold entities, HanTa silver tags: the text for the vectors and the lexicon,
                         and the names for the gazetteer
* ``ner_train.spacy``    the GermEval part of it: the entities the network learns from. Europeana's
                         annotations (OCR'd 19th-century papers, PER/LOC/ORG only, so every MISC is O
                         there) cost the students about 4 PER F points (MODEL_CARD.md, 1.2.0)
* ``ner_dev.spacy``      300 GermEval dev sentences before the held-out tail (model selection only)
The held-out tail (last 700 GermEval dev sentences) and GSD test are never read here.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from quotetracker.nlp.de.evaluate import NER_HELDOUT, bio_to_spans, read_conllu, read_germeval
from quotetracker.nlp.de.hanta_tagger import HanTaAnnotator, annotate_sentence

from .paths import WORK, shared_dir

SEED = 13
NER_DEV = 300
EUROPEANA_CHUNK = 40
_ATTRS = ["ORTH", "TAG", "POS", "LEMMA", "MORPH", "SENT_START", "SPACY", "ENT_IOB", "ENT_TYPE"]


def _doc(vocab, words, spaces=None) -> Doc:
    return Doc(vocab, words=words, spaces=spaces or [True] * len(words),
               sent_starts=[True] + [False] * (len(words) - 1))


def gsd_dev(vocab, shared: Path) -> list[Doc]:
    docs = []
    for sent in read_conllu(shared / "train/de/ud/de_gsd-ud-dev.conllu"):
        doc = _doc(vocab, [t.form for t in sent], [t.space_after for t in sent])
        for tok, gold in zip(doc, sent):
            tok.tag_, tok.pos_, tok.lemma_ = gold.xpos, gold.upos, gold.lemma
        docs.append(doc)
    return docs


def trim_spans(words: list[str], spans) -> list[tuple[int, int, str]]:
    """Drop punctuation-only tokens at entity edges (the OCR'd Europeana data has "Madrid ," as LOC)."""
    out = []
    for start, end, label in spans:
        while start < end and not any(c.isalnum() for c in words[start]):
            start += 1
        while end > start and not any(c.isalnum() for c in words[end - 1]):
            end -= 1
        if start < end:
            out.append((start, end, label))
    return out


def _ner_doc(vocab, annotator, words, spans) -> Doc:
    doc = _doc(vocab, words)
    annotate_sentence(annotator, list(doc))
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in trim_spans(words, spans)]  # others: O
    return doc


def europeana(shared: Path) -> list[tuple[list[str], list]]:
    """Europeana BIO files have no sentence breaks: cut after a period once a chunk is long enough."""
    out = []
    for path in sorted((shared / "train/de/ner").glob("europeana-enp_DE.*.bio.txt")):
        words, tags = [], []
        for line in path.open(encoding="utf-8"):
            parts = line.split()
            if len(parts) != 2:
                continue
            word, tag = parts
            tag = tag if tag[2:] in ("PER", "LOC", "ORG") else "O"
            words.append(word)
            tags.append(tag)
            if word == "." and len(words) >= EUROPEANA_CHUNK // 4 or len(words) >= EUROPEANA_CHUNK * 2:
                out.append((words, bio_to_spans(tags)))
                words, tags = [], []
        if words:
            out.append((words, bio_to_spans(tags)))
    return out


def assemble_training_set(out_dir: Path, silver: Path | None) -> None:
    """A training folder for `spacy train`: the silver news once, UD GSD dev and the gold NER data twice
    (the weighting of the teacher and of every student). silver None: out_dir already holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if silver is not None:
        shutil.copyfile(silver, out_dir / "silver_news.spacy")
    for name in ("gsd_dev.spacy", "ner_train.spacy"):
        shutil.copyfile(WORK / name, out_dir / name)
        shutil.copyfile(WORK / name, out_dir / f"again_{name}")


def main() -> None:
    shared = shared_dir()
    nlp = spacy.blank("de")
    annotator = HanTaAnnotator()
    WORK.mkdir(parents=True, exist_ok=True)

    DocBin(attrs=_ATTRS, docs=gsd_dev(nlp.vocab, shared)).to_disk(WORK / "gsd_dev.spacy")

    dev_sents = read_germeval(shared / "train/de/ner/germeval2014-NER-de-dev.tsv")
    dev_train = dev_sents[: -(NER_HELDOUT + NER_DEV)]
    dev_select = dev_sents[-(NER_HELDOUT + NER_DEV): -NER_HELDOUT]
    test_sents = read_germeval(shared / "train/de/ner/germeval2014-NER-de-test.tsv")
    germeval = test_sents + dev_train
    every = germeval + europeana(shared)
    random.Random(SEED).shuffle(every)
    random.Random(SEED).shuffle(germeval)
    docs = {id(sent): _ner_doc(nlp.vocab, annotator, *sent) for sent in every}  # one HanTa pass each
    DocBin(attrs=_ATTRS, docs=[docs[id(sent)] for sent in every]).to_disk(WORK / "ner_all.spacy")
    DocBin(attrs=_ATTRS, docs=[docs[id(sent)] for sent in germeval]).to_disk(WORK / "ner_train.spacy")
    DocBin(attrs=_ATTRS, docs=[_ner_doc(nlp.vocab, annotator, w, s) for w, s in dev_select]).to_disk(
        WORK / "ner_dev.spacy")
    print(f"gsd_dev + ner_all {len(every)} (ner_train {len(germeval)}) + ner_dev {len(dev_select)} written to {WORK}")


if __name__ == "__main__":
    main()

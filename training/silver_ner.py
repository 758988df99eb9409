"""Silver entities for the student model: the teacher pipeline (trained weights + lexicon + entity rules)
labels the silver news corpus (python -m training.silver_ner TEACHER_DIR OUT_DIR).

Why: the entity rules (gazetteer, given name + surname, role cues, club names, titles) know things the
~10,000 labelled NER sentences do not teach; training the shipped model on 645k tokens of news labelled
by teacher + rules moves part of that knowledge into the network (measured in MODEL_CARD.md), and the
rules still run on top at run time.

OUT_DIR gets the training set of the student: silver news with the teacher's entities (once), UD GSD dev
and the gold NER data (twice each, as in stage 1).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span

from .paths import WORK
from .prepare import assemble_training_set

ATTRS = ["ORTH", "TAG", "POS", "LEMMA", "MORPH", "SENT_START", "SPACY", "ENT_IOB", "ENT_TYPE"]


def label_silver(teacher_dir: Path, out_dir: Path) -> dict:
    from quotetracker.nlp.de import load_model_dir

    nlp = load_model_dir(teacher_dir)
    docs = list(DocBin().from_disk(WORK / "silver_news.spacy").get_docs(nlp.vocab))
    # the teacher sees the silver tokens as they are (no re-tokenising), so token offsets carry over
    inputs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs]
    out = DocBin(attrs=ATTRS, store_user_data=False)
    n_ents = 0
    for doc, pred in zip(docs, nlp.pipe(inputs, batch_size=64)):
        doc.ents = [Span(doc, e.start, e.end, label=e.label_) for e in pred.ents]
        n_ents += len(doc.ents)
        out.add(doc)
    out_dir.mkdir(parents=True, exist_ok=True)
    out.to_disk(out_dir / "silver_news.spacy")
    assemble_training_set(out_dir, None)
    return {"docs": len(docs), "entities": n_ents}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("teacher", type=Path, help="trained pipeline folder with lexicon.tsv.gz and gazetteer.tsv")
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    print(label_silver(args.teacher, args.out))


if __name__ == "__main__":
    main()

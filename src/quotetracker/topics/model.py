"""Unsupervised topics over a corpus: NMF on TF-IDF of content lemmas.

A :class:`Topic` is plain data (label, terms, weights), so the store can keep
it as JSON and :func:`assign` scores new texts against it without the fitted
scikit-learn objects: a text's score for a topic is the share of the topic's
term weight that occurs among the text's lemmas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .text import lemma, stopwords, tokens

__all__ = ["Topic", "content_lemmas", "fit_topics", "assign"]


@dataclass(slots=True)
class Topic:
    id: int
    label: str  # the top terms: "atomwaffe / abrüstung / vertrag"
    terms: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    size: int = 0  # texts whose strongest topic this is

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "terms": self.terms, "weights": self.weights, "size": self.size}

    @classmethod
    def from_dict(cls, d: dict) -> Topic:
        return cls(id=int(d["id"]), label=str(d["label"]), terms=list(d["terms"]), weights=[float(w) for w in d["weights"]], size=int(d.get("size", 0)))


def content_lemmas(text: str, lang: str = "de") -> list[str]:
    """Lemmas of content words: no stop words, no one- or two-letter words, no numbers."""
    stop = stopwords(lang)
    out = []
    for tok in tokens(text):
        lem = tok.casefold() if tok.isupper() else lemma(tok, lang)  # acronyms: "ISS" is not "essen"
        if len(lem) > 2 and lem not in stop and tok.casefold() not in stop and not lem.isdigit():
            out.append(lem)
    return out


def fit_topics(texts: Sequence[str], k: int = 10, lang: str = "de", n_terms: int = 10, label_terms: int = 3, seed: int = 0, max_features: int = 20000) -> list[Topic]:
    """``k`` topics of ``texts`` (NMF on TF-IDF of content lemmas), labelled by their top terms.

    Deterministic for a given ``seed``; fewer than ``k`` topics when the corpus is too small.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [content_lemmas(t, lang) for t in texts]
    docs_nonempty = [d for d in docs if d]
    if not docs_nonempty:
        return []
    min_df = 2 if len(docs_nonempty) >= 20 else 1
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, min_df=min_df, max_df=0.5 if len(docs_nonempty) >= 20 else 1.0, max_features=max_features, sublinear_tf=True)
    matrix = vectorizer.fit_transform(docs_nonempty)
    vocab = vectorizer.get_feature_names_out()
    k = max(1, min(k, matrix.shape[0], matrix.shape[1]))
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    doc_topic = nmf.fit_transform(matrix)
    sizes = [0] * k
    for row in doc_topic:
        if row.max() > 0:
            sizes[int(row.argmax())] += 1
    topics = []
    for idx, comp in enumerate(nmf.components_):
        order = comp.argsort()[::-1][:n_terms]
        terms = [str(vocab[i]) for i in order if comp[i] > 0]
        weights = [round(float(comp[i]), 5) for i in order if comp[i] > 0]
        if not terms:
            continue
        topics.append(Topic(id=idx, label=" / ".join(terms[:label_terms]), terms=terms, weights=weights, size=sizes[idx]))
    return topics


def assign(texts: Sequence[str], topics: Sequence[Topic], lang: str = "de", min_score: float = 0.2, top_n: int = 2) -> list[list[str]]:
    """For each text, the labels of up to ``top_n`` topics scoring at least ``min_score``, best first."""
    out = []
    for text in texts:
        lemmas = set(content_lemmas(text, lang))
        scored = []
        for t in topics:
            total = sum(t.weights) or 1.0
            score = sum(w for term, w in zip(t.terms, t.weights, strict=True) if term in lemmas) / total
            if score >= min_score:
                scored.append((score, t.label))
        scored.sort(key=lambda s: (-s[0], s[1]))
        out.append([label for _, label in scored[:top_n]])
    return out

"""Pairwise precision/recall of cross-document speaker identity (quotetracker.resolve.resolve_speakers).

Two hand-written gold files, one line per speaker mention, with the cluster
(the person or organisation) it refers to:

* ``gold_examples.jsonl`` — every named speaker of ``examples/expected.jsonl``
  (file, statement index, mention text, in-document name, cluster).
* ``gold_de_news.jsonl`` — person speaker mentions in 205 documents of
  ``shared/corpus/de_news.jsonl`` (document id, mention span, span of the
  fullest in-document name, cluster). It holds no text: the mentions are read
  from the corpus at run time (``--shared`` or ``QUOTETRACKER_SHARED``).

Every mention becomes a :class:`SpeakerMention` (name = the in-document name,
mention = the mention as written, date = the document date), all mentions of a
gold file are resolved together, and every pair of mentions is scored: a pair
in one predicted identity is a merge; it is correct when both are in one gold
cluster. ``--baseline`` scores exact normalised names instead. ``--with-entities``
resolves the speaker mentions together with the person and organisation entity
mentions the extractor finds in the same documents
(:func:`quotetracker.resolve.resolve_identities`, as the store does since
entity mentions share speaker identities); only speaker mentions are scored.

    python evaluation/identity/score_identity.py [--shared ../shared] [--json] [--with-entities]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

from quotetracker.resolve import EntityRef, SpeakerMention, normalize_name, resolve_identities, resolve_speakers  # noqa: E402

_EXTRACTED: dict[str, object] = {}  # content hash -> Extraction: each document is extracted once per run


def _extract(doc):
    from quotetracker.extract import get_extractor

    if doc.content_hash not in _EXTRACTED:
        _EXTRACTED[doc.content_hash] = get_extractor(doc.lang).extract(doc)
    return _EXTRACTED[doc.content_hash]


def _entity_refs(extractions: dict[int, object]) -> list[EntityRef]:
    """Person and organisation entity mentions of the extractions (document id -> Extraction), as the store keeps them."""
    refs = []
    for doc_id, ex in sorted(extractions.items()):
        for e in ex.entities:
            if e.label in ("PER", "ORG"):
                refs.append(EntityRef(len(refs), doc_id, e.text, e.canonical, e.label, ex.document.date))
    return refs


def examples_entity_refs(expected: Path = ROOT / "examples" / "expected.jsonl") -> list[EntityRef]:
    from quotetracker.io import read_inputs

    files = {json.loads(line)["file"] for line in expected.read_text(encoding="utf-8").splitlines() if line.strip()}
    docs = {Path(d.origin or "").name: d for d in read_inputs(str(ROOT / "examples"))}
    return _entity_refs({hash(name) & 0xFFFFFF: _extract(doc) for name, doc in docs.items() if name in files})


def de_news_entity_refs(shared: Path, path: Path = HERE / "gold_de_news.jsonl") -> list[EntityRef]:
    from quotetracker.model import Document

    rows, docs = _gold_de_news_rows(shared, path)
    doc_index = {doc_id: n for n, doc_id in enumerate(sorted({r["doc"] for r in rows}))}
    return _entity_refs(
        {doc_index[i]: _extract(Document(text=d["text"], id=i, date=d.get("date"), lang="de", source=d.get("source"))) for i, d in sorted(docs.items())}
    )


def pairwise(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a predicted clustering against gold labels (same order)."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold = gold[i] == gold[j]
        same_pred = pred[i] == pred[j]
        if same_pred and same_gold:
            tp += 1
        elif same_pred:
            fp += 1
        elif same_gold:
            fn += 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "true_pairs": tp + fn, "predicted_pairs": tp + fp, "correct_pairs": tp}


def load_examples(path: Path = HERE / "gold_examples.jsonl", expected: Path = ROOT / "examples" / "expected.jsonl") -> tuple[list[SpeakerMention], list[str]]:
    dates = {}
    for line in expected.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            dates[d["file"]] = d.get("date")
    mentions, labels = [], []
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        mentions.append(SpeakerMention(statement_id=k, document_id=hash(row["file"]) & 0xFFFFFF, name=row["speaker_name"], mention=row["speaker"], label=None, date=dates.get(row["file"])))
        labels.append(row["cluster"])
    return mentions, labels


def find_shared(explicit: str | None = None) -> Path | None:
    for cand in (explicit, os.environ.get("QUOTETRACKER_SHARED"), str(ROOT.parent / "shared")):
        if cand and Path(cand, "corpus", "de_news.jsonl").is_file():
            return Path(cand)
    return None


def _gold_de_news_rows(shared: Path, path: Path) -> tuple[list[dict], dict[str, dict]]:
    """The gold rows and the de_news corpus records (by id) of the documents they refer to."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {r["doc"] for r in rows}
    docs = {}
    with open(shared / "corpus" / "de_news.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in wanted:
                docs[d["id"]] = d
    return rows, docs


def load_de_news(shared: Path, path: Path = HERE / "gold_de_news.jsonl") -> tuple[list[SpeakerMention], list[str]]:
    rows, docs = _gold_de_news_rows(shared, path)
    doc_index = {doc_id: n for n, doc_id in enumerate(sorted({r["doc"] for r in rows}))}
    mentions, labels = [], []
    for k, r in enumerate(rows):
        d = docs[r["doc"]]
        text = d["text"]
        mention = text[r["span"][0] : r["span"][1]]
        name = text[r["name_span"][0] : r["name_span"][1]] if r.get("name_span") else mention
        mentions.append(SpeakerMention(statement_id=k, document_id=doc_index[r["doc"]], name=name, mention=mention, label="PER", date=d.get("date")))
        labels.append(r["cluster"])
    return mentions, labels


def load_examples_pipeline(path: Path = HERE / "gold_examples.jsonl", expected: Path = ROOT / "examples" / "expected.jsonl") -> tuple[list[SpeakerMention], list[str]]:
    """The example gold with mentions from the extractors: each gold statement is matched to the
    extracted statement whose content overlaps it most (at least half of it); its speaker_name and
    speaker mention become the SpeakerMention. Unmatched or unnamed statements are left out."""
    from quotetracker.io import read_inputs

    gold_rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected_rows = {json.loads(line)["file"]: json.loads(line) for line in expected.read_text(encoding="utf-8").splitlines() if line.strip()}
    docs = {Path(d.origin or "").name: d for d in read_inputs(str(ROOT / "examples"))}
    extractions = {}
    for name, doc in docs.items():
        if name in expected_rows:
            extractions[name] = _extract(doc)
    mentions, labels = [], []
    for k, row in enumerate(gold_rows):
        ex = extractions.get(row["file"])
        if ex is None:
            continue
        text = ex.document.text
        content = expected_rows[row["file"]]["statements"][row["statement"]]["content"]
        start = text.find(content)
        if start < 0:
            continue
        end = start + len(content)
        best, best_overlap = None, 0
        for st in ex.statements:
            overlap = min(end, st.content.end) - max(start, st.content.start)
            if overlap > best_overlap:
                best, best_overlap = st, overlap
        if best is None or best_overlap < (end - start) / 2 or not (best.speaker_name or best.speaker):
            continue
        mention = best.speaker.text(text) if best.speaker else None
        mentions.append(SpeakerMention(statement_id=k, document_id=hash(row["file"]) & 0xFFFFFF, name=best.speaker_name, mention=mention, label=best.speaker_label, date=ex.document.date))
        labels.append(row["cluster"])
    return mentions, labels


def load_de_news_pipeline(shared: Path, path: Path = HERE / "gold_de_news.jsonl") -> tuple[list[SpeakerMention], list[str]]:
    """The de_news gold with mentions from the German extractor: each gold mention is matched to an
    extracted statement whose speaker span overlaps it; its speaker_name and mention are used.
    Gold mentions the extractor did not attribute are left out (they count for neither side)."""
    from quotetracker.model import Document

    rows, docs = _gold_de_news_rows(shared, path)
    extractions = {i: _extract(Document(text=d["text"], id=i, date=d.get("date"), lang="de", source=d.get("source"))) for i, d in sorted(docs.items())}
    doc_index = {doc_id: n for n, doc_id in enumerate(sorted({r["doc"] for r in rows}))}
    mentions, labels = [], []
    for k, r in enumerate(rows):
        ex = extractions[r["doc"]]
        s, e = r["span"]
        match = next((st for st in ex.statements if st.speaker is not None and st.speaker.start < e and s < st.speaker.end), None)
        if match is None:
            continue
        mention = match.speaker.text(ex.document.text) if match.speaker else None
        mentions.append(SpeakerMention(statement_id=k, document_id=doc_index[r["doc"]], name=match.speaker_name, mention=mention, label=match.speaker_label, date=ex.document.date))
        labels.append(r["cluster"])
    return mentions, labels


def predict(mentions: Sequence[SpeakerMention], baseline: bool = False, entities: Sequence[EntityRef] = ()) -> list[str]:
    if baseline:
        return [normalize_name(m.name or m.mention or "") for m in mentions]
    identities = resolve_identities(mentions, entities) if entities else resolve_speakers(mentions)
    owner = {sid: ident.key for ident in identities for sid in ident.statement_ids}
    # a mention without an identity (no name at all) is its own singleton
    return [owner.get(m.statement_id, f"_none_{m.statement_id}") for m in mentions]


def errors(mentions: Sequence[SpeakerMention], gold: Sequence[str], pred: Sequence[str], limit: int = 20) -> dict[str, list]:
    """Wrong merges (predicted identities spanning gold clusters) and missed merges (gold clusters split)."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for g, p in zip(gold, pred, strict=True):
        by_pred[p].add(g)
        by_gold[g].add(p)
    wrong = [[p, sorted(gs)] for p, gs in sorted(by_pred.items()) if len(gs) > 1][:limit]
    missed = [[g, sorted(ps)] for g, ps in sorted(by_gold.items()) if len(ps) > 1][:limit]
    return {"wrong_merges": wrong, "missed_merges": missed}


def score(
    shared: Path | None = None, baseline: bool = False, with_errors: bool = False, pipeline: bool = False, with_entities: bool = False
) -> dict[str, dict]:
    out: dict[str, dict] = {}
    refs: dict[str, list[EntityRef]] = {}
    if with_entities:
        refs["examples"] = refs["examples_extracted"] = examples_entity_refs()
        if shared is not None:
            refs["de_news"] = refs["de_news_extracted"] = de_news_entity_refs(shared)
    sets = {"examples": load_examples()}
    if pipeline:
        sets["examples_extracted"] = load_examples_pipeline()
    if shared is not None:
        sets["de_news"] = load_de_news(shared)
        if pipeline:
            sets["de_news_extracted"] = load_de_news_pipeline(shared)
    for name, (mentions, gold) in sets.items():
        pred = predict(mentions, baseline, refs.get(name, ()))
        res = pairwise(gold, pred)
        res.update(mentions=len(mentions), clusters=len(set(gold)), documents=len({m.document_id for m in mentions}))
        if with_entities:
            res["entity_mentions"] = len(refs.get(name, ()))
        if with_errors:
            res.update(errors(mentions, gold, pred))
        out[name] = res
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared folder (default: $QUOTETRACKER_SHARED or ../shared)")
    ap.add_argument("--baseline", action="store_true", help="score exact normalised names instead of resolve_speakers")
    ap.add_argument("--errors", action="store_true", help="list wrong and missed merges")
    ap.add_argument("--pipeline", action="store_true", help="also score both gold files with mentions from the extractors (slow)")
    ap.add_argument("--with-entities", action="store_true", help="resolve together with the extracted PER/ORG entity mentions (slow)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    result = score(shared, args.baseline, args.errors, args.pipeline, args.with_entities)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    if shared is None:
        print("(shared corpus not found: de_news gold skipped)")
    for name, res in result.items():
        print(f"{name:18s} mentions={res['mentions']:4d} clusters={res['clusters']:4d} docs={res['documents']:4d}  "
              f"P={res['precision']:.4f} R={res['recall']:.4f} F1={res['f1']:.4f}  (gold pairs {res['true_pairs']}, predicted {res['predicted_pairs']})"
              + (f"  +{res['entity_mentions']} entity mentions" if "entity_mentions" in res else ""))
        for key in ("wrong_merges", "missed_merges"):
            for item in res.get(key, []):
                print(f"   {key[:-1]}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The matching rules of ``shared/spec/quotes-jsonl.md``, implemented for the project.

Content spans are compared after stripping whitespace, quotation marks and
punctuation at both ends; a predicted and a gold quote are candidates when their
character Jaccard overlap is at least 0.5; candidates are matched one-to-one,
greedily by overlap (ties: right speaker, same kind, right cue, file order).
A matched pair is an end-to-end attribution hit when the speaker spans overlap
or the normalised speaker names agree; when gold names nobody, the prediction
must name nobody too.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("direct", "indirect", "mixed", "reported")
QUOTE_CHARS = frozenset("\"'`\u00b4\u201e\u201c\u201d\u201a\u2018\u2019\u00bb\u00ab\u203a\u2039\u201f\u201b\u2033\u2036")
NAME_DROP = frozenset({"der", "die", "das", "den", "dem", "des", "the", "herr", "herrn", "frau", "dr", "prof",
                       "mr", "mrs", "ms", "miss", "sir"})


@dataclass(slots=True)
class Quote:
    content: tuple[int, int]
    kind: str | None = None
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_name: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Doc:
    id: str
    text: str | None
    quotes: list[Quote]


def _span(v) -> tuple[int, int] | None:
    return (int(v[0]), int(v[1])) if v is not None else None


def quote_from_json(q: dict) -> Quote:
    name = q.get("speaker_name")
    return Quote(
        content=_span(q["content"]),
        kind=q.get("kind"),
        cue=_span(q.get("cue")),
        speaker=_span(q.get("speaker")),
        speaker_name=name if name and name.strip() else None,
        extra={k: v for k, v in q.items() if k not in ("content", "kind", "cue", "speaker", "speaker_name")},
    )


def read_quotes_jsonl(path: str | Path) -> dict[str, Doc]:
    docs: dict[str, Doc] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            doc_id = obj.get("id")
            if not isinstance(doc_id, str) or doc_id in docs:
                raise ValueError(f"{path}, line {lineno}: missing or duplicate id {doc_id!r}")
            docs[doc_id] = Doc(doc_id, obj.get("text"), [quote_from_json(q) for q in obj.get("quotes", [])])
    return docs


def _strippable(ch: str) -> bool:
    return ch.isspace() or ch in QUOTE_CHARS or unicodedata.category(ch).startswith("P")


def strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop whitespace, quotation marks and punctuation at both ends (unless nothing would remain)."""
    a, b = span
    while a < b and _strippable(text[a]):
        a += 1
    while b > a and _strippable(text[b - 1]):
        b -= 1
    return (a, b) if a < b else span


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def name_tokens(name: str) -> list[str]:
    out = []
    for raw in name.casefold().split():
        tok = "".join(ch for ch in raw if not unicodedata.category(ch).startswith("P") or ch in "-'\u2019")
        tok = tok.strip("-'\u2019")
        if tok:
            out.append(tok)
    while len(out) > 1 and out[0] in NAME_DROP:
        out.pop(0)
    return out


def names_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    return ta == tb or (len(ta) == 1 and ta[0] == tb[-1]) or (len(tb) == 1 and tb[0] == ta[-1])


def speaker_right(g: Quote, p: Quote) -> bool:
    g_has = g.speaker is not None or g.speaker_name is not None
    p_has = p.speaker is not None or p.speaker_name is not None
    if not g_has:
        return not p_has
    if g.speaker is not None and p.speaker is not None and overlap(g.speaker, p.speaker) > 0:
        return True
    return names_agree(g.speaker_name, p.speaker_name)


def cue_right(g: Quote, p: Quote) -> bool:
    if g.cue is None or p.cue is None:
        return g.cue is None and p.cue is None
    return overlap(g.cue, p.cue) > 0


@dataclass(slots=True)
class Pair:
    gi: int
    pi: int
    jaccard: float
    exact: bool
    speaker_ok: bool


def match(text: str, gold: list[Quote], pred: list[Quote]) -> list[Pair]:
    gs = [strip_span(text, q.content) for q in gold]
    ps = [strip_span(text, q.content) for q in pred]
    cands = []
    for gi, ga in enumerate(gs):
        for pi, pa in enumerate(ps):
            inter = overlap(ga, pa)
            if not inter:
                continue
            union = (ga[1] - ga[0]) + (pa[1] - pa[0]) - inter
            if 2 * inter < union:
                continue
            sp = speaker_right(gold[gi], pred[pi])
            tie = (not sp, gold[gi].kind != pred[pi].kind, not cue_right(gold[gi], pred[pi]))
            cands.append((-inter / union, tie, gi, pi, ga == pa, sp))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg_j, _, gi, pi, exact, sp in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append(Pair(gi, pi, -neg_j, exact, sp))
    return pairs


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(gold: dict[str, Doc], pred: dict[str, Doc]) -> dict:
    """P/R/F1 overall (content lenient/exact, attribution) and per kind, micro-averaged."""
    n_gold = n_pred = tp = tp_exact = tp_attr = 0
    cue_ok = kind_ok = kind_n = 0
    per: dict[str, dict[str, int]] = {}

    def bucket(kind: str | None) -> dict[str, int]:
        return per.setdefault(kind or "null", dict.fromkeys(
            ("gold", "pred", "tp_gold", "tp_pred", "ex_gold", "ex_pred", "at_gold", "at_pred"), 0))

    for doc_id, g in gold.items():
        p = pred.get(doc_id)
        pq = p.quotes if p else []
        n_gold += len(g.quotes)
        n_pred += len(pq)
        for q in g.quotes:
            bucket(q.kind)["gold"] += 1
        for q in pq:
            bucket(q.kind)["pred"] += 1
        for pair in match(g.text, g.quotes, pq):
            gq, ppq = g.quotes[pair.gi], pq[pair.pi]
            tp += 1
            tp_exact += pair.exact
            tp_attr += pair.speaker_ok
            gb, pb = bucket(gq.kind), bucket(ppq.kind)
            gb["tp_gold"] += 1
            pb["tp_pred"] += 1
            gb["ex_gold"] += pair.exact
            pb["ex_pred"] += pair.exact
            gb["at_gold"] += pair.speaker_ok
            pb["at_pred"] += pair.speaker_ok
            cue_ok += cue_right(gq, ppq)
            if gq.kind is not None:
                kind_n += 1
                kind_ok += gq.kind == ppq.kind

    def block(t: int) -> dict:
        return dict(prf(t, n_pred, t, n_gold), tp=t, gold=n_gold, pred=n_pred)

    order = [k for k in KINDS if k in per] + (["null"] if "null" in per else [])
    per_kind = {
        k: {
            "gold": per[k]["gold"],
            "pred": per[k]["pred"],
            "content_lenient": prf(per[k]["tp_pred"], per[k]["pred"], per[k]["tp_gold"], per[k]["gold"]),
            "content_exact": prf(per[k]["ex_pred"], per[k]["pred"], per[k]["ex_gold"], per[k]["gold"]),
            "attribution": prf(per[k]["at_pred"], per[k]["pred"], per[k]["at_gold"], per[k]["gold"]),
        }
        for k in order
    }
    return {
        "documents": {"gold": len(gold), "pred": len(pred), "missing_in_pred": sum(d not in pred for d in gold)},
        "overall": {"content_lenient": block(tp), "content_exact": block(tp_exact), "attribution": block(tp_attr)},
        "matched_pairs": {
            "n": tp,
            "speaker_accuracy": tp_attr / tp if tp else None,
            "kind_accuracy": kind_ok / kind_n if kind_n else None,
            "cue_accuracy": cue_ok / tp if tp else None,
        },
        "per_kind": per_kind,
    }

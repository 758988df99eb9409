"""Error report: the most frequent error classes, each with a few examples.

Classes:
* ``missed <kind> (cue: <word>)``: a gold quote no prediction matches; the cue
  word (or ``no cue``) says which pattern to work on;
* ``boundary <kind>``: a prediction overlaps the missed gold quote but with
  Jaccard < 0.5 (content starts/ends wrongly);
* ``spurious <kind> [<rule>]``: a prediction that matches nothing, with the
  extractor rule that made it when the prediction carries one;
* ``speaker: none predicted`` / ``speaker: wrong`` / ``speaker: invented``:
  matched content with a wrong attribution.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from .matching import Doc, match, overlap, speaker_right, strip_span


@dataclass(slots=True)
class ErrorExample:
    doc_id: str
    detail: str


def _snip(text: str, span: tuple[int, int] | None, width: int = 90) -> str:
    if span is None:
        return "—"
    s = text[span[0] : span[1]].replace("\n", " ")
    return s if len(s) <= width else s[: width // 2 - 2] + " … " + s[-(width // 2 - 2) :]


def _cue_word(text: str, cue: tuple[int, int] | None) -> str:
    if cue is None:
        return "no cue"
    words = text[cue[0] : cue[1]].lower().split()
    return " ".join(words[:2]) if len(words) <= 3 else words[0] + " …"


def error_classes(gold: dict[str, Doc], pred: dict[str, Doc], examples: int = 3) -> list[tuple[str, int, list[ErrorExample]]]:
    counts: collections.Counter[str] = collections.Counter()
    ex: dict[str, list[ErrorExample]] = collections.defaultdict(list)

    def note(cls: str, doc_id: str, detail: str) -> None:
        counts[cls] += 1
        if len(ex[cls]) < examples:
            ex[cls].append(ErrorExample(doc_id, detail))

    for doc_id, g in gold.items():
        text = g.text
        pq = pred[doc_id].quotes if doc_id in pred else []
        pairs = match(text, g.quotes, pq)
        matched_g = {p.gi for p in pairs}
        matched_p = {p.pi for p in pairs}
        for pair in pairs:
            if pair.speaker_ok:
                continue
            gq, p = g.quotes[pair.gi], pq[pair.pi]
            if p.speaker is None and p.speaker_name is None:
                cls = "speaker: none predicted"
            elif gq.speaker is None and gq.speaker_name is None:
                cls = "speaker: invented (gold has none)"
            else:
                cls = "speaker: wrong"
            note(cls, doc_id, f"content «{_snip(text, gq.content)}» gold speaker «{_snip(text, gq.speaker, 50)}» "
                              f"({gq.speaker_name}) predicted «{_snip(text, p.speaker, 50)}» ({p.speaker_name})")
        for gi, gq in enumerate(g.quotes):
            if gi in matched_g:
                continue
            ga = strip_span(text, gq.content)
            near = [p for pi, p in enumerate(pq) if pi not in matched_p and overlap(ga, strip_span(text, p.content))]
            if near:
                p = near[0]
                note(f"boundary {gq.kind}", doc_id, f"gold «{_snip(text, gq.content)}» predicted «{_snip(text, p.content)}»")
            else:
                note(f"missed {gq.kind} (cue: {_cue_word(text, gq.cue)})", doc_id,
                     f"«{_snip(text, gq.content)}» cue «{_snip(text, gq.cue, 40)}» speaker «{_snip(text, gq.speaker, 40)}»")
        for pi, p in enumerate(pq):
            if pi in matched_p:
                continue
            ga = strip_span(text, p.content)
            if any(overlap(ga, strip_span(text, gq.content)) for gi, gq in enumerate(g.quotes) if gi not in matched_g):
                continue  # already counted as a boundary error
            rule = p.extra.get("rule") if p.extra else None
            note(f"spurious {p.kind}" + (f" [{rule}]" if rule else ""), doc_id, f"«{_snip(text, p.content)}»")
    return [(cls, n, ex[cls]) for cls, n in counts.most_common()]


def speaker_errors_only(gold: dict[str, Doc], pred: dict[str, Doc]) -> int:
    n = 0
    for doc_id, g in gold.items():
        pq = pred[doc_id].quotes if doc_id in pred else []
        n += sum(1 for pair in match(g.text, g.quotes, pq) if not speaker_right(g.quotes[pair.gi], pq[pair.pi]))
    return n

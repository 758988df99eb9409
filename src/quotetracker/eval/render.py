"""Plain-text tables for scores and error classes."""

from __future__ import annotations


def _f(x) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def render_scores(res: dict) -> str:
    lines = [f"{'metric':<22}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for key, label in (("content_lenient", "content (lenient)"), ("content_exact", "content (exact)"),
                       ("attribution", "attribution (e2e)")):
        b = res["overall"][key]
        lines.append(f"{label:<22}{b['gold']:>7}{b['pred']:>7}{b['tp']:>7}"
                     f"{_f(b['precision']):>8}{_f(b['recall']):>8}{_f(b['f1']):>8}")
    m = res["matched_pairs"]
    lines.append("")
    lines.append(f"matched pairs: {m['n']}   speaker acc {_f(m['speaker_accuracy']).strip()}   "
                 f"kind acc {_f(m['kind_accuracy']).strip()}   cue acc {_f(m['cue_accuracy']).strip()}")
    lines.append("")
    lines.append(f"{'kind':<10}{'gold':>6}{'pred':>6} | {'lenient P/R/F1':<20} | {'exact P/R/F1':<20} | attribution P/R/F1")
    for k, b in res["per_kind"].items():
        cells = [" ".join(_f(b[key][m]) for m in ("precision", "recall", "f1"))
                 for key in ("content_lenient", "content_exact", "attribution")]
        lines.append(f"{k:<10}{b['gold']:>6}{b['pred']:>6} | {cells[0]:<20} | {cells[1]:<20} | {cells[2]}")
    return "\n".join(lines)


def render_errors(classes, top: int = 10) -> str:
    lines = ["top error classes:"]
    for cls, n, examples in classes[:top]:
        lines.append(f"  {n:>5}  {cls}")
        for e in examples:
            lines.append(f"           [{e.doc_id}] {e.detail}")
    return "\n".join(lines)

"""Run the extractor over the texts of a gold file (predictions in quotes-jsonl shape)."""

from __future__ import annotations

from ..model import Document
from .matching import Doc, quote_from_json


def predict_docs(gold: dict[str, Doc], lang_of: dict[str, str] | None = None, dates: dict[str, str | None] | None = None) -> dict[str, Doc]:
    """Extract statements from every gold text with the registered extractor of its language."""
    from ..extract.base import get_extractor

    by_lang: dict[str, list[Document]] = {}
    for doc_id, g in gold.items():
        lang = (lang_of or {}).get(doc_id) or "de"
        by_lang.setdefault(lang, []).append(
            Document(text=g.text, id=doc_id, lang=lang, date=(dates or {}).get(doc_id)))
    out: dict[str, Doc] = {}
    for lang, docs in by_lang.items():
        for ex in get_extractor(lang).extract_many(docs):
            quotes = []
            for s in ex.statements:
                q = quote_from_json(s.to_quote())
                q.extra["rule"] = (s.meta or {}).get("rule")
                quotes.append(q)
            out[ex.document.id] = Doc(ex.document.id, ex.document.text, quotes)
    return out

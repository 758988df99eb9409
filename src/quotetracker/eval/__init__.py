"""Scoring extracted statements against quotes-jsonl gold, and error reports.

``score(gold, pred)`` implements the matching of ``shared/spec/quotes-jsonl.md``
(checked against ``shared/tools/score_quotes.py`` by tests/test_eval_matching.py);
``error_classes`` lists the most frequent error classes with examples;
``predict_file`` runs an extractor over a gold file's texts.
"""

from __future__ import annotations

from .errors import error_classes
from .matching import Doc, Quote, names_agree, read_quotes_jsonl, score
from .render import render_errors, render_scores
from .run import predict_docs

__all__ = ["Doc", "Quote", "score", "read_quotes_jsonl", "names_agree", "error_classes", "render_scores",
           "render_errors", "predict_docs"]

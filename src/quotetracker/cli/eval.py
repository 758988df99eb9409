"""``quotetracker eval GOLD.jsonl [--pred PRED.jsonl]``: score statements against gold.

Without ``--pred`` the registered extractor runs on the gold texts first.
Prints P/R/F1 overall and per kind, then the top error classes with examples.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ._app import app


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold quotes JSONL."),
    pred: Path = typer.Option(None, "--pred", exists=True, dir_okay=False, help="Predictions (quotes JSONL); default: run the extractor."),
    save: Path = typer.Option(None, "--save", help="Write the predictions made here to this quotes JSONL file."),
    top: int = typer.Option(10, "--top", help="How many error classes to show (0: none)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score extracted statements against a gold file (spec: shared/spec/quotes-jsonl.md)."""
    from ..eval import error_classes, predict_docs, read_quotes_jsonl, render_errors, render_scores, score

    try:
        gold_docs = read_quotes_jsonl(gold)
        meta = {}
        for line in gold.open(encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                meta[o["id"]] = (o.get("lang"), o.get("date"))
        if pred is not None:
            pred_docs = read_quotes_jsonl(pred)
            unknown = [d for d in pred_docs if d not in gold_docs]
            if unknown:
                typer.echo(f"error: {len(unknown)} predicted document(s) not in gold, e.g. {unknown[0]!r}", err=True)
                raise typer.Exit(2)
        else:
            pred_docs = predict_docs(gold_docs, {k: v[0] for k, v in meta.items()}, {k: v[1] for k, v in meta.items()})
    except (ValueError, KeyError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if save is not None:
        with save.open("w", encoding="utf-8") as fh:
            for doc_id, d in pred_docs.items():
                quotes = [{"content": list(q.content), "kind": q.kind, "cue": list(q.cue) if q.cue else None,
                           "speaker": list(q.speaker) if q.speaker else None, "speaker_name": q.speaker_name}
                          for q in d.quotes]
                fh.write(json.dumps({"id": doc_id, "text": d.text, "quotes": quotes}, ensure_ascii=False) + "\n")
    res = score(gold_docs, pred_docs)
    if as_json:
        typer.echo(json.dumps(res, indent=1))
        return
    typer.echo(f"gold: {gold}  ({len(gold_docs)} documents)")
    typer.echo(render_scores(res))
    if top:
        typer.echo("")
        typer.echo(render_errors(error_classes(gold_docs, pred_docs), top))

"""``quotetracker nlp-eval``: held-out accuracy of the German pipeline (numbers of the model card)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from ._app import app


def _shared_dir(value: Path | None) -> Path | None:
    if value is not None:
        return value
    env = os.environ.get("QUOTETRACKER_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [Path.cwd().parent / "shared", Path(__file__).resolve().parents[3].parent / "shared"]
    return next((c for c in candidates if c.is_dir()), None)


@app.command("nlp-eval")
def nlp_eval(
    shared: Path = typer.Option(None, "--shared", help="The shared data folder (default $QUOTETRACKER_SHARED or ../shared)."),
    kind: str = typer.Option("default", "--kind", help="Pipeline: default (shipped), trained, or rules (HanTa)."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Evaluate the German pipeline on the held-out files: UD GSD test, WIKINEWS dev sentences, GermEval dev tail."""
    from ..nlp.de import load
    from ..nlp.de.evaluate import evaluate_all

    folder = _shared_dir(shared)
    if folder is None or not (folder / "train" / "de").is_dir():
        typer.echo("skipped: shared data not found (use --shared or set QUOTETRACKER_SHARED); nothing evaluated")
        raise typer.Exit(0)
    nlp = load(None if kind == "default" else kind)
    results = evaluate_all(nlp, folder)
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return
    ud, sents, ner = results["ud_gsd_test"], results["wikinews_dev"], results["germeval_dev_heldout"]
    typer.echo(f"UD German-GSD test ({ud['tokens']} tokens)")
    typer.echo(f"  STTS accuracy   {ud['stts_acc']:.4f}")
    typer.echo(f"  UPOS accuracy   {ud['upos_acc']:.4f}")
    typer.echo(f"  lemma accuracy  {ud['lemma_acc']:.4f}  (caseless {ud['lemma_acc_caseless']:.4f})")
    k = ud["konjunktiv1"]
    typer.echo(f"  Konjunktiv I    P {k['p']:.3f}  R {k['r']:.3f}  F {k['f']:.3f}")
    s = sents["sentence_start"]
    typer.echo(f"WIKINEWS dev sentence starts  P {s['p']:.3f}  R {s['r']:.3f}  F {s['f']:.3f}")
    typer.echo("GermEval 2014 dev, held-out last 700 sentences")
    for key in ("ner", "ner_PER", "ner_ORG", "ner_LOC", "ner_MISC"):
        m = ner[key]
        name = "all" if key == "ner" else key[4:]
        typer.echo(f"  {name:<5} P {m['p']:.3f}  R {m['r']:.3f}  F {m['f']:.3f}")

"""Rebuild the shipped German weights from ../shared (python -m training.train_de).

Steps (each skipped with --reuse when its output already exists in training/work/):
 1. silver    HanTa + rules over corpus/de_news.jsonl          -> work/silver_news.spacy
 2. prepare   UD GSD dev (gold), GermEval + Europeana (gold NER) -> work/*.spacy
 3. pretrain  `spacy pretrain` of the tok2vec on corpus/de_news.jsonl, 1 epoch (--pretrain-epochs),
              character objective, one thread                     -> work/pretrain/model0.bin
    train     spaCy: CNN tok2vec (width 64, depth 3, larger hash tables) + STTS tagger + NER
              (config.cfg, seed 13, 3,200 steps, tok2vec initialised from the pretrained weights)
              on silver + GSD dev x2 + NER data x2                -> work/run_small/ (shipped: model-best)
    stage 2   only with --stage2: 1,200 more steps (config_stage2.cfg) -> work/run_small2/
 4. lexicon   (form, tag) -> lemma, verb morphemes               -> model/lexicon.tsv.gz
 5. gazetteer names from the NER training data + Faker name/place lists -> model/gazetteer.tsv
 6. install   model-best + tables -> src/quotetracker/nlp/de/model/ (MODEL_CARD.md kept)
 7. evaluate  held-out numbers, printed (same as `quotetracker nlp-eval --json`)
Single-threaded and seeded; the runs are deterministic on the same machine and library versions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import ROOT, WORK, shared_dir

MODEL_DIR = ROOT / "src" / "quotetracker" / "nlp" / "de" / "model"
KEEP_IN_MODEL = ("MODEL_CARD.md",)
PRETRAIN_EPOCHS = 1  # one epoch of `spacy pretrain` (~10 min on a busy core): +1.9 NER F (MODEL_CARD.md)


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuse", action="store_true", help="keep existing silver/prepared data and training run")
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--no-install", action="store_true", help="do not replace the shipped model")
    ap.add_argument("--config", default="training/config.cfg", help="stage-1 config")
    ap.add_argument("--stage2", action="store_true",
                    help="continue for 1,200 steps (config_stage2.cfg); helped the first model, not the shipped one")
    ap.add_argument("--pretrain-epochs", type=int, default=PRETRAIN_EPOCHS,
                    help="spacy pretrain epochs on corpus/de_news.jsonl before stage 1 (0: none)")
    args = ap.parse_args()
    shared = shared_dir()  # fail early without shared data
    py = sys.executable
    if not (args.reuse and (WORK / "silver_news.spacy").exists()):
        run([py, "-m", "training.silver"])
    if not (args.reuse and (WORK / "ner_train.spacy").exists()):
        run([py, "-m", "training.prepare"])
    train2 = WORK / "train2"  # silver news once, gold GSD dev and NER data twice
    train2.mkdir(parents=True, exist_ok=True)
    for name in ("silver_news.spacy", "gsd_dev.spacy", "ner_train.spacy"):
        shutil.copyfile(WORK / name, train2 / name)
        if name != "silver_news.spacy":
            shutil.copyfile(WORK / name, train2 / f"again_{name}")
    init_tok2vec = []
    if args.pretrain_epochs:
        weights = WORK / "pretrain" / f"model{args.pretrain_epochs - 1}.bin"
        if not (args.reuse and weights.exists()):
            run([py, "-m", "spacy", "pretrain", args.config, str(WORK / "pretrain"),
                 "--paths.raw_text", str(shared / "corpus" / "de_news.jsonl"),
                 "--pretraining.max_epochs", str(args.pretrain_epochs)])
        init_tok2vec = ["--paths.init_tok2vec", str(weights)]
    stage1 = WORK / "run_small" / "model-best"
    if not (args.reuse and stage1.exists()):
        cmd = [py, "-m", "spacy", "train", args.config, "--output", str(WORK / "run_small"),
               "--paths.train", str(train2), "--paths.dev", str(WORK / "ner_dev.spacy"), *init_tok2vec]
        if args.max_steps:
            cmd += ["--training.max_steps", str(args.max_steps)]
        run(cmd)
    best = WORK / "run_small2" / "model-best" if args.stage2 else stage1
    if args.stage2 and not (args.reuse and best.exists()):
        run([py, "-m", "spacy", "train", "training/config_stage2.cfg", "--output", str(WORK / "run_small2"),
             "--paths.train", str(train2), "--paths.dev", str(WORK / "ner_dev.spacy"),
             "--paths.stage1", str(stage1)])
    run([py, "-m", "training.lexicon", str(best / "lexicon.tsv.gz")])
    run([py, "-m", "training.gazetteer", str(best / "gazetteer.tsv")])
    if args.no_install:
        return
    install(best, MODEL_DIR)
    run([py, "-m", "quotetracker", "nlp-eval", "--kind", "trained", "--json"])


def install(best: Path, model_dir: Path) -> None:
    """Copy a trained pipeline into the package, without the training vocabulary's strings
    (hash embeddings need no string table; labels are kept): 4 MB less to ship."""
    model_dir.mkdir(parents=True, exist_ok=True)
    for item in model_dir.iterdir():
        if item.name not in KEEP_IN_MODEL:
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    for item in best.iterdir():
        target = model_dir / item.name
        shutil.copytree(item, target) if item.is_dir() else shutil.copyfile(item, target)
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    labels = sorted({label for values in meta["labels"].values() for label in values})
    (model_dir / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    meta.update(name="quotetracker_de_news", version="1.0.0",
                description="German news: STTS tagger + NER on a shared CNN (see MODEL_CARD.md)",
                license="CC BY-SA 4.0 / CC BY-NC-SA 4.0 data terms, see MODEL_CARD.md")
    (model_dir / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

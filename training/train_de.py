"""Rebuild the shipped German weights from ../shared (python -m training.train_de).

Steps (each skipped with --reuse when its output already exists in training/work/):
 1. silver    HanTa + rules over corpus/de_news.jsonl                        -> work/silver_news.spacy
 2. prepare   UD GSD dev (gold), GermEval + Europeana (gold NER)               -> work/*.spacy
 3. vectors   fastText on the unlabelled text + knowledge columns (vectors.py) -> work/vectors/
 4. pretrain  `spacy pretrain` of the tok2vec (with the vectors) on corpus/de_news.jsonl, 1 epoch
              (--pretrain-epochs), character objective                        -> work/pretrain/model0.bin
 5. tables    lexicon ((form, tag) -> lemma, verb morphemes) and gazetteer      -> work/tables/
 6. teacher   spaCy: CNN tok2vec (width 64, depth 3, hash tables + static vectors) + STTS tagger + NER
              (config.cfg, seed 13, 3,200 steps, tok2vec initialised from step 4)
              on silver + GSD dev x2 + NER data x2                             -> work/run_teacher/
 7. distil    the teacher pipeline (+ tables + entity rules) labels the silver news with entities
              (silver_ner.py); the student, same config and initialisation, trains on that
              + GSD dev x2 + NER data x2 (--distil-rounds, 0 = ship the teacher) -> work/run_student1/
 8. install   the last model-best + tables -> src/quotetracker/nlp/de/model/ (MODEL_CARD.md kept)
 9. evaluate  held-out numbers, printed (same as `quotetracker nlp-eval --json`)
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
from .prepare import assemble_training_set

MODEL_DIR = ROOT / "src" / "quotetracker" / "nlp" / "de" / "model"
KEEP_IN_MODEL = ("MODEL_CARD.md",)
PRETRAIN_EPOCHS = 1  # one epoch of `spacy pretrain` (~2 min on an idle core; MODEL_CARD.md)
DISTIL_ROUNDS = 1  # teacher -> student rounds (MODEL_CARD.md: one round +1.2 NER F)
TABLES = ("lexicon.tsv.gz", "gazetteer.tsv")
MODEL_VERSION = "1.2.0"  # meta.json; MODEL_CARD.md's title names the same version (tests check)


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuse", action="store_true", help="keep existing silver/prepared data and training run")
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--no-install", action="store_true", help="do not replace the shipped model")
    ap.add_argument("--config", default="training/config.cfg", help="training config (teacher and student)")
    ap.add_argument("--pretrain-epochs", type=int, default=PRETRAIN_EPOCHS,
                    help="spacy pretrain epochs on corpus/de_news.jsonl before training (0: none)")
    ap.add_argument("--distil-rounds", type=int, default=DISTIL_ROUNDS,
                    help="teacher -> student rounds on silver entities (0: ship the teacher)")
    args = ap.parse_args()
    shared = shared_dir()  # fail early without shared data
    py = sys.executable
    if not (args.reuse and (WORK / "silver_news.spacy").exists()):
        run([py, "-m", "training.silver"])
    if not (args.reuse and (WORK / "ner_all.spacy").exists()):
        run([py, "-m", "training.prepare"])
    if not (args.reuse and (WORK / "vectors" / "vocab" / "vectors").exists()):
        run([py, "-m", "training.vectors", "--out", str(WORK / "vectors")])
    train2 = WORK / "train2"
    assemble_training_set(train2, WORK / "silver_news.spacy")
    init_tok2vec = []
    if args.pretrain_epochs:
        weights = WORK / "pretrain" / f"model{args.pretrain_epochs - 1}.bin"
        if not (args.reuse and weights.exists()):
            run([py, "-m", "spacy", "pretrain", args.config, str(WORK / "pretrain"),
                 "--paths.raw_text", str(shared / "corpus" / "de_news.jsonl"),
                 "--pretraining.max_epochs", str(args.pretrain_epochs)])
        init_tok2vec = ["--paths.init_tok2vec", str(weights)]
    tables = WORK / "tables"
    if not (args.reuse and all((tables / name).exists() for name in TABLES)):
        tables.mkdir(parents=True, exist_ok=True)
        run([py, "-m", "training.lexicon", str(tables / "lexicon.tsv.gz")])
        run([py, "-m", "training.gazetteer", str(tables / "gazetteer.tsv")])
    best = train(args, "run_teacher", train2, init_tok2vec, tables)
    for round_ in range(1, args.distil_rounds + 1):
        data = WORK / f"train_student{round_}"
        if not (args.reuse and (data / "silver_news.spacy").exists()):
            run([py, "-m", "training.silver_ner", str(best), str(data)])
        best = train(args, f"run_student{round_}", data, init_tok2vec, tables)
    if args.no_install:
        return
    install(best, MODEL_DIR)
    run([py, "-m", "quotetracker", "nlp-eval", "--kind", "trained", "--json"])


def train(args, name: str, data: Path, init_tok2vec: list[str], tables: Path) -> Path:
    """One `spacy train` run of the stage config; returns its model-best with the tables copied in."""
    best = WORK / name / "model-best"
    if not (args.reuse and best.exists()):
        cmd = [sys.executable, "-m", "spacy", "train", args.config, "--output", str(WORK / name),
               "--paths.train", str(data), "--paths.dev", str(WORK / "ner_dev.spacy"), *init_tok2vec]
        if args.max_steps:
            cmd += ["--training.max_steps", str(args.max_steps)]
        run(cmd)
    for table in TABLES:
        shutil.copyfile(tables / table, best / table)
    return best


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
    meta.update(name="quotetracker_de_news", version=MODEL_VERSION,
                description="German news: STTS tagger + NER on a shared CNN (see MODEL_CARD.md)",
                license="CC BY-SA 4.0 / CC BY-NC-SA 4.0 data terms, see MODEL_CARD.md")
    (model_dir / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

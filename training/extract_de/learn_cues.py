"""Learn German cue statistics from the WIKINEWS training split (gold quotes JSONL).

Reads ``shared/gold/train/wikinews_de.jsonl`` at run time and writes counts only
(no text) to ``src/quotetracker/extract/de/lexicon/learned_cues.json``:

* ``cue_forms``: lower-cased word forms inside annotated cue spans, with counts
  (how often the form is a cue) and ``seen`` (how often it occurs in the texts),
  so the extractor can weigh ambiguous forms such as *so* or *nach*;
* ``source_nouns``: nouns right after a *nach*/*laut* cue (*Angaben*, *Worten* …).

Data licence: German WIKINEWS quotation attribution, CC BY-NC-SA 4.0
(Petersen-Frey & Biemann 2024); the learned counts inherit it.

Usage: python training/extract_de/learn_cues.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/quotetracker/extract/de/lexicon/learned_cues.json"
WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args()
    path = Path(args.shared) / "gold/train/wikinews_de.jsonl"
    cue = collections.Counter()
    seen = collections.Counter()
    nouns = collections.Counter()
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        text = doc["text"]
        for m in WORD.finditer(text):
            seen[m.group().lower()] += 1
        for q in doc["quotes"]:
            if not q.get("cue"):
                continue
            s, e = q["cue"]
            words = WORD.findall(text[s:e])
            if len(words) > 4:  # long frames are annotation noise, not cue words
                continue
            for w in words:
                if w[0].islower() or w.lower() in ("laut", "nach", "so", "demnach", "wie", "zufolge"):
                    cue[w.lower()] += 1
            if words and words[-1].lower() in ("nach", "laut"):
                follow = WORD.findall(text[e : e + 60])
                for w in follow[:3]:
                    if w[0].isupper() and w.lower() not in ("der", "die", "das", "des", "dem", "den", "ein", "einer", "eines"):
                        nouns[w] += 1
                        break
    data = {
        "source": "shared/gold/train/wikinews_de.jsonl (CC BY-NC-SA 4.0)",
        "cue_forms": {w: {"cue": c, "seen": seen[w]} for w, c in cue.most_common() if c >= args.min_count},
        "source_nouns": {w: c for w, c in nouns.most_common() if c >= args.min_count},
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(data['cue_forms'])} cue forms, {len(data['source_nouns'])} source nouns")


if __name__ == "__main__":
    main()

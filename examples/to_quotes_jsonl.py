"""Turn the answer key (examples/expected.jsonl) into gold quotes-jsonl with offsets.

    python examples/to_quotes_jsonl.py > examples_gold.jsonl
    quotetracker extract examples/ --format quotes-jsonl -o pred.jsonl
    python ../shared/tools/score_quotes.py examples_gold.jsonl pred.jsonl

Content offsets are exact (each content occurs once in its article). Cue and
speaker spans are the occurrence of the written words, as whole words, closest
to the content; a separated cue (``teilte ... mit``) gets the span of its first
part, the finite verb.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _closest(text: str, words: str | None, start: int, end: int) -> list[int] | None:
    if not words:
        return None
    spans = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text)]
    if not spans:
        return None

    def distance(span: tuple[int, int]) -> int:
        if span[1] <= start:
            return start - span[1]
        if span[0] >= end:
            return span[0] - end
        return 0  # inside the content: "laut X" in mid-sentence

    return list(min(spans, key=distance))


def gold_records(folder: Path = HERE) -> list[dict]:
    from quotetracker.io import read_inputs

    docs = {Path(d.origin).name: d for d in read_inputs(folder)}
    records = []
    with open(folder / "expected.jsonl", encoding="utf-8") as fh:
        for line in fh:
            key = json.loads(line)
            doc = docs[key["file"]]
            quotes = []
            for st in key["statements"]:
                start = doc.text.index(st["content"])
                end = start + len(st["content"])
                cue = st["cue"].split(" ... ")[0] if st["cue"] else None
                quotes.append(
                    {
                        "content": [start, end],
                        "kind": st["kind"],
                        "cue": _closest(doc.text, cue, start, end),
                        "speaker": _closest(doc.text, st["speaker"], start, end),
                        "speaker_name": st["speaker_name"],
                    }
                )
            records.append(
                {"id": doc.id, "lang": doc.lang, "date": doc.date, "source": None, "text": doc.text, "quotes": quotes}
            )
    return records


def check_statements(lang: str, extract, folder: Path = HERE) -> list[dict]:
    """Each key statement of one language against an extractor (``extract(document) -> Extraction``):
    matched one-to-one as the spec's scorer does, and whether the speaker is the right person
    (names agree; where the key names nobody, the extractor names nobody or the same mention)."""
    from quotetracker.eval import names_agree
    from quotetracker.eval.matching import Quote, match, overlap
    from quotetracker.io import read_inputs

    def span(v):
        return tuple(v) if v else None

    docs = {d.id: d for d in read_inputs(folder) if getattr(d, "lang", None) == lang}
    lines = (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    keys = {key["file"].removesuffix(".txt"): key for key in map(json.loads, filter(str.strip, lines))}
    rows = []
    for record in gold_records(folder):
        if record["id"] not in docs:
            continue
        text = record["text"]
        gold = [Quote(span(q["content"]), q["kind"], span(q["cue"]), span(q["speaker"]), q["speaker_name"])
                for q in record["quotes"]]
        pred = [Quote((s.content.start, s.content.end), s.kind, None,
                      (s.speaker.start, s.speaker.end) if s.speaker else None, s.speaker_name)
                for s in extract(docs[record["id"]]).statements]
        pairs = {pair.gi: pair.pi for pair in match(text, gold, pred)}
        for gi, st in enumerate(keys[record["id"]]["statements"]):
            p = pred[pairs[gi]] if gi in pairs else None
            if p is None:
                right = False
            elif st["speaker_name"] is None:
                right = p.speaker_name is None or (
                    gold[gi].speaker is not None and p.speaker is not None and overlap(gold[gi].speaker, p.speaker) > 0)
            else:
                right = names_agree(p.speaker_name, st["speaker_name"])
            rows.append({"file": record["id"], "statement": st, "found": p is not None, "right": right,
                         "got": None if p is None else (text[p.content[0] : p.content[1]][:60], p.speaker_name)})
    return rows


def main() -> None:
    for record in gold_records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

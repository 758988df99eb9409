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


def main() -> None:
    for record in gold_records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

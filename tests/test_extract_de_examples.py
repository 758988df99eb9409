"""The German example articles (examples/*.txt) against their answer key (examples/expected.jsonl).

Every expected statement must be found and attributed to the right person, one by one:
content matched one-to-one as the spec's scorer does (Jaccard >= 0.5 after stripping,
greedy by overlap), and the speaker name agreeing with the key's (surname rule). Where the
key names nobody (*hieß es*, *Kritiker*, *ein Sprecher des Verbands*) the extractor must name
nobody either, or attach the statement to the same mention.
"""

import importlib.util
import json

import pytest

from quotetracker.eval import names_agree
from quotetracker.eval.matching import Quote, match, overlap
from quotetracker.extract.de import GermanExtractor
from quotetracker.io import read_inputs


def _gold_records(examples_dir):
    spec = importlib.util.spec_from_file_location("examples_to_quotes_jsonl", examples_dir / "to_quotes_jsonl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {rec["id"]: rec for rec in module.gold_records(examples_dir)}


def _span(v):
    return tuple(v) if v else None


@pytest.fixture(scope="module")
def results(examples_dir):
    key_path = examples_dir / "expected.jsonl"
    if not key_path.exists():
        pytest.skip("examples/expected.jsonl is absent")
    key = {}
    for line in key_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["lang"] == "de":
                key[row["file"].removesuffix(".txt")] = row
    gold_records = _gold_records(examples_dir)
    extractor = GermanExtractor()
    rows = []
    for doc in read_inputs(str(examples_dir)):
        if not hasattr(doc, "text") or doc.id not in key:
            continue
        text = doc.text
        statements = key[doc.id]["statements"]
        gold = [Quote(_span(q["content"]), q["kind"], _span(q["cue"]), _span(q["speaker"]), q["speaker_name"])
                for q in gold_records[doc.id]["quotes"]]
        pred = [Quote((s.content.start, s.content.end), s.kind, None,
                      (s.speaker.start, s.speaker.end) if s.speaker else None, s.speaker_name)
                for s in extractor.extract(doc).statements]
        pairs = {pair.gi: pair.pi for pair in match(text, gold, pred)}
        for gi, st in enumerate(statements):
            p = pred[pairs[gi]] if gi in pairs else None
            if p is None:
                right = False
            elif st["speaker_name"] is None:
                right = p.speaker_name is None or (
                    gold[gi].speaker is not None and p.speaker is not None and overlap(gold[gi].speaker, p.speaker) > 0)
            else:
                right = names_agree(p.speaker_name, st["speaker_name"])
            got = None if p is None else (text[p.content[0]:p.content[1]][:50], p.speaker_name)
            rows.append((doc.id, st, p is not None, right, got))
    assert len({r[0] for r in rows}) == len(key), "not every German example article was read"
    return rows


def _misses(rows, col):
    return "\n".join(f"  {n}: {st['content'][:60]!r} expected {st['speaker_name']!r} got {got!r}"
                     for n, st, found, right, got in rows if not (found if col == 2 else right))


def test_every_statement_is_found(results):
    assert all(r[2] for r in results), "missing:\n" + _misses(results, 2)


def test_every_statement_is_attributed_to_the_right_person(results):
    assert all(r[3] for r in results), "wrong speaker:\n" + _misses(results, 3)


@pytest.mark.parametrize("kind", ["direct", "indirect", "mixed", "reported"])
def test_every_kind_is_covered_by_the_key(results, kind):
    assert any(r[1]["kind"] == kind for r in results)

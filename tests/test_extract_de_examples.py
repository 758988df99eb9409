"""The German example articles (examples/*.txt) against their answer key (examples/expected.jsonl).

Every expected statement must be found and attributed to the right person, one by one:
content matched one-to-one as the spec's scorer does (Jaccard >= 0.5 after stripping,
greedy by overlap), and the speaker name agreeing with the key's (surname rule). Where the
key names nobody (*hieß es*, *Kritiker*, *ein Sprecher des Verbands*) the extractor must name
nobody either, or attach the statement to the same mention.
"""

import importlib.util

import pytest

from quotetracker.extract.de import GermanExtractor


def load_key_checker(examples_dir):
    spec = importlib.util.spec_from_file_location("examples_to_quotes_jsonl", examples_dir / "to_quotes_jsonl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check_statements


def misses(rows, col):
    return "\n".join(f"  {r['file']}: {r['statement']['content'][:60]!r} expected {r['statement']['speaker_name']!r} "
                     f"got {r['got']!r}" for r in rows if not r[col])


@pytest.fixture(scope="module")
def results(examples_dir):
    if not (examples_dir / "expected.jsonl").exists():
        pytest.skip("examples/expected.jsonl is absent")
    rows = load_key_checker(examples_dir)("de", GermanExtractor().extract, examples_dir)
    assert len({r["file"] for r in rows}) >= 18, "not every German example article was read"
    return rows


def test_every_statement_is_found(results):
    assert all(r["found"] for r in results), "missing:\n" + misses(results, "found")


def test_every_statement_is_attributed_to_the_right_person(results):
    assert all(r["right"] for r in results), "wrong speaker:\n" + misses(results, "right")


@pytest.mark.parametrize("kind", ["direct", "indirect", "mixed", "reported"])
def test_every_kind_is_covered_by_the_key(results, kind):
    assert any(r["statement"]["kind"] == kind for r in results)

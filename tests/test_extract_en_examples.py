"""The English example articles (examples/en_*.txt) against their answer key: every statement
found (one-to-one, the spec's lenient match) and attributed to the right person by name."""

import importlib.util

import pytest

from quotetracker.extract.en import EnglishExtractor


@pytest.fixture(scope="module")
def results(examples_dir):
    if not (examples_dir / "expected.jsonl").exists():
        pytest.skip("examples/expected.jsonl is absent")
    spec = importlib.util.spec_from_file_location("examples_to_quotes_jsonl", examples_dir / "to_quotes_jsonl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.check_statements("en", EnglishExtractor().extract, examples_dir)
    assert len({r["file"] for r in rows}) >= 6, "not every English example article was read"
    return rows


def _misses(rows, col):
    return "\n".join(f"  {r['file']}: {r['statement']['content'][:60]!r} expected {r['statement']['speaker_name']!r} "
                     f"got {r['got']!r}" for r in rows if not r[col])


def test_every_statement_is_found(results):
    assert all(r["found"] for r in results), "missing:\n" + _misses(results, "found")


def test_every_statement_is_attributed_to_the_right_person(results):
    assert all(r["right"] for r in results), "wrong speaker:\n" + _misses(results, "right")

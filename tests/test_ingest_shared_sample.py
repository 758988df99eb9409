"""Done-when check of issue 2: ingesting ../shared/corpus/de_news_sample/ twice adds nothing the second time."""

from __future__ import annotations

import pytest

from quotetracker.ingest import ingest
from quotetracker.store import Store


@pytest.mark.shared
@pytest.mark.slow
def test_second_ingest_of_the_sample_adds_nothing(db_url, shared_dir):
    sample = shared_dir / "corpus" / "de_news_sample"
    store = Store(db_url)
    first = ingest(store, [str(sample)])  # the real German engine
    assert first.rejected == 0
    assert first.accepted > 200  # 201 seed files plus a JSONL file of undated articles
    assert first.statements > 0
    docs, sts = store.count("documents"), store.count("statements")
    second = ingest(store, [str(sample)])
    assert (second.accepted, second.statements, second.duplicates) == (0, 0, first.accepted + first.duplicates)
    assert (store.count("documents"), store.count("statements")) == (docs, sts)

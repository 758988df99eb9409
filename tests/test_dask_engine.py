"""The Dask engine on a real LocalCluster (2 worker processes): the same database
as a single-process ingest, also when a worker dies mid-run; Parquet output equal
to the quotes-jsonl extraction. The corpus is fictional and written here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import cloudpickle  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from quotetracker.distributed import connect, dask_extract_parquet, dask_ingest, process_partition  # noqa: E402
from quotetracker.ingest import extract_documents, ingest  # noqa: E402
from quotetracker.io import read_inputs  # noqa: E402
from quotetracker.model import Document  # noqa: E402
from quotetracker.store import Store  # noqa: E402

pytestmark = [pytest.mark.dask, pytest.mark.slow]  # a real cluster: model loading in every worker

# Workers import this module by value (the tests folder is not on their path).
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SPEAKERS = [
    ("Bürgermeisterin Greta Wollny", "sie", "Die Brücke über die Lenne wird im Frühjahr saniert"),
    ("Verkehrsminister Anton Rehberg", "er", "Der Nachtzug nach Kerlingen bleibt bis 2030 im Fahrplan"),
    ("die Gewerkschaftschefin Ilse Marquardt", "sie", "Ohne höhere Löhne wird es im Herbst Streiks geben"),
    ("der Vereinsvorsitzende Paul Eschner", "er", "Das neue Stadion kostet keinen Cent aus der Stadtkasse"),
    ("Polizeisprecher Jonas Heitkamp", "er", "Die Straße bleibt bis Montagabend gesperrt"),
    ("die Ärztin Mira Sandvoss", "sie", "Die Notaufnahme braucht dringend mehr Personal"),
]


def _article(i: int) -> dict:
    name, pron, claim = SPEAKERS[i % len(SPEAKERS)]
    surname = name.split()[-1]
    body = (
        f"Kerlingen (qt) – {name[0].upper() + name[1:]} hat am Dienstag neue Pläne vorgestellt. "
        f"„{claim}“, sagte {name} vor Journalisten. "
        f"{surname} betonte, man habe die Lage seit Wochen geprüft. "
        f"Die Entscheidung sei nach langen Beratungen gefallen, sagte {pron}. "
        f"Kritiker im Stadtrat halten den Plan für verfrüht. Ausgabe {i}."
    )
    return {"id": f"kerl-{i}", "date": f"2023-{i % 12 + 1:02d}-{i % 25 + 1:02d}", "source": "Kerlinger Bote", "lang": "de", "text": body}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder: a JSONL file (split into line ranges) with a broken line, an empty text and a repeat, plus a CSV file."""
    root = tmp_path_factory.mktemp("dask_corpus")
    lines = [json.dumps(_article(i), ensure_ascii=False) for i in range(1, 15)]
    lines.insert(4, '{"id": "kaputt", "text": ')  # invalid JSON: a reject with its line number
    lines.insert(9, json.dumps({"id": "leer", "date": "2023-05-05", "text": "   "}))
    repeat = dict(_article(3), id="kerl-3-nachdruck")  # same text, date, source: one document
    lines.append(json.dumps(repeat, ensure_ascii=False))
    (root / "a_meldungen.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv_rows = ["id,date,source,lang,text"]
    for i in range(20, 23):
        art = _article(i)
        csv_rows.append(f'{art["id"]},{art["date"]},Kerlinger Bote,de,"{art["text"].replace(chr(34), chr(34) * 2)}"')
    (root / "b_archiv.csv").write_text("\n".join(csv_rows) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client():
    with connect(workers=2, preload=["de"]) as c:
        assert len(c.scheduler_info()["workers"]) == 2
        yield c


def _snapshot(url: str) -> dict[str, set]:
    """Documents, statements and rejects as sets of tuples (no row ids: they may differ)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        docs = set(conn.execute(text("SELECT doc_key, content_hash, date, lang, source, title, text, origin FROM documents")))
        statements = {
            (*row[:-1], round(row[-1], 6))
            for row in conn.execute(
                text(
                    "SELECT d.content_hash, s.seq, s.content_start, s.content_end, s.cue_start, s.cue_end, s.speaker_start, "
                    "s.speaker_end, s.kind, s.speaker_mention, s.speaker_name, s.speaker_label, s.confidence "
                    "FROM statements s JOIN documents d ON d.id = s.document_id"
                )
            )
        }
        rejects = set(conn.execute(text("SELECT path, line, reason FROM rejects")))
        speakers = set(conn.execute(text("SELECT key, canonical_name FROM speakers")))
    engine.dispose()
    return {"documents": docs, "statements": statements, "rejects": rejects, "speakers": speakers}


@pytest.fixture(scope="module")
def single_process(corpus, tmp_path_factory) -> tuple[dict, dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'single.db'}"
    store = Store(url)
    report = ingest(store, [str(corpus)], batch_size=4)
    store.close()
    return _snapshot(url), report.counts()


def test_dask_ingest_equals_single_process(corpus, client, single_process, tmp_path):
    expected, expected_counts = single_process
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    store = Store(url)
    report = dask_ingest(store, [str(corpus)], client=client, batch_size=4, records_per_partition=3)
    assert report.counts() == expected_counts
    assert expected_counts["accepted"] == 17 and expected_counts["rejected"] == 2 and expected_counts["duplicates"] == 1
    got = _snapshot(url)
    assert got["statements"], "the fictional articles must yield statements"
    for table in ("documents", "statements", "rejects", "speakers"):
        assert got[table] == expected[table], table
    again = dask_ingest(store, [str(corpus)], client=client, batch_size=4, records_per_partition=3)
    assert again.accepted == 0 and again.duplicates == 18  # idempotent: nothing new on a second run
    store.close()


def _dies_once(part, options, *, marker: str, **kwargs):
    """The worker function, except that the first attempt at partition 2 kills its worker process."""
    if part.index == 2 and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)
    return process_partition(part, options, **kwargs)


def test_dask_ingest_survives_a_worker_dying(corpus, client, single_process, tmp_path):
    expected, expected_counts = single_process
    marker = tmp_path / "died"
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    store = Store(url)
    task = lambda part, options, **kw: _dies_once(part, options, marker=str(marker), **kw)  # noqa: E731
    report = dask_ingest(store, [str(corpus)], client=client, batch_size=4, records_per_partition=3, task=task)
    store.close()
    assert marker.exists(), "a worker process must have died"
    assert report.counts() == expected_counts
    got = _snapshot(url)
    for table in ("documents", "statements", "rejects"):
        assert got[table] == expected[table], table


def _quote_tuples(doc_id, quote) -> tuple:
    cue, speaker = quote.get("cue") or (None, None), quote.get("speaker") or (None, None)
    return (doc_id, quote["kind"], *quote["content"], *cue, *speaker, quote.get("speaker_name"))


def test_dask_extract_parquet_equals_quotes_jsonl(corpus, client, tmp_path):
    import pyarrow.dataset as ds

    from quotetracker.cli import _register, app
    from quotetracker.export import write_extractions

    _register()
    jsonl = tmp_path / "single.jsonl"
    docs = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    write_extractions(extract_documents(docs), jsonl, "quotes-jsonl")
    expected_docs, expected_quotes = set(), set()
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        expected_docs.add(d["id"])
        expected_quotes.update(_quote_tuples(d["id"], q) for q in d["quotes"])

    out = tmp_path / "parquet"
    scheduler = client.scheduler_info()["address"]
    result = CliRunner().invoke(
        app, ["extract", str(corpus), "--engine", "dask", "--scheduler", scheduler, "--format", "parquet", "-o", str(out), "--batch-size", "4"]
    )
    assert result.exit_code == 1, result.output  # exit 1: the broken JSON line was rejected
    documents = ds.dataset(out / "documents").to_table().to_pylist()
    statements = ds.dataset(out / "statements").to_table().to_pylist()
    assert len(list((out / "documents").glob("part-*.parquet"))) > 1
    assert {d["doc_id"] for d in documents} == expected_docs
    got = {
        (s["doc_id"], s["kind"], s["content_start"], s["content_end"], s["cue_start"], s["cue_end"], s["speaker_start"], s["speaker_end"], s["speaker_name"])
        for s in statements
    }
    assert got == expected_quotes and got
    assert sum(d["n_statements"] for d in documents) == len(statements)


def test_partitions_read_like_read_inputs(corpus):
    from quotetracker.distributed import plan_partitions, read_partition
    from quotetracker.io import _options

    options = _options(None, None, None)
    parts = plan_partitions([str(corpus), str(corpus / "missing.jsonl")], options, records_per_partition=4)
    assert len(parts) == 7  # 17 JSONL lines in 5 ranges, the CSV file, the missing path
    records = [r for p in parts for r in read_partition(p, options)]
    assert records == list(read_inputs([str(corpus), str(corpus / "missing.jsonl")]))


def test_client_read_partitions_keep_order(corpus):
    from quotetracker.distributed import read_partition
    from quotetracker.distributed.partitions import client_partitions
    from quotetracker.io import _options

    records = list(read_inputs([str(corpus)]))
    parts = list(client_partitions(iter(records), records_per_partition=5))
    assert [p.index for p in parts] == list(range(len(parts))) and len(parts) == 4
    assert [r for p in parts for r in read_partition(p, _options(None, None, None))] == records


@pytest.mark.postgres
def test_workers_write_to_postgresql(corpus, client, single_process, tmp_path):
    """Every worker stores its partitions; same documents and statements (doc_key of a repeated text may differ)."""
    from conftest import PG_URL, _fresh_pg_database

    if not PG_URL:
        pytest.skip("QUOTETRACKER_TEST_PG is unset (make test starts PostgreSQL and sets it)")
    expected, expected_counts = single_process
    url, drop = _fresh_pg_database(PG_URL)
    try:
        store = Store(url)
        report = dask_ingest(store, [str(corpus)], client=client, batch_size=2, records_per_partition=3, writers="workers")
        store.close()
        assert report.counts() == expected_counts
        got = _snapshot(url)
    finally:
        drop()
    assert {r[1:7] for r in got["documents"]} == {r[1:7] for r in expected["documents"]}  # hash, date, lang, source, title, text
    assert got["statements"] == expected["statements"]
    assert got["rejects"] == expected["rejects"]
    assert got["speakers"] == expected["speakers"]


def test_cli_ingest_engine_dask(corpus, client, single_process, tmp_path):
    from quotetracker.cli import _register, app

    _register()
    expected, _ = single_process
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    scheduler = client.scheduler_info()["address"]
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", url, "--engine", "dask", "--scheduler", scheduler, "--batch-size", "4", "--no-progress"])
    assert result.exit_code == 1, result.output  # 1: finished, with rejected inputs
    assert "17 accepted" in result.output
    got = _snapshot(url)
    assert got["documents"] == expected["documents"] and got["statements"] == expected["statements"]
    bad = CliRunner().invoke(app, ["ingest", str(corpus), "--db", url, "--engine", "spark"])
    assert bad.exit_code == 2

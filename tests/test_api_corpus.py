"""A small fictional corpus for the API, web and browser tests, and the fixture that ingests it.

Other test modules import ``api_db_url`` / ``api_tracker`` from here. The articles are
written for these tests (fictional outlets, people and events); one of them carries
hostile markup in its text and metadata to check that nothing is ever executed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '"><img src=x onerror="window.__xss = 2">'

ARTICLES = [
    {
        "id": "api-kreml-1",
        "date": "2020-10-14",
        "source": "Nordkurier Probe",
        "title": "Kreml weist Vorwürfe zurück",
        "lang": "de",
        "text": (
            "Moskau. Der Kreml hat die Vorwürfe aus Berlin zurückgewiesen. \"Das sind haltlose Unterstellungen\", "
            "sagte Kreml-Sprecher Dmitri Peskow am Mittwoch in Moskau.\n\n"
            "Peskow sagte, Russland sei zu Gesprächen mit der Europäischen Union bereit."
        ),
    },
    {
        "id": "api-kreml-2",
        "date": "2020-12-02",
        "source": "Rheinblatt Probe",
        "title": "Peskow kritisiert Sanktionen",
        "lang": "de",
        "text": (
            "Moskau. Kremlsprecher Dmitri Peskow hat neue Sanktionen scharf kritisiert. "
            "\"Sanktionen führen zu nichts\", sagte Peskow am Mittwoch vor Journalisten. "
            "Er betonte, dass Moskau sich nicht unter Druck setzen lasse."
        ),
    },
    {
        "id": "api-kreml-3",
        "date": "2021-02-17",
        "source": "Nordkurier Probe",
        "title": "Kreml zu Verhandlungen",
        "lang": "de",
        "text": (
            "Moskau. Die Verhandlungen über ein neues Abkommen sollen im März beginnen. "
            "\"Wir sind zu ernsthaften Gesprächen bereit\", sagte Peskow am Mittwoch."
        ),
    },
    {
        "id": "api-harbour-1",
        "date": "2021-03-09",
        "source": "Harbour Post",
        "title": "Mayor promises a new ferry",
        "lang": "en",
        "text": (
            "The mayor of Port Elsing, Marta Quist, promised a new ferry line on Tuesday. "
            "\"We will have boats on the water by summer\", Quist said."
        ),
    },
    {
        "id": "api-hostile-1",
        "date": "2021-04-01",
        "source": f"Evil Outlet {XSS_IMG}",
        "title": f"Headline {XSS_SCRIPT}",
        "url": "javascript:window.__xss=3",
        "lang": "de",
        "text": (
            f"Berlin. Ein Sprecher verbreitete Unsinn. \"Das ist {XSS_SCRIPT} alles in Ordnung {XSS_IMG}\", "
            "sagte Holger Sandmann am Donnerstag in Berlin."
        ),
    },
]


def write_corpus(folder: Path) -> Path:
    path = folder / "api_corpus.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def api_db_url(request, tmp_path_factory) -> str:
    """A database with the corpus above ingested: SQLite, or PostgreSQL when $QUOTETRACKER_TEST_PG is set."""
    import quotetracker

    folder = tmp_path_factory.mktemp(f"api-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'api.db'}"
    else:
        from conftest import PG_URL, _fresh_pg_database

        if not PG_URL:
            pytest.skip("QUOTETRACKER_TEST_PG is unset (make test starts PostgreSQL and sets it)")
        url, drop = _fresh_pg_database(PG_URL)
        request.addfinalizer(drop)
    with quotetracker.open(url) as qt:
        report = qt.ingest([str(write_corpus(folder))])
        assert report.accepted == len(ARTICLES), report.to_dict()
    return url


@pytest.fixture(scope="session")
def api_tracker(api_db_url):
    import quotetracker

    qt = quotetracker.open(api_db_url)
    yield qt
    qt.close()


def test_corpus_is_ingested_with_statements(api_tracker):
    overview = api_tracker.query.overview()
    assert overview.n_documents == len(ARTICLES)
    assert overview.n_statements >= len(ARTICLES)


def test_kremlin_spokesman_is_one_speaker(api_tracker):
    page = api_tracker.query.speakers(q="Peskow")
    assert page.items, "no speaker found for Peskow"
    assert page.items[0].n_statements >= 4

"""`--speaker` with every name form, end to end over the German pipeline: Python API, HTTP API, web UI and CLI.

Uses the fictional API corpus (tests/test_api_corpus.py): the Kremlin spokesman appears as
"Kreml-Sprecher Dmitri Peskow", "Kremlsprecher Dmitri Peskow" and "Peskow".
"""

from __future__ import annotations

import json

import pytest
from test_api_corpus import api_db_url, api_tracker  # noqa: F401 (fixtures)

FORMS = ["Peskow", "Peskov", "Dmitri Peskow", "Dmitry Peskov", "Kremlsprecher", "Kreml-Sprecher"]


@pytest.fixture(scope="module")
def peskow_ids(api_tracker):  # noqa: F811
    page = api_tracker.query.statements(speaker="Peskow", limit=100)
    assert page.total >= 3, "the corpus quotes the Kremlin spokesman at least three times"
    return sorted(r.id for r in page.items)


@pytest.mark.parametrize("form", FORMS)
def test_python_api_matches_every_form(api_tracker, peskow_ids, form):  # noqa: F811
    assert sorted(r.id for r in api_tracker.query.statements(speaker=form, limit=100).items) == peskow_ids


def test_http_api_and_web_ui(api_db_url, peskow_ids):  # noqa: F811
    from fastapi.testclient import TestClient

    from quotetracker.api import create_app

    with TestClient(create_app(api_db_url, token="")) as client:
        body = client.get("/api/statements", params={"speaker": "Peskov", "limit": 100}).json()
        assert sorted(i["id"] for i in body["items"]) == peskow_ids
        assert body["total_is_lower_bound"] is False and body["total_label"] == f"{len(peskow_ids):,}"
        html = client.get("/search", params={"speaker": "Kremlsprecher"}).text
        assert f"{len(peskow_ids)} statements" in html


def test_cli(api_db_url, peskow_ids):  # noqa: F811
    from typer.testing import CliRunner

    from quotetracker.cli import _register, app

    _register()  # attach the command modules (as tests/test_cli_commands.py does)
    result = CliRunner().invoke(app, ["statements", "--db", api_db_url, "--speaker", "Dmitry Peskov", "--format", "json", "--limit", "100"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")] or json.loads(result.output)
    assert sorted(r["id"] for r in rows) == peskow_ids

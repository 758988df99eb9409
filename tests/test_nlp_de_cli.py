"""`quotetracker nlp-eval` skips clearly when the shared data is missing."""

from __future__ import annotations

from typer.testing import CliRunner

from quotetracker.cli import _register, app


def test_nlp_eval_skips_without_shared(tmp_path):
    _register()
    result = CliRunner().invoke(app, ["nlp-eval", "--shared", str(tmp_path)])
    assert result.exit_code == 0
    assert "skipped" in result.output

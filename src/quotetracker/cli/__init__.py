"""Command-line interface: thin commands over the Python API (see ``quotetracker --help``).

Exit codes: 0 success; 1 finished but some inputs were rejected (ingest) or a
check failed; 2 usage error (bad option, missing file); 3 database error.
"""

from __future__ import annotations

import importlib

from ._app import app

# Each module attaches its commands to ``app`` on import.
_COMMAND_MODULES = ("core", "browse", "serve", "nlp", "eval", "topics")


def _register() -> None:
    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def main() -> None:
    _register()
    app()


__all__ = ["app", "main"]

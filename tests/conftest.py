"""Fixtures shared by the whole suite.

``shared_dir``: the read-only ``../shared`` folder beside the project (gold data,
corpus, training data). Tests that need it skip with a clear reason when it is
absent; set ``QUOTETRACKER_SHARED`` to point elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _find_shared() -> Path | None:
    env = os.environ.get("QUOTETRACKER_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared")
    for c in candidates:
        if c.is_dir():
            return c
    return None


SHARED = _find_shared()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if SHARED is None:
        pytest.skip("../shared is absent (set QUOTETRACKER_SHARED): gold data and corpus not available")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES

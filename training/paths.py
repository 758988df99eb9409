"""Where training reads shared data and writes scratch output."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "training" / "work"


def shared_dir() -> Path:
    env = os.environ.get("QUOTETRACKER_SHARED")
    path = Path(env) if env else ROOT.parent / "shared"
    if not path.is_dir():
        raise SystemExit(f"shared data not found at {path} (set QUOTETRACKER_SHARED)")
    return path

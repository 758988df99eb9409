"""Language backbones: spaCy pipelines the project builds and ships (no downloads)."""

from __future__ import annotations

from functools import lru_cache

import spacy

__all__ = ["load_pipeline"]


@lru_cache(maxsize=None)
def load_pipeline(lang: str) -> "spacy.language.Language":
    """Load the shipped pipeline for ``lang`` once per process."""
    if lang == "de":
        from .de import load

        return load()
    return spacy.blank(lang)

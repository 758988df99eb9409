"""Statement extraction: per-language engines behind one interface."""

from .base import Extractor, available_languages, get_extractor, register_extractor

__all__ = ["Extractor", "available_languages", "get_extractor", "register_extractor"]

"""The extractor interface: one pluggable engine per language.

An extractor is a pure function of a document's text, language and date:
``Extractor.extract(doc) -> Extraction``. It can run in one process or on a
Dask worker and be tested without a database. Engines register themselves by
language code; :func:`get_extractor` loads one lazily (once per process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Protocol, runtime_checkable

from ..model import Document, Extraction

__all__ = ["Extractor", "register_extractor", "get_extractor", "available_languages"]


@runtime_checkable
class Extractor(Protocol):
    """Turns documents of one language into extractions."""

    lang: str

    def extract(self, doc: Document) -> Extraction: ...

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]: ...


_FACTORIES: dict[str, Callable[[], Extractor]] = {}


def register_extractor(lang: str) -> Callable[[Callable[[], Extractor]], Callable[[], Extractor]]:
    """Decorator: register a zero-argument factory building the extractor for ``lang``."""

    def decorate(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _FACTORIES[lang] = factory
        get_extractor.cache_clear()
        return factory

    return decorate


def available_languages() -> list[str]:
    _load_builtin()
    return sorted(_FACTORIES)


@lru_cache(maxsize=None)
def get_extractor(lang: str | None) -> Extractor:
    """The extractor for ``lang``; the generic fallback for languages without an engine."""
    _load_builtin()
    factory = _FACTORIES.get(lang or "") or _FACTORIES["*"]
    return factory()


def _load_builtin() -> None:
    # Importing the packages runs their @register_extractor decorators.
    from . import de, en, fallback  # noqa: F401

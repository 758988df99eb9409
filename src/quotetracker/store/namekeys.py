"""Transliteration keys of speaker names, stored per alias and computed the same way for ``--speaker`` queries.

"Peskov", "Peskow" and "Dmitri Peskow" / "Dmitry Peskov" meet on the resolver's
:func:`~quotetracker.resolve.names.translit_key` of each name token (roles and titles
removed by :func:`~quotetracker.resolve.names.parse_person`).
"""

from __future__ import annotations

from ..resolve.names import name_tokens, parse_person, translit_key

__all__ = ["alias_keys", "query_keys"]


def _tokens(name: str) -> tuple[str, ...]:
    parsed = parse_person(name)
    return tuple(parsed.tokens) or tuple(name_tokens(name))


def alias_keys(alias: str) -> tuple[str | None, str | None]:
    """(key of the whole name, key of its last token); None where the name has no letters."""
    keys = [k for k in (translit_key(t) for t in _tokens(alias)) if k]
    if not keys:
        return None, None
    return " ".join(keys)[:512], keys[-1][:128]


def query_keys(query: str) -> tuple[str | None, str | None, bool]:
    """(role key or None, name key or None, single-token query?) of a ``--speaker`` text."""
    parsed = parse_person(query)
    if parsed.role and not parsed.tokens:
        return parsed.role, None, False
    keys = [k for k in (translit_key(t) for t in (parsed.tokens or tuple(name_tokens(query)))) if k]
    return parsed.role, (" ".join(keys) or None), len(keys) == 1

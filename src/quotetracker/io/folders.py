"""Which files a list of input paths stands for: folders are walked
recursively in sorted order, hidden files and folders skipped, include/exclude
globs applied (to the path relative to the folder and to the bare file name).
Without ``include``, a folder contributes only files of a known format."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path

from .registry import format_by_extension
from .source import GZIP_SUFFIX, Source, id_base_for


def _matches(rel: str, name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in patterns)


def _known_format(name: str) -> bool:
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return format_by_extension(name) is not None


def walk_folder(
    root: Path,
    include: list[str] | None,
    exclude: list[str] | None,
    any_extension: bool = False,
) -> Iterator[Path]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if include:
                if not _matches(rel, name, include):
                    continue
            elif not (any_extension or _known_format(name)):
                continue
            if exclude and _matches(rel, name, exclude):
                continue
            found.append((path.relative_to(root).parts, path))
    for _parts, path in sorted(found):
        yield path


def expand_inputs(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    any_extension: bool = False,
) -> Iterator[Source | Path]:
    """Sources in reading order; a Path that does not exist is yielded as is."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = [(p, path) for p in walk_folder(path, include, exclude, any_extension)]
        elif path.exists():
            candidates = [(path, None)]
        else:
            yield path
            continue
        for file_path, root in candidates:
            key = file_path.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield Source(file_path, id_base_for(file_path, root))

"""Which files a list of input paths stands for: folders are walked
recursively in sorted order, hidden files and folders skipped, include/exclude
globs applied (to the path relative to the folder and to the bare file name).
Without ``include``, a folder contributes only files of a known format.

A folder may hold an ignore file (``.quotetrackerignore``: one glob per line,
``#`` comments) whose patterns exclude files below it, relative to that folder;
``examples/`` uses it to keep its answer key out of an ingest."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path

from .registry import format_by_extension
from .source import GZIP_SUFFIX, Source, id_base_for

IGNORE_FILE = ".quotetrackerignore"


def _ignore_patterns(folder: Path) -> list[str]:
    try:
        lines = (folder / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


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
    ignored: list[tuple[Path, list[str]]] = []  # (folder, its ignore patterns)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        patterns = _ignore_patterns(here) if IGNORE_FILE in filenames else []
        if patterns:
            ignored.append((here, patterns))
        for name in filenames:
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if any(
                path.is_relative_to(folder) and _matches(path.relative_to(folder).as_posix(), name, pats)
                for folder, pats in ignored
            ):
                continue
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

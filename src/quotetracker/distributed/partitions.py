"""Splitting the input into partitions that workers read themselves.

A partition is small and picklable: file names and byte ranges, never text.
Big uncompressed JSONL files are cut into line ranges (the client scans the
file once for line starts, a sequential read); every other file (CSV with its
header, HTML, seed text, ``.gz``) is read whole, and small files are grouped.

Reading a partition yields exactly what :func:`quotetracker.io.read_inputs`
yields for that part of the input — same documents, ids, origins and rejects —
so concatenating the partitions in order reproduces a single-process read.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path

from ..io import Rejected, read_source
from ..io.folders import expand_inputs
from ..io.registry import format_by_extension
from ..io.source import ReadOptions, Source
from ..model import Document

__all__ = ["Partition", "FilePart", "plan_partitions", "read_partition", "client_partitions"]


@dataclass(frozen=True)
class RangeSource(Source):
    """A Source opened by absolute path (workers may have another working
    directory), optionally restricted to the lines ``first_line`` onwards
    between byte offsets ``start`` and ``end``."""

    location: str = ""
    start: int = 0
    end: int | None = None
    first_line: int = 1

    def open(self):  # type: ignore[override]
        if self.start == 0 and self.end is None:
            return Source(Path(self.location), self.id_base).open()
        return _LineRange(self.location, self.start, self.end, self.first_line)


class _LineRange:
    """The lines of a byte range, preceded by blank placeholders for the lines
    before it: the JSONL reader numbers lines itself and skips blank ones, so
    line numbers, origins and default ids come out as in a whole-file read."""

    def __init__(self, location: str, start: int, end: int | None, first_line: int) -> None:
        with open(location, "rb") as fh:
            fh.seek(start)
            data = fh.read() if end is None else fh.read(end - start)
        self._lines = io.BytesIO(data)
        self._skip = first_line - 1

    def __enter__(self) -> _LineRange:
        return self

    def __exit__(self, *exc: object) -> None:
        self._lines.close()

    def __iter__(self) -> Iterator[bytes]:
        return chain(repeat(b"\n", self._skip), self._lines)


@dataclass(frozen=True)
class FilePart:
    """One file, or a line range of one: ``path`` as the user gave it (shown in origins and rejects)."""

    path: str
    id_base: str
    location: str  # absolute path for opening
    start: int = 0
    end: int | None = None
    first_line: int = 1
    missing: bool = False  # a path that does not exist: read as one reject


@dataclass(frozen=True)
class Partition:
    """The unit of work: consecutive input, in reading order. ``documents`` is
    set only when the client read the input itself (stdin, files workers cannot see)."""

    index: int
    files: tuple[FilePart, ...] = ()
    documents: tuple[Document | Rejected, ...] = field(default=())

    @property
    def label(self) -> str:
        if self.files:
            f = self.files[0]
            more = f" +{len(self.files) - 1} files" if len(self.files) > 1 else ""
            return f"{f.path}@{f.first_line}{more}"
        return f"records {self.index}"


def _line_ranges(location: str, lines_per_part: int) -> Iterator[tuple[int, int | None, int]]:
    """(start byte, end byte, first line number) of consecutive blocks of ``lines_per_part`` lines."""
    start, line_no, offset, count = 0, 1, 0, 0
    with open(location, "rb") as fh:
        for raw in fh:
            offset += len(raw)
            count += 1
            if count == lines_per_part:
                yield start, offset, line_no
                start, line_no, count = offset, line_no + lines_per_part, 0
    if count:
        yield start, None, line_no


def _splittable(source: Source, options: ReadOptions) -> bool:
    if source.compressed:
        return False
    fmt = options.format or format_by_extension(source.inner_name)
    return fmt == "jsonl"


def plan_partitions(
    paths: Iterable[str | os.PathLike[str]] | str,
    options: ReadOptions,
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    records_per_partition: int = 64,
    files_per_partition: int | None = None,
    bytes_per_partition: int = 4 << 20,
) -> list[Partition]:
    """Partitions covering ``paths`` in :func:`read_inputs` order.

    JSONL files are split every ``records_per_partition`` lines; other files are
    grouped up to ``files_per_partition`` files (default: as many as records,
    a seed or HTML file is one article) or ``bytes_per_partition`` bytes.
    """
    files_per_partition = files_per_partition or records_per_partition
    parts: list[Partition] = []
    group: list[FilePart] = []
    group_bytes = 0

    def close_group() -> None:
        nonlocal group, group_bytes
        if group:
            parts.append(Partition(len(parts), tuple(group)))
        group, group_bytes = [], 0

    for item in expand_inputs(paths, include, exclude, any_extension=bool(options.format)):
        if not isinstance(item, Source):
            close_group()
            parts.append(Partition(len(parts), (FilePart(str(item), "", "", missing=True),)))
            continue
        location = str(item.path.resolve())
        if _splittable(item, options):
            close_group()
            for start, end, first in _line_ranges(location, records_per_partition):
                parts.append(Partition(len(parts), (FilePart(item.display, item.id_base, location, start, end, first),)))
            continue
        size = item.path.stat().st_size if item.path.exists() else 0
        if group and (len(group) >= files_per_partition or group_bytes + size > bytes_per_partition):
            close_group()
        group.append(FilePart(item.display, item.id_base, location))
        group_bytes += size
    close_group()
    return parts


def client_partitions(records: Iterable[Document | Rejected], records_per_partition: int = 64) -> Iterator[Partition]:
    """Partitions of records the client has read (they travel with the task)."""
    batch: list[Document | Rejected] = []
    index = 0
    for rec in records:
        batch.append(rec)
        if len(batch) >= records_per_partition:
            yield Partition(index, documents=tuple(batch))
            index, batch = index + 1, []
    if batch:
        yield Partition(index, documents=tuple(batch))


def read_partition(part: Partition, options: ReadOptions) -> Iterator[Document | Rejected]:
    """The records of one partition, as ``read_inputs`` would yield them."""
    if part.documents:
        yield from part.documents
        return
    for f in part.files:
        if f.missing:
            yield Rejected(f.path, None, "no such file or directory")
            continue
        source = RangeSource(Path(f.path), f.id_base, location=f.location, start=f.start, end=f.end, first_line=f.first_line)
        yield from read_source(source, options)

"""One input file as the readers see it: where it is, how to name its
documents, and how to open its bytes (gzip is undone here, for every format)."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

GZIP_SUFFIX = ".gz"


@dataclass(frozen=True)
class ReadOptions:
    """Options that apply to every file of one ``read_inputs`` call."""

    format: str | None = None  # override the format chosen by extension
    csv_columns: dict[str, str] = field(default_factory=dict)  # Document field -> column
    delimiter: str | None = None  # CSV delimiter; sniffed when None


@dataclass(frozen=True)
class Source:
    """An input file. ``path`` is shown in origins and rejects; ``id_base`` names
    documents that carry no id (relative path without extensions)."""

    path: Path
    id_base: str

    @property
    def display(self) -> str:
        return str(self.path)

    @property
    def compressed(self) -> bool:
        return self.path.name.lower().endswith(GZIP_SUFFIX)

    @property
    def inner_name(self) -> str:
        """The file name without ``.gz``: its extension picks the format."""
        name = self.path.name
        return name[: -len(GZIP_SUFFIX)] if self.compressed else name

    def open(self) -> BinaryIO:
        """A binary stream of the (decompressed) content."""
        if self.compressed:
            return gzip.open(self.path, "rb")  # type: ignore[return-value]
        return open(self.path, "rb")

    def read_bytes(self) -> bytes:
        with self.open() as fh:
            return fh.read()


def id_base_for(path: Path, root: Path | None) -> str:
    """``sub/article`` for ``root/sub/article.txt.gz``; the stem for a lone file."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    name = rel.name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return (rel.parent / stem).as_posix() if rel.parent != Path(".") else stem

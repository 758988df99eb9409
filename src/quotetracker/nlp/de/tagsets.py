"""STTS normalisation (HanTa's notation folded into plain STTS) and STTS -> UPOS."""

from __future__ import annotations

import re

from .resources import table

# HanTa writes "VV(FIN)" for VVFIN and has two extra noun classes.
_HANTA_EXTRA = {"NNA": "NN", "NNI": "NN", "UNKNOWN": "XY", "PAV": "PROAV"}


_HANTA_SUBCLASS = re.compile(r"^([A-Z]+)\(([A-Z]+)\)$")


def normalise_stts(tag: str) -> str:
    tag = _HANTA_SUBCLASS.sub(r"\1\2", tag)
    return _HANTA_EXTRA.get(tag, tag)


def stts_to_upos(tag: str) -> str:
    return table("stts_upos").get(tag, "X")

"""Deterministic detectors, one module per artefact family.

Detectors never import the model or the grammar client; they read a Document and
return Edits whose source is ``detector:<name>``.
"""

from __future__ import annotations

import importlib
from typing import Sequence

from ..errors import ConfigError
from .base import Detector

# name -> "module:Class"; imported only when used.
DETECTORS: dict[str, str] = {
    "glued": "glued:GluedWords",
    "broken": "broken:BrokenWords",
    "ocr": "ocr:OcrConfusions",
    "stray": "stray:StrayLetters",
    "unreadable": "unreadable:Unreadable",
    "homoglyph": "homoglyph:Homoglyphs",
    "spacing": "spacing:Spacing",
    "casing": "casing:Casing",
    "repeat": "repeat:RepeatedWords",
    "runon": "runon:RunOn",
    "consistency": "consistency:Consistency",
    "introductory": "introductory:IntroductoryComma",
    "slips": "slips:Slips",
}
# Run only when named (``--detectors``, ``detectors`` in [tool.repair]): measured and not
# good enough to be on by default (docs/slips.md).
OPT_IN = frozenset({"slips"})
DEFAULT_DETECTORS: tuple[str, ...] = tuple(n for n in DETECTORS if n not in OPT_IN)


def check_names(names: Sequence[str]) -> None:
    """The one check of detector names (command line, pyproject, PipelineConfig)."""
    for name in names:
        if name not in DETECTORS:
            raise ConfigError(f"unknown detector {name!r}; choose from {', '.join(DETECTORS)}")


def build_detectors(names: Sequence[str]) -> list[Detector]:
    check_names(names)
    out = []
    for name in names:
        module, cls = DETECTORS[name].split(":")
        out.append(getattr(importlib.import_module(f"{__name__}.{module}"), cls)())
    return out


__all__ = ["DEFAULT_DETECTORS", "DETECTORS", "OPT_IN", "Detector", "build_detectors", "check_names"]

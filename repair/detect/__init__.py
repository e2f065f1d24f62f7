"""Deterministic detectors, one module per artefact family.

Detectors never import the model or the grammar client; they read a Document and
return Edits with ``source="detector"``.
"""

from __future__ import annotations

import importlib
from typing import Sequence

from .base import Detector

# name -> "module:Class"; imported only when used.
DETECTORS: dict[str, str] = {
    "glued": "glued:GluedWords",
    "broken": "broken:BrokenWords",
    "ocr": "ocr:OcrConfusions",
    "homoglyph": "homoglyph:Homoglyphs",
    "spacing": "spacing:Spacing",
    "casing": "casing:Casing",
    "repeat": "repeat:RepeatedWords",
    "runon": "runon:RunOn",
    "consistency": "consistency:Consistency",
    "introductory": "introductory:IntroductoryComma",
}


def build_detectors(names: Sequence[str]) -> list[Detector]:
    out = []
    for name in names:
        module, cls = DETECTORS[name].split(":")
        out.append(getattr(importlib.import_module(f"{__name__}.{module}"), cls)())
    return out


__all__ = ["DETECTORS", "Detector", "build_detectors"]

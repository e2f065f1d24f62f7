"""Repeated words and phrases (``the the``, ``and and``, ``in the in the``)."""

from __future__ import annotations

from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from .base import Detector

# Repeats that are grammatical or deliberate.
ALLOWED = frozenset(
    "had that is very so no bye ha yeah really far long many more again blah do "
    "go knock tut well now there".split()
)
_REPEAT = regex.compile(r"(?<![\p{L}\-'’])(\p{L}+(?:\s+\p{L}+){0,2})(\s+)(\1)\b", regex.IGNORECASE)


class RepeatedWords(Detector):
    name = "repeat"
    kind = "repeat"

    def find(self, doc: Document) -> Iterator[Edit]:
        for m in _REPEAT.finditer(doc.text):
            first, second = m.group(1), m.group(3)
            if "\n" in m.group(2) or first.lower() in ALLOWED or first.lower().startswith(("and ", "or ")):
                continue  # "more and more and more", "again and again" are idioms
            if second[0].isupper():
                continue  # titles and names: "Please Please Me", "Duran Duran"
            if first != second and first.lower() != second.lower():
                continue
            # Remove the second copy and the space before it.
            yield self.edit(doc, m.end(1), m.end(3), "", 0.9,
                            f"'{second}' is repeated")

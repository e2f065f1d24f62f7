"""Repeated words and phrases (``the the``, ``and and``, ``in the in the``)."""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..edits import Edit
from .base import Detector

# Repeats that are grammatical or deliberate (doubled interjections among them).
ALLOWED = frozenset(
    "had that is very so no bye ha yeah really far long many more again blah do "
    "go knock tut well now there hey oh ho ah".split()
)
MAX_PHRASE = 3


class RepeatedWords(Detector):
    name = "repeat"
    kind = "repeat"

    def find(self, doc: Document) -> Iterator[Edit]:
        words, text = doc.words, doc.text
        lowered = [w.text.lower() for w in words]
        i = 0
        while i < len(words):
            for size in range(1, MAX_PHRASE + 1):
                # The first words compared alone first: they differ almost everywhere.
                if i + 2 * size > len(words) or lowered[i] != lowered[i + size] \
                        or lowered[i:i + size] != lowered[i + size:i + 2 * size]:
                    continue
                first, second = words[i], words[i + size]
                gaps = [text[words[k].end:words[k + 1].start] for k in range(i, i + 2 * size - 1)]
                if any(not g or not g.isspace() or "\n" in g for g in gaps):
                    continue  # only runs separated by spaces: "break-in in" or "no, no" are fine
                if i and text[words[i - 1].end:first.start] in ("-", "'", "’"):
                    continue
                if lowered[i] in ALLOWED or size > 1 and lowered[i] in ("and", "or"):
                    continue  # "had had", "more and more and more", "again and again"
                if second.text[0].isupper():
                    continue  # titles and names: "Please Please Me", "Duran Duran"
                # Remove the second copy and the space before it.
                start, end = words[i + size - 1].end, words[i + 2 * size - 1].end
                phrase = text[second.start:end]
                yield self.edit(doc, start, end, "", 0.9,
                                f"'{phrase}' is repeated")
                i += 2 * size - 1
                break
            i += 1

"""Broken words: OCR line-break hyphens and splits (``commit- tee``, ``inva-\\nsion``, ``mem bers``).

Never joins a real hyphenated compound or two real words ("in quests" stays).
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from .base import Detector

# word- <space or line break> word, not a suspended compound ("pre- and post-war").
_HYPHEN_BREAK = regex.compile(r"(?<![\p{L}\-])(\p{L}+)-[ \t]*(\r?\n)?[ \t]*(\p{Ll}+)\b")
_SUSPENDED = frozenset({"and", "or", "to", "nor", "but"})


class BrokenWords(Detector):
    name = "broken"
    kind = "broken-word"

    def find(self, doc: Document) -> Iterator[Edit]:
        yield from self._hyphen_breaks(doc)
        yield from self._split_words(doc)

    def _hyphen_breaks(self, doc: Document) -> Iterator[Edit]:
        for m in _HYPHEN_BREAK.finditer(doc.text):
            left, right = m.group(1), m.group(3)
            if m.group(0).count("-") != 1 or right in _SUSPENDED:
                continue
            if m.end(1) + 1 == m.start(3):
                continue  # "well-known": already a compound, nothing broken
            joined = left + right
            start, end = m.start(1), m.end(3)
            if _known(doc, joined) and zipf(joined) >= max(zipf(f"{left}-{right}"), 1.5):
                yield self.edit(doc, start, end, joined, 0.85,
                                f"'{left}-' and '{right}' are one word broken at a line end")
            elif zipf(left) >= 3 and zipf(right) >= 3 and zipf(f"{left}-{right}") > 0:
                yield self.edit(doc, start, end, f"{left}-{right}", 0.6,
                                f"a hyphenated compound '{left}-{right}' was broken at a line end")

    def _split_words(self, doc: Document) -> Iterator[Edit]:
        words = doc.words
        text = doc.text
        for a, b in zip(words, words[1:]):
            if text[a.end:b.start] != " " or not (a.text.isalpha() and b.text.isalpha()):
                continue
            if not b.text.islower() or len(a.text) + len(b.text) < 5:
                continue
            za, zb = zipf(a.text), zipf(b.text)
            if min(za, zb) >= 3.0 or doc.count(a.text) > 1 and doc.count(b.text) > 1:
                continue  # two real words: "in quests", "mem" alone is rare
            joined = a.text + b.text
            zj = zipf(joined)
            if zj >= 3.5 and zj > min(za, zb) + 1.5:
                yield self.edit(doc, a.start, b.end, joined, 0.7,
                                f"'{a.text} {b.text}' looks like one word split by OCR")


def _known(doc: Document, word: str) -> bool:
    return zipf(word) >= 2.0 or doc.count(word) > 0

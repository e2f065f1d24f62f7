"""Broken words: OCR line-break hyphens and splits (``commit- tee``, ``inva-\\nsion``, ``mem bers``,
``in. dicted``: a line-end hyphen OCR read as a full stop, comma or apostrophe).

Never joins a real hyphenated compound or two real words ("in quests" stays).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from .base import Detector

# word- <space or line break> word, not a suspended compound ("pre- and post-war").
_HYPHEN_BREAK = regex.compile(r"(?<![\p{L}\-])(\p{L}+)-[ \t]*(\r?\n)?[ \t]*(\p{Ll}+)\b")
_SUSPENDED = frozenset({"and", "or", "to", "nor", "but"})
# letters-letters inside a token, no more hyphens on either side ("well-known", "peni-tent").
_INNER_HYPHEN = regex.compile(r"(?<![\p{L}\p{N}\-])(\p{L}+)-(\p{Ll}+)(?![\p{L}\p{N}\-])")
# "repre. sented", "suspi' cion": a word, a mark where the hyphen was, a space, and a
# lowercase piece that is no word alone.
_MARKED_BREAK = regex.compile(r"(?<![\p{L}\p{N}\-.'’])(\p{L}+)[.,'’] (\p{Ll}+)\b(?![\-'’.]\p{L})")
MARKED_PIECE_ZIPF = 2.0  # the piece after the mark is rarer than this alone
INNER_MIN_PIECE = 2
INNER_JOINED_ZIPF = 3.0  # the joined word is common
INNER_PIECE_ZIPF = 3.0  # ... and one piece is at most a rare word alone
# Prefixes written with a hyphen by house style ("co-ordinate", "re-enter", "pre-empt").
_PREFIXES = frozenset("a anti auto bi co counter de dis ex extra hyper infra inter intra macro micro mid mini mis "
                      "multi neo non over post pre pro pseudo re semi sub super trans tri ultra un under".split())


@dataclass(frozen=True)
class LineEndBreak:
    """A word broken at a line end: ``left-``, then ``right`` after a space or a line break."""

    start: int
    end: int
    left: str
    right: str


def line_end_breaks(text: str) -> Iterator[LineEndBreak]:
    """Every ``word- rest`` of ``text`` (``commit- tee``, ``inva-\\nsion``): not a suspended
    compound (``pre- and post-war``) nor a compound already whole (``well-known``)."""
    for m in _HYPHEN_BREAK.finditer(text):
        left, right = m.group(1), m.group(3)
        if m.group(0).count("-") != 1 or right in _SUSPENDED or m.end(1) + 1 == m.start(3):
            continue
        yield LineEndBreak(m.start(1), m.end(3), left, right)


class BrokenWords(Detector):
    name = "broken"
    kind = "broken-word"

    def find(self, doc: Document) -> Iterator[Edit]:
        if "-" in doc.text:  # both patterns need a hyphen: a text without one is not scanned
            yield from self._hyphen_breaks(doc)
            yield from self._inner_hyphens(doc)
        yield from self._split_words(doc)
        if any(c in doc.text for c in ".,'’"):
            yield from self._marked_breaks(doc)

    def _marked_breaks(self, doc: Document) -> Iterator[Edit]:
        """A line-end hyphen OCR read as a mark (``in. dicted``, ``cry. ing``, ``suspi' cion``):
        the joined word is common and the piece after the mark is no word alone."""
        for m in _MARKED_BREAK.finditer(doc.text):
            left, right = m.group(1), m.group(2)
            joined = left + right
            if not (left.islower() or left[1:].islower()) or zipf(right) >= MARKED_PIECE_ZIPF:
                continue
            zj = zipf(joined)
            if zj < INNER_JOINED_ZIPF or doc.is_protected(m.start(), m.end()):
                continue
            yield self.edit(doc, m.start(), m.end(), joined, 0.7,
                            f"'{m.group()}' is '{joined}' broken at a line end, its hyphen read as a mark")

    def _inner_hyphens(self, doc: Document) -> Iterator[Edit]:
        """A line-end hyphen left inside a word when the lines were joined (``peni-tent``,
        ``starv-ing``, ``character-istic``): the joined word is common and one piece is no
        word of its own. Compounds of two words (``to-day``, ``e-mail``, ``foot-print``,
        ``co-operate``) stay as printed."""
        for m in _INNER_HYPHEN.finditer(doc.text):
            left, right = m.group(1), m.group(2)
            joined = left + right
            if min(len(left), len(right)) < INNER_MIN_PIECE or not (left.islower() or left[1:].islower()):
                continue
            if zipf(joined) < INNER_JOINED_ZIPF or min(zipf(left), zipf(right)) >= INNER_PIECE_ZIPF:
                continue
            if left.lower() in _PREFIXES:
                continue  # "co-ordinate", "anti-depressants": a spelling, not a break
            if doc.count(m.group(0)) > 1 or doc.is_protected(m.start(), m.end()) or m.group(0) in doc.glossary:
                continue
            yield self.edit(doc, m.start(), m.end(), joined, 0.7,
                            f"'{m.group(0)}' is '{joined}' with the hyphen of a line break left in")

    def _hyphen_breaks(self, doc: Document) -> Iterator[Edit]:
        for b in line_end_breaks(doc.text):
            left, right, start, end = b.left, b.right, b.start, b.end
            joined = left + right
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


_HYPHEN_AFTER = regex.compile(r"-(?:\s|$)")
_HYPHEN_ENDS_LINE = regex.compile(r"-[ \t]*(?:\n|$)")
_HYPHEN_BEFORE = regex.compile(r"\p{L}-\s+(?:\p{L}\s+)?$")


def ends_line_broken(text: str, end: int) -> bool:
    """The word ending at ``end`` is the first piece of a word broken where its line or the
    text stops (``speci-``): its rest is on the next line, or not in the text at all."""
    return bool(_HYPHEN_ENDS_LINE.match(text, end))


def broken_piece(text: str, start: int, end: int) -> bool:
    """The word ends at a hyphen with nothing after it on its line (``diffi-``), or sits
    between a line-end hyphen's word and the rest (``accu- n sation``, ``instru- e``)."""
    if _HYPHEN_AFTER.match(text, end):
        return True
    return bool(_HYPHEN_BEFORE.search(text[max(0, start - 6):start]))

"""Marks OCR printed for letters of a word: ``bu*`` (but), ``Jame«`` (James), ``«ontracted``
(contracted), ``flo;ting`` (floating), ``st~ated`` (stated).

A word split by a mark is no word to the tokenizer (``bu*`` is the word ``bu`` and a mark),
so the OCR detector reads these strings here, as a whole: each mark (at most
``MOST_MARKS``) is read as every letter (at the confusion table's odds where it has a row)
or as nothing, and the strings the lexicon knows well (``GENERIC_ZIPF``) are the string's
candidates, in the case pattern of its letters. The detector scores them between the
neighbours like its other readings; as the string itself is no word, what decides is how
far the best candidate stands above the next.

Which strings: a run without spaces, ordinary punctuation at its ends set aside, of letters
and one or two of ``EDGE_MARKS`` (anywhere: no English word carries them) or of
``INNER_MARKS`` between two letters (``flo;ting``); not an emphasis (``*word*``, ``_word_``),
nothing protected (URLs, code). Digits are left out: read as letters (``t0o``, ``d0th``)
they made as many lines worse as better on BLN600 (docs/ocr.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from ..document import Document
from ..lexicon import zipf
from .ocr_channel import GENERIC_ZIPF, ConfusionModel

EDGE_MARKS = "«»*¡|_~^\\¦"  # never part of an English word: read wherever they stand in one
INNER_MARKS = ";:)(!?<>{}[]"  # read only between two letters
BRACKETS = "()<>{}[]"
MOST_MARKS = 2
MARK_LETTER = -1.5  # log10 P(mark | letter) where the confusion table has no row: any letter alike
MARK_NOTHING = -1.5  # ... and of a mark where nothing was printed (a speck)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MARK = regex.compile(f"[{regex.escape(EDGE_MARKS + INNER_MARKS)}]")
_SPACES = " \t\n\r\f\v\u00a0\u2009\u202f"  # what ends a string
_OUTER = "\"'“”‘’([.,;:!?)]"  # ordinary punctuation at a string's ends: set aside


@dataclass(frozen=True)
class Marked:
    """A string with marks for letters: its span, and the word tokens inside it."""

    start: int
    end: int
    text: str
    first: int  # index of its first word token
    last: int  # ... and of its last


def marked_strings(doc: Document) -> Iterator[Marked]:
    """Every string of ``doc`` to be read here (see the module)."""
    text, words = doc.text, doc.words
    k, after = 0, 0
    for mark in _MARK.finditer(text):
        if mark.start() < after:
            continue  # in the string just read
        start = max(text.rfind(c, 0, mark.start()) for c in _SPACES) + 1
        end = min((i for c in _SPACES if (i := text.find(c, mark.start())) >= 0), default=len(text))
        after = end
        while start < end and text[start] in _OUTER and text[start] not in EDGE_MARKS:
            start += 1
        while end > start and text[end - 1] in _OUTER and text[end - 1] not in EDGE_MARKS:
            end -= 1
        if not _readable(text[start:end]) or doc.is_protected(start, end):
            continue
        while k < len(words) and words[k].end <= start:
            k += 1
        last = k
        while last + 1 < len(words) and words[last + 1].start < end:
            last += 1
        if k < len(words) and words[k].start < end:
            yield Marked(start, end, text[start:end], k, last)


def _readable(text: str) -> bool:
    marks = [i for i, c in enumerate(text) if not c.isalpha()]
    if not marks or len(marks) > MOST_MARKS or len(text) - len(marks) < len(marks):
        return False  # no mark, too many, or more marks than letters
    if text[0] == text[-1] and text[0] in EDGE_MARKS:
        return False  # *word*, _word_: emphasis
    return all(text[i] in EDGE_MARKS or text[i] in INNER_MARKS and _between_letters(text, i) for i in marks)


def _between_letters(text: str, i: int) -> bool:
    """A letter either side; lowercase ones beside a bracket (``Office(R)`` is a mark)."""
    if not 0 < i < len(text) - 1:
        return False
    a, b = text[i - 1], text[i + 1]
    return a.isalpha() and b.isalpha() and (text[i] not in BRACKETS or a.islower() and b.islower())


def candidates(confusions: ConfusionModel, text: str) -> tuple[tuple[str, float], ...]:
    """Known words ``text`` may stand for, each with log10 P(text | word), best first."""
    readings = [("", 0.0)]
    for c in text.lower():
        if c.isalpha():
            readings = [(r + c, lp) for r, lp in readings]
            continue
        options = [(t, row if (row := confusions.logprob(c, t)) is not None else MARK_LETTER) for t in _LETTERS]
        options.append(("", MARK_NOTHING))
        readings = [(r + t, lp + lpt) for r, lp in readings for t, lpt in options]
    found: dict[str, float] = {}
    for r, lp in readings:
        if r and zipf(r) >= GENERIC_ZIPF and lp > found.get(r, -99.0):
            found[r] = lp
    return tuple((_cased(text, r), lp) for r, lp in sorted(found.items(), key=lambda kv: -kv[1]))


def _cased(text: str, word: str) -> str:
    """``word`` in the case pattern of ``text``'s letters: capitals, a capital first, or lowercase."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    return word[:1].upper() + word[1:] if letters[0].isupper() else word


def tokens_inside(found: list[Marked]) -> set[int]:
    """The word tokens the marked strings cover: read here, not one by one."""
    return {i for m in found for i in range(m.first, m.last + 1)}

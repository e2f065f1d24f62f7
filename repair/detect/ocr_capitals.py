"""Words printed in capitals, as headlines and headings are: ``TEEATMENT`` (TREATMENT),
``CEWELLERY`` (JEWELLERY), ``BUBKE`` (BURKE), ``INTELLiGENCE`` (a capital read as a small
letter).

The OCR detector reads words in lowercase or with one capital; in edited prose a word of
capitals is an acronym as often as a heading (``OFHEO``, ``NAAMSA``), so such words were
never read, and headings are a third of a point of character errors on the OCR suites.
Here a word of capitals (``capitals_word``: five letters or more, its first two capitals,
at most one small letter after them and not a plural's ``s``: ``CDs``) is read

* as itself in capitals, where the one small letter is the only fault and the lexicon
  knows the word well (``case_slip``: ``LOuIS``, ``INTELLiGENCE``);
* else, when no dictionary knows it at all, as the detector reads an unknown word in raw
  OCR: the confusion table's candidates and the far ones, scored between the neighbours, the
  winner in capitals where it stands ``CAPITALS_GAP`` clear of the next.

A word of capitals the lexicon knows (a word, a name: ``FOLIO``, ``SMYTHE``) is left alone.
A short word of capitals (two to four letters) inside a heading, between words of capitals
(``NOTICES OP MOTION``, ``TO TUB EDITOR``), is read as the commonest words alone (``OF``,
``THE``), which OCR garbles most and an acronym (``UN``, ``BBC``) rarely stands for.
The detector proposes these readings at the default bar only in a text that reads as raw
OCR: by its lowercase words, or, in a heading alone, which has none, by its words in
capitals (``garbled_heading``); elsewhere below it, for ``--profile ocr``.
"""

from __future__ import annotations

from typing import Iterable

from ..lexicon import garbled, zipf

CAPITALS_MIN_LENGTH = 5
CAPITALS_GAP = 1.0  # log10: the best reading of a word of capitals over the next
CASE_SLIP_ZIPF = 3.0  # the word in capitals is this common: one small letter in it is a slip


def capitals_word(word: str) -> bool:
    """Whether ``word`` is written in capitals (see the module)."""
    if len(word) < CAPITALS_MIN_LENGTH or not word.isalpha() or not word[:2].isupper():
        return False
    small = [i for i, c in enumerate(word) if not c.isupper()]
    return len(small) == 0 or len(small) == 1 and not (small[0] == len(word) - 1 and word[-1] == "s")


SHORT_CAPITALS = (2, 4)  # letters of a short word of capitals read in a heading


def short_capitals_in_heading(words: list[str], i: int) -> bool:
    """``words[i]`` is a short word in capitals (``SHORT_CAPITALS``) whose neighbours are
    words in capitals too (a heading, not an acronym in running text)."""
    low, high = SHORT_CAPITALS
    word = words[i]
    if not (low <= len(word) <= high and word.isalpha() and word.isupper()):
        return False
    around = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return bool(around) and all(len(w) >= 2 and w.isalpha() and w.isupper() for w in around)


def case_slip(word: str) -> str | None:
    """``word`` all in capitals when one small letter is its only fault (``LOuIS``), else None."""
    upper = word.upper()
    if upper == word or zipf(upper) < CASE_SLIP_ZIPF:
        return None
    return upper


def garbled_heading(words: Iterable[str]) -> bool:
    """Whether a text with no lowercase word (a heading alone) reads as raw OCR: its words in
    capitals of three letters or more unknown as often as a raw OCR text's lowercase words
    are (``lexicon.garbled``, over them in lowercase)."""
    words = list(words)
    if any(w.isalpha() and w.islower() for w in words):
        return False
    return garbled(w.lower() for w in words if len(w) >= 3 and w.isalpha() and w.isupper())

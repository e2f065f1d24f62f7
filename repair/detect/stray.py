"""A speck or a stroke OCR read as a letter standing alone between two words:
``been murdered s some hours``, ``stated that l he will``, ``the presumption g of the law``.

A lone lowercase letter other than ``a`` and ``i``, or two lowercase letters no common word
spells, is removed (with the space after it) where the bigram model finds its neighbours, two
common words, far likelier side by side than with it between them. Not where it joins a neighbour into a
word (``pay f or it``: a word broken apart, the ``broken`` detector's), nor after a number
(``the 1990 s``, ``1.75 m``). Learners write such letters for words (``u`` for you, ``b``
for be) and machine translation leaves them (``tripple h``): outside a text that reads as
raw OCR (``lexicon.garbled``) the removal is proposed below the default bar, and the
``ocr`` profile, where the user says the text is OCR, takes it.
"""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from ..lm import BOS, CUT, EOS, neighbour
from .base import ContextDetector, confidence_above, reads_as_raw_ocr

STRAY_MARGIN = 2.0  # log10: the neighbours side by side this much likelier than with the letter
STRAY_WORD_ZIPF = 3.0  # two letters this common are a word (of, hi, le); so is a join this common
NEIGHBOUR_ZIPF = 2.5  # each neighbour a word the bigram model knows enough to judge by
UNSURE = 0.45  # outside raw OCR: below the default bar, above the ocr profile's
LETTERS_FOR_WORDS = frozenset({"u"})  # a learner's "you"


def stray_like(word: str) -> bool:
    """A lone lowercase letter other than a and i, or two lowercase letters no common word spells."""
    if not (word.isascii() and word.isalpha() and word.islower()) or word in LETTERS_FOR_WORDS:
        return False  # not an accented letter: "à few", "tô twelve" are misread words
    return len(word) == 1 and word not in ("a", "i") or len(word) == 2 and zipf(word) < STRAY_WORD_ZIPF


class StrayLetters(ContextDetector):
    name = "stray"
    kind = "ocr-stray"

    def find(self, doc: Document) -> Iterator[Edit]:
        words = doc.words
        for i, tok in enumerate(words):
            if not stray_like(tok.text):
                continue
            odds = self._odds(doc, i)
            if odds is None or odds < STRAY_MARGIN:
                continue
            confidence = confidence_above(odds - STRAY_MARGIN) if reads_as_raw_ocr(doc) else UNSURE
            yield self.edit(doc, tok.start, words[i + 1].start, "", confidence,
                            f"'{tok.text}' standing alone reads as a speck OCR read as a letter")

    def _odds(self, doc: Document, i: int) -> float | None:
        """log10 odds of the two neighbours side by side over the letter between them; None
        where the letter is not alone between two words of one sentence."""
        words, text = doc.words, doc.text
        tok = words[i]
        prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, i, +1)
        if prev in (BOS, EOS, CUT) or nxt in (BOS, EOS, CUT) or not (prev.isalpha() and words[i + 1].text.islower()):
            return None
        if text[tok.end:words[i + 1].start] != " " or text[tok.start - 1] != " ":
            return None
        if zipf(prev + tok.text) >= STRAY_WORD_ZIPF or zipf(tok.text + nxt) >= STRAY_WORD_ZIPF:
            return None  # a piece of a word broken apart ("pay f or it"): the broken detector's
        if zipf(prev) < NEIGHBOUR_ZIPF or zipf(nxt) < NEIGHBOUR_ZIPF:
            return None  # the model knows too little of a rare word to judge ("tripple h missed")
        if doc.is_protected(tok.start, words[i + 1].start):
            return None
        return self.lm.logprob(prev, nxt) - self.lm.between(prev, tok.text, nxt)

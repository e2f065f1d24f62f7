"""The small base class every detector shares."""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar, Iterator, Sequence

from ..document import Document, Token
from ..edits import Edit
from ..lexicon import FUNCTION_WORDS, garbled, zipf, zipf_table
from ..lm import NgramModel
from ..proposers import Proposer
from ..sources import DETECTOR, detector_source


@lru_cache(maxsize=4)  # asked by several detectors of the same document, each at most once
def reads_as_raw_ocr(doc: Document) -> bool:
    """Whether the document is raw OCR: the user says so (``Document.ocr``, the ``ocr``
    profile), or its lowercase words are unknown often enough (``lexicon.garbled``)."""
    return doc.ocr or garbled(w.text for w in doc.words)


# English prose has about four small words in ten; OCR of it still more than one in five
ENGLISH_FUNCTION_SHARE = 0.15
ENGLISH_MIN_WORDS = 8  # a shorter text is taken as English


@lru_cache(maxsize=4)
def reads_as_english(doc: Document) -> bool:
    """Whether the text's small words are English ones: an English dictionary cannot judge
    the words of a paragraph in French. Raw OCR of English keeps its small words
    (``the``, ``of``, ``and``) legible; a short text is taken as English."""
    lower = [w.text for w in doc.words if w.text.islower()]
    return len(lower) < ENGLISH_MIN_WORDS or \
        sum(w in FUNCTION_WORDS for w in lower) >= ENGLISH_FUNCTION_SHARE * len(lower)


def confidence_above(units: float) -> float:
    """A detector's confidence in a reading ``units`` (log10 odds) above the bar its rule
    sets: 0.6 at the bar, 0.1 more per unit, 0.95 at most."""
    return min(0.95, 0.6 + 0.1 * units)


# A word whose neighbours (at least FOREIGN_MIN_WORDS of them, STRANGE_REACH either side)
# are at least FOREIGN_SHARE words English does not know (Zipf below FOREIGN_ZIPF): another
# language (a quotation in Low German) or garbage, where an English reading only guesses.
STRANGE_REACH = 4
FOREIGN_MIN_WORDS = 4
FOREIGN_SHARE = 0.5
FOREIGN_ZIPF = 3.0


def amid_unknown_words(words: Sequence[Token], i: int) -> bool:
    """Most of the word's neighbours (``STRANGE_REACH`` either side) are words English does
    not know: another language (a quotation in Low German) or garbage."""
    around = (*words[max(0, i - STRANGE_REACH):i], *words[i + 1:i + 1 + STRANGE_REACH])
    unknown = sum(t.text.isalpha() and zipf(t.text) < FOREIGN_ZIPF for t in around)
    return len(around) >= FOREIGN_MIN_WORDS and unknown >= FOREIGN_SHARE * len(around)


class Detector(Proposer):
    """Subclasses set ``name`` and ``kind`` and implement ``find``."""

    source: ClassVar[str] = DETECTOR
    kind: ClassVar[str]

    def prefetch(self) -> None:
        """The word frequencies every detector reads, loaded before the first text (its
        time is the pipeline's start, not the first detector's)."""
        zipf_table()

    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        return list(self.find(doc))

    def find(self, doc: Document) -> Iterator[Edit]:
        raise NotImplementedError

    def edit(self, doc: Document, start: int, end: int, replacement: str,
             confidence: float, message: str) -> Edit:
        return Edit(start, end, doc.text[start:end], replacement, self.kind,
                    (detector_source(self.name),), round(confidence, 3), message, rule=self.name)


class ContextDetector(Detector):
    """A detector that judges words in context by the bigram model (``repair.lm``), loaded on
    first use; a test or a benchmark may hand it another."""

    def __init__(self, lm: NgramModel | None = None):
        self._lm = lm

    @property
    def lm(self) -> NgramModel:
        if self._lm is None:
            self._lm = NgramModel.load()
        return self._lm

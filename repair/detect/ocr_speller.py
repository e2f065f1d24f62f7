"""The OCR channel as a judge of LanguageTool's speller: which word was printed here?

LanguageTool's speller ranks its suggestions for typing slips (``bas`` -> ``beys``,
``brin`` -> ``brain``, ``hee`` -> ``he``), not for misreadings. The OCR detector
(``OcrConfusions.verify``) judges each of its speller edits on a word the OCR channel
can explain (a learned confusion turns a known word into it), scoring every suggestion
as it scores its own readings,

    log10 P(word | suggestion) + log10 P(suggestion | neighbours) - log10 P(word | neighbours)

where P(word | suggestion) is the confusion table's, ``STRAY`` for one letter dropped or
added (a speck, a broken stroke: ``giv``, ``nme``), and ``UNREACHABLE`` for any other.

- **Re-chosen.** The best reachable suggestion, when it clears the detector's margin for
  the word (less ``SPELLER_CREDIT``: the speller has flagged it already) and beats the
  speller's first choice by ``CHOOSE_GAP``, replaces it (``bas`` -> ``has``, ``brin them``
  -> ``bring them``), at the threshold's confidence or LanguageTool's if higher.
- **Endorsed.** When that best suggestion is the speller's own first choice and the
  speller was unsure, it is lifted to the threshold.
- **Lowered**, in older English only (``repair.detect.older``: a document with spellings
  of the period such as ``meane``, ``beene``, ``keepe``): where the word is such a
  spelling, or no suggestion clears the margin and the speller's first choice is no
  misreading the channel knows (``hee`` -> ``he``, ``alle`` -> ``all``, ``dauncing`` ->
  ``dancing``), the edit drops below the bar. A letter more or less is then the period's spelling, not a
  speck.
- **Lowered** too: a respelling of a piece of a word broken at a line end (``diffi-``,
  ``accu- n sation``: the join is the broken-word detector's, a respelt piece is a wrong
  word), and a respelling of a word most of whose neighbours English does not know (a
  quotation in another language, a run of garbage), where the speller can only guess.

Only in a document where the OCR detector has read at least one misreading of its own:
a learner's slips are typing, which the channel does not model. A word the channel cannot
explain at all (``becuase``), two letters swapped (``teh``), a split (``irthe``), a change
of case (``italian``), a capitalised word inside a sentence (a name) and a span the OCR
detector reads itself are left as LanguageTool judged them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from ..lm import neighbour
from ..proposers import Bars
from ..sources import detector_source, is_speller_change
from .base import amid_unknown_words
from .broken import broken_piece
from .ocr import margin_for
from .older import old_spelling

if TYPE_CHECKING:
    from .ocr import OcrConfusions

UNREACHABLE = -6.0  # log10 P(word | suggestion) for a suggestion no confusion explains
LOOKS_OCR = -3.5  # the channel's best reading this likely: the word reads as a misreading
CHOOSE_GAP = 1.0  # log10 odds a reachable suggestion needs over LanguageTool's first
MIN_LENGTH = 3
STRAY = -4.0  # a letter dropped or added (a speck, a broken stroke): ``giv``, ``nme``
SPELLER_CREDIT = 1.0  # log10 odds off the detector's margin: the speller has flagged the word


def judge_speller(detector: "OcrConfusions", doc: Document, edits: Sequence[Edit], bars: Bars,
                  older: bool) -> list[Edit]:
    """``edits`` with LanguageTool's speller edits on OCR-like words re-judged (see the module);
    ``older``: the document reads as older English (``repair.detect.older``)."""
    out = list(edits)
    judged = [k for k, e in enumerate(out) if _judgeable(e)]
    if not judged:
        return out
    words = doc.words
    lm = detector.lm
    source = detector_source(detector.name)
    own = {(e.start, e.end) for e in out if e.sources == (source,) and e.confidence >= bars.min_confidence}
    # Older English prints letters modern English drops (``hee``, ``againe``, ``dauncing``):
    # there they are what was printed, misread or not, and the speller's modern spelling is
    # no correction.
    if not own and not older:
        return out  # no misreading in the document: not OCR text
    for k in judged:
        e = out[k]
        i = doc.word_index(e.start, e.end)
        if i is None:
            continue
        word = e.original
        if (broken_piece(doc.text, e.start, e.end) or amid_unknown_words(words, i)) and e.confidence >= bars.floor:
            out[k] = bars.lowered(e, "a piece of a broken word, or words English does not know around it")
            continue
        if len(word) < MIN_LENGTH or not word.isalpha() or doc.is_protected(e.start, e.end):
            continue
        if not e.replacement.isalpha() or e.replacement.lower() == word.lower() or (e.start, e.end) in own:
            continue  # a split or a hyphen: not a reading of one word; or the detector's own reading stands beside it
        if word[0].isupper() and not word.isupper() and e.start not in doc.sentence_starts:
            continue  # a name: LanguageTool's call
        if _transposed(word.lower(), e.replacement.lower()):
            continue  # ``teh``, ``thier``: a typing slip, not a misreading
        channel = {c.lower(): lp for c, lp in detector.confusions.candidates(word)}
        old = older and old_spelling(word)  # ``keepe``, ``meane``: printed so, neither misread nor misspelt
        if not old and (not channel or max(channel.values()) < LOOKS_OCR):
            if older and e.confidence >= bars.floor:
                out[k] = bars.lowered(e, "older English spelling")
            continue  # not a misreading the channel knows: a learner's or MT's word
        prev = neighbour(doc, words, i, -1)
        nxt = neighbour(doc, words, i, +1)
        here = lm.logprob(prev, word) + lm.logprob(word, nxt)
        scored = []
        for c in dict.fromkeys((e.replacement, *e.alternatives)):
            if not _same_shape(word, c):
                continue
            lp = channel.get(c.lower(), STRAY if _one_letter(word.lower(), c.lower(), older) else UNREACHABLE)
            scored.append((lp + lm.logprob(prev, c) + lm.logprob(c, nxt) - here, lp > UNREACHABLE, c))
        reachable = [s for s in scored if s[1]]
        margin = margin_for(zipf(word)) - SPELLER_CREDIT
        first = next((s for s in scored if s[2] == e.replacement), None)
        if reachable and max(reachable)[0] >= margin and not old:
            odds, _, best = max(reachable)
            if best != e.replacement and (first is None or odds - first[0] >= CHOOSE_GAP):
                out[k] = replace(e.with_sources(source), replacement=best,
                                 confidence=max(e.confidence, bars.min_confidence),
                                 alternatives=tuple(c for c in (e.replacement, *e.alternatives) if c != best),
                                 message=f"{e.message} (read as an OCR misreading of \u201c{best}\u201d)")
            elif best == e.replacement and e.confidence < bars.min_confidence:
                out[k] = replace(e.with_sources(source), confidence=bars.min_confidence)
            continue
        if older and (old or first is None or not first[1]) and e.confidence >= bars.floor:
            out[k] = bars.lowered(e, f"no suggestion reads as an OCR misreading of \u201c{word}\u201d")
    return out


def _judgeable(e: Edit) -> bool:
    return is_speller_change(e)


def _same_shape(word: str, suggestion: str) -> bool:
    """A suggestion the channel may choose: one word, in the word's case pattern (a lowercase
    word is not respelt as a name: ``tbo`` -> ``TBO``)."""
    if not suggestion.isalpha():
        return False
    if word.islower():
        return suggestion.islower()
    if word.isupper():
        return suggestion.isupper()
    return suggestion[:1].isupper() and suggestion[1:].islower()


def _one_letter(word: str, suggestion: str, older: bool) -> bool:
    """One letter more or less than the suggestion, the rest in order (in older English,
    not a letter more: ``hee``, ``dauncing`` were printed so)."""
    if abs(len(word) - len(suggestion)) != 1:
        return False
    long, short = (word, suggestion) if len(word) > len(suggestion) else (suggestion, word)
    if older and long is word:
        return False  # ``hee``, ``againe``, ``dauncing``, ``maister``: printed so
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _transposed(word: str, suggestion: str) -> bool:
    """Two neighbouring letters swapped (``teh``, ``thier``, ``cannto``)."""
    if len(word) != len(suggestion) or word == suggestion:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, suggestion)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == suggestion[diff[1]] \
        and word[diff[1]] == suggestion[diff[0]]

"""Older English: spellings a modern speller changes that were printed so on purpose.

Books of the sixteenth and seventeenth centuries spell ``hee``, ``againe``, ``businesse``,
``kitchin``, ``shewed``, ``sorrie``, ``vnto``, ``haue`` and write ``any one``, ``no body``,
``for ever`` apart. A modern speller (or the OCR channel, to which ``shewed`` is a
misreading of ``showed``) "corrects" them; a transcription keeps them.

A document **reads as older English** when at least ``OLDER_ENGLISH`` different words of it,
in lowercase, are spellings of the period that a common modern word explains
(``period_spelling``), at least once every ``WORDS_PER_MARK`` words: a learner's ``develope``
and ``prefere`` or a misread ``talke`` in a long modern text do not make it so.

There a change that only moves a word between a spelling of the period and today's
(``respelt_alike``: vowels, ``i``/``y``, ``u``/``v``, ``i``/``j``, a doubled letter, a final
``e``, or two words joined) is no correction: it drops below the bar, shown for review
(``keep_period_spellings``). A misreading that changes a letter's shape (``tbe`` -> ``the``,
``foUowed`` -> ``followed``) is not such a change and is judged as anywhere else.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import regex

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from ..proposers import Bars

OLDER_ENGLISH = 2  # different period spellings that mark a document as older English ...
WORDS_PER_MARK = 300  # ... occurring at least once this many words
BASE_ZIPF = 4.0  # the modern word a final e is added to is this common (a misreading may add one)
PATTERN_BASE_ZIPF = 3.0  # ... and the word the other patterns explain (``endureth``, ``vnto``)
RARE_ZIPF = 2.5  # ... and the period spelling itself this rare (``more``, ``care`` are words)
PRONOUN_ZIPF = 5.5  # ``hee``, ``mee``, ``doe``: a short word this common with an e added ...
PRONOUN_E_ZIPF = 4.0  # ... and rare itself (``wee``, ``bee``, ``see`` are words)
JOINED_ZIPF = 4.0  # each of two words written apart that today's spelling joins (``any one``)
KNOWN_ZIPF = 3.0  # a word with a final e added that the lexicon knows well (``meane``)
SHEW = frozenset({"shew", "shews", "shewed", "shewn", "shewing", "sheweth"})  # show's old spelling
VOWELS = "aeiou"

_VOWEL_RUN = regex.compile(r"[aeiou]+")
_DOUBLED = regex.compile(r"(.)\1+")


def old_spelling(word: str) -> bool:
    """A known word with the final e of older English (``meane``, ``deede``, ``keepe``)."""
    return len(word) >= 4 and word.endswith("e") and zipf(word[:-1]) >= KNOWN_ZIPF


@lru_cache(maxsize=1 << 17)  # every distinct word of every document is asked; a corpus repeats them
def period_spelling(word: str) -> bool:
    """A lowercase word spelt as in older English and explained by a common modern word: a
    final e (``againe``, ``hee``, ``doe``), the verb ending -eth (``endureth``), -ie for -y
    (``sorrie``), u for v (``haue``, ``euery``), v for u (``vnto``, ``vpon``), ``shew``."""
    if not word.isalpha() or not word.islower():
        return False
    if word in SHEW:
        return True
    if len(word) == 3:  # a vowel-final word and an e: hee, mee, doe, goe (not ise, ite)
        return word.endswith("e") and word[1] in VOWELS and zipf(word[:-1]) >= PRONOUN_ZIPF \
            and zipf(word) < PRONOUN_E_ZIPF
    if zipf(word) >= RARE_ZIPF:
        return False
    if word.endswith("e") and zipf(word[:-1]) >= BASE_ZIPF:
        return True
    if len(word) >= 6 and word.endswith("eth") and max(zipf(word[:-3]), zipf(word[:-2])) >= PATTERN_BASE_ZIPF:
        return True
    if len(word) >= 5 and word.endswith("ie") and zipf(word[:-2] + "y") >= PATTERN_BASE_ZIPF:
        return True
    if word.startswith(("vn", "vp")) and zipf("u" + word[1:]) >= PATTERN_BASE_ZIPF:
        return True
    return any(word[i] == "u" and word[i - 1] in VOWELS and word[i + 1] in VOWELS
               and zipf(word[:i] + "v" + word[i + 1:]) >= PATTERN_BASE_ZIPF for i in range(1, len(word) - 1))


@lru_cache(maxsize=4)  # asked of each document by the OCR detector's readings and its judge
def reads_as_older_english(doc: Document) -> bool:
    """At least ``OLDER_ENGLISH`` different period spellings, one every ``WORDS_PER_MARK``
    words or more often."""
    marks = {w: n for w, n in doc.vocabulary.items() if period_spelling(w)}
    return len(marks) >= OLDER_ENGLISH and sum(marks.values()) * WORDS_PER_MARK >= len(doc.words)


def respelt_alike(original: str, replacement: str) -> bool:
    """The two differ only as spellings of one word across the centuries: the same letters
    once vowels are one letter, ``y`` is ``i``, ``v`` is ``u``, ``j`` is ``i``, doubled letters
    single and a final e gone (``kitchin``/``kitchen``, ``maister``/``master``, ``pittyed``/
    ``pitied``, ``businesse``/``business``); or common words written apart that today's
    spelling joins (``any one``/``anyone``). Case alone is no respelling."""
    pieces = original.split()
    if not replacement.isalpha() or not all(p.isalpha() for p in pieces) or original.lower() == replacement.lower():
        return False  # a split (words OCR ran together), a space or a mark, or case alone
    if len(pieces) > 1 and not all(zipf(p) >= JOINED_ZIPF for p in pieces):
        return False  # a word broken at a line end (``sub ject``): the join is a repair
    return _skeleton("".join(pieces)) == _skeleton(replacement)


def _skeleton(word: str) -> str:
    w = word.lower().translate(str.maketrans("yvj", "iui"))
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return _VOWEL_RUN.sub("a", _DOUBLED.sub(r"\1", w))


def keep_period_spellings(edits: Sequence[Edit], bars: Bars) -> list[Edit]:
    """In a document that reads as older English: ``edits`` with every change that only
    modernises a spelling (``respelt_alike``) below the bar, shown for review."""
    return [bars.lowered(e, "older English spelling: printed so") if not e.is_flag
            and e.confidence >= bars.floor and respelt_alike(e.original, e.replacement) else e
            for e in edits]

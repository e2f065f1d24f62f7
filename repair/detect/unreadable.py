"""What OCR garbled beyond reading, flagged for review: ``ii)strueting``, ``BmsiiAKB``,
``s10p``, ``priiseer``.

The OCR detector fixes a misreading when context makes one reading far likelier; what it
cannot read stays as printed, and a reviewer should be shown where it is. A word is flagged
(an edit whose replacement is the word itself, never applied) when it holds

* a mark between letters (``ii)strueting``, ``diffi-.uit``; not ``U.K.``, ``R&D``, ``and/or``);
* digits among letters (``wa9``, ``E21en``; not ``21st``, ``6d.``, ``G7``, ``10am``);
* a capital after a lowercase letter (``pliCe``, ``pistoL``; not ``iPod``, ``McCall`` or a
  brand made of words, ``TimeWarner``);
* or is a lowercase word of three letters or more no dictionary knows (``priiseer``) that
  the document does not repeat (a term of its own) and no older spelling explains, in a
  text whose small words are English (not a paragraph in French).

In raw OCR it also asks about a capitalised word no dictionary knows that the OCR detector
reads clearly as a known word (``Oetober``: October?); names are never changed here.

A word broken at the text's edge (a lowercase first word, a last word ending in a hyphen)
and protected spans (URLs, e-mail addresses, glossary words) are left alone. Edited prose
has such words too (brands, coinages, typos), so the flags are sure only in a text that
reads as raw OCR (``lexicon.garbled``); elsewhere they are proposed below the default bar
and the ``ocr`` profile, where the user says the text is OCR, shows them. A change another
stage makes to the same word replaces the flag (``rank``). Where the OCR detector has a
reading of the word that falls short of its margin, the flag offers it as an alternative
(``perhaps 'conditions'``): one key in ``repair review`` accepts it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from ..lexicon import FUNCTION_WORDS, zipf
from .base import Detector, reads_as_english, reads_as_raw_ocr
from .ocr import OcrConfusions
from .older import old_spelling

HINT_ODDS = -1.0  # log10: a reading at least a tenth as likely as the word as printed is offered
NAME_HINT_ODDS = 1.0  # ... and for a capitalised word (a name unless the reading is clear)
NAME_MIN_LENGTH = 4
SURE = 0.6  # in raw OCR: shown by default (flags are never applied)
UNSURE = 0.45  # elsewhere: below the default bar, above the ocr profile's
MIN_UNKNOWN_LETTERS = 3  # two-letter non-words are the stray detector's
KNOWN_PIECE_ZIPF = 3.0  # each word of a brand written in capitals (PowerPoint) this common
SHORT_ABBREVIATION = 4  # letters: BoE, PhD, MoD

_CHUNK_RE = regex.compile(r"\S+")
_EDGE_RE = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_MARK_INSIDE_RE = regex.compile(r"\p{L}[\-'’]*[^\p{L}\p{N}\s'’\-][^\p{L}\p{N}\s]*\p{L}")
_INITIALS_RE = regex.compile(r"(?:\p{L}{1,3}\.)+\p{L}{0,3}")  # U.K., H.M.S., e.g., Ph.D
_JOINED_BY_RE = regex.compile(r"(?:\p{Lu}+&\p{Lu}+|[\p{L}\p{N}\-]+(?:/[\p{L}\p{N}\-]+)+)(?:['’]s)?")  # R&D, AT&T's; and/or
_DASH_RE = regex.compile(r"[\-‐‑–—]|\.\.|…")
_LETTERS_RE = regex.compile(r"\p{L}+")
_DOMAIN_RE = regex.compile(r"\.(?:com|org|net|gov|edu|co|uk|io)\b", regex.IGNORECASE)
_DIGIT_AMONG_RE = regex.compile(r"\p{Ll}\p{N}|\p{L}\p{N}+\p{L}")  # wa9, s10p, E21en
_LEADING_DIGITS_RE = regex.compile(r"\p{N}[\p{N},.]*(\p{L}+)")  # 21st, 6d, 4bn; 6raye
_UNITS = frozenset("st nd rd th s d l p m am pm bn mn m km cm mm kg g lb lbs oz ft in yds yd ml".split())
_CAP_AFTER_LOWER_RE = regex.compile(r"\p{Ll}\p{Lu}")
_NAME_PREFIX_RE = regex.compile(r"^(?:Mc|Mac|O'|D'|De|Di|Du|La|Le|Van|Von)\p{Lu}")
_CAMEL_NAMES_RE = regex.compile(r"(?:\p{Lu}\p{Ll}{2,}){2,}(?:['’]s)?")
_PIECES_RE = regex.compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})")


def garbled_reason(word: str) -> str | None:
    """Why ``word`` (a chunk stripped of the marks at its edges) reads as OCR garbage, or
    None; the test for unknown words is the caller's (it needs the document)."""
    if _MARK_INSIDE_RE.search(word):
        if _INITIALS_RE.fullmatch(word) or _JOINED_BY_RE.fullmatch(word) or _DOMAIN_RE.search(word):
            return None
        if _DASH_RE.search(word) and all(zipf(p) >= KNOWN_PIECE_ZIPF for p in _LETTERS_RE.findall(word)):
            return None  # words joined by a dash or dots set close (``it,-and``, ``crisis...only``)
        return "a mark between its letters"
    if any(c.isdigit() for c in word):
        return _digits_reason(word)
    if _CAP_AFTER_LOWER_RE.search(word) and word.replace("-", "").replace("'", "").isalpha():
        return None if _written_so(word) else "a capital after a lowercase letter"
    return None


def _digits_reason(word: str) -> str | None:
    if _DIGIT_AMONG_RE.search(word):
        return "digits among its letters"
    lead = _LEADING_DIGITS_RE.fullmatch(word)
    if lead and lead.group(1).islower() and len(lead.group(1)) >= 3 and lead.group(1) not in _UNITS \
            and zipf(lead.group(1)) < KNOWN_PIECE_ZIPF:
        return "digits among its letters"  # 6raye, 3rhbert; not 21st, 4bn, 10am, 3ft
    return None


def _written_so(word: str) -> bool:
    """A capital inside a word on purpose: iPod, eBay; McCall, DeLorean; a short abbreviation
    (BoE, PhD); a name made of capitalised names (DaimlerChrysler, AstraZeneca); a brand of
    common words (PowerPoint)."""
    if len(word) > 1 and word[0].islower() and word[1].isupper() or _NAME_PREFIX_RE.match(word):
        return True
    if word[0].isupper() and len(word) <= SHORT_ABBREVIATION or _CAMEL_NAMES_RE.fullmatch(word):
        return True
    pieces = [p for part in regex.split(r"[-'’]", word) for p in _PIECES_RE.findall(part)]
    return len(pieces) > 1 and all(len(p) > 1 and zipf(p.lower()) >= KNOWN_PIECE_ZIPF for p in pieces)


def _plainly_read(word: str) -> bool:
    """Letters only, and either a lowercase word the lexicon knows or capitals only at the
    start (Capitalised, ALL CAPS): nothing here to flag. The common case, tested first."""
    if not word.isalpha():
        return False
    if word.islower():
        return zipf(word) > 0
    return word.isupper() or word[1:].islower()


def _unknown_name(word: str) -> bool:
    """A capitalised word (not all capitals) of some length that no dictionary knows."""
    return len(word) >= NAME_MIN_LENGTH and word[0].isupper() and word[1:].islower() and zipf(word) < 1.0


class Unreadable(Detector):
    name = "unreadable"
    kind = "unreadable"

    def __init__(self) -> None:
        self._reader: OcrConfusions | None = None  # the OCR detector, asked for a hint

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        chunks = list(_CHUNK_RE.finditer(text))
        english = None
        for n, chunk in enumerate(chunks):
            raw = chunk.group()
            core = raw if raw.isalpha() else _EDGE_RE.sub("", raw)
            if _plainly_read(core):
                if _unknown_name(core) and reads_as_raw_ocr(doc):
                    yield from self._misread_name(doc, chunk.start() + raw.index(core), core)
                continue  # most words: a known lowercase word, or capitals only at the start
            if len(core) < 2 or not any(c.isalpha() for c in core):
                continue
            start = chunk.start() + raw.index(core)
            end = start + len(core)
            why = garbled_reason(core)
            if why is None:
                if english is None:
                    english = reads_as_english(doc)
                why = self._unknown(doc, core) if english else None
            if why is None or self._broken_at_edge(text, chunks, n, core) or doc.is_protected(start, end):
                continue
            sure = reads_as_raw_ocr(doc)
            hint = self._hint(doc, start, end, sure)
            flag = self.edit(doc, start, end, core, SURE if sure else UNSURE,
                             f"'{core}' is garbled ({why}) and nothing reads it with certainty"
                             + (f"; perhaps '{hint}'" if hint else "") + ": check it against the source")
            yield replace(flag, alternatives=(hint,)) if hint else flag

    def _misread_name(self, doc: Document, start: int, word: str) -> Iterator[Edit]:
        """A capitalised word no dictionary knows, in raw OCR: a name, or a known word misread
        (``Oetober``, ``Chrintian``). Names keep their protection from changes; where the OCR
        detector reads the word as a known one at clear odds, the reviewer is asked."""
        end = start + len(word)
        hint = self._hint(doc, start, end, True, NAME_HINT_ODDS)  # asked in raw OCR only
        if hint is None or hint.lower() == word.lower() or doc.is_protected(start, end):
            return
        flag = self.edit(doc, start, end, word, SURE, f"'{word}' is no word or name a dictionary knows, "
                         f"and OCR may have misread '{hint}': check it against the source")
        yield replace(flag, alternatives=(hint,))

    def _hint(self, doc: Document, start: int, end: int, noisy: bool, least: float = HINT_ODDS) -> str | None:
        """The OCR detector's best reading of the word, where its channel and context make it
        nearly as likely as the word as printed or likelier (yet below the detector's margin,
        or it would have changed the word): a suggestion for the reviewer, never applied."""
        i = doc.word_index(start, end)
        if i is None:
            return None  # not one word of the document's (a mark inside it): nothing to read
        if self._reader is None:
            self._reader = OcrConfusions()
        found = self._reader.reading(doc, doc.words, i, doc.sentence_starts, noisy)
        return found.candidate if found is not None and found.odds >= least else None

    @staticmethod
    def _unknown(doc: Document, word: str) -> str | None:
        letters = word.replace("-", "").replace("'", "").replace("’", "")
        if not (letters.isalpha() and word.islower()) or len(letters) < MIN_UNKNOWN_LETTERS:
            return None
        pieces = [p for p in regex.split(r"[-'’]", word) if p]
        if any(zipf(p) > 0 or old_spelling(p) for p in pieces if len(p) >= 2) or word in doc.glossary:
            return None
        if doc.count(word) > 1:
            return None  # the document's own term
        return "a word no dictionary knows"

    @staticmethod
    def _broken_at_edge(text: str, chunks: list, n: int, core: str) -> bool:
        """Part of a word broken across the text's edge or a line end (the broken-word
        detector's, or beyond what the text holds)."""
        raw = chunks[n].group()
        if raw.endswith(("-", "¬")):
            return True
        if not core[0].islower():
            return False
        if n == 0:
            return True
        previous = chunks[n - 1]
        return previous.group().endswith(("-", "¬")) and "\n" in text[previous.end():chunks[n].start()]

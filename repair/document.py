"""Document: the text plus what every stage needs to know about it.

Words, sentences, protected spans and the document's own vocabulary are computed
once here so detectors stay small and never re-tokenise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, NamedTuple

import regex

# A word as the document counts it: letters (any script) with inner apostrophes/hyphens, or a
# digit-bearing token.
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
# A word of letters only, inner apostrophes kept ("don't"); hyphens and digits split it: the
# content words and names a model rewrite must keep.
LETTER_WORD_RE = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019][\p{L}\p{M}]+)*")

_PROTECTED_PATTERNS = [
    # URLs and bare domains (grumbletext.co.uk, the .com suffix, Kasparov.Ru)
    r"\b(?:https?|ftp)://\S+[^\s.,;:!?)\]'\"”’]",
    r"\bwww\.\S+[^\s.,;:!?)\]'\"”’]",
    r"(?<![\p{L}\p{N}])\.(?:com|org|net|edu|gov|uk|ru|de|fr|io|co)\b",
    r"\b[\p{L}\p{N}][\p{L}\p{N}\-]*(?:\.[\p{L}\p{N}\-]+)*\.(?i:com|org|net|edu|gov|uk|ru|de|fr|io|info|biz|eu|us|ca|au)\b",
    # e-mail addresses
    r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b",
    # social handles: @name, and Reddit's u/name and r/name, which MT spaces out ("u / Forjoin")
    r"(?<![\w@])@\w+",
    r"(?<![\p{L}\p{N}])[ur] ?/ ?\w+",
    # file names and paths
    r"(?:~|\.{1,2})?/[\w.\-/]+",
    r"\b[\w\-]+\.(?i:txt|pdf|docx?|xlsx?|csv|json|py|jpe?g|png|gif|html?|xml|zip|tar|gz|md|exe)\b",
    # numbers with separators, decimals, percentages, ordinals, times
    r"(?<![\p{L}\p{N}])[$£€]?\d(?:[\d,.:]*\d)?(?:%|st|nd|rd|th|s|m|bn|km|kg)?(?![\p{L}\p{N}])",
    # inline code
    r"`[^`\n]+`",
]
PROTECTED_RE = regex.compile("|".join(f"(?:{p})" for p in _PROTECTED_PATTERNS))

# Sentence ends: terminal punctuation, optional closing quotes/brackets, then space
# and something that can start a sentence. Abbreviations are filtered afterwards.
_SENTENCE_END_RE = regex.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\p{Lu}\p{N}])|\n\s*\n")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc e.g i.e u.s u.k no gen col lt sgt capt gov sen rep inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


# "Ah.. guys", "oh.. how long": after an interjection two dots are a writer's pause, kept by
# the post-editors of every such MLQE-PE sentence.
INTERJECTION = r"\b(?i:ah|oh|ooh|uh|um|hm+|er|eh|well|wow)"
_TWO_DOT_PAUSE = regex.compile(rf"(?<={INTERJECTION})\.\.(?!\.)")


def is_two_dot_pause(text: str, start: int) -> bool:
    """Whether the ".." at ``start`` is a pause after an interjection, not a doubled stop."""
    return _TWO_DOT_PAUSE.match(text, start) is not None


class Span(NamedTuple):
    start: int
    end: int


class Token(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """Immutable view of one text. Offsets are code points into ``text``."""

    text: str
    glossary: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(self.text))

    @cached_property
    def vocabulary(self) -> Counter:
        """Case-sensitive counts of the document's own words."""
        return Counter(t.text for t in self.words)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        spans, start = [], 0
        text = self.text
        for m in _SENTENCE_END_RE.finditer(text):
            end = m.end()
            if text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            spans.extend(_trimmed(text, start, end))
            start = end
        spans.extend(_trimmed(text, start, len(text)))
        return tuple(spans)

    @cached_property
    def protected(self) -> tuple[Span, ...]:
        spans = [Span(m.start(), m.end()) for m in PROTECTED_RE.finditer(self.text)]
        if self.glossary:
            spans += [Span(t.start, t.end) for t in self.words if t.text in self.glossary]
        return tuple(sorted(spans))

    @cached_property
    def tokenised(self) -> bool:
        """True when the text puts a space before most punctuation (Moses/PTB style)."""
        spaced = len(regex.findall(r"\s[,.;:!?](?=\s|$)", self.text))
        attached = len(regex.findall(r"[\p{L}\p{N}][,.;:!?](?=\s|$)", self.text))
        return spaced >= 3 and spaced > 2 * attached

    def is_protected(self, start: int, end: int) -> bool:
        """True when [start, end) touches a protected span."""
        for s in self.protected:
            if s.start >= end and s.start > start:
                break
            if s.start < end and start < s.end or (start == end and s.start < start < s.end):
                return True
        return False

    @cached_property
    def _first_character(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    def starts_text(self, offset: int) -> bool:
        """True when only whitespace comes before ``offset``: the text's first word."""
        return offset <= self._first_character

    def follows_ellipsis(self, offset: int) -> bool:
        """True when an ellipsis ("..", "…", ". .") comes just before ``offset``: a pause
        inside a sentence, not its end."""
        return self.text[max(0, offset - 12):offset].rstrip().endswith(("..", "\u2026", ". ."))

    def starts_sentence(self, offset: int) -> bool:
        """True when the word at ``offset`` opens a sentence: it follows . ! ? : a line
        break or the start of the text, with only spaces, quotes and brackets between."""
        text, i = self.text, offset - 1
        while i >= 0 and text[i] in " \t\"'“‘([":
            i -= 1
        return i < 0 or text[i] in ".!?:\n"

    def sentences_around(self, lo: int, hi: int) -> Span:
        """The sentences that hold [lo, hi), as one span."""
        touched = [s for s in self.sentences if s.start <= lo < s.end or s.start < hi <= s.end]
        return Span(min([lo] + [s.start for s in touched]), max([hi] + [s.end for s in touched]))

    def sentence_at(self, offset: int) -> Span:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return Span(offset, offset)

    def count(self, word: str) -> int:
        return self.vocabulary.get(word, 0)


def _is_abbreviation(text: str, dot: int) -> bool:
    m = regex.search(r"([\p{L}.]+)$", text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    return word in _ABBREVIATIONS or len(word) == 1


def _trimmed(text: str, start: int, end: int) -> Iterable[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Span(start, end)

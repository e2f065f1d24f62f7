"""Document: the text plus what every stage needs to know about it.

Words, sentences, protected spans and the document's own vocabulary are computed
once here so detectors stay small and never re-tokenise.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Iterable, NamedTuple

import regex

# A word as the document counts it: letters (any script) with inner apostrophes/hyphens, or a
# digit-bearing token.
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
# A word of letters only, inner apostrophes kept ("don't"); hyphens and digits split it: the
# content words and names a model rewrite must keep.
LETTER_WORD_RE = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019][\p{L}\p{M}]+)*")

_HOST_ENDINGS = "com|org|net|edu|gov|uk|ru|de|fr|io|info|biz|eu|us|ca|au"  # example.com, Kasparov.Ru
_SUFFIX_ENDINGS = "com|org|net|edu|gov|uk|ru|de|fr|io|co"  # "the .com suffix" on its own
_FILE_ENDINGS = "txt|pdf|docx?|xlsx?|csv|json|py|jpe?g|png|gif|html?|xml|zip|tar|gz|md|exe"
# (pattern, needs): a pattern with ``needs`` can only match where that regex finds something.
_PROTECTED_PATTERNS = [
    # URLs and bare domains (grumbletext.co.uk, the .com suffix, Kasparov.Ru)
    (r"\b(?:https?|ftp)://\S+[^\s.,;:!?)\]'\"”’]", None),
    (r"\bwww\.\S+[^\s.,;:!?)\]'\"”’]", None),
    (rf"(?<![\p{{L}}\p{{N}}])\.(?:{_SUFFIX_ENDINGS})\b", "domain"),
    (rf"\b[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}\-]*(?:\.[\p{{L}}\p{{N}}\-]+)*\.(?i:{_HOST_ENDINGS})\b", "domain"),
    # e-mail addresses
    (r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b", None),
    # social handles: @name, and Reddit's u/name and r/name, which MT spaces out ("u / Forjoin")
    (r"(?<![\w@])@\w+", None),
    (r"(?<![\p{L}\p{N}])[ur] ?/ ?\w+", None),
    # file names and paths
    (r"(?:~|\.{1,2})?/[\w.\-/]+", None),
    (rf"\b[\w\-]+\.(?i:{_FILE_ENDINGS})\b", "file"),
    # numbers with separators, decimals, percentages, ordinals, times; not a lone 1 before a
    # lowercase word, which OCR prints for the pronoun I (``as 1 was told``: the OCR detector
    # reads it only where the context asks for I)
    (r"(?<![\p{L}\p{N}])(?!1 \p{Ll})[$£€]?\d(?:[\d,.:]*\d)?(?:%|st|nd|rd|th|s|m|bn|km|kg)?(?![\p{L}\p{N}])", None),
    # inline code
    (r"`[^`\n]+`", None),
]
_PROTECTED = [(regex.compile(p), need) for p, need in _PROTECTED_PATTERNS]
# The domain and file-name patterns cost most of the scan and can only match after one of
# these endings: a text without any is scanned without them.
_PROTECTED_NEEDS = {"domain": regex.compile(rf"\.(?i:{_HOST_ENDINGS}|{_SUFFIX_ENDINGS})\b"),
                    "file": regex.compile(rf"\.(?i:{_FILE_ENDINGS})\b")}


def protected_spans(text: str) -> list[Span]:
    """The spans the patterns above protect, as one alternation of them would find them
    (leftmost first, the earlier pattern on a tie), found pattern by pattern: one
    alternation tries every pattern at every position and costs several times more."""
    found = [r for r, need in _PROTECTED if need is None or _PROTECTED_NEEDS[need].search(text)]
    ahead = [r.search(text) for r in found]  # each pattern's next match
    spans: list[Span] = []
    pos = 0
    while True:
        best = None
        for k, r in enumerate(found):
            m = ahead[k]
            if m is not None and m.start() < pos:
                m = ahead[k] = r.search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return spans
        spans.append(Span(best.start(), best.end()))
        pos = best.end()


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
    # the user says the text is OCR (the ``ocr`` profile): read as raw OCR whatever its words
    ocr: bool = False

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
    def sentence_starts(self) -> frozenset[int]:
        """Where the sentences begin (an abbreviation such as ``Mr.`` ends none)."""
        return frozenset(s.start for s in self.sentences)

    def word_index(self, start: int, end: int) -> int | None:
        """The index in ``words`` of the word that spans exactly [start, end), or None."""
        return self._word_indices.get((start, end))

    @cached_property
    def _word_indices(self) -> dict[tuple[int, int], int]:
        return {(t.start, t.end): i for i, t in enumerate(self.words)}

    @cached_property
    def protected(self) -> tuple[Span, ...]:
        spans = protected_spans(self.text)
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
        """True when [start, end) touches a protected span (for an empty range: lies
        strictly inside one)."""
        starts, reach = self._protected_index
        i = bisect_left(starts, end)  # the spans that begin before ``end``
        return i > 0 and reach[i - 1] > start

    @cached_property
    def _protected_index(self) -> tuple[list[int], list[int]]:
        """The protected spans' starts, and the furthest end among the first k of them."""
        return [s.start for s in self.protected], list(accumulate((s.end for s in self.protected), max))

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

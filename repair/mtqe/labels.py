"""OK/BAD labels for the words of a machine translation, from its human post-edit.

The words of both sides (``repair.document.WORD_RE``: letters and digits, punctuation
left out) are aligned by word-level edit distance (Levenshtein, case-sensitive, as
rapidfuzz computes it). An MT word the post-editor replaced or deleted is BAD; a word
kept is OK. A word the post-editor inserted has no MT word to carry it: it is recorded
as a *gap* before the MT word it precedes (``len(words)`` for the end). Edit distance
has no shifts, so a moved word counts as deleted in one place (BAD) and inserted in
the other (a gap), where TER would count one shift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..document import WORD_RE, Token


def words(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with code-point offsets (punctuation is not a word)."""
    return tuple(Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text))


@dataclass(frozen=True)
class WordLabels:
    words: tuple[Token, ...]
    bad: tuple[bool, ...]  # one per word
    gaps: tuple[int, ...] = ()  # word indices before which the post-edit inserted words

    @property
    def tags(self) -> str:
        """``OK``/``BAD`` per word, space-separated (the WMT word-level format, gaps left out)."""
        return " ".join("BAD" if b else "OK" for b in self.bad)


def word_labels(mt: str, pe: str) -> WordLabels:
    """Label each word of ``mt`` OK or BAD against its post-edit ``pe``."""
    from rapidfuzz.distance import Levenshtein

    src = words(mt)
    dst = [t.text for t in words(pe)]
    bad = [False] * len(src)
    gaps: set[int] = set()
    for op in Levenshtein.editops([t.text for t in src], dst):
        if op.tag in ("replace", "delete"):
            bad[op.src_pos] = True
        else:  # insert: before src_pos
            gaps.add(op.src_pos)
    return WordLabels(src, tuple(bad), tuple(sorted(gaps)))


def bad_spans(text: str, spans: Iterable[tuple[int, int]]) -> tuple[bool, ...]:
    """Which words of ``text`` a set of predicted spans marks BAD: a word is marked when a
    span overlaps it; an empty span (an insertion point) marks the words it touches."""
    toks = words(text)
    spans = sorted(spans)
    out = []
    for t in toks:
        out.append(any(_touches(s, e, t.start, t.end) for s, e in spans))
    return tuple(out)


def _touches(s: int, e: int, start: int, end: int) -> bool:
    if s == e:
        return start <= s <= end
    return s < end and start < e


def f1_bad(gold: Sequence[Sequence[bool]], predicted: Sequence[Sequence[bool]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the BAD class over all words, in percent."""
    tp = fp = fn = 0
    for g, p in zip(gold, predicted):
        if len(g) != len(p):
            raise ValueError(f"{len(g)} gold labels but {len(p)} predicted")
        for a, b in zip(g, p):
            tp += a and b
            fp += b and not a
            fn += a and not b
    prec = 100 * tp / (tp + fp) if tp + fp else 0.0
    rec = 100 * tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1

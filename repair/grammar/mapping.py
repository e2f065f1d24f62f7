"""LanguageTool matches -> :class:`~repair.edits.Edit`, and texts -> request-sized pieces.

Plain functions that need no server, so the mapping is tested against recorded responses
as well as the live server. How sure each edit is comes from :mod:`.confidence`.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..document import Document, is_two_dot_pause
from ..edits import Edit
from ..sources import LANGUAGETOOL
from .confidence import FLAG_KINDS, confidence_of, in_context, is_known_name, is_spelling, kind_of, word_pieces
from .match import LTMatch

SOURCE = LANGUAGETOOL
MAX_CHUNK = 10_000  # code points per request: a few seconds of server time, far below its limit
# Suggestions kept after the first: the right word is usually among LanguageTool's first
# eight ("yong": Yong, long, young, ...; "mach": Mach, each, much, ...).
MAX_ALTERNATIVES = 7

_URL_SCHEMES = frozenset({"http", "https", "ftp", "www"})


def _in_spaced_ellipsis(doc: Document, start: int, end: int) -> bool:
    around = doc.text[max(0, start - 4):end + 4]
    return ". ." in around


def to_edit(doc: Document, m: LTMatch, pieces: Counter | None = None) -> Edit | None:
    """One match as one edit; None when it must be suppressed."""
    if not 0 <= m.start <= m.end <= len(doc.text):
        return None
    original = doc.text[m.start:m.end]
    if doc.is_protected(m.start, m.end):
        return None
    if is_spelling(m) and is_known_name(doc, original, m.start, m.end, pieces):
        return None
    if is_spelling(m) and original.casefold() in _URL_SCHEMES:
        return None  # "https: / / t.me / ...": a link broken up by spaces, not a word to respell
    if m.rule == "UPPERCASE_SENTENCE_START" and doc.follows_ellipsis(m.start):
        return None  # "the idea of filling with Belarusians. . . would actually": a quote trailing on
    if m.rule == "DOUBLE_PUNCTUATION" and is_two_dot_pause(doc.text, m.start):
        return None  # "Ah.. guys": a writer's pause (see the spacing detector)
    if original.strip() == "." and _in_spaced_ellipsis(doc, m.start, m.end):
        return None  # "it could be . . . would be": an ellipsis typeset with spaces, not a stray space
    replacement = m.replacements[0] if m.replacements else original
    kind, confidence = confidence_of(doc, m, kind_of(m), original, replacement, pieces)
    confidence = in_context(doc, m, original, confidence)
    if kind in FLAG_KINDS:  # a flag: the rule's suggestion is offered for review, never applied
        replacement, offered = original, m.replacements[:MAX_ALTERNATIVES]
    else:
        offered = m.replacements[1:MAX_ALTERNATIVES + 1]
    alternatives = tuple(r for r in offered if r != original)
    return Edit(m.start, m.end, original, replacement, kind, (SOURCE,), confidence, m.message, rule=m.rule,
                alternatives=alternatives)


def to_edits(doc: Document, matches: Iterable[LTMatch]) -> list[Edit]:
    """All matches as edits: suppressed ones dropped, one edit per span (the surest)."""
    pieces = word_pieces(doc)
    best: dict[tuple[int, int], Edit] = {}
    for m in matches:
        e = to_edit(doc, m, pieces)
        if e is None:
            continue
        key = (e.start, e.end)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.start, e.end))


def chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """Split ``text`` into (offset, piece) of at most ``limit`` code points, at paragraph,
    then line, then sentence, then word boundaries; the pieces concatenate to ``text``."""
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > limit:
        stop = start + limit
        floor = start + limit // 2
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            i = text.rfind(sep, floor, stop - len(sep) + 1)
            if i >= 0:
                cut = i + len(sep)
                break
        if cut <= start:
            cut = stop
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out

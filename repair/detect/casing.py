"""Casing: a capitalised function word in mid-sentence (``stalls In the face of``).

Only closed-class words, and only between two lowercase words, so titles
("Center for European Policy Analysis", "Please Please Me") and names are safe.
"""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..edits import Edit
from .base import Detector

# Prepositions only: a capitalised conjunction after a lowercase word ("decay And woe")
# is a verse line or a lost sentence boundary, which lowercasing would not fix.
LOWERCASE_WORDS = frozenset(
    "in of on at to for with from by into onto over under about after before between "
    "through during against among".split()
)
# Words that start verse lines; with the prepositions they reveal joined verse.
_LINE_STARTS = LOWERCASE_WORDS | {"and", "but", "or", "nor", "yet", "so", "that", "when", "while", "where"}
# What may end a sentence or clause before a word that is rightly capitalised.
_OPENERS = set(".!?:;\"“‘'(—–-\n")


class Casing(Detector):
    name = "casing"
    kind = "casing"

    def find(self, doc: Document) -> Iterator[Edit]:
        found = list(self._candidates(doc))
        # Two or more is a style: verse whose lines were joined, or a headline run.
        if len(found) == 1 and not found[0].is_flag:
            yield found[0]

    def _candidates(self, doc: Document) -> Iterator[Edit]:
        words, text = doc.words, doc.text
        for i, (prev, tok, nxt) in enumerate(zip(words, words[1:], words[2:])):
            word = tok.text
            if not (word[0].isupper() and word[1:].islower()) or word.lower() not in _LINE_STARTS:
                continue
            between = text[prev.end:tok.start]
            if between.strip() or "\n" in between or any(c in _OPENERS for c in between):
                continue
            if not (prev.text.islower() and nxt.text.islower() and prev.text.isalpha()):
                continue
            if text[tok.end:nxt.start] != " " or _starts_title(words, i + 1):
                continue
            if word.lower() not in LOWERCASE_WORDS:
                yield self.edit(doc, tok.start, tok.end, word, 0.0, "a capitalised conjunction")
                continue  # counted as evidence of verse, never proposed (confidence 0)
            yield self.edit(doc, tok.start, tok.end, word.lower(), 0.8,
                            f"'{word}' is capitalised in mid-sentence")


def _starts_title(words, index: int, reach: int = 3) -> bool:
    """'for On the Waterfront', 'hit Through the Fire': a capitalised word follows soon."""
    return any(w.text[0].isupper() for w in words[index + 1:index + 1 + reach])

"""Document consistency: one word spelled two ways (``manoeuvre``/``maneuver``,
``e-mail``/``email``). Flagged for review; which spelling wins is the editor's call."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Iterator

from ..document import Document
from ..edits import Edit
from ..lexicon import spelling_family, zipf
from .base import Detector


class Consistency(Detector):
    name = "consistency"
    kind = "consistency"

    def find(self, doc: Document) -> Iterator[Edit]:
        # The families of the document's distinct words first: most documents spell every
        # word one way, and then no occurrence needs looking at.
        spellings_of: dict[str, set[str]] = defaultdict(set)
        for word in doc.vocabulary:
            family = compared_family(word)
            if family is not None:
                spellings_of[family].add(word.lower())
        # Both spellings must be real words: not a typo next to its correction.
        mixed = {f for f, spellings in spellings_of.items()
                 if len(spellings) >= 2 and all(zipf(s) >= 2.0 for s in spellings)}
        if not mixed:
            return
        families: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for tok in doc.words:
            family = compared_family(tok.text)
            if family in mixed:
                families[family][tok.text.lower()].append(tok)
        for spellings in families.values():
            others = sorted(spellings)
            for spelling, toks in spellings.items():
                alt = ", ".join(f"'{o}'" for o in others if o != spelling)
                for tok in toks:
                    yield self.edit(doc, tok.start, tok.end, tok.text, 0.7,
                                    f"'{tok.text}' is also spelled {alt} in this document")


@lru_cache(maxsize=1 << 16)
def compared_family(word: str) -> str | None:
    """The spelling family of a word the detector compares, None for a word it leaves
    alone: shorter than four letters, not letters (and hyphens), or not lowercase
    (capitalised forms are names: "Labor Department", "Labour Party"). Cached per word."""
    if len(word) >= 4 and word.replace("-", "").isalpha() and word.islower():
        return spelling_family(word)
    return None

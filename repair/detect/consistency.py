"""Document consistency: one word spelled two ways (``manoeuvre``/``maneuver``,
``e-mail``/``email``). Flagged for review; which spelling wins is the editor's call."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..document import Document
from ..edits import Edit
from ..lexicon import spelling_family, zipf
from .base import Detector


class Consistency(Detector):
    name = "consistency"
    kind = "consistency"

    def find(self, doc: Document) -> Iterator[Edit]:
        families: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for tok in doc.words:
            # Lowercase only: capitalised forms are names ("Labor Department", "Labour Party").
            if len(tok.text) >= 4 and tok.text.replace("-", "").isalpha() and tok.text.islower():
                families[spelling_family(tok.text)][tok.text.lower()].append(tok)
        for spellings in families.values():
            if len(spellings) < 2:
                continue
            # Both spellings must be real words: not a typo next to its correction.
            if not all(zipf(s) >= 2.0 for s in spellings):
                continue
            others = sorted(spellings)
            for spelling, toks in spellings.items():
                alt = ", ".join(f"'{o}'" for o in others if o != spelling)
                for tok in toks:
                    yield self.edit(doc, tok.start, tok.end, tok.text, 0.7,
                                    f"'{tok.text}' is also spelled {alt} in this document")

"""The document's own words as readings of what OCR garbled: ``lKellor`` where the report
names Mellor seven times, ``workhousn`` beside ``workhouse``, ``priiseer`` in a court report
full of ``prisoner``.

A page names its people and places many times and OCR garbles some of the occurrences; a
name is no word of the lexicon, so the channel's candidates never reach it, and the bigram
model cannot tell one name from another. The document can: a string no dictionary knows
(zipf 0) of ``MIN_LENGTH`` letters or more that no reading changed is read as the word of
the document it stands closest to (at most ``MAX_EDITS`` edits, one for a string of five
letters or fewer), where that word is unique at that distance, occurs at least ``MIN_COUNT``
times as printed, the lexicon knows it at all (zipf ``MIN_ZIPF``: names too, not a repeated
misreading), and the channel explains the difference (``ConfusionModel.aligned`` at least
``MIN_CHANNEL``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..document import Document
from ..lexicon import zipf

MIN_LENGTH = 5
MAX_EDITS = 2
MIN_COUNT = 2
MIN_ZIPF = 1.0
MIN_CHANNEL = -8.5  # log10 P(string | word): two edits no table row explains, or more that rows do


@dataclass(frozen=True)
class DocumentWords:
    """The document's words a garbled string may be read as: lowercase -> the form printed
    most, its name form where the document never prints it in lowercase."""

    forms: dict[str, str]
    by_length: dict[int, tuple[str, ...]]

    def form_for(self, target: str, string: str) -> str:
        """``target`` (lowercase) cased for the garbled ``string``: a name as the document
        prints it; a word in the string's case pattern (``TRAIN`` in a headline)."""
        form = self.forms[target]
        if not form.islower() and not form.isupper():
            return form  # a name: Mellor
        if string.isupper():
            return target.upper()
        return target.capitalize() if string[0].isupper() else target

    @classmethod
    def of(cls, doc: Document) -> "DocumentWords":
        counts: Counter = Counter()
        shapes: dict[str, Counter] = {}
        for word, n in doc.vocabulary.items():
            if len(word) >= MIN_LENGTH - 1 and word.isalpha() and (word.islower() or word.istitle() or word.isupper()):
                lw = word.lower()
                counts[lw] += n
                shapes.setdefault(lw, Counter())[word] += n
        forms = {lw: lw if lw in shapes[lw] else _name_form(shapes[lw]) for lw, n in counts.items()
                 if n >= MIN_COUNT and zipf(lw) >= MIN_ZIPF}
        by_length: dict[int, list[str]] = {}
        for lw in forms:
            by_length.setdefault(len(lw), []).append(lw)
        return cls(forms, {n: tuple(ws) for n, ws in by_length.items()})

    def is_name(self, target: str) -> bool:
        """The document never prints ``target`` (lowercase) in lowercase."""
        return not self.forms[target].islower()

    def nearest(self, word: str, inside_sentence: bool) -> str | None:
        """The one document word closest to ``word`` within reach (lowercase), or None (none
        within reach, or two at the same distance). A capitalised string inside a sentence
        stands where names stand: read only as a name. Not a word the string extends at its
        end (``Oatleys``, ``Robinov``: a name's own forms), where OCR adds no letters."""
        lw = word.lower()
        name_only = inside_sentence and word[0].isupper()
        reach = 1 if len(lw) <= MIN_LENGTH else MAX_EDITS
        found: dict[int, list[str]] = {}
        for n in range(len(lw) - reach, len(lw) + reach + 1):
            for w, d, _ in process.extract(lw, self.by_length.get(n, ()), scorer=OSA.distance,
                                           score_cutoff=reach, limit=None):
                if w != lw and not lw.startswith(w) and (self.is_name(w) or not name_only):
                    found.setdefault(int(d), []).append(w)
        if not found:
            return None
        best = found[min(found)]
        return best[0] if len(best) == 1 else None


def _name_form(shapes: Counter) -> str:
    """The capitalised form among a word's printed forms (Mellor, not MELLOR in a headline)."""
    titled = [w for w, _ in shapes.most_common() if w.istitle()]
    return titled[0] if titled else shapes.most_common(1)[0][0]


def readable_string(word: str) -> bool:
    """A string this pass may read: letters, ``MIN_LENGTH`` or more, no dictionary knows it."""
    return len(word) >= MIN_LENGTH and word.isalpha() and zipf(word.lower()) == 0

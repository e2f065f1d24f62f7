"""OCR character confusions: ``rn``/``m``, ``cl``/``d``, ``1``/``l``/``I``, ``0``/``O``,
``vv``/``w``, ``li``/``h``, ligatures and long s.

Only an unknown token is touched, and only when one confusion turns it into a
word that is far more frequent; names the document uses are left alone.
"""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from .base import Detector

# Characters that are always an OCR or typesetting artefact in modern English.
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "ſ": "s"}

# What OCR read -> what was printed.
CONFUSIONS = (
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"),
    ("vv", "w"), ("w", "vv"), ("1", "l"), ("1", "I"), ("l", "I"), ("I", "l"), ("0", "O"),
    ("0", "o"), ("b", "h"), ("c", "e"), ("e", "c"), ("n", "u"), ("u", "n"), ("ii", "n"),
    ("5", "s"), ("f", "t"), ("t", "f"),
)


class OcrConfusions(Detector):
    name = "ocr"
    kind = "ocr-confusion"

    def find(self, doc: Document) -> Iterator[Edit]:
        has_ligatures = any(c in doc.text for c in LIGATURES)
        for tok in doc.words:
            word = tok.text
            if has_ligatures and any(c in LIGATURES for c in word):
                fixed = "".join(LIGATURES.get(c, c) for c in word)
                yield self.edit(doc, tok.start, tok.end, fixed, 0.95,
                                f"'{word}' contains a ligature or long s; modern text spells it '{fixed}'")
                continue
            if len(word) < 3 or zipf(word) >= 2.0 or doc.count(word) > 1 or word in doc.glossary or "-" in word:
                continue
            if sum(c.isupper() for c in word) > 1 or word[-1].isdigit():
                continue  # acronyms and model numbers: IOG, BAI1, Power5
            if word[0].isupper() and not doc.starts_sentence(tok.start):
                continue  # a capitalised word mid-sentence is a name: Jolin, Sfar
            candidate = _best_candidate(word)
            if candidate:
                fixed, gain = candidate
                yield self.edit(doc, tok.start, tok.end, fixed, min(0.9, 0.5 + 0.08 * gain),
                                f"'{word}' looks like an OCR misreading of '{fixed}'")


def _best_candidate(word: str) -> tuple[str, float] | None:
    original = zipf(word)
    if original >= 2.0 or word.isdigit():
        return None
    capitalised = word[0].isupper()
    best: tuple[str, float] | None = None
    for wrong, right in CONFUSIONS:
        start = word.find(wrong)
        while start != -1:
            cand = word[:start] + right + word[start + len(wrong):]
            z = zipf(cand)
            enough = 4.0 if capitalised else 3.5
            if z >= enough and z - original >= 2.5 and (best is None or z > best[1] + original):
                best = (cand, z - original)
            start = word.find(wrong, start + 1)
    return best


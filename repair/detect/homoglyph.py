"""Homoglyphs and mixed scripts: Cyrillic or Greek letters inside Latin words, and
untranslated non-Latin fragments (flagged for review, never changed)."""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ..document import Document
from ..edits import Edit
from .base import Detector

# Cyrillic and Greek letters that look like Latin ones.
LOOKALIKES = dict(zip(
    "АВЕКМНОРСТУХаеорсуxхіјѕԁӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοινρτυχ",
    "ABEKMHOPCTYXaeopcyxxijsdlABEZHIKMNOPTYXaoivptux",
))


def script(ch: str) -> str:
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


class Homoglyphs(Detector):
    name = "homoglyph"
    kind = "homoglyph"

    def find(self, doc: Document) -> Iterator[Edit]:
        words = doc.words
        i = 0
        while i < len(words):
            tok = words[i]
            if tok.text.isascii():
                i += 1
                continue
            scripts = {script(c) for c in tok.text} - {""}
            if "LATIN" in scripts and len(scripts) > 1:
                fixed = "".join(LOOKALIKES.get(c, c) for c in tok.text)
                if all(script(c) in ("LATIN", "") for c in fixed):
                    yield self.edit(doc, tok.start, tok.end, fixed, 0.95,
                                    f"'{tok.text}' mixes Latin with look-alike {_others(scripts)} letters")
                else:
                    yield self.edit(doc, tok.start, tok.end, tok.text, 0.9,
                                    f"'{tok.text}' mixes scripts ({', '.join(sorted(scripts))})")
                i += 1
                continue
            if scripts and "LATIN" not in scripts:
                # A run of non-Latin words: one flag for the whole fragment.
                j = i
                while j + 1 < len(words) and not words[j + 1].text.isascii() and "LATIN" not in {
                    script(c) for c in words[j + 1].text
                } and words[j + 1].start - words[j].end <= 3:
                    j += 1
                start, end = tok.start, words[j].end
                yield self.edit(doc, start, end, doc.text[start:end], 0.8,
                                f"untranslated {_others(scripts)} text; review it")
                i = j + 1
                continue
            i += 1


def _others(scripts: set[str]) -> str:
    return "/".join(sorted(s.title() for s in scripts - {"LATIN"}))

"""A missing comma after a sentence-opening discourse marker (``For example the ...``).

Only markers that always take a comma when they open a sentence: on JFLEG three or four
of the four references add it after every one of them. Short adverbs that published news
often leaves bare ("However the ...", "Overall sales ...", "As a result the ...") are left
to LanguageTool, which already weighs those as house style. Machine translation keeps these
commas (no match on any MLQE-PE dev sentence), so the detector serves writers' English.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from .base import Detector

MARKERS = (
    "for example", "for instance", "in my opinion", "in my view", "from my point of view",
    "in my point of view", "on the other hand", "on the one hand", "in this case", "in that case",
    "first of all", "firstly", "secondly", "thirdly", "lastly", "in other words", "to sum up",
    "to conclude", "in short", "in summary", "as far as I am concerned", "as far as I know",
    "in addition", "moreover", "furthermore",
)
# The marker, then a word that is not a complement of it ("In addition to the costs",
# "In this case that ...", "For example is ..."): longest markers first.
_MARKER_RE = regex.compile(
    r"(?P<marker>" + "|".join(regex.escape(m) for m in sorted(MARKERS, key=len, reverse=True)) + r")"
    r"(?=[ \t]+(?!(?:to|of|that|is|was|are|were)\b)\p{L})",
    regex.IGNORECASE,
)
CONFIDENCE = 0.55


class IntroductoryComma(Detector):
    name = "introductory"
    kind = "punctuation"

    def find(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in _MARKER_RE.finditer(text):
            start = m.start()
            if (start and text[start - 1].isalnum()) or not doc.starts_sentence(start):
                continue
            if doc.follows_ellipsis(start):
                continue  # "aren't doing... for example setting": a pause, not a sentence end
            # The edit spans the marker's last word, as LanguageTool's own comma rules do, so
            # the two agree when both see it.
            end = m.end("marker")
            last = text.rfind(" ", start, end) + 1 or start
            word = text[last:end]
            yield self.edit(doc, last, end, word + ",", CONFIDENCE,
                            f"a comma usually follows \u201c{m.group('marker')}\u201d at the start of a sentence")

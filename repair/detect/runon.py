"""Run-on boundaries: two sentences, or a byline and a title, glued without a full stop
(``in Bratislava The stalled Russian offensive``)."""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..edits import Edit
from .base import Detector

# "It" and "We" are left out: titles end in them too often ("Faking It", "How We Do").
SENTENCE_STARTERS = frozenset(
    "The This These Those He She They His Her Their Our But However".split()
)
# A sentence cannot end on these, so a capitalised word after them is a title or name.
_NO_END = frozenset(
    "a an the of in on at to for with from by and or but as is was are were be been "
    "that which who whose said says called named titled entitled film book song album "
    "novel show series play track single how what when where why who do does did can "
    "will would should could may might must if".split()
)


class RunOn(Detector):
    name = "runon"
    kind = "run-on"

    def find(self, doc: Document) -> Iterator[Edit]:
        words, text = doc.words, doc.text
        for prev, tok, nxt in zip(words, words[1:], words[2:]):
            if tok.text not in SENTENCE_STARTERS or prev.text.lower() in _NO_END:
                continue
            if text[prev.end:tok.start] != " " or text[tok.end:nxt.start] != " ":
                continue
            if not nxt.text.islower() or not prev.text.isalpha():
                continue
            # A capitalised word that ends a clause (a place, a name) then a new sentence.
            if not prev.text[0].isupper() and prev.text not in ("here", "there", "now", "today", "yesterday"):
                continue
            yield self.edit(doc, prev.end, tok.start, ". ", 0.7,
                            f"a sentence seems to end after '{prev.text}' without a full stop")


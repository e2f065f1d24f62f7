"""Document consistency: one word spelled two ways (``manoeuvre``/``maneuver``,
``e-mail``/``email``). Flagged for review; which spelling wins is the editor's call."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Iterator

import regex

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from .base import Detector

# British -> American endings, applied to reduce a word to one key per spelling family.
_VARIANTS = [
    (regex.compile(r"oeuvre(s|d)?$"), r"euver\1"),
    (regex.compile(r"([^aeiou])our(s|ed|ing|ful|ite|ites)?$"), r"\1or\2"),
    (regex.compile(r"(i|y)s(e|es|ed|ing|ation|ations)$"), r"\1z\2"),
    (regex.compile(r"([^aeiou])tre(s)?$"), r"\1ter\2"),
    (regex.compile(r"ogue(s)?$"), r"og\1"),
    (regex.compile(r"^(def|off|pret)ence$"), r"\1ense"),  # not licence/license: noun and verb
    (regex.compile(r"ell(ed|ing|er|ers)$"), r"el\1"),
    (regex.compile(r"ae"), "e"),
    (regex.compile(r"-"), ""),
]


@lru_cache(maxsize=1 << 16)
def family_key(word: str) -> str:
    key = word.lower()
    for pattern, repl in _VARIANTS:
        key = pattern.sub(repl, key)
    return key


class Consistency(Detector):
    name = "consistency"
    kind = "consistency"

    def find(self, doc: Document) -> Iterator[Edit]:
        families: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for tok in doc.words:
            # Lowercase only: capitalised forms are names ("Labor Department", "Labour Party").
            if len(tok.text) >= 4 and tok.text.replace("-", "").isalpha() and tok.text.islower():
                families[family_key(tok.text)][tok.text.lower()].append(tok)
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

"""The speller's suggestions chosen in their sentence by the bigram model.

The speller's suggestions (repair's search, :mod:`.speller`, or a server's own) are ordered
by edit distance and word frequency alone, so ``ther`` becomes ``the`` before ``there``
whatever follows, and ``witness`` before ``with`` in OCR's ``wiht the``. Where the word is lowercase and so are the
suggestions, the one its neighbours make likeliest under the shipped bigram model
(``repair.lm``),

    log10 P(suggestion | word before) + log10 P(word after | suggestion)

moves to the front (a split is scored word by word: ``alot`` -> ``a lot``). Ties keep
the speller's order, and a first suggestion of another shape (``british`` -> ``British``,
``dont`` -> ``don't``) is left where it is. The confidence of the edit is then judged on
the chosen word (:mod:`.confidence`), as it would have been on LanguageTool's.

Measured on LanguageTool's lowercase speller edits the pipeline applies (``python
bench/speller_context.py``, the suites' default dev samples; a suggestion is right when a
reference has it at that place): JFLEG 212 -> 231 right of 324, BLN600 121 -> 129 of 264,
Overproof 59 -> 58 of 115, MLQE-PE 2 -> 2 of 64 (docs/languagetool.md). A table lookup per
suggestion: no model, on with ``--no-model``.

The same table judges repair's own rule for clauses run together (``REPAIR_FUSED_CLAUSES``,
``Russia needs reinforcement is becoming``): a verb after which "that" is likely takes a
clause without it (``He says education is important``), so the match is dropped there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..document import Document
from ..lm import NgramModel, neighbour
from .confidence import is_spelling
from .match import LTMatch

# Suggestions weighed: the speller's first eight (the edit keeps the rest as alternatives).
CONSIDERED = 8
# repair's rule for two clauses run together ("Russia needs reinforcement is becoming"), and
# how likely "that" must be after its verb (log10 P(that | verb)) for the verb to take a
# clause with "that" left out ("He says education is"): says -0.61, fears -0.81, notes -1.32
# against needs -2.29, gives -2.53, wants -2.80 in the shipped model.
FUSED_CLAUSES_RULE = "REPAIR_FUSED_CLAUSES"
CLAUSE_VERB_LOG10 = -1.5


def in_context(doc: Document, matches: Iterable[LTMatch], lm: NgramModel) -> list[LTMatch]:
    """``matches`` judged in their sentence: each lowercase speller match's suggestions
    reordered by context, and the fused-clause rule dropped after a verb that takes a clause."""
    out = [m for m in matches if not _clause_verb(doc, m, lm)]
    judged = [k for k, m in enumerate(out) if _choosable(doc, m)]
    if not judged:
        return out
    words = doc.words
    for k in judged:
        m = out[k]
        i = doc.word_index(m.start, m.end)
        if i is None:
            continue  # not one word of the document's (a span over punctuation)
        prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, i, +1)
        scores = {r: _score(lm, prev, r, nxt) for r in m.replacements[:CONSIDERED] if _lowercase_words(r)}
        best = max(scores, key=scores.__getitem__)  # the first of equals: the speller's first is first
        if scores[best] > scores[m.replacements[0]]:
            out[k] = replace(m, replacements=(best, *(r for r in m.replacements if r != best)))
    return out


def _clause_verb(doc: Document, m: LTMatch, lm: NgramModel) -> bool:
    if m.rule != FUSED_CLAUSES_RULE:
        return False
    verb = doc.text[m.start:m.end].split()[0]
    return lm.logprob(verb, "that") >= CLAUSE_VERB_LOG10


def _choosable(doc: Document, m: LTMatch) -> bool:
    if not (is_spelling(m) and m.replacements and _lowercase_words(m.replacements[0])):
        return False
    word = doc.text[m.start:m.end]
    return word.isalpha() and word.islower()


def _lowercase_words(suggestion: str) -> bool:
    return all(w.isalpha() and w.islower() for w in suggestion.split(" "))


def _score(lm: NgramModel, prev: str, suggestion: str, nxt: str) -> float:
    parts = suggestion.split(" ")
    total = lm.logprob(prev, parts[0]) + lm.logprob(parts[-1], nxt)
    for a, b in zip(parts, parts[1:]):
        total += lm.logprob(a, b)
    return total


__all__ = ["CLAUSE_VERB_LOG10", "CONSIDERED", "FUSED_CLAUSES_RULE", "in_context"]

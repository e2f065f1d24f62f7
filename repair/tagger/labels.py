"""What the function-word tagger predicts, and its training labels.

For every article, ``one`` and preposition of a sentence the tagger says what belongs in
its place (``REPLACE``: the word itself, nothing, or another of them), and before every
word what is missing there (``INSERT``: nothing, an article or a preposition). ``a`` and
``an`` are one class: which of the two follows from the next word's sound (``Slips``'s
``indefinite``).

Labels come from two kinds of sentence:

* clean English damaged here (:func:`damage`): an article or preposition swapped, deleted
  or inserted, ``a`` turned into ``one``, each recorded as the label that undoes it;
* machine translation with its post-edit (:func:`from_post_edit`): the word alignment of
  ``repair.mtqe.labels`` gives the post-editor's changes of these words; other changes
  leave no label.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence

from ..detect.slips import PREPOSITIONS
from ..mtqe.labels import words

KEEP, DELETE, NONE = "=", "-", "-"
SMALL = ("the", "a", *PREPOSITIONS)  # the words the tagger places; "a" stands for a/an
REPLACE = (KEEP, DELETE, *SMALL)  # at an article, "one" or a preposition
INSERT = (NONE, *SMALL)  # before any word
IGNORE = -1
ARTICLES = frozenset({"a", "an", "the"})
TAGGED = ARTICLES | {"one"} | frozenset(PREPOSITIONS)


def small(word: str) -> str:
    """The class name of a function word: ``an`` -> ``a``."""
    w = word.lower()
    return "a" if w == "an" else w


@dataclass(frozen=True)
class Tagged:
    """A sentence and, per word (``labels.words``), the index of its REPLACE class (IGNORE
    where the word is not tagged or the label is unknown) and of its INSERT class."""

    text: str
    replace: tuple[int, ...]
    insert: tuple[int, ...]
    origin: str = ""


def clean_labels(text: str, origin: str = "clean") -> Tagged:
    toks = words(text)
    rep = tuple(REPLACE.index(KEEP) if t.text.lower() in TAGGED else IGNORE for t in toks)
    return Tagged(text, rep, (0,) * len(toks), origin)


def damage(text: str, rng: random.Random, n: int) -> Tagged:
    """``text`` with up to ``n`` function-word slips, labelled with what undoes them.
    Only lowercase words between single spaces are touched (punctuation, names and the
    first word stay)."""
    toks = text.split(" ")
    # per token: REPLACE label (None: keep's default) and INSERT label before it
    rep: list[str | None] = [None] * len(toks)
    ins: list[str] = [NONE] * len(toks)
    def plain(i: int) -> bool:  # a lowercase word, not the first
        return 0 < i < len(toks) and toks[i].isalpha() and toks[i].islower()

    for _ in range(n):
        op = rng.random()
        spots = [i for i in range(len(toks)) if plain(i) and rep[i] is None and ins[i] == NONE]
        if not spots:
            break
        arts = [i for i in spots if toks[i] in ARTICLES]
        preps = [i for i in spots if toks[i] in PREPOSITIONS]
        if op < 0.15 and arts:  # swap an article
            i = rng.choice(arts)
            rep[i] = small(toks[i])
            toks[i] = "the" if toks[i] != "the" else rng.choice(["a", "an"])
        elif op < 0.3 and arts:  # delete an article: it goes missing before the next word
            i = rng.choice(arts)
            if i + 1 < len(toks) and plain(i + 1):
                ins[i + 1] = small(toks[i])
                del toks[i], rep[i], ins[i]
        elif op < 0.38 and [i for i in arts if toks[i] in ("a", "an")]:  # "one" for "a"
            i = rng.choice([i for i in arts if toks[i] in ("a", "an")])
            rep[i] = "a"
            toks[i] = "one"
        elif op < 0.5:  # a superfluous article
            i = rng.choice(spots)
            if toks[i - 1] not in TAGGED and toks[i] not in TAGGED:
                toks.insert(i, rng.choice(["the", "the", "a"]))
                rep.insert(i, DELETE)
                ins.insert(i, NONE)
        elif op < 0.75 and preps:  # swap a preposition
            i = rng.choice(preps)
            rep[i] = toks[i]
            toks[i] = rng.choice([p for p in PREPOSITIONS if p != toks[i]])
        elif op < 0.88 and preps:  # delete a preposition
            i = rng.choice(preps)
            if i + 1 < len(toks) and (plain(i + 1) or toks[i + 1][:1].isalnum()):
                ins[i + 1] = toks[i]
                del toks[i], rep[i], ins[i]
        else:  # a superfluous preposition
            i = rng.choice(spots)
            if toks[i - 1] not in TAGGED and toks[i] not in TAGGED:
                toks.insert(i, rng.choice(PREPOSITIONS))
                rep.insert(i, DELETE)
                ins.insert(i, NONE)
    out = " ".join(toks)
    # token labels -> word labels: a token's first word carries them
    rep_w, ins_w = [], []
    for tok, r, g in zip(toks, rep, ins):
        for k, w in enumerate(words(tok)):
            word = w.text.lower()
            if word in TAGGED:
                rep_w.append(REPLACE.index(r if r is not None and k == 0 else KEEP))
            else:
                rep_w.append(IGNORE)
            ins_w.append(INSERT.index(g) if k == 0 else 0)
    return Tagged(out, tuple(rep_w), tuple(ins_w), "synthetic")


def from_post_edit(mt: str, pe: str, origin: str) -> Tagged:
    """Labels of ``mt``'s function words from its post-edit: replaced by another function
    word, deleted, or one inserted before a word. Words the alignment pairs with a content
    word keep no label (their error is another)."""
    from rapidfuzz.distance import Levenshtein

    src, dst = words(mt), [t.text for t in words(pe)]
    rep = [REPLACE.index(KEEP) if t.text.lower() in TAGGED else IGNORE for t in src]
    ins = [0] * len(src)
    for op in Levenshtein.editops([t.text for t in src], dst):
        here = src[op.src_pos].text.lower() if op.src_pos < len(src) else ""
        there = dst[op.dest_pos].lower() if op.dest_pos < len(dst) else ""
        if op.tag == "replace" and here in TAGGED:
            rep[op.src_pos] = REPLACE.index(small(there)) if small(there) in SMALL else IGNORE
        elif op.tag == "delete" and here in TAGGED:
            rep[op.src_pos] = REPLACE.index(DELETE)
        elif op.tag == "insert" and op.src_pos < len(src) and small(there) in SMALL:
            ins[op.src_pos] = INSERT.index(small(there))
    return Tagged(mt, tuple(rep), tuple(ins), origin)


def changes(tagged: Tagged) -> int:
    keep = REPLACE.index(KEEP)
    return sum(r not in (keep, IGNORE) for r in tagged.replace) + sum(g != 0 for g in tagged.insert)


def apply(t: Tagged, replace: Sequence[int], insert: Sequence[int]) -> str:
    """The sentence with the given classes applied (for tests and inspection)."""
    toks = words(t.text)
    out, last = [], 0
    for i, tok in enumerate(toks):
        out.append(t.text[last:tok.start])
        if insert[i]:
            out.append(INSERT[insert[i]] + " ")
        r = REPLACE[replace[i]] if replace[i] != IGNORE else KEEP
        if r == DELETE:
            last = tok.end + 1 if t.text[tok.end:tok.end + 1] == " " else tok.end
            continue
        out.append(tok.text if r == KEEP else r)
        last = tok.end
    out.append(t.text[last:])
    return "".join(out)

"""Synthetic machine-translation and OCR artefacts, and writers' slips, for clean English sentences.

Pure Python and deterministic: the same ``random.Random`` state and the same
sentence always give the same corruption. Tokens that contain digits are never
touched, and neither is the space on either side of them.

    >>> import random
    >>> corrupt("The members of the council met in Minsk.", random.Random(3))
    ('The members of the council met in Minsk .', ['space_before_punct'])
"""

from __future__ import annotations

import random
import re
from typing import Callable, Optional

__all__ = ["OPS", "corrupt", "corrupt_n", "Corruptor"]

_SPLIT = re.compile(r"(\s+)")
_CORE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
_DIGIT = re.compile(r"\d")
_ALPHA_WORD = re.compile(r"^[A-Za-z]+$")

ARTICLES = ("a", "an", "the")
PREPOSITIONS = ("in", "on", "at", "to", "for", "of", "with", "from", "by", "into", "about")
AUX_PAIRS = {
    "is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has",
    "does": "do", "do": "does", "this": "these", "these": "this", "that": "those",
    "those": "that", "it": "they", "its": "their", "their": "its",
}
PRONOUNS_3SG = ("he", "she", "it", "this", "that", "which", "who")
# OCR confusions: (pattern in a word, replacement). Letters may turn into digits
# (that is what OCR does); existing digits are never rewritten.
OCR_SUBS = (
    ("m", "rn"), ("rn", "m"), ("d", "cl"), ("cl", "d"), ("l", "1"), ("l", "I"),
    ("I", "l"), ("O", "0"), ("o", "0"), ("w", "vv"), ("h", "li"), ("li", "h"),
    ("fi", "\ufb01"), ("fl", "\ufb02"), ("ff", "\ufb00"), ("e", "c"), ("c", "e"),
    ("t", "f"), ("f", "t"), ("i", "l"), ("n", "u"), ("u", "n"), ("S", "5"), ("B", "8"),
    ("a", "o"), ("e", "o"), ("ri", "n"), ("in", "m"), ("vv", "w"),
)
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
              "x": "\u0445", "y": "\u0443", "A": "\u0410", "E": "\u0415", "O": "\u041e",
              "P": "\u0420", "C": "\u0421", "T": "\u0422", "H": "\u041d", "M": "\u041c"}


class _Sent:
    """A sentence as alternating word / whitespace pieces (words at even indices)."""

    def __init__(self, text: str):
        parts = _SPLIT.split(text)
        if parts and parts[0] == "":
            parts = parts[1:]  # never happens for stripped text; kept for safety
        self.parts = parts

    @property
    def nwords(self) -> int:
        return (len(self.parts) + 1) // 2

    def word(self, i: int) -> str:
        return self.parts[2 * i]

    def set_word(self, i: int, w: str) -> None:
        self.parts[2 * i] = w

    def text(self) -> str:
        return "".join(self.parts)


def _has_digit(w: str) -> bool:
    return bool(_DIGIT.search(w))


def _core(w: str) -> tuple[str, str, str]:
    m = _CORE.match(w)
    assert m
    return m.group(1), m.group(2), m.group(3)


def _match_case(src: str, new: str) -> str:
    if src.isupper() and len(src) > 1:
        return new.upper()
    if src[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _candidates(s: _Sent, pred: Callable[[int, str], bool]) -> list[int]:
    return [i for i in range(s.nwords) if not _has_digit(s.word(i)) and pred(i, s.word(i))]


# Each op mutates the sentence in place and returns True when it applied.

def op_glue(s: _Sent, rng: random.Random) -> bool:
    idx = [i for i in range(s.nwords - 1)
           if s.parts[2 * i + 1] == " "
           and re.search(r"[A-Za-z]$", s.word(i)) and re.match(r"^[A-Za-z]", s.word(i + 1))
           and not _has_digit(s.word(i)) and not _has_digit(s.word(i + 1))]
    if not idx:
        return False
    i = rng.choice(idx)
    s.parts[2 * i:2 * i + 3] = [s.word(i) + s.word(i + 1)]
    return True


def op_split(s: _Sent, rng: random.Random) -> bool:
    idx = _candidates(s, lambda i, w: len(_core(w)[1]) >= 5 and _ALPHA_WORD.match(_core(w)[1]) is not None)
    if not idx:
        return False
    i = rng.choice(idx)
    pre, core, post = _core(s.word(i))
    k = rng.randint(2, len(core) - 2)
    s.set_word(i, pre + core[:k] + " " + core[k:] + post)
    return True


def op_hyphenate(s: _Sent, rng: random.Random) -> bool:
    idx = _candidates(s, lambda i, w: len(_core(w)[1]) >= 6 and _ALPHA_WORD.match(_core(w)[1]) is not None)
    if not idx:
        return False
    i = rng.choice(idx)
    pre, core, post = _core(s.word(i))
    k = rng.randint(3, len(core) - 3)
    sep = rng.choice(("- ", "- ", "- ", "-", "\u00ad", "-  "))
    s.set_word(i, pre + core[:k] + sep + core[k:] + post)
    return True


def op_ocr(s: _Sent, rng: random.Random) -> bool:
    opts = []
    for i in _candidates(s, lambda i, w: len(_core(w)[1]) >= 2):
        core = _core(s.word(i))[1]
        for a, b in OCR_SUBS:
            if a in core:
                opts.append((i, a, b))
    if not opts:
        return False
    i, a, b = rng.choice(opts)
    pre, core, post = _core(s.word(i))
    positions = [m.start() for m in re.finditer(re.escape(a), core)]
    p = rng.choice(positions)
    s.set_word(i, pre + core[:p] + b + core[p + len(a):] + post)
    return True


def _word_swap(s: _Sent, rng: random.Random, table: dict[str, list[str]] | Callable, drop_p: float = 0.0) -> bool:
    idx = _candidates(s, lambda i, w: _core(w)[1].lower() in table)
    if not idx:
        return False
    i = rng.choice(idx)
    pre, core, post = _core(s.word(i))
    if drop_p and rng.random() < drop_p and s.nwords > 3 and not pre and not post:
        # drop the word together with the following space
        if 2 * i + 1 < len(s.parts):
            del s.parts[2 * i:2 * i + 2]
            if i == 0 and s.parts:
                s.parts[0] = _match_case(core, s.parts[0]) if core[:1].isupper() else s.parts[0]
            return True
        return False
    new = rng.choice(table[core.lower()])
    s.set_word(i, pre + _match_case(core, new) + post)
    return True


_ART_TABLE = {"a": ["the", "an"], "an": ["a", "the"], "the": ["a", "an", "the the"]}
_PREP_TABLE = {p: [q for q in PREPOSITIONS if q != p][:8] for p in PREPOSITIONS}
_AUX_TABLE = {k: [v] for k, v in AUX_PAIRS.items()}


def op_article(s: _Sent, rng: random.Random) -> bool:
    if rng.random() < 0.25:
        # insert a spurious article before a lowercase word
        idx = _candidates(s, lambda i, w: i > 0 and _ALPHA_WORD.match(w) is not None and w.islower()
                          and _core(s.word(i - 1))[1].lower() not in ARTICLES)
        if idx:
            i = rng.choice(idx)
            s.set_word(i, rng.choice(("the", "a")) + " " + s.word(i))
            return True
    return _word_swap(s, rng, _ART_TABLE, drop_p=0.5)


def op_preposition(s: _Sent, rng: random.Random) -> bool:
    return _word_swap(s, rng, _PREP_TABLE, drop_p=0.15)


def op_agreement(s: _Sent, rng: random.Random) -> bool:
    # drop verb -s after a 3rd-person singular subject
    idx = [i for i in range(s.nwords - 1)
           if s.word(i).lower() in PRONOUNS_3SG and re.match(r"^[a-z]{3,}[^s]s$", s.word(i + 1))
           and not _has_digit(s.word(i + 1))]
    if idx and rng.random() < 0.5:
        i = rng.choice(idx) + 1
        w = s.word(i)
        s.set_word(i, w[:-2] if w.endswith("es") and w[-3] in "sxzh" else w[:-1])
        return True
    return _word_swap(s, rng, _AUX_TABLE)


def op_swap(s: _Sent, rng: random.Random) -> bool:
    idx = [i for i in range(s.nwords - 1)
           if s.parts[2 * i + 1] == " "
           and _ALPHA_WORD.match(s.word(i)) and _ALPHA_WORD.match(s.word(i + 1))
           and s.word(i).lower() != s.word(i + 1).lower() and (i > 0 or s.word(1).islower())]
    if not idx:
        return False
    i = rng.choice(idx)
    a, b = s.word(i), s.word(i + 1)
    if i == 0:
        a, b = a[:1].lower() + a[1:], b[:1].upper() + b[1:]
    s.set_word(i, b)
    s.set_word(i + 1, a)
    return True


def op_casing(s: _Sent, rng: random.Random) -> bool:
    idx = _candidates(s, lambda i, w: i > 0 and _core(w)[1][:1].islower() and _core(w)[1].isalpha())
    if not idx:
        return False
    i = rng.choice(idx)
    pre, core, post = _core(s.word(i))
    new = core.upper() if rng.random() < 0.1 else core[:1].upper() + core[1:]
    s.set_word(i, pre + new + post)
    return True


def op_space_punct(s: _Sent, rng: random.Random) -> bool:
    opts = []
    for i in range(s.nwords):
        w = s.word(i)
        m = re.search(r"[A-Za-z\)\"'\u201d\u2019]([.,;:!?])$", w)
        if m and not _has_digit(w):
            opts.append(("before", i))
        if re.search(r"[a-z],$", w) and i + 1 < s.nwords and not _has_digit(s.word(i + 1)):
            opts.append(("after", i))
    if not opts:
        return False
    how, i = rng.choice(opts)
    w = s.word(i)
    if how == "before":
        s.set_word(i, w[:-1] + " " + w[-1])
    else:
        s.parts[2 * i + 1:2 * i + 2] = [""]
    return True


def op_double(s: _Sent, rng: random.Random) -> bool:
    idx = _candidates(s, lambda i, w: _ALPHA_WORD.match(w) is not None)
    if not idx:
        return False
    i = rng.choice(idx)
    w = s.word(i)
    if i == 0:
        s.set_word(i, w + " " + w.lower() if rng.random() < 0.5 else w + " " + w)
    else:
        s.set_word(i, w + " " + w)
    return True


def op_homoglyph(s: _Sent, rng: random.Random) -> bool:
    idx = _candidates(s, lambda i, w: any(c in HOMOGLYPHS for c in w) and w.isascii())
    if not idx:
        return False
    i = rng.choice(idx)
    w = s.word(i)
    pos = [k for k, c in enumerate(w) if c in HOMOGLYPHS]
    for k in rng.sample(pos, k=1 if rng.random() < 0.7 else min(2, len(pos))):
        w = w[:k] + HOMOGLYPHS[w[k]] + w[k + 1:]
    s.set_word(i, w)
    return True


def op_drop_space_after_period(s: _Sent, rng: random.Random) -> bool:
    """Two sentences glued by the MT/OCR pipeline: 'ended.The next'."""
    idx = [i for i in range(s.nwords - 1) if re.search(r"[a-z][.!?]$", s.word(i))
           and re.match(r"^[A-Z][a-z]", s.word(i + 1)) and s.parts[2 * i + 1] == " "]
    if not idx:
        return False
    i = rng.choice(idx)
    s.parts[2 * i + 1] = ""
    return True


# Letters next to each other on a QWERTY keyboard: a slip hits a neighbour.
_QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {c: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
               for row in _QWERTY_ROWS for i, c in enumerate(row)}
# Vowels writers confuse by ear ("seperate", "definate", "independant").
_VOWEL_SWAPS = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}


def op_typo(s: _Sent, rng: random.Random) -> bool:
    """One slip of the pen or keyboard inside a word: a letter lost, doubled, undoubled,
    swapped with its neighbour, struck next to it, or a vowel written by ear."""
    # Lowercase words only: a name's spelling is its owner's, and the model must not learn
    # to "correct" names it does not know.
    idx = _candidates(s, lambda i, w: len(_core(w)[1]) >= 4 and re.fullmatch(r"[a-z]+", _core(w)[1]) is not None)
    if not idx:
        return False
    i = rng.choice(idx)
    pre, core, post = _core(s.word(i))
    k = rng.randint(1, len(core) - 1)  # the first letter stays: writers rarely miss it
    kind = rng.choice(("drop", "double", "undouble", "transpose", "neighbour", "vowel"))
    if kind == "undouble":
        doubles = [j for j in range(1, len(core) - 1) if core[j] == core[j + 1]]
        if not doubles:
            kind = "drop"
        else:
            k = rng.choice(doubles)
    if kind == "drop" or kind == "undouble":
        new = core[:k] + core[k + 1:]
    elif kind == "double":
        new = core[:k] + core[k] + core[k:]
    elif kind == "transpose" and k < len(core) - 1 and core[k] != core[k + 1]:
        new = core[:k] + core[k + 1] + core[k] + core[k + 2:]
    elif kind == "vowel" and any(c in _VOWEL_SWAPS for c in core[1:]):
        k = rng.choice([j for j in range(1, len(core)) if core[j] in _VOWEL_SWAPS])
        new = core[:k] + _VOWEL_SWAPS[core[k]] + core[k + 1:]
    else:
        new = core[:k] + rng.choice(_NEIGHBOURS[core[k]]) + core[k + 1:]
    if new == core:
        return False
    s.set_word(i, pre + new + post)
    return True


def op_comma(s: _Sent, rng: random.Random) -> bool:
    """A comma left out: after an opening phrase, before a conjunction, around an aside."""
    idx = [i for i in range(s.nwords - 1) if re.search(r"[A-Za-z],$", s.word(i)) and not _has_digit(s.word(i))]
    if not idx:
        return False
    i = rng.choice(idx)
    s.set_word(i, s.word(i)[:-1])
    return True


_PLURAL_DETERMINERS = frozenset("these those many several some all both few various two three".split())
_SINGULAR_DETERMINERS = frozenset("a an one each every this another".split())


def op_number(s: _Sent, rng: random.Random) -> bool:
    """A noun in the wrong number after its determiner: "many country", "a cars"."""
    opts = []
    for i in range(1, s.nwords):
        prev, (pre, w, post) = s.word(i - 1).lower(), _core(s.word(i))
        if pre or not re.fullmatch(r"[a-z]{3,}", w):
            continue
        if prev in _PLURAL_DETERMINERS and w.endswith("s") and not w.endswith("ss"):
            opts.append((i, (w[:-3] + "y" if w.endswith("ies") else w[:-1]) + post))
        elif prev in _SINGULAR_DETERMINERS and not w.endswith("s"):
            opts.append((i, (w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s") + post))
    if not opts:
        return False
    i, new = rng.choice(opts)
    s.set_word(i, new)
    return True


_MODALS = frozenset("to can could will would should must may might did does do not".split())
# Words that follow a modal or "to" but are no bare verb to put in a tense.
_NOT_VERBS = frozenset("not the his her their our you this that be have".split())


def op_verb_form(s: _Sent, rng: random.Random) -> bool:
    """A bare verb given a tense it cannot take: "did not developed", "can goes"."""
    idx = [i for i in range(1, s.nwords)
           if s.word(i - 1).lower() in _MODALS and re.fullmatch(r"[a-z]{3,}", s.word(i))
           and not s.word(i).endswith(("s", "ed", "ing", "ly")) and s.word(i) not in _NOT_VERBS]
    if not idx:
        return False
    i = rng.choice(idx)
    w = s.word(i)
    s.set_word(i, (w + "d" if w.endswith("e") else w + "ed") if rng.random() < 0.5 else
               (w + "es" if w.endswith(("sh", "ch", "x", "o")) else w + "s"))
    return True


# name -> (op, weight)
OPS: dict[str, tuple[Callable[[_Sent, random.Random], bool], float]] = {
    "glue": (op_glue, 1.2),
    "split": (op_split, 0.8),
    "hyphenate": (op_hyphenate, 0.8),
    "ocr": (op_ocr, 1.5),
    "article": (op_article, 1.3),
    "preposition": (op_preposition, 1.1),
    "agreement": (op_agreement, 1.1),
    "swap": (op_swap, 0.7),
    "casing": (op_casing, 0.7),
    "space_before_punct": (op_space_punct, 0.6),
    "double": (op_double, 0.6),
    "homoglyph": (op_homoglyph, 0.5),
    "glued_sentence": (op_drop_space_after_period, 0.2),
    # Slips that writers (and learners) make, which MT output shares less often.
    "typo": (op_typo, 1.3),
    "comma": (op_comma, 0.5),
    "number": (op_number, 0.6),
    "verb_form": (op_verb_form, 0.5),
}


def corrupt_n(text: str, rng: random.Random, n: int, ops: Optional[dict] = None) -> tuple[str, list[str]]:
    """Apply ``n`` corruptions chosen by weight; returns (text, names applied)."""
    ops = ops or OPS
    names = list(ops)
    weights = [ops[k][1] for k in names]
    s = _Sent(text)
    applied: list[str] = []
    tries = 0
    while len(applied) < n and tries < 4 * n + 4:
        tries += 1
        name = rng.choices(names, weights)[0]
        if ops[name][0](s, rng):
            applied.append(name)
    return s.text(), applied


def corrupt(text: str, rng: random.Random, ops: Optional[dict] = None) -> tuple[str, list[str]]:
    """Usually one or two corruptions (1: 60%, 2: 30%, 3: 10%). The result differs
    from ``text`` unless nothing applies (e.g. a sentence made of numbers)."""
    r = rng.random()
    n = 1 if r < 0.6 else 2 if r < 0.9 else 3
    for _ in range(3):
        out, applied = corrupt_n(text, rng, n, ops)
        if out != text:
            return out, applied
    return text, []


class Corruptor:
    """Seeded convenience wrapper: ``Corruptor(7)(text) -> (corrupted, ops)``."""

    def __init__(self, seed: int = 0, ops: Optional[dict] = None):
        self.rng = random.Random(seed)
        self.ops = ops

    def __call__(self, text: str) -> tuple[str, list[str]]:
        return corrupt(text, self.rng, self.ops)

"""English word frequencies (wordfreq), read once and looked up as a plain dict, and
the folding that puts British and American spellings of one word in one family.

wordfreq was chosen over symspellpy and wordsegment because it is multi-source
(news, books, web, subtitles), covers 320k English forms with names, and is
well kept; we use its frequency table directly so a lookup costs one dict access.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable

import regex


def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")  # read once, by zipf_table


@lru_cache(maxsize=1)
def zipf_table() -> dict[str, float]:
    """Every word wordfreq knows (lowercase, straight apostrophes) -> its zipf frequency:
    for hot loops that look up many lowercase strings, most of them unknown."""
    return {w: round(math.log10(f) + 9, 2) for w, f in _frequencies().items() if f}


@lru_cache(maxsize=4)
def known_prefixes(min_zipf: float) -> frozenset[str]:
    """Every beginning (the empty one and whole words included) of the words with at
    least this zipf frequency: lets candidate generators stop building a string as soon
    as it can no longer become a known word."""
    return frozenset(w[:i] for w, z in zipf_table().items() if z >= min_zipf for i in range(len(w) + 1))


@lru_cache(maxsize=4)
def common_words_by_length(min_zipf: float) -> dict[int, tuple[str, ...]]:
    """The words of letters only with at least this zipf frequency, by length: what a
    search for words a few edits from a string compares it with (rapidfuzz over a few
    lengths, not the whole lexicon)."""
    by_length: dict[int, list[str]] = {}
    for w, z in zipf_table().items():
        if z >= min_zipf and w.isalpha():
            by_length.setdefault(len(w), []).append(w)
    return {n: tuple(ws) for n, ws in by_length.items()}


@lru_cache(maxsize=4)
def known_suffixes(min_zipf: float) -> frozenset[str]:
    """Every ending (the empty one and whole words included) of the words with at least
    this zipf frequency: a candidate generator skips an edit whose string would end in a
    way no such word ends."""
    return frozenset(w[i:] for w, z in zipf_table().items() if z >= min_zipf for i in range(len(w) + 1))


@lru_cache(maxsize=1 << 18)
def zipf(word: str) -> float:
    """Zipf frequency (0 = unknown, 3 = once per million words, 7 = 'the')."""
    return zipf_table().get(word.lower().replace("’", "'"), 0.0)


def is_word(word: str, threshold: float = 1.0) -> bool:
    return zipf(word) >= threshold


# A text whose lowercase words the lexicon does not know this often reads as raw OCR: about
# none in edited prose (3 in 1,000 news paragraphs reach it), one in twenty or more in a
# page of OCR (a quarter to a third of the OCR suites' lines, each line alone).
GARBLED_SHARE = 0.05


def garbled(words: Iterable[str]) -> bool:
    """Whether at least ``GARBLED_SHARE`` of the lowercase words are unknown (Zipf below 1)."""
    lower = [w for w in words if w.isalpha() and w.islower()]
    return bool(lower) and sum(1 for w in lower if zipf(w) < 1.0) >= GARBLED_SHARE * len(lower)


# Closed-class words: determiners, prepositions, pronouns, auxiliaries, conjunctions.
FUNCTION_WORDS = frozenset("""
a an the and or but if so as of in on at to for from by with into onto about over under
after before between through during without within upon than then that this these those
is are was were be been being am has have had do does did will would shall should can could
may might must it its it's they them their he him his she her we us our you your i me my
who whom whose which what there here not no also very just only such some any each
""".split())


# British -> American endings, applied in order. Narrow on purpose: two different words
# must never fold together ("filled"/"filed", "does"/"des", "licence"/"license" are
# noun and verb in British English).
_VARIANT_FOLDS = tuple((regex.compile(a), b) for a, b in (
    (r"oeuvre(s|d)?$", r"euver\1"),
    (r"(?<=..)(?<![aeo])our(s|ed|ing|ful|ite|ites|able)?$", r"or\1"),  # not "four", "your"
    (r"(i|y)s(e|es|ed|ing|er|ers|ation|ations)$", r"\1z\2"),
    (r"([^aeiou])tre(s)?$", r"\1ter\2"),
    (r"ogue(s)?$", r"og\1"),
    (r"^(def|off|pret)ence(s)?$", r"\1ense\2"),
    (r"([ae])ll(ed|ing|er|ers)$", r"\1l\2"),
    (r"gement(s)?$", r"gment\1"),
    (r"^(f?)oe", r"\1e"),
    (r"ae", "e"),
    (r"-", ""),
))


@lru_cache(maxsize=1 << 16)
def spelling_family(word: str) -> str:
    """One key for every spelling of a word: "colour"/"color", "civilisation"/
    "civilization", "judgement"/"judgment", "e-mail"/"email"."""
    key = word.lower()
    for pattern, repl in _VARIANT_FOLDS:
        if pattern.search(key):  # most folds do not apply, and a search costs less than a sub
            key = pattern.sub(repl, key)
    return key


def is_spelling_variant(original: str, replacement: str) -> bool:
    """True when the words differ only by British/American spelling, word for word."""
    a, b = original.split(), replacement.split()
    return (original.lower() != replacement.lower() and len(a) == len(b)
            and all(spelling_family(x) == spelling_family(y) for x, y in zip(a, b)))

"""How far a misspelling is from the word meant, counted in the slips writers make.

Plain edit distance counts every letter alike, so ``imidiatly`` is three edits from
``immediately`` and as far from it as from ``initially``. Writers' slips are not alike: a
letter doubled or not (``cigarrets``), one vowel for another (``definately``), a vowel left
out or added, two letters swapped. Those cost less here, so a word spelt as it sounds stays
near the word meant and far from the words that only share its letters:

    imidiatly -> immediately  1.7  (an m doubled, i for e, an e left out)
    imidiatly -> initially    3.0

The speller's search (:mod:`.speller`) keeps the words within :data:`MAX_COST` of a long
misspelling when nothing is within two plain edits. Weights per letter are what rapidfuzz's
uniform operation weights cannot express, hence the small table below.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiouy")
VOWEL_FOR_VOWEL = 0.5  # "definately"
DOUBLED = 0.5  # a letter doubled or undoubled: "proffesor", "tomorow"
VOWEL_IN_OR_OUT = 0.7  # "imediatly", "govenment" costs 1.0: a consonant
SWAPPED = 0.7  # two neighbours swapped: "recieve"
OTHER = 1.0
# A respelling this close is a slip, not another word: three such slips, or two and a half.
MAX_COST = 2.0
MIN_LENGTH = 7  # letters: a shorter word three edits from a common one is anything


@lru_cache(maxsize=1 << 14)
def typo_cost(typed: str, meant: str) -> float:
    """The cheapest set of slips that turns ``meant`` into ``typed`` (both lowercase)."""
    n, m = len(typed), len(meant)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + _in_or_out(typed, i - 1)
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + _in_or_out(meant, j - 1)
    for i in range(1, n + 1):
        a = typed[i - 1]
        for j in range(1, m + 1):
            b = meant[j - 1]
            swap = OTHER if a != b else 0.0
            if a != b and a in VOWELS and b in VOWELS:
                swap = VOWEL_FOR_VOWEL
            best = min(d[i - 1][j - 1] + swap,
                       d[i - 1][j] + _in_or_out(typed, i - 1),
                       d[i][j - 1] + _in_or_out(meant, j - 1))
            if i > 1 and j > 1 and a == meant[j - 2] and typed[i - 2] == b and a != b:
                best = min(best, d[i - 2][j - 2] + SWAPPED)
            d[i][j] = best
    return d[n][m]


def _in_or_out(word: str, k: int) -> float:
    """The cost of the letter ``word[k]`` added or left out."""
    c = word[k]
    if (k > 0 and word[k - 1] == c) or (k + 1 < len(word) and word[k + 1] == c):
        return DOUBLED
    return VOWEL_IN_OR_OUT if c in VOWELS else OTHER

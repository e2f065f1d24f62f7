"""English word frequencies (wordfreq), read once and looked up as a plain dict.

wordfreq was chosen over symspellpy and wordsegment because it is multi-source
(news, books, web, subtitles), covers 320k English forms with names, and is
well kept; we use its frequency table directly so a lookup costs one dict access.
"""

from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")


@lru_cache(maxsize=1 << 18)
def zipf(word: str) -> float:
    """Zipf frequency (0 = unknown, 3 = once per million words, 7 = 'the')."""
    f = _frequencies().get(word.lower().replace("’", "'"))
    return round(math.log10(f) + 9, 2) if f else 0.0


def is_word(word: str, threshold: float = 1.0) -> bool:
    return zipf(word) >= threshold

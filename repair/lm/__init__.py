"""A small word bigram model of English, shipped as a table: how likely is a word after
another? Used to score candidate words in their sentence (OCR misreadings, MT slips).

    from repair.lm import NgramModel, tokens
    lm = NgramModel.load()                       # the shipped table (repair/lm/data)
    lm.logprob("the", "modern")                  # log10 P(modern | the)
    lm.score(tokens("the modern world"))         # log10 P of the words, <s> ... </s>

Stable API: ``NgramModel.load(path=None)``, ``.logprob(prev, word)``, ``.between(prev, word,
nxt)``, ``.chain(prev, words, nxt)``, ``.bigram(prev, word)``, ``.score(words, bos=True,
eos=True)``, ``.unigram(word)``, ``.known(word)``, ``tokens(text)`` and ``neighbour(doc,
words, i, step)`` (a word's context in its sentence, as every scorer reads it). Words are
compared lowercased with straight apostrophes (``normalize``); ``prev`` may be ``BOS`` (or
``None``: no context, the unigram probability), the next word ``CUT`` (the text or its line
stops mid-sentence: nothing known of the words beyond).

The unigram probabilities are wordfreq's (already a dependency); the table holds only
bigrams that say more than the unigrams do, each with an interpolated log10
probability, and per first word the weight left for unseen followers. It is built by
``python -m repair.lm.build`` from clean text (sources and licences in docs/ocr.md) and
loads in well under a second; nothing is fetched at run time.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import regex

from ..document import Document, Token
from ..errors import DataError
from ..lexicon import zipf

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_TABLE = DATA_DIR / "bigrams.tsv.gz"
FORMAT = "repair-bigrams/1"

BOS = "<s>"
EOS = "</s>"
# The next word where the text or its line stops with no stop (a line of a column, a
# heading): the sentence may go on, so no end of sentence is scored there.
CUT = "<cut>"
# log10 probability of a word wordfreq does not know (zipf 0 is once per 10^9 words).
OOV_LOG10 = -9.5

_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")


def normalize(word: str) -> str:
    """The form the table keys on: lowercase, straight apostrophe."""
    return word.lower().replace("’", "'")


def tokens(text: str) -> list[str]:
    """The words of ``text``, normalised, punctuation dropped (the build reads text so)."""
    return [normalize(m.group()) for m in _TOKEN_RE.finditer(text)]


class NgramModel:
    """Bigram log10 probabilities with backoff to wordfreq's unigram frequencies."""

    def __init__(self, rows: list[str], meta: dict[str, str] | None = None):
        # "key\tvalue" rows: "w1 w2" -> -1000 log10 P(w2 | w1), "w1" -> -1000 log10 of the
        # weight left for the unigram distribution after w1. Read into a dict once (a few
        # tenths of a second, in the batch parent before it forks): the OCR detector asks
        # about a candidate in its context hundreds of thousands of times per corpus, mostly
        # pairs asked once, where a cache in front of a bisection only added misses.
        self._table: dict[str, float] = {}
        for row in reversed(rows):  # reversed: the first of two rows with one key wins, as before
            key, _, value = row.partition("\t")
            self._table[key] = int(value) / -1000.0
        self.meta = dict(meta or {})

    @classmethod
    def load(cls, path: str | Path | None = None) -> "NgramModel":
        """Read a table written by :func:`repair.lm.build.write_table` (default: the shipped one).
        The shipped table is read once per process and shared."""
        if path is None:
            return _shipped()
        return _read(Path(path))

    def __len__(self) -> int:
        return len(self._table)

    def bigram(self, prev: str, word: str) -> float | None:
        """log10 P(word | prev) as the table holds it (``prev`` and ``word`` normalised), None
        when the table has no row for the pair and ``logprob`` backs off."""
        return self._table.get(f"{prev} {word}")

    @staticmethod
    def unigram(word: str) -> float:
        """log10 P(word) from wordfreq; ``OOV_LOG10`` for a word it does not know."""
        z = zipf(word)
        return z - 9.0 if z > 0 else OOV_LOG10

    @staticmethod
    def known(word: str, min_zipf: float = 1.0) -> bool:
        return zipf(word) >= min_zipf

    def logprob(self, prev: str | None, word: str) -> float:
        """log10 P(word | prev). ``prev`` None: no context (the unigram probability)."""
        w = normalize(word)  # BOS and EOS are their own normal forms
        if prev is None:
            return self.unigram(w) if w != EOS else 0.0
        return self._logprob(normalize(prev), w)

    def between(self, prev: str, word: str, nxt: str) -> float:
        """``logprob(prev, word) + logprob(word, nxt)``: a word scored in its place, as the
        OCR detector scores every word and candidate; the word is normalised once."""
        w = normalize(word)
        return self._logprob(normalize(prev), w) + self._logprob(w, normalize(nxt))

    def chain(self, prev: str, words: Sequence[str], nxt: str) -> float:
        """Several words scored in their place, each after the last (a word OCR read as one:
        ``that he`` for ``thathe``); ``between`` for one word."""
        seq = [normalize(prev), *map(normalize, words), normalize(nxt)]
        return sum(self._logprob(a, b) for a, b in zip(seq, seq[1:]))

    def _logprob(self, p: str, w: str) -> float:
        """``logprob`` of normalised words."""
        if w == CUT:
            return 0.0  # the sentence goes on past the text: nothing to score
        hit = self.bigram(p, w)
        if hit is not None:
            return hit
        backoff = self._table.get(p, 0.0)  # the weight left after ``p`` (its one-word row)
        if w == EOS:
            return backoff - 1.3  # about one word in twenty ends a sentence
        return backoff + self.unigram(w)

    def score(self, words: Sequence[str], bos: bool = True, eos: bool = True) -> float:
        """log10 probability of the words in order (with sentence start and end if asked)."""
        seq: list[str] = ([BOS] if bos else []) + list(words) + ([EOS] if eos else [])
        total = 0.0 if bos else self.logprob(None, seq[0]) if seq else 0.0
        for prev, word in zip(seq, seq[1:]):
            total += self.logprob(prev, word)
        return total


def _read(path: Path) -> NgramModel:
    if not path.is_file():
        raise DataError(f"n-gram table {str(path)!r} not found: build it with `python -m repair.lm.build`")
    try:
        with gzip.open(path, "rb") as f:
            lines = f.read().decode("utf-8").split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read n-gram table {str(path)!r}: {exc}") from None
    header = lines[0].split("\t")
    if header[0] != FORMAT:
        raise DataError(f"{str(path)!r} is not an n-gram table ({FORMAT} expected)")
    meta = dict(kv.split("=", 1) for kv in header[1:] if "=" in kv)
    rows = lines[1:]
    if rows and not rows[-1]:
        rows.pop()
    return NgramModel(rows, meta)


@lru_cache(maxsize=1)
def _shipped() -> NgramModel:
    return _read(DEFAULT_TABLE)


def sentence_words(text: str) -> Iterable[list[str]]:
    """Normalised words of each line of ``text`` (one sentence per line, as the build reads)."""
    for line in text.splitlines():
        words = tokens(line)
        if words:
            yield words


# A word's context stops at these (and at a gap of more than three characters).
_SENTENCE_BREAK = frozenset(".!?;:()[]\"“”\n")
_SENTENCE_END = frozenset(".!?;:\"“”)")


def neighbour(doc: Document, words: tuple[Token, ...], i: int, step: int) -> str:
    """The word before (step -1) or after (+1) in the same sentence, else <s> or </s>. A
    single line break with no stop before it is a wrapped line where the next line goes on
    in lowercase: its words are neighbours. Otherwise, after a word where the text or its
    line stops with no stop (a line of a column, a heading), CUT: the sentence may go on, so
    its end is not scored. (The first word of a line keeps <s>: measured on Overproof's
    column lines, no context there read fewer of the misread words that open a line.)"""
    j = i + step
    if not 0 <= j < len(words):
        if step < 0 or any(c in _SENTENCE_END for c in doc.text[words[i].end:]):
            return BOS if step < 0 else EOS
        return CUT
    a, b = (words[j], words[i]) if step < 0 else (words[i], words[j])
    gap = doc.text[a.end:b.start]
    breaks = [c for c in gap if c in _SENTENCE_BREAK]
    if breaks == ["\n"]:  # one line break, no stop
        if b.text[:1].islower():
            return normalize(words[j].text)  # a wrapped line: the sentence goes on
        if step > 0:
            return CUT
    if breaks or len(gap) > 3:
        return BOS if step < 0 else EOS
    return normalize(words[j].text)


__all__ = ["BOS", "CUT", "EOS", "NgramModel", "OOV_LOG10", "neighbour", "normalize", "sentence_words", "tokens"]

"""The measures the field uses: GLEU (JFLEG), TER and chrF (MT), CER and WER (OCR).

Every corpus score here is checked against a figure published or measured for the
unchanged input (see ``tests/unit/test_eval_metrics.py`` and ``docs/evaluation.md``):

* GLEU follows Napoles et al. (2015, updated 2016) as the JFLEG repository's
  ``eval/gleu.py`` defines it: per sentence, n-gram matches with the reference minus
  matches with source n-grams the reference dropped; corpus statistics summed with one
  reference drawn at random per sentence; the score is the mean over 500 such draws.
  The draws use the same seeds and the same arithmetic as that script, so the figures
  agree with it exactly (JFLEG dev source: 38.21).
* TER and chrF are sacrebleu's with its defaults (TER ignores case).
* CER and WER are Levenshtein distances over characters and whitespace-separated
  words, summed over the corpus and divided by the reference length (jiwer's
  definition; jiwer's engine, rapidfuzz, does the counting). Whitespace runs are
  collapsed first; blank references count (every hypothesis character is an insertion).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

GLEU_ORDER = 4
GLEU_ITERATIONS = 500


# --------------------------------------------------------------------------- GLEU

def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) + 1 - n))


def gleu_sentence_stats(source: Sequence[str], hypothesis: Sequence[str],
                        reference: Sequence[str], order: int = GLEU_ORDER) -> list[int]:
    """``[hyp_len, ref_len, num_1, den_1, ..., num_n, den_n]`` for one token sequence."""
    hlen = len(hypothesis)
    stats = [hlen, len(reference)]
    for n in range(1, order + 1):
        h = _ngrams(hypothesis, n)
        r = _ngrams(reference, n)
        s = _ngrams(source, n)
        # Source n-grams the reference does not keep (dropped by type, not by count).
        s_dropped = Counter({k: v for k, v in s.items() if k not in r})
        matches = sum((h & r).values()) - sum((h & s_dropped).values())
        stats += [max(matches, 0), max(hlen + 1 - n, 0)]
    return stats


def _gleu_from_stats(stats: np.ndarray, smooth: bool = False) -> np.ndarray:
    """GLEU for each row of ``stats`` (shape ``(..., 2 + 2 * order)``)."""
    stats = np.asarray(stats, dtype=np.float64)
    if smooth:
        stats = np.where(stats == 0, 1.0, stats)
    c, r = stats[..., 0], stats[..., 1]
    nums, dens = stats[..., 2::2], stats[..., 3::2]
    zero = (stats == 0).any(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_prec = np.log(nums / dens).sum(axis=-1) / nums.shape[-1]
        bp = np.minimum(0.0, 1.0 - r / c)
        out = np.exp(bp + log_prec)
    return np.where(zero, 0.0, out)


def gleu_reference_draws(n_sentences: int, n_refs: int,
                         iterations: int = GLEU_ITERATIONS) -> np.ndarray:
    """Reference index per (iteration, sentence), drawn as the JFLEG script draws them.

    That script seeds Python's Mersenne Twister with ``101 * j`` for iteration ``j`` and
    takes ``int(random() * n_refs)`` (Python 2's ``randint`` for small ranges), so these
    indices, and the score, are identical to the published scorer's.
    """
    rng = random.Random()
    draws = np.empty((iterations, n_sentences), dtype=np.intp)
    for j in range(iterations):
        rng.seed(j * 101)
        draws[j] = [int(rng.random() * n_refs) for _ in range(n_sentences)]
    return draws


@dataclass(frozen=True)
class GleuScore:
    score: float  # mean corpus GLEU over the draws, in percent
    std: float
    sentence: tuple[float, ...]  # per sentence: mean smoothed GLEU over its references, in percent

    def __float__(self) -> float:
        return self.score


def gleu(sources: Sequence[str], hypotheses: Sequence[str],
         references: Sequence[Sequence[str]], iterations: int = GLEU_ITERATIONS) -> GleuScore:
    """Corpus GLEU in percent. Texts are split on whitespace (JFLEG is pre-tokenized).

    ``references[i]`` holds every reference for sentence ``i``; all sentences need the
    same number of references.
    """
    if not (len(sources) == len(hypotheses) == len(references)):
        raise ValueError(f"{len(sources)} sources, {len(hypotheses)} hypotheses and "
                         f"{len(references)} reference sets must be equally many")
    if not sources:
        raise ValueError("GLEU needs at least one sentence")
    n_refs = {len(r) for r in references}
    if len(n_refs) != 1:
        raise ValueError(f"every sentence needs the same number of references, got {sorted(n_refs)}")
    (k,) = n_refs
    per_ref = np.array([[gleu_sentence_stats(s.split(), h.split(), r.split()) for r in refs]
                        for s, h, refs in zip(sources, hypotheses, references)])  # (N, k, 10)
    draws = gleu_reference_draws(len(sources), k, iterations)  # (J, N)
    chosen = per_ref[np.arange(len(sources))[None, :], draws]  # (J, N, 10)
    corpus = _gleu_from_stats(chosen.sum(axis=1))  # (J,)
    sentence = _gleu_from_stats(per_ref, smooth=True).mean(axis=1)
    return GleuScore(float(corpus.mean()) * 100, float(corpus.std()) * 100,
                     tuple(float(x) * 100 for x in sentence))


# --------------------------------------------------------------------------- TER, chrF

@dataclass(frozen=True)
class MTScore:
    ter: float
    chrf: float


def ter(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    from sacrebleu.metrics import TER

    return float(TER().corpus_score(list(hypotheses), [list(references)]).score)


def chrf(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    from sacrebleu.metrics import CHRF

    return float(CHRF().corpus_score(list(hypotheses), [list(references)]).score)


def sentence_ter(hypothesis: str, reference: str) -> float:
    from sacrebleu.metrics import TER

    return float(TER().sentence_score(hypothesis, [reference]).score)


def sacrebleu_version() -> str:
    import sacrebleu

    return sacrebleu.__version__


# --------------------------------------------------------------------------- CER, WER

def normalize_space(text: str) -> str:
    return " ".join(text.split())


def char_errors(reference: str, hypothesis: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(normalize_space(reference), normalize_space(hypothesis))


def word_errors(reference: str, hypothesis: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(reference.split(), hypothesis.split())


@dataclass(frozen=True)
class ErrorCounts:
    """Edit counts for one corpus; rates in percent."""

    char_errors: int
    chars: int
    word_errors: int
    words: int

    @property
    def cer(self) -> float:
        return 100 * self.char_errors / self.chars if self.chars else math.nan

    @property
    def wer(self) -> float:
        return 100 * self.word_errors / self.words if self.words else math.nan


def error_counts(references: Sequence[str], hypotheses: Sequence[str]) -> ErrorCounts:
    if len(references) != len(hypotheses):
        raise ValueError(f"{len(references)} references but {len(hypotheses)} hypotheses")
    return ErrorCounts(
        sum(char_errors(r, h) for r, h in zip(references, hypotheses)),
        sum(len(normalize_space(r)) for r in references),
        sum(word_errors(r, h) for r, h in zip(references, hypotheses)),
        sum(len(r.split()) for r in references),
    )


def cer(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    return error_counts(references, hypotheses).cer


def wer(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    return error_counts(references, hypotheses).wer


# --------------------------------------------------------------------------- words

def roc_auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a positive scores above a negative), ties counted half (Mann-Whitney U by ranks)."""
    if not len(positive) or not len(negative):
        return float("nan")
    _, where, counts = np.unique(np.concatenate([np.asarray(positive, float), np.asarray(negative, float)]),
                                 return_inverse=True, return_counts=True)
    last = np.cumsum(counts)
    ranks = ((last - counts + 1 + last) / 2)[where]  # tied values share their mean rank
    n = len(positive)
    return float((ranks[:n].sum() - n * (n + 1) / 2) / (n * len(negative)))


def count_words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- flagged spans

def _touches(a: int, b: int, s: int, e: int) -> bool:
    """Span [a, b) touches [s, e); an empty span (an insertion point) touches at its edges."""
    if a == b:
        return s <= a <= e
    return a < e and s < b


@dataclass(frozen=True)
class SpanScores:
    """Flags against spans marked by raters (MQM): recall per class, precision, false alarms."""

    recall: dict[str, float]  # class ("Fluency", "Accuracy/Major", "all", ...) -> % of marked spans touched
    marked: dict[str, int]  # class -> marked spans
    flags: int
    precision: float  # % of flags touching a marked span
    random_precision: float  # the same number of flags per segment on random words
    unmarked_flags_per_kw: float  # flags per 1,000 words on segments nobody marked
    unmarked_words: int


def span_classes(category: str, severity: str) -> tuple[str, ...]:
    """The classes a marked span counts in: its top category, with its severity, and all."""
    top = category.split("/")[0]
    return (top, f"{top}/{severity}", "all")


def span_scores(marked: Sequence[Sequence[tuple[int, int, str, str]]], flags: Sequence[Sequence[tuple[int, int]]],
                word_spans: Sequence[Sequence[tuple[int, int]]], seed: int = 13) -> SpanScores:
    """``marked[i]``: (start, end, category, severity) of item i; ``flags[i]``: its flags;
    ``word_spans[i]``: its words (where random flags may land)."""
    if not len(marked) == len(flags) == len(word_spans):
        raise ValueError("marked spans, flags and words must be given for the same items")
    hit: Counter = Counter()
    total: Counter = Counter()
    n_flags = touching = random_touching = 0
    unmarked_flags = unmarked_words = 0
    rng = random.Random(seed)
    for spans, fl, ws in zip(marked, flags, word_spans):
        for s, e, cat, sev in spans:
            touched = any(_touches(a, b, s, e) for a, b in fl)
            for c in span_classes(cat, sev):
                total[c] += 1
                hit[c] += touched
        n_flags += len(fl)
        touching += sum(any(_touches(a, b, s, e) for s, e, _, _ in spans) for a, b in fl)
        if fl and ws:
            for a, b in (rng.choice(ws) for _ in fl):
                random_touching += any(_touches(a, b, s, e) for s, e, _, _ in spans)
        if not spans:
            unmarked_flags += len(fl)
            unmarked_words += len(ws)
    return SpanScores(
        {c: 100 * hit[c] / total[c] for c in total}, dict(total), n_flags,
        100 * touching / n_flags if n_flags else math.nan,
        100 * random_touching / n_flags if n_flags else math.nan,
        1000 * unmarked_flags / unmarked_words if unmarked_words else math.nan, unmarked_words)

"""The scorers on small cases worked out by hand, and their agreement with jiwer."""

import math

import pytest

from repair.eval import metrics
from repair.eval.metrics import (cer, chrf, error_counts, gleu, gleu_reference_draws, gleu_sentence_stats,
                                 sentence_ter, ter, wer)


# --------------------------------------------------------------------------- GLEU

def test_gleu_sentence_stats_by_hand():
    src = "the cat sat on the mat".split()
    ref = "the cat sat on a mat".split()
    # n=1: 5 matches with the reference, no dropped source unigram      -> 5/6
    # n=2: 3 matches, minus 2 source bigrams the reference dropped       -> 1/5
    # n=3: 2 matches, minus 2 dropped ("sat on the", "on the mat")       -> 0/4
    # n=4: 1 match, minus 2 dropped, floored at 0                         -> 0/3
    assert gleu_sentence_stats(src, src, ref) == [6, 6, 5, 6, 1, 5, 0, 4, 0, 3]


def test_gleu_rewards_the_reference_and_punishes_keeping_what_it_dropped():
    src = ["the cat sat on the mat today ."]
    refs = [["the cat sat on a mat today ."]]
    assert gleu(src, refs[0], refs).score == pytest.approx(100.0)
    assert gleu(src, src, refs).score == 0.0  # a zero n-gram count zeroes the corpus score


@pytest.mark.parametrize("hyp, expected", [
    (["the cat sat on a mat today", "he goes to school every day"], 100.0),
    # Sentence 1 matches its reference (7/7, 6/6, 5/5, 4/4); sentence 2 keeps the source
    # (4/6, 1/5, 0/4, 0/3). Summed: 11/13, 7/11, 5/9, 4/7; equal lengths, so no penalty:
    # exp(mean(log p_n)) = 0.6430.
    (["the cat sat on a mat today", "he go to school every day"], 64.30),
])
def test_gleu_corpus_by_hand(hyp, expected):
    src = ["the cat sat on the mat today", "he go to school every day"]
    refs = [["the cat sat on a mat today", "the cat sat on a mat today"],
            ["he goes to school every day", "he goes to school every day"]]
    assert round(gleu(src, hyp, refs).score, 2) == expected


def test_gleu_draws_follow_the_published_scorer():
    # random.seed(101 * j); int(random() * 4): the JFLEG script's choice of reference.
    assert gleu_reference_draws(5, 4, 3).tolist() == [[3, 3, 1, 1, 2], [2, 0, 3, 3, 1], [3, 2, 1, 0, 2]]


def test_gleu_is_deterministic_and_checks_its_input():
    src = ["a b c d e", "f g h i j"]
    refs = [["a b c d e", "a b x d e"], ["f g h i j", "f g h i k"]]
    assert gleu(src, src, refs).score == gleu(src, src, refs).score
    with pytest.raises(ValueError):
        gleu(src, src[:1], refs)
    with pytest.raises(ValueError):
        gleu(src, src, [refs[0], refs[1][:1]])


# --------------------------------------------------------------------------- TER, chrF

def test_ter_counts_edits_per_reference_word_and_ignores_case():
    assert ter(["the cat sat on mat"], ["the cat sat on the mat"]) == pytest.approx(100 / 6)
    assert ter(["The Cat sat"], ["the cat sat"]) == 0.0
    assert sentence_ter("a b c", "a b c d") == pytest.approx(25.0)


def test_chrf_pinned():
    assert chrf(["the cat sat on the mat"], ["the cat sat on the mat"]) == pytest.approx(100.0)
    assert round(chrf(["the cat sat on mat"], ["the cat sat on the mat"]), 2) == 66.93


# --------------------------------------------------------------------------- CER, WER

@pytest.mark.parametrize("ref, hyp, c, w", [
    ("abcd", "abed", 25.0, 100.0),
    ("a b c d", "a x c d", 100 / 7, 25.0),
    ("a  b", "a b", 0.0, 0.0),  # whitespace runs collapse
    ("one two", "onetwo", 100 / 7, 100.0),
])
def test_cer_wer_by_hand(ref, hyp, c, w):
    assert cer([ref], [hyp]) == pytest.approx(c)
    assert wer([ref], [hyp]) == pytest.approx(w)


def test_blank_references_count_insertions():
    counts = error_counts(["", "ab"], ["x", "ab"])
    assert (counts.char_errors, counts.chars, counts.word_errors, counts.words) == (1, 2, 1, 1)
    assert math.isnan(error_counts([""], [""]).cer)


def test_cer_wer_agree_with_jiwer():
    # jiwer keeps inner whitespace runs for CER; we collapse them, so none here.
    jiwer = pytest.importorskip("jiwer")
    refs = ["The quick brown fox", "jumps over", "", "the lazy dog."]
    hyps = ["Tho quick brownfox", "jumps ovr ", "noise", "the lazy dog ."]
    assert cer(refs, hyps) == pytest.approx(100 * jiwer.cer(refs, hyps))
    assert wer(refs, hyps) == pytest.approx(100 * jiwer.wer(refs, hyps))


def test_count_words():
    assert metrics.count_words(" a  b\nc ") == 3


def test_roc_auc_counts_pairs_won_and_ties_as_half():
    roc_auc = metrics.roc_auc
    assert roc_auc([1, 2, 3], [0, 0.5]) == 1.0
    assert roc_auc([0, 1], [0.5, 2]) == 0.25  # one pair of four won
    assert roc_auc([1, 1], [1]) == 0.5
    assert roc_auc([2, 1], [1, 0]) == (3 + 0.5) / 4
    assert math.isnan(roc_auc([], [1]))

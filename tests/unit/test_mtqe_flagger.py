"""How the flagger turns word probabilities into flags (the probabilities faked here; the
real model and head are exercised in tests/integration/test_mt_flagger.py)."""

from repair.document import Document
from repair.edits import check_offsets
from repair.mtqe.flagger import MTFlagger, reason
from repair.mtqe.head import flagged_runs
from repair.mtqe.labels import words


class FixedScores(MTFlagger):
    """Every word whose text is in ``suspect`` gets P=0.9, the rest 0.1."""

    def __init__(self, suspect):
        super().__init__(threshold=0.6)
        self.suspect = set(suspect)

    def scores(self, sentences):
        return [[0.9 if t.text in self.suspect else 0.1 for t in words(s)] for s in sentences]


def test_runs_of_suspect_words_become_flags_with_reasons():
    text = "They launched one brutal crackdown to protests. Russia needs reinforcement is becoming clear."
    doc = Document(text)
    edits = FixedScores({"one", "to", "needs", "reinforcement"}).propose(doc)
    check_offsets(text, edits)
    assert [e.original for e in edits] == ["one", "to", "needs reinforcement"]
    assert all(e.is_flag and e.source == "mtqe:mt-flagger" and e.kind == "mt-suspect" for e in edits)
    assert all(0.5 <= e.confidence <= 0.95 for e in edits)
    assert "article" in edits[0].message and "preposition" in edits[1].message
    assert "literal translation" in edits[2].message


def test_numbers_and_urls_are_never_flagged_and_cut_a_run():
    text = "The army sent 16,000 volunteers to www.example.com last week."
    doc = Document(text)
    edits = FixedScores({"sent", "16", "000", "volunteers", "www", "example", "com"}).propose(doc)
    assert [e.original for e in edits] == ["sent", "volunteers"]


def test_short_sentences_are_not_judged():
    assert FixedScores({"Bratislava"}).propose(Document("In Bratislava.")) == []


def test_flagged_runs():
    toks = words("a b c d e")
    assert flagged_runs(toks, [0.9, 0.9, 0.1, 0.7, 0.7], 0.5) == [(0, 2), (3, 5)]
    assert flagged_runs(toks, [0.1] * 5, 0.5) == []


def test_reasons_name_the_word_class():
    assert "article" in reason(["the"])
    assert "preposition" in reason(["on"])
    assert "verb" in reason(["was"])
    assert "phrase" in reason(["Mustache", "wearing"])


def test_bigram_features_see_a_wrong_preposition_and_article():
    from repair.mtqe.features import LM_FEATURES, lm_features

    def feats(text):
        return {t.text: row for t, row in zip(words(text), lm_features(text, words(text)))}

    wrong = feats("He launched one brutal crackdown to protests.")
    right = feats("He launched a brutal crackdown on protests.")
    assert wrong["to"].shape == (LM_FEATURES,)
    assert right["on"][0] > wrong["to"][0]  # log P(on | crackdown) > log P(to | crackdown)
    assert right["a"][1] > wrong["one"][1]  # log P(brutal | a) > log P(brutal | one)


def test_several_sentences_go_through_the_head_in_one_pass():
    import numpy as np
    import torch

    from repair.mtqe.head import Head, HeadConfig
    from repair.mtqe.net import build_mlp

    torch.manual_seed(0)
    head = Head(HeadConfig((2,), 3, 4, 0.5, (0.0,) * 3, (1.0,) * 3), build_mlp(3, 4))
    feats = [np.random.default_rng(k).normal(size=(n, 3)).astype(np.float32) for k, n in enumerate((4, 1, 6))]
    together = head.probabilities_each(feats)
    assert [len(p) for p in together] == [4, 1, 6]
    assert all(np.allclose(a, head.probabilities(f), atol=1e-6) for a, f in zip(together, feats))
    assert head.probabilities_each([]) == []

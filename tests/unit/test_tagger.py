"""The function-word tagger's labels, candidates and edits (its scores faked here; the
trained tagger runs in tests/integration/test_tagger_model.py)."""

import random

import numpy as np
import pytest

from repair.document import Document
from repair.edits import apply_edits, check_offsets
from repair.mtqe.labels import words
from repair.tagger import labels as L
from repair.tagger.model import Scores, TaggerConfig
from repair.tagger.proposer import FunctionWords, candidates

SENTENCES = [
    "The government launched a brutal crackdown on protests in the capital after the election.",
    "She gave her approval last week for an increase in the number of volunteers from abroad.",
    "In a letter to the board, he asked for a delay of two months.",
]


@pytest.mark.parametrize("seed", range(40))
def test_damage_is_undone_by_its_labels(seed):
    rng = random.Random(seed)
    text = SENTENCES[seed % len(SENTENCES)]
    t = L.damage(text, rng, 2)
    assert len(t.replace) == len(t.insert) == len(words(t.text))
    assert L.apply(t, t.replace, t.insert).replace(" an ", " a ") == text.replace(" an ", " a ")
    if t.text == text:
        assert L.changes(t) == 0


def test_post_edit_labels_only_function_word_changes():
    t = L.from_post_edit("He launched one brutal crackdown to protests in a capital city.",
                         "He launched a brutal crackdown on protests in the capital.", "ru-en")
    toks = [w.text for w in words(t.text)]
    changed = {toks[i]: L.REPLACE[r] for i, r in enumerate(t.replace) if r not in (L.IGNORE, 0)}
    assert changed == {"one": "a", "to": "on", "a": "the"}
    assert t.replace[toks.index("brutal")] == L.IGNORE  # a content word: no label
    t = L.from_post_edit("He gave approval last week 16,000 volunteers.", "He gave approval last week for 16,000 volunteers.", "ru-en")
    assert L.INSERT[t.insert[[w.text for w in words(t.text)].index("16")]] == "for"


def scores_for(text: str, prefer: dict[str, str], insert_before: dict[str, str] = {}) -> Scores:
    """Scores where each word in ``prefer`` is best replaced by its value (log10 odds 3)."""
    n = len(words(text))
    rep = np.full((n, len(L.REPLACE)), -4.0, dtype=np.float32)
    ins = np.full((n, len(L.INSERT)), -4.0, dtype=np.float32)
    rep[:, 0] = 0.0
    ins[:, 0] = 0.0
    for i, w in enumerate(words(text)):
        if w.text in prefer:
            rep[i, L.REPLACE.index(prefer[w.text])] = 3.0
        if w.text in insert_before:
            ins[i, L.INSERT.index(insert_before[w.text])] = 3.0
    return Scores(rep, ins)


class FakeTagger:
    def __init__(self, prefer, insert_before=None, margins=None):
        self.prefer, self.insert_before = prefer, insert_before or {}
        self.config = TaggerConfig(4, 8, margins or {})

    def scores(self, sentences):
        return [scores_for(s, self.prefer, self.insert_before) for s in sentences]


class Faked(FunctionWords):
    def __init__(self, tagger, margins=None):
        super().__init__("unused", margins=margins)
        self._tagger = tagger


def test_candidates_take_their_odds_from_the_tagger():
    text = "he launched one brutal crackdown to protests"
    s = scores_for(text, {"one": "a", "to": "on"})
    run = text.split()
    cands = candidates(run, [True] * len(run), [(i, s) for i in range(len(run))])
    best = {(c.lo, c.op): c for c in cands if c.odds > 0}
    assert best[(2, "calque")].words == ("a",) and best[(2, "calque")].odds == pytest.approx(3.0)
    assert best[(5, "swap-preposition")].words == ("on",)
    assert not any(c.op == "swap-article" and c.lo == 5 for c in cands)  # a preposition stays one


def test_proposer_fixes_what_the_tagger_prefers_above_the_margins():
    text = "Lukashenko launched one brutal crackdown to protests. He gave his approval last week 16,000 volunteers."
    tagger = FakeTagger({"one": "a", "to": "on"}, {"16": "for"})
    doc = Document(text)
    edits = Faked(tagger, margins={"calque": 2.0, "swap-preposition": 2.0, "insert-preposition": 2.0}).propose(doc)
    check_offsets(text, edits)
    assert all(e.source == "tagger:function-words" and not e.is_flag for e in edits)
    assert apply_edits(text, edits) == ("Lukashenko launched a brutal crackdown on protests. "
                                        "He gave his approval last week for 16,000 volunteers.")
    # above the odds: nothing; operations without a margin: nothing
    assert Faked(tagger, margins={"calque": 3.5, "swap-preposition": 3.5}).propose(doc) == []
    assert Faked(tagger, margins={}).propose(doc) == []


def test_names_quotes_and_protected_words_are_never_edited():
    text = 'They met "in the morning" at Of Montreal, by www.in.example.com today.'
    tagger = FakeTagger({"in": "on", "the": "a", "Of": "on", "at": "in"})
    edits = Faked(tagger, margins={op: 0.5 for op in ("swap-preposition", "swap-article")}).propose(Document(text))
    assert [(e.original, e.replacement) for e in edits] == [("at", "in")]



def test_training_without_prepared_data_is_one_line_and_exit_2(tmp_path, capsys):
    from repair.mtqe import net as flagger_net
    from repair.tagger.train import main

    missing = str(tmp_path / "prepared.npz")
    assert main(["train", "--prepared", missing, "--out", str(tmp_path / "out")]) == 2
    assert flagger_net.train(flagger_net.parser().parse_args(["--prepared", missing, "--out", str(tmp_path)])) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("repair: ") and "prepare` first" in line for line in err)
    assert not (tmp_path / "out").exists()


def test_bad_training_arguments_are_one_line_and_exit_2(tmp_path, capsys):
    from repair.mtqe import net as flagger_net

    prepared = tmp_path / "prepared.npz"
    prepared.write_bytes(b"")
    for bad in (["--read", "2,x"], ["--read", "0"], ["--weights", "mqm"]):
        with pytest.raises(SystemExit) as exit_:
            flagger_net.parser().parse_args(["--prepared", str(prepared), "--out", str(tmp_path / "o"), *bad])
        assert exit_.value.code == 2
    empty = tmp_path / "no-model"
    empty.mkdir()
    args = flagger_net.parser().parse_args(["--prepared", str(prepared), "--out", str(tmp_path / "o"),
                                            "--model", str(empty)])
    assert flagger_net.train(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"repair: cannot read the model in {str(empty)!r}")
    assert not (tmp_path / "o").exists()

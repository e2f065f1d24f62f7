"""OK/BAD word labels from an MT sentence and its post-edit, on hand-made pairs."""

import pytest

from repair.mtqe.labels import bad_spans, f1_bad, word_labels

CASES = [
    # (mt, post-edit, tags, gaps)
    ("He go to school.", "He goes to school.", "OK BAD OK OK", ()),
    ("The cat sat.", "The cat sat.", "OK OK OK", ()),
    ("launched one brutal crackdown to protests", "launched a brutal crackdown on protests",
     "OK BAD OK OK BAD OK", ()),
    ("gave his approval last week 16,000 volunteers", "gave his approval last week for 16,000 volunteers",
     "OK OK OK OK OK OK OK OK", (5,)),  # a word the post-editor added: a gap before "16"
    ("the the house is big", "the house is big", "OK BAD OK OK OK", ()),  # a deleted word: the repeat
    ("Russia needs reinforcement is becoming clear", "That Russia needs reinforcement is becoming clear",
     "OK OK OK OK OK OK", (0,)),
    ("He said it, really.", "He said so.", "OK OK BAD BAD", ()),  # punctuation is not a word
    ("It is in Paris", "it is in Paris", "BAD OK OK OK", ()),  # case counts: the editor changed it
    ("", "Something", "", (0,)),
    ("Only words here", "", "BAD BAD BAD", ()),
]


@pytest.mark.parametrize("mt,pe,tags,gaps", CASES)
def test_hand_made_pairs(mt, pe, tags, gaps):
    lab = word_labels(mt, pe)
    assert lab.tags == tags
    assert lab.gaps == gaps
    assert [mt[t.start:t.end] for t in lab.words] == [t.text for t in lab.words]


def test_a_moved_word_is_bad_where_it_was():
    lab = word_labels("Yesterday I saw him", "I saw him yesterday")
    assert lab.bad[0] and not any(lab.bad[1:])


def test_spans_mark_the_words_they_touch():
    text = "He launched one crackdown."
    one = text.index("one")
    assert bad_spans(text, [(one, one + 3)]) == (False, False, True, False)
    assert bad_spans(text, [(one - 1, one - 1)]) == (False, True, False, False)  # an insertion after "launched"
    assert bad_spans(text, []) == (False,) * 4


def test_f1_of_the_bad_class():
    gold = [(True, False, False), (False, True)]
    assert f1_bad(gold, gold) == (100.0, 100.0, 100.0)
    p, r, f = f1_bad(gold, [(True, True, False), (False, False)])
    assert (p, r) == (50.0, 50.0) and f == 50.0
    assert f1_bad(gold, [(False,) * 3, (False,) * 2]) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        f1_bad(gold, [(True,), (True, True)])

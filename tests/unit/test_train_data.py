import random

import pytest

from repair.errors import DataError
from repair.train.data import Corpus, Mix, block_examples, resolve_data_dir, validation_examples


def _corpus():
    clean = [f"The member number {i} of the council met in Minsk on Monday." for i in range(50)]
    clean += ["Officials have warned that the war is not over.", "She said it would be a problem."]
    real = [("He have gone to the home.", "He has gone home.")] * 5
    return Corpus(real=real, clean=clean, val_real=real[:1], val_clean=clean[:5])


def test_blocks_are_deterministic():
    c = _corpus()
    assert block_examples(c, 1, 3, 40, Mix()) == block_examples(c, 1, 3, 40, Mix())
    assert block_examples(c, 1, 3, 40, Mix()) != block_examples(c, 1, 4, 40, Mix())


def test_mix_has_copies_real_and_synthetic():
    ex = block_examples(_corpus(), 0, 0, 2000, Mix(copy=0.37, real=0.18))
    kinds = [k for _, _, k in ex]
    share = {k: kinds.count(k) / len(kinds) for k in set(kinds)}
    assert 0.30 < share["copy"] < 0.44
    assert 0.12 < share["real"] < 0.24
    for src, tgt, k in ex:
        if k == "copy":
            assert src == tgt
        if k == "synthetic":
            assert src != tgt or not any(ch.isalpha() for ch in tgt)


def test_validation_is_fixed():
    c = _corpus()
    assert validation_examples(c, 20) == validation_examples(c, 20)


def test_missing_data_dir_says_so(tmp_path):
    with pytest.raises(DataError, match="training data not found"):
        resolve_data_dir(tmp_path)

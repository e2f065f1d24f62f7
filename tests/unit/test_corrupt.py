import random
import re

import pytest

from repair.train.corrupt import OPS, Corruptor, corrupt, corrupt_n

SENTS = [
    "Alexander Lukashenko, the authoritarian leader of Belarus, has allowed Russia to use his territory.",
    "But as Russia's invasion stalls in the face of fierce resistance, officials have warned.",
    "US officials have estimated that about 6,000 Russians have died in the conflict so far.",
    "He said it was the only way to keep 45,000 men on the fringes in 2020.",
    "The members of the council met in Minsk.",
]


def test_deterministic_given_seed():
    a = [Corruptor(7)(s) for s in SENTS]
    b = [Corruptor(7)(s) for s in SENTS]
    assert a == b
    assert [Corruptor(8)(s) for s in SENTS] != a


def test_changes_text_and_reports_ops():
    rng = random.Random(0)
    for s in SENTS * 20:
        out, ops = corrupt(s, rng)
        assert out != s
        assert 1 <= len(ops) <= 3
        assert set(ops) <= set(OPS)


def test_never_touches_digits():
    rng = random.Random(1)
    for s in SENTS * 200:
        out, _ = corrupt(s, rng)
        # every number of the source survives intact, with its neighbouring characters class
        for num in re.findall(r"\d[\d,]*", s):
            assert re.search(r"(?<![\d,])" + re.escape(num) + r"(?![\d,])", out), (s, out)


@pytest.mark.parametrize("name", sorted(OPS))
def test_each_op_applies_somewhere(name):
    ops = {name: OPS[name]}
    hits = 0
    for seed in range(30):
        for s in SENTS + ["It ended. The next day he goes home.", "Many countries sent a delegate."]:
            out, applied = corrupt_n(s, random.Random(seed), 1, ops)
            if applied:
                hits += 1
                assert out != s
    assert hits > 0


def test_examples_of_artefacts():
    s = "Lukashenko the leader of the members"
    seen = set()
    for seed in range(300):
        out, ops = corrupt_n(s, random.Random(seed), 1)
        seen.add(out)
    assert "Lukashenkothe leader of the members" in seen
    assert any(re.search(r"\w- \w", o) for o in seen)          # line-break hyphen
    assert any(re.search(r"[\u0430\u0435\u043e\u0440\u0441]", o) for o in seen)  # homoglyph
    assert "Lukashenko the the leader of the members" in seen


def test_short_and_numeric_inputs_do_not_crash():
    rng = random.Random(2)
    for s in ["", "a", "2020", "12 34 56", "...", "OK"]:
        out, ops = corrupt(s, rng)
        # either nothing applied and the text comes back as it was, or what was done is named
        assert (out == s) == (ops == []), (s, out, ops)
    assert corrupt("", rng) == ("", [])


@pytest.mark.parametrize("name, source, expected", [
    ("number", "Many countries sent a delegate.", {"Many country sent a delegate.", "Many countries sent a delegates."}),
    ("verb_form", "They did not develop it.", {"They did not developed it.", "They did not develops it."}),
    ("comma", "In the end, they left.", {"In the end they left."}),
])
def test_writers_slips(name, source, expected):
    seen = {corrupt_n(source, random.Random(seed), 1, {name: OPS[name]})[0] for seed in range(40)}
    assert seen == expected


def test_typos_stay_inside_lowercase_words():
    source = "Lukashenko said the members of parliament had gathered."
    seen = {corrupt_n(source, random.Random(seed), 1, {"typo": OPS["typo"]})[0] for seed in range(200)}
    assert len(seen) > 30
    for out in seen:
        assert out.split()[0] == "Lukashenko"  # names keep their spelling
        changed = [(a, b) for a, b in zip(source.split(), out.split()) if a != b]
        assert len(changed) == 1 and changed[0][0][0] == changed[0][1][0]  # first letter kept

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.model.align import align

CASES = [
    ("Alexander Lukashenkothe authoritarian leader.", "Alexander Lukashenko the authoritarian leader.",
     [("Lukashenkothe", "Lukashenko the")]),
    ("the Allies . And the the end", "the Allies. And the end", [("Allies .", "Allies."), ("the the", "the")]),
    ("as the invasion stalls In the face", "as the invasion stalls in the face", [("In", "in")]),
    ("the inva- sion of", "the invasion of", [("inva- sion", "invasion")]),
    ("He go to school", "He goes to school", [("go", "goes")]),
    ("they went market", "they went to the market", [("went", "went to the")]),
    ("Belarus\u2019 troops", "Belarus\u2019 troops", []),
    ("it is usе\u0434 here", "it is used here", [("usе\u0434", "used")]),
]


def _apply(text, changes):
    for c in sorted(changes, key=lambda c: c.start, reverse=True):
        text = text[:c.start] + c.after + text[c.end:]
    return text


def test_cases():
    for a, b, want in CASES:
        got = align(a, b)
        assert [(c.before, c.after) for c in got] == want, (a, b, got)
        for c in got:
            assert a[c.start:c.end] == c.before
        assert _apply(a, got) == b


def test_merges_adjacent_changed_tokens():
    got = align("he have went to home yesterday", "he has gone home yesterday")
    assert len(got) == 1
    assert (got[0].before, got[0].after) == ("have went to", "has gone")


words = st.sampled_from(["the", "a", "cat", "sat", "on", "mat", ",", ".", "In", "in", "Lukashenko", "the the"])


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=12), st.lists(words, min_size=1, max_size=12))
def test_offsets_always_slice_the_original(a, b):
    x, y = " ".join(a), " ".join(b)
    changes = align(x, y)
    for c in changes:
        assert x[c.start:c.end] == c.before
    # changes never overlap and applying them reproduces the rewrite (modulo outer spaces)
    for c1, c2 in zip(changes, changes[1:]):
        assert c1.end <= c2.start
    assert _apply(x, changes).strip() == y.strip()

"""Invariants that must hold for any text (hypothesis)."""

import os
import shutil
import subprocess
import tempfile

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from repair.edits import check_offsets
from repair.pipeline import Pipeline, PipelineConfig
from repair.render.unified import split_lines, unified_diff

# Fragments that trigger every detector, mixed with plain words, punctuation and odd characters.
FRAGMENTS = [
    "Lukashenkothe", "Lukashenko", "stalls In the face", "the Allies .", "Bratislava The stalled",
    "the the", "commit- tee", "inva-\nsion", "mem bers", "cornmittee", "ﬁne", "\u0441ompany",
    "March.Critics", ",,", "..", "manoeuvre", "maneuver", "(", "\"", "“", "6,000", "e.g.", "U.S.",
    "http://x.org/a", "a@b.com", "Мы не", "😀", "\r\n", "\n\n", "\t", " ", "word", "The", "and", ".",
    "bu*", "Jame«", "flo;ting", "*word*", "badbeen", "tbe", "Mellor", "lKellor", "Stnto", "hee", "againe", "kitchin",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map(" ".join)

_pipeline = Pipeline(PipelineConfig(grammar=False, model=None))
fast = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(texts)
def test_no_accepted_edits_gives_the_input_back(text):
    assert _pipeline.run(text).apply([]) == text


@fast
@given(texts)
def test_offsets_slice_the_original(text):
    result = _pipeline.run(text)
    check_offsets(text, result.edits)
    for e in result.edits:
        assert text[e.start:e.end] == e.original


@fast
@given(texts, st.integers(min_value=1, max_value=6))
def test_diff_in_pieces_equals_diff_whole(text, parts):
    """Chunked input (split at line ends, as the reader does) gives the same patch."""
    fixed = _pipeline.run(text).fixed
    old_lines = split_lines(text)
    assume(len(old_lines) >= parts)
    whole = list(unified_diff([(text, fixed)], "f", "f"))
    step = max(1, len(old_lines) // parts)
    pieces = ["".join(old_lines[i:i + step]) for i in range(0, len(old_lines), step)]
    pairs = [(p, _pipeline.run(p).fixed) for p in pieces]
    assume("".join(new for _, new in pairs) == fixed)  # a document-level edit differs when seen in pieces
    assert list(unified_diff(pairs, "f", "f")) == whole


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
@settings(max_examples=60, deadline=None)
@given(texts)
def test_diff_applies_with_patch_and_git_apply_to_reproduce_fix(text):
    fixed = _pipeline.run(text).fixed
    patch = "".join(unified_diff([(text, fixed)], "f.txt", "f.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "f.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        if patch:
            subprocess.run(["patch", "-s", "-p0", "-d", tmp], input=patch.encode(), check=True,
                           capture_output=True)
        with open(path, encoding="utf-8", newline="") as f:
            assert f.read() == fixed
        if patch and shutil.which("git"):  # and git apply, on the original again
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            subprocess.run(["git", "apply", "-p0", "-"], input=patch.encode(), check=True, cwd=tmp,
                           capture_output=True)
            with open(path, encoding="utf-8", newline="") as f:
                assert f.read() == fixed


def test_two_changed_lines_diff_the_same_whole_or_in_pieces():
    # found by hypothesis: difflib groups a two-line replacement as -,-,+,+ when whole
    text = "Lukashenkothe Lukashenko \r\n stalls In the face \r\n"
    fixed = _pipeline.run(text).fixed
    lines = text.splitlines(keepends=True)
    pairs = [(p, _pipeline.run(p).fixed) for p in lines]
    assert "".join(new for _, new in pairs) == fixed
    assert list(unified_diff(pairs, "f", "f")) == list(unified_diff([(text, fixed)], "f", "f"))


def test_a_joined_line_and_a_changed_line_diff_the_same_whole_or_in_pieces():
    text = "\r\n stalls In the face \r\n inva-\nsion"
    fixed = _pipeline.run(text).fixed
    pieces = ["\r\n stalls In the face \r\n", " inva-\nsion"]
    pairs = [(p, _pipeline.run(p).fixed) for p in pieces]
    assert "".join(new for _, new in pairs) == fixed
    assert list(unified_diff(pairs, "f", "f")) == list(unified_diff([(text, fixed)], "f", "f"))

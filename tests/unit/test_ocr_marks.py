"""Marks OCR printed for letters (repair.detect.ocr_marks), read by the OCR detector with the
shipped confusion table and bigram model."""

from __future__ import annotations

import pytest

from repair.detect.ocr import UNSURE, OcrConfusions
from repair.detect.ocr_marks import candidates, marked_strings
from repair.document import Document


@pytest.fixture(scope="module")
def detector() -> OcrConfusions:
    return OcrConfusions()


def marked(text: str) -> list[str]:
    return [m.text for m in marked_strings(Document(text))]


@pytest.mark.parametrize("text, found", [
    ("The ship «ontracted with them, bu* Jame« said so.", ["«ontracted", "bu*", "Jame«"]),
    ('It was flo;ting in "the river»."', ["flo;ting", "river»"]),  # ordinary punctuation set aside
    ("He said: yes; and (then) left?", []),  # punctuation between words
    ("This is *very* important, and _this_ too.", []),  # emphasis
    ("Office(R) products", []),  # a bracket beside a capital: a mark
    ("w1th and 6d. and A4", []),  # digits: words, numbers and codes
    ("**", []), ("a*|", []),  # more marks than letters
])
def test_which_strings_are_read(text, found):
    assert marked(text) == found


def test_a_protected_span_is_not_read():
    assert marked("See http://example.com/a*b and mail«x@example.com") == []


def test_candidates_keep_the_case_pattern(detector):
    assert "James" in dict(candidates(detector.confusions, "Jame«"))
    assert "THIRTY" in dict(candidates(detector.confusions, "T^HIRTY"))
    assert {"but", "bus", "bud"} <= set(dict(candidates(detector.confusions, "bu*")))


def reads(detector: OcrConfusions, text: str) -> dict[str, tuple[str, float]]:
    return {e.original: (e.replacement, e.confidence) for e in detector.find(Document(text))}


def test_marks_are_read_in_raw_ocr(detector):
    out = reads(detector, "It was flo;ting in tbe rivor, and Jame« saw it.")
    assert out["flo;ting"][0] == "floating" and out["flo;ting"][1] >= 0.5
    assert out["Jame«"][0] == "James"


def test_outside_raw_ocr_a_reading_is_below_the_default_bar(detector):
    assert reads(detector, "The jury found bu* the prisoner was not guilty.") == {"bu*": ("but", UNSURE)}


def test_no_reading_where_the_context_cannot_choose(detector):
    # was, has, gas: the bigram model cannot tell them apart here
    assert "«as" not in reads(detector, "Tbe prisouer «as guiltv.")


def test_the_words_inside_a_marked_string_are_read_alone_only_where_it_reads_as_none(detector):
    text = "It was flo;ting in tbe rivor, bu* Jame« saw it, and tbe* men."
    edits = [(e.original, e.replacement) for e in detector.find(Document(text))]
    assert not {"bu", "Jame"} & {o for o, _ in edits}
    assert edits.count(("tbe", "the")) == 2  # tbe* reads as no word: its word is read alone

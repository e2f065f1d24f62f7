"""Older English (repair.detect.older): which texts read so, which changes only modernise a
spelling, and the OCR detector keeping them below the bar there."""

from __future__ import annotations

import pytest

from repair.detect.ocr import OcrConfusions
from repair.detect.older import keep_period_spellings, period_spelling, reads_as_older_english, respelt_alike
from repair.document import Document
from repair.edits import Edit
from repair.proposers import Bars
from repair.sources import LANGUAGETOOL, detector_source

BARS = Bars(0.5, 0.5)


@pytest.mark.parametrize("word", ["hee", "doe", "againe", "businesse", "endureth", "sorrie", "haue", "vnto",
                                  "shewed"])
def test_spellings_of_the_period(word):
    assert period_spelling(word)


@pytest.mark.parametrize("word", [
    "the", "more", "care", "bee",  # words of today
    "ise", "ite",  # is, it: a consonant before the e, a misreading or a piece
    "thie",  # a misreading of a word far rarer than BASE_ZIPF allows for
    "Poore",  # a capitalised word: a name
    "tbe", "kitchin",  # a misreading; an old spelling that no rule explains
])
def test_words_that_do_not_mark_older_english(word):
    assert not period_spelling(word)


@pytest.mark.parametrize("text, older", [
    ("Rush had done all his businesse in the kitchin, hee came unto his maister.", True),
    ("Fryer Bacon shewed him a glasse, wherein any one might see any thing done.", True),
    ("He could not keepe the bridge, and the men fell.", False),  # one such word is not enough
    ("The Poore family and Mr. Shee met John Doe.", False),  # names
])
def test_which_texts_read_as_older_english(text, older):
    assert reads_as_older_english(Document(text)) is older


def test_two_slips_in_a_long_modern_text_do_not_make_it_older_english():
    modern = " ".join(["The committee met on Tuesday to discuss the budget for next year."] * 60)
    text = f"I want to develope my skills. {modern} I prefere tea."
    assert not reads_as_older_english(Document(text))
    assert reads_as_older_english(Document("I want to develope my skills. I prefere tea."))


@pytest.mark.parametrize("original, replacement, alike", [
    ("kitchin", "kitchen", True), ("maister", "master", True), ("pittyed", "pitied", True),
    ("businesse", "business", True), ("vnto", "unto", True), ("haue", "have", True),
    ("coniure", "conjure", True), ("any one", "anyone", True), ("no body", "nobody", True),
    ("tbe", "the", False),  # a letter's shape: a misreading
    ("arid", "and", False), ("modem", "modern", False),
    ("sub ject", "subject", False),  # a word broken at a line end: the join is a repair
    ("follow ing", "following", False),
    ("asmuch", "as much", False),  # a split: words run together
    ("From", "from", False),  # case alone
    (" ", "", False), ("brethern", "brethren", False),
])
def test_respelt_alike(original, replacement, alike):
    assert respelt_alike(original, replacement) is alike


def edit(text: str, word: str, replacement: str, source: str = LANGUAGETOOL, confidence: float = 0.7) -> Edit:
    start = text.index(word)
    return Edit(start, start + len(word), word, replacement, "spelling", (source,), confidence, "Spelling.",
                rule="MORFOLOGIK_RULE_EN_US")


def test_modernised_spellings_drop_below_the_bar_and_misreadings_stay():
    text = "Rush had done all his businesse in tbe kitchin, hee came unto his maister."
    edits = [edit(text, "businesse", "business"), edit(text, "tbe", "the", detector_source("ocr")),
             edit(text, "kitchin", "kitchen"), edit(text, "maister", "master")]
    out = keep_period_spellings(edits, BARS)
    assert [e.confidence < BARS.floor for e in out] == [True, False, True, True]
    assert all(e.replacement == f.replacement for e, f in zip(out, edits))  # still offered for review
    assert "older English spelling" in out[0].message


def test_the_ocr_detector_keeps_period_spellings_only_in_older_english():
    detector = OcrConfusions()
    older = "Rush had done all his businesse in the kitchin, hee came unto his maister."
    modern = "Rush had done all his work in the kitchin, he came to his master."
    for text, kept in ((older, True), (modern, False)):
        e = edit(text, "kitchin", "kitchen")
        (out,) = [x for x in detector.verify(Document(text), [e], BARS) if x.start == e.start]
        assert (out.confidence < BARS.floor) is kept


def test_a_spelling_two_proposers_modernise_stays_below_the_bar_once_they_agree():
    from repair.rank import rank

    text = "Rush had done all his businesse in the kitchin, hee came unto his maister."
    both = [edit(text, "maister", "master", LANGUAGETOOL, 0.75),
            edit(text, "maister", "master", detector_source("ocr"), 0.8)]
    lowered = keep_period_spellings(both, BARS)
    assert all(e.confidence <= BARS.floor / 2 for e in lowered)
    # merged as agreeing sources, two lowered proposals do not lift each other over the bar
    assert rank(Document(text), lowered, BARS.min_confidence) == []

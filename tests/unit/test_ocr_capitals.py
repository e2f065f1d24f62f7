"""Words printed in capitals, read by the OCR detector (repair.detect.ocr_capitals), with the
shipped confusion table and bigram model."""

from __future__ import annotations

import pytest

from repair.detect.ocr import UNSURE, OcrConfusions
from repair.detect.ocr_capitals import capitals_word, case_slip, garbled_heading
from repair.document import Document

# A heading and the first lines of a report as OCR printed them: raw OCR (many unknown words)
RAW = ("WILFUL MURDER AND TEEATMENT OF A CHILD. Yesterday tbe prisoner, wbo was cbarged "
       "witli tbe assault, was brouglit up at tbe police court and remanded.")


@pytest.fixture(scope="module")
def detector() -> OcrConfusions:
    return OcrConfusions()


def readings(detector: OcrConfusions, text: str) -> dict[str, tuple[str, float]]:
    return {e.original: (e.replacement, e.confidence) for e in detector.find(Document(text))}


@pytest.mark.parametrize("word, expected", [
    ("TEEATMENT", True), ("INTELLiGENCE", True), ("LOuIS", True),
    ("NATO", False),  # too short to tell from an acronym
    ("CDROMs", False),  # a plural's s
    ("McDONALD", False),  # a small second letter: a name's own spelling
    ("Treatment", False), ("ATTACK2", False),
])
def test_which_words_are_in_capitals(word, expected):
    assert capitals_word(word) is expected


def test_a_small_letter_in_a_known_word_of_capitals_is_a_slip():
    assert case_slip("INTELLiGENCE") == "INTELLIGENCE"
    assert case_slip("LOuIS") == "LOUIS"
    assert case_slip("POLICE") is None  # nothing to fix
    assert case_slip("XYLOqZ") is None  # no word the lexicon knows


def test_a_garbled_word_in_capitals_is_read_in_raw_ocr(detector):
    assert readings(detector, RAW)["TEEATMENT"] == ("TREATMENT", pytest.approx(0.95, abs=0.35))
    assert readings(detector, RAW)["TEEATMENT"][1] > UNSURE


def test_outside_raw_ocr_it_is_below_the_bar(detector):
    found = readings(detector, "WILFUL MURDER AND TEEATMENT OF A CHILD. The police said the prisoner was remanded.")
    assert found["TEEATMENT"] == ("TREATMENT", UNSURE)


def test_a_heading_alone_reads_as_raw_ocr_by_its_capitals(detector):
    assert readings(detector, "WILFUL MURDER AND TEEATMENT OF A CHILD.")["TEEATMENT"][1] > UNSURE
    # a heading of words the lexicon knows, one garbled word short of raw OCR
    heading = " ".join(["POLICE INTELLIGENCE AND COURTS."] * 6) + " WILFUL MURDER AND TEEATMENT OF A CHILD."
    assert readings(detector, heading)["TEEATMENT"] == ("TREATMENT", UNSURE)


def test_capitals_the_lexicon_knows_are_left_alone(detector):
    # words and names in capitals; an acronym no candidate reads clearly
    found = readings(detector, RAW.replace("TEEATMENT", "TREATMENT") + " The OFHEO said so. SMYTHE was there.")
    assert {"TREATMENT", "WILFUL", "MURDER", "CHILD", "OFHEO", "SMYTHE"}.isdisjoint(found)


def test_a_glossary_word_in_capitals_is_left_alone(detector):
    doc = Document(RAW, glossary=frozenset({"TEEATMENT"}))
    assert "TEEATMENT" not in {e.original for e in detector.find(doc)}


def test_a_heading_is_judged_by_its_capitals_only_when_the_text_has_no_lowercase_word():
    assert garbled_heading(["WILFUL", "MURDER", "TEEATMENT"])
    assert not garbled_heading(["WILFUL", "MURDER", "TREATMENT"])
    assert not garbled_heading(["WILFUL", "MURDER", "TEEATMENT", "said", "the", "police"])


def test_a_short_word_of_capitals_in_a_heading_is_read_as_the_commonest_words(detector):
    from repair.detect.ocr_capitals import short_capitals_in_heading

    assert short_capitals_in_heading(["NOTICES", "OP", "MOTION"], 1)
    assert not short_capitals_in_heading(["the", "UN", "said"], 1)  # an acronym in running text
    assert not short_capitals_in_heading(["NOTICES", "OPERA"], 1)  # five letters: capitals_word's
    raw = "NOTICES OP MOTION. Yesterday tbe prisoner, wbo was cbarged witli tbe assault, was remanded."
    assert readings(detector, raw)["OP"][0] == "OF" and readings(detector, raw)["OP"][1] >= 0.5
    assert readings(detector, "TRIAL OP CAUSES.")["OP"] == ("OF", UNSURE)  # a clean heading: below the bar
    for heading in ("THE UN AND EU MET TODAY", "BBC TO AXE JOBS", "WAR ON TERROR"):
        assert readings(detector, heading) == {}

"""Garbled strings read as a word the document prints elsewhere (repair.detect.ocr_document),
through the OCR detector with the shipped tables."""

from __future__ import annotations

import pytest

import repair.detect.ocr as ocr
from repair.detect.ocr import OcrConfusions
from repair.detect.ocr_document import DocumentWords
from repair.document import Document

REPORT = ("Tbe prisouer, John Mellor, was cbarged at tbe court with stealiug from tbe workhouse. "
          "Mellor said tbat he had left tbe workhouse at noon, but lKellor was seen there by tbe "
          "constable at four, and tbe master of tbe workhousn said so.")


@pytest.fixture(scope="module")
def detector() -> OcrConfusions:
    return OcrConfusions()


def readings(detector: OcrConfusions, text: str) -> dict[str, str]:
    return {e.original: e.replacement for e in detector.find(Document(text))
            if "printed elsewhere in the document" in e.message}


def test_a_garbled_name_and_word_are_read_as_the_document_prints_them(detector, monkeypatch):
    assert readings(detector, REPORT) == {"lKellor": "Mellor"}
    # the garbled word is read before, as a string no dictionary knows (its reading clear)...
    assert {e.original: e.replacement for e in detector.find(Document(REPORT))}["workhousn"] == "workhouse"
    # ... and as the document prints it where that reading is not
    monkeypatch.setattr(ocr, "NO_WORD_LENGTH", 99)
    assert readings(detector, REPORT) == {"lKellor": "Mellor", "workhousn": "workhouse"}


def test_not_outside_raw_ocr(detector):
    clean = REPORT.replace("tbe", "the").replace("tbat", "that").replace("Tbe prisouer", "The prisoner")
    clean = clean.replace("cbarged", "charged").replace("stealiug", "stealing")
    assert readings(detector, clean) == {}


def test_once_is_not_enough(detector):
    assert "lKellor" not in readings(detector, REPORT.replace("Mellor said", "He said"))


@pytest.mark.parametrize("text, word", [
    # a capitalised string inside a sentence stands for a name, not a common word
    ("Tbe cbanges at Changyu were made, and tbe changes came to tbe firm as changes do.", "Changyu"),
    # a name's own forms: OCR adds no letters at a word's end
    ("Tbe Oatley family met tbe otber Oatley and tbe Oatleys of tbe town.", "Oatleys"),
    # the piece of a word broken at a line end: the join is the broken-word detector's
    ("Tbe allotments were sold, and tbe allotments were let, and tbe al-\nlotments too.", "lotments"),
])
def test_strings_not_read(detector, text, word):
    assert word not in readings(detector, text)


def test_nearest_is_unique_and_within_reach():
    words = DocumentWords.of(Document("cable cable table table stable stable"))
    assert words.nearest("xable", inside_sentence=False) is None  # cable and table tie
    assert words.nearest("stabie", inside_sentence=False) == "stable"
    assert words.nearest("zzzzzz", inside_sentence=False) is None

"""Capitalised strings no dictionary knows, read in raw OCR (repair.detect.ocr, the garbled-name
margin), with the shipped confusion table and bigram model."""

from __future__ import annotations

import pytest

from repair.detect.ocr import OcrConfusions
from repair.document import Document


@pytest.fixture(scope="module")
def detector() -> OcrConfusions:
    return OcrConfusions()


def changes(detector: OcrConfusions, text: str) -> dict[str, str]:
    return {e.original: e.replacement for e in detector.find(Document(text)) if e.confidence >= 0.5}


@pytest.mark.parametrize("text, word, reading", [
    # two edits from the word, beyond a name's single edit at a name's margin
    ("ceived fiom Novcmbei 11, 1885, to lebiuarj 1,", "Novcmbei", "November"),
    ("that this Stnto has supplied nearly tvvlco Its", "Stnto", "State"),
    ("Depai turent of Mme» Tiom Messrs Campbell, Synnott,", "Tiom", "From"),
])
def test_a_garbled_capitalised_word_is_read_in_raw_ocr(detector, text, word, reading):
    assert changes(detector, text)[word] == reading


def test_outside_raw_ocr_it_is_a_name(detector):
    assert changes(detector, "The report received from Novcmbei Smith was late.") == {}


def test_a_name_the_dictionary_knows_keeps_its_margin(detector):
    # Synnott is a rare name wordfreq knows: still a name's margin
    assert "Synnott" not in changes(detector, "Depai turent of Mme» Tiom Messrs Campbell, Synnott,")

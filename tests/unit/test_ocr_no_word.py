"""A string no dictionary knows, in raw OCR, read by how far its best reading stands above
the next (repair.detect.ocr, ``NO_WORD_GAP``), with the shipped confusion table and bigram model."""

from __future__ import annotations

import pytest

import repair.detect.ocr as ocr
from repair.detect.ocr import OcrConfusions
from repair.document import Document
from repair.edits import apply_edits


@pytest.fixture(scope="module")
def detector() -> OcrConfusions:
    return OcrConfusions()


def fix(detector: OcrConfusions, text: str, **doc) -> str:
    return apply_edits(text, [e for e in detector.propose(Document(text, **doc)) if e.confidence >= 0.5])


# BLN600 lines: raw OCR, with misreadings the usual odds read (thle, bf, aud, orderod)
@pytest.mark.parametrize("text, word, reading", [
    ("Witnessawas not aware bf the jevellery having been stolten.", "jevellery", "jewellery"),
    ("be Mr. Mlorley said the prosecattion was taken under 35 1W and 36 Vie,, chap. 76, of thle Mines "
     "Boeglation Act.", "prosecattion", "prosecution"),
    ("There werecertain c exemstions in the Act, but these structures did not s come 'ithin that "
     "category.", "exemstions", "exemptions"),
])
def test_a_garbled_string_is_read_when_its_best_reading_stands_clear(detector, text, word, reading, monkeypatch):
    assert reading in fix(detector, text)
    monkeypatch.setattr(ocr, "NO_WORD_LENGTH", 99)  # without the rule: short of the odds over the string
    assert word in fix(detector, text)


def test_not_where_the_text_shows_no_misreading_read_otherwise(detector):
    # machine translation's names make a sentence look garbled; nothing else is misread there
    mt = "Before Mister Mcmain was developed as a choreographer, mcmain was mainly aired as a commentator."
    assert fix(detector, mt) == mt
    # ... unless the user says the text is OCR (the ocr profile)
    assert "mcmain" not in fix(detector, mt, ocr=True)


def test_not_a_piece_of_a_word_split_at_a_line_end(detector, monkeypatch):
    text = "Money will be wanted tbe meet the re quirements and outlay of tbe committee."
    assert "re quirements" in fix(detector, text)  # the broken-word detector's to join
    monkeypatch.setattr(ocr, "_split_piece", lambda doc, words, i: False)
    assert "re requirements" in fix(detector, text)  # without the guard


def test_not_amid_words_english_does_not_know(detector, monkeypatch):
    # a quotation in Low German inside an English page (ICDAR 2017)
    text = ("The reader wiU observe tbe name in tbe German: De wyle dat hem m el unde erde stadt Broder "
            "russclie heuet hyr ein ende lie was in alle schalckheit behende Ock wyl ic moneken sagen.")
    assert "moneken" in fix(detector, text)
    # where the user says the text is OCR, unknown words around it are garbage, not a language
    assert "moneken" not in fix(detector, text, ocr=True)
    monkeypatch.setattr(ocr, "amid_unknown_words", lambda words, i: False)
    assert "moneken" not in fix(detector, text)  # without the guard


def test_not_an_older_spelling_in_a_text_that_shows_the_period(detector, monkeypatch):
    # ICDAR 2017 monograph segment: 'faUen', 'caUed' are misreadings, 'commaunded' the period's
    text = ("the wife answered and said Sir, Rush your servant commaunded me to fill it in, and he said "
            "that you should pay therefore. Then anon the Priour caUed for Rush, and said unto him Thou "
            "lewd knave, why hast thou drunke so much wine ?")
    assert "commaunded" in fix(detector, text)
    monkeypatch.setattr(ocr, "respelt_alike", lambda word, reading: False)
    assert "commanded" in fix(detector, text)  # without the guard


def test_a_word_broken_at_a_line_end_with_a_piece_misread_is_read_whole(detector):
    text = "Tbe prisoner was cbarged on tbe in- dictuxent witb stealing a watcb from tbe house."
    out = fix(detector, text)
    assert "the indictment with" in out
    # two words the lexicon knows well: a dash between them, not a broken word
    dash = "Tbe prisoner was cbarged, and tbe man bad been sent to- commit no crime in tbe house."
    assert "to- commit" in fix(detector, dash)
    # outside raw OCR a break whose pieces make no word is left alone
    clean = ("The prisoner was charged on the in- dictuxent with stealing a watch from the house of a man "
             "who had known him for many years and had never thought him a thief.")
    assert fix(detector, clean) == clean


def test_not_in_older_english(detector, monkeypatch):
    # an ICDAR 2017 monograph segment, older English (againe, hee): coniurers is the period's
    # spelling of conjurers, not a misreading of consumers
    text = ("Then did follow a great tempest, with thundring and lightning, so that the two coniurers wished "
            "that they had been away againe. But wishes were in vaine, for hee saw the time was come, that the "
            "Devill would be paid for tbe knowledge that he had")
    assert "coniurers" in fix(detector, text, ocr=True)
    monkeypatch.setattr(ocr, "reads_as_older_english", lambda doc: False)
    assert "coniurers" not in fix(detector, text, ocr=True)  # without the guard

"""A speck OCR read as a letter standing alone between two words (the ``stray`` detector)."""

import pytest

from repair.detect.stray import UNSURE, StrayLetters, stray_like
from repair.document import Document
from repair.edits import apply_edits
from repair.lexicon import garbled
from repair.pipeline import Pipeline, PipelineConfig


def removals(text: str) -> list[tuple[str, float]]:
    return [(e.original, e.confidence) for e in StrayLetters().propose(Document(text))]


def test_a_lone_letter_in_raw_ocr_is_removed():
    text = "She was dead, and bad evidently been murdered s some hours previously, wbicli was clear."
    edits = StrayLetters().propose(Document(text))
    assert [e.original for e in edits] == ["s "] and edits[0].confidence >= 0.6
    assert apply_edits(text, edits) == text.replace("murdered s some", "murdered some")


def test_outside_raw_ocr_the_removal_is_below_the_default_bar():
    assert removals("He had been murdered s some hours before.") == [("s ", UNSURE)]
    assert UNSURE < PipelineConfig().min_confidence


@pytest.mark.parametrize("text", [
    "He said he would pay f or it, wbicli he did.",  # a piece of a word broken apart
    "In the 1990 s the rate rose, wbicli was odd.",  # after a number: decades, units
    "I know u will like it, wbicli is nice.",  # a learner's "you"
    "It is a fine day and i think so.",  # a and i are words
    "He said of it that he was here.",  # two letters that spell a common word
    "Plan B and vitamin C are here.",  # capitals: names, grades, vitamins
    "During the show tripple h missed bruck leznor, wbicli was odd.",  # a rare neighbour: no judge
])
def test_letters_that_belong_stay(text):
    assert removals(text) == []


def test_only_lowercase_letters_that_spell_no_common_word_are_candidates():
    assert stray_like("s") and stray_like("g") and stray_like("ry")
    assert not any(stray_like(w) for w in ("a", "i", "u", "of", "he", "S", "1"))


def test_the_ocr_profile_takes_the_unsure_removals():
    text = "He had been murdered s some hours before."
    default = Pipeline(PipelineConfig(model=None, grammar=False))
    ocr = Pipeline(PipelineConfig(model=None, grammar=False, profile="ocr"))
    assert default.run(text).fixed == text
    assert ocr.run(text).fixed == "He had been murdered some hours before."


def test_garbled_text_is_told_from_edited_prose():
    assert garbled("the man wbicli was oharged with it".split())
    assert not garbled("the man who was charged with it Kuchma Xzqv".split())  # names do not count
    assert not garbled([])


def test_accented_letters_are_misread_words_not_specks():
    assert removals("He had seen à few men, wbicli was odd.") == []
    assert not stray_like("à") and not stray_like("tô")

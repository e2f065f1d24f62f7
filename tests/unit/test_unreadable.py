"""Words OCR garbled beyond reading, flagged for review (the ``unreadable`` detector)."""

import pytest

from repair.detect.unreadable import SURE, UNSURE, Unreadable, garbled_reason
from repair.document import Document
from repair.pipeline import Pipeline, PipelineConfig

RAW_OCR = "The priiseer was seen near the pliCe station, and the flo;ting body lay by the s10p wall."


def flagged(text: str) -> list[tuple[str, float]]:
    return [(e.original, e.confidence) for e in Unreadable().propose(Document(text))]


def test_garbage_in_raw_ocr_is_flagged_for_review():
    edits = Unreadable().propose(Document(RAW_OCR))
    assert [e.original for e in edits] == ["priiseer", "pliCe", "flo;ting", "s10p"]
    assert all(e.is_flag and e.confidence == SURE and e.kind == "unreadable" for e in edits)
    assert "check it against the source" in edits[0].message


@pytest.mark.parametrize("word, why", [
    ("flo;ting", "a mark between its letters"), ("diffi-.uit", "a mark between its letters"),
    ("wa9", "digits among its letters"), ("E21en", "digits among its letters"), ("6raye", "digits among its letters"),
    ("pliCe", "a capital after a lowercase letter"), ("pistoL", "a capital after a lowercase letter"),
    ("BmsiiAKB", "a capital after a lowercase letter"),
])
def test_what_reads_as_garbage(word, why):
    assert garbled_reason(word) == why


@pytest.mark.parametrize("word", [
    "U.K.", "H.M.S.", "R&D", "AT&T's", "and/or", "TheDeal.com", "it,-and", "crisis...only",  # marks
    "21st", "6d", "4bn", "10am", "G7", "A321",  # numbers with units, model names
    "iPod", "eBay", "McCall", "DeLorean", "BoE", "PhD", "DaimlerChrysler", "PowerPoint",  # capitals on purpose
])
def test_what_is_written_so_on_purpose(word):
    assert garbled_reason(word) is None


def test_unknown_words_are_flagged_unless_the_text_explains_them():
    assert flagged("He said that the sthine was old, and the wall fell.") == [("sthine", SURE)]
    # a term the document repeats, an older spelling, a word broken at the text's edges
    assert flagged("The happoshu was cheap; happoshu sold well in the shops.") == []
    assert flagged("He did meane it, as the book said, and they agreed.") == []
    assert flagged("siderable quantity of stones, the carting of which was con-") == []


def test_outside_raw_ocr_the_flags_are_below_the_default_bar():
    text = "Analysts at the s10p said the pliCe rose sharply on Monday, and shares fell in early trading."
    assert flagged(text) == [("s10p", UNSURE), ("pliCe", UNSURE)]
    assert UNSURE < PipelineConfig().min_confidence
    default = Pipeline(PipelineConfig(model=None, grammar=False))
    ocr = Pipeline(PipelineConfig(model=None, grammar=False, profile="ocr"))
    assert [e.original for e in default.run(text).edits if e.rule == "unreadable"] == []
    assert [e.original for e in ocr.run(text).edits if e.rule == "unreadable"] == ["s10p", "pliCe"]


def test_flags_change_no_text_and_a_fix_replaces_them():
    text = "The priiseer was seen near tbe station, and the flo;ting body lay by the wall."
    result = Pipeline(PipelineConfig(model=None, grammar=False)).run(text)
    # tbe and flo;ting are read (a misreading, a mark for a letter); priiseer stays, flagged
    assert "the station" in result.fixed and "priiseer" in result.fixed and "floating" in result.fixed
    flags = {e.original for e in result.edits if e.is_flag}
    assert "priiseer" in flags and not {"tbe", "flo;ting"} & flags


def test_protected_spans_are_left_alone():
    assert flagged("See www.exa;mple.com and wbicli sthine the page of garbage.") == [("wbicli", SURE), ("sthine", SURE)]


def test_a_paragraph_in_another_language_is_not_judged_by_an_english_dictionary():
    french = "Chartered adopte la fabrication de prcision automatise d'AMD et prvoit de fabriquer des processeurs en 2006."
    assert flagged(french) == []
    assert flagged("The priiseer said that he and the man had been in the house all of the day.") == [("priiseer", SURE)]


def test_a_reading_short_of_the_margin_is_offered_never_applied():
    text = "The animial was found in the yard, and the tbinqs of the artisb were poor, wbicli was sad."
    result = Pipeline(PipelineConfig(model=None, grammar=False)).run(text)
    [flag] = [e for e in result.edits if e.rule == "unreadable"]
    assert flag.original == "tbinqs" and flag.alternatives == ("things",)
    assert "perhaps 'things'" in flag.message and "tbinqs" in result.fixed
    # where the OCR detector is sure it changes the word, and no flag is left beside the change
    assert "which was sad" in result.fixed and not any(e.is_flag and e.original == "wbicli" for e in result.edits)


def test_a_capitalised_word_read_clearly_as_a_known_one_is_asked_about_in_raw_ocr():
    text = "The priiseer was taken by Constable Georgo and the man wbicli was seen at the gaol."
    [name] = [e for e in Unreadable().propose(Document(text)) if e.original == "Georgo"]
    assert name.is_flag and name.alternatives == ("George",) and "may have misread 'George'" in name.message
    # a name the reading does not clearly explain, and any name outside raw OCR, is left alone
    assert [e for e in Unreadable().propose(Document(text.replace("Georgo", "Chegwidden"))) if e.original == "Chegwidden"] == []
    assert flagged("The report was written by Constable Georgo at the station on Monday.") == []

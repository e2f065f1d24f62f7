"""The OCR detector as a judge of LanguageTool's speller edits (repair.detect.ocr_speller),
with the shipped confusion table and bigram model; the speller edits are built as
LanguageTool's mapping builds them (tests/integration/test_ocr_speller_languagetool.py
runs the real server)."""

from __future__ import annotations

from typing import Sequence

import pytest

import repair.detect.ocr as ocr
from repair.detect.ocr import OcrConfusions
from repair.document import Document
from repair.edits import Edit
from repair.pipeline import Pipeline, PipelineConfig
from repair.proposers import Bars, Proposer
from repair.sources import LANGUAGETOOL, detector_source

BARS = Bars(0.5, 0.5)
OCR = detector_source("ocr")


@pytest.fixture(scope="module")
def detector() -> OcrConfusions:
    return OcrConfusions()


def speller(text: str, word: str, first: str, others: Sequence[str] = (), confidence: float = 0.65) -> Edit:
    start = text.index(word)
    return Edit(start, start + len(word), word, first, "spelling", (LANGUAGETOOL,), confidence,
                "Possible spelling mistake found.", rule="MORFOLOGIK_RULE_EN_US", alternatives=tuple(others))


def judged(detector: OcrConfusions, text: str, edit: Edit) -> Edit:
    doc = Document(text)
    out = detector.verify(doc, detector.propose(doc) + [edit], BARS)
    (mine,) = [e for e in out if (e.start, e.end) == (edit.start, edit.end) and LANGUAGETOOL in e.sources]
    return mine


@pytest.mark.parametrize("text, word, first, others, chosen", [
    # b for h, a misreading the speller cannot know: it offers "beys" first
    ("Samuel Smiles bas recorded all tho facts.", "bas", "beys", ("has", "bias", "was"), "has"),
    # a dropped letter the context asks for: "brin them" is "bring them", not "brain them"
    ("He thought it his duty to brin them before tho magistrate.", "brin", "brain", ("brim", "bring", "brine"),
     "bring"),
])
def test_a_speller_suggestion_is_rechosen_on_an_ocr_misreading(detector, text, word, first, others, chosen):
    e = judged(detector, text, speller(text, word, first, others))
    assert e.replacement == chosen
    assert e.confidence >= BARS.min_confidence
    assert set(e.sources) == {LANGUAGETOOL, OCR}
    assert first in e.alternatives


def test_an_unsure_speller_edit_the_channel_endorses_is_kept(detector, monkeypatch):
    # a word the detector does not read itself (here it would, as a string no dictionary knows)
    monkeypatch.setattr(ocr, "NO_WORD_LENGTH", 99)
    text = "in which nourisbes a profusion of flowers and tho trees"
    e = judged(detector, text, speller(text, "nourisbes", "Nourishes", ("nourishes",), confidence=0.4))
    assert (e.replacement, e.confidence) == ("nourishes", BARS.min_confidence)


OLDER = "In the meane season hee had beene at tbe towne, and could not keepe the bridge."


@pytest.mark.parametrize("word, first", [("hee", "he"), ("keepe", "keep"), ("towne", "town")])
def test_older_english_keeps_its_final_e(detector, word, first):
    # several old spellings (meane, beene, keepe, towne) mark the text as older English
    e = judged(detector, OLDER, speller(OLDER, word, first, ("her", "here")))
    assert e.replacement == first and e.confidence < BARS.floor


def test_one_final_e_does_not_make_a_text_older_english(detector):
    text = "He could not keepe the bridge, and tho men fell."
    edit = speller(text, "keepe", "keep")
    assert judged(detector, text, edit) == edit


@pytest.mark.parametrize("text, word, first, others", [
    # a learner's slip, in a text with no misreading in it: the speller's call
    ("I likr to go to the shops.", "likr", "like", ("liar",)),
    # a misspelling the channel cannot explain, even beside a misreading
    ("He went to tho house becuase it rained.", "becuase", "because", ()),
    # typing: two letters swapped
    ("They said teh house was tho best.", "teh", "the", ("tea", "ten")),
    # a change of case, and a name inside a sentence
    ("He studied italian law at tho college.", "italian", "Italian", ()),
    ("We met Mr. Cawlcy at tho station.", "Cawlcy", "Cawley", ("Cowley",)),
])
def test_a_learners_misspelling_is_left_as_languagetool_chose(detector, text, word, first, others):
    edit = speller(text, word, first, others)
    assert judged(detector, text, edit) == edit


def test_an_edit_of_another_rule_is_not_judged(detector):
    text = "He go to tho school."
    edit = Edit(3, 5, "go", "goes", "grammar", (LANGUAGETOOL,), 0.7, "Agreement.", rule="HE_VERB_AGR")
    assert judged(detector, text, edit) == edit


class RecordedSpeller(Proposer):
    """LanguageTool's speller edit for one text, as recorded (the pipeline's wiring is under test)."""

    name = "recorded"
    source = LANGUAGETOOL

    def __init__(self, edit: Edit):
        self.edit = edit

    def propose(self, doc, prior=()):
        return [self.edit] if doc.text[self.edit.start:self.edit.end] == self.edit.original else []


def test_the_pipeline_lets_the_ocr_detector_judge_the_speller():
    text = "Samuel Smiles bas recorded all tho facts."
    edit = speller(text, "bas", "beys", ("has", "bias", "was"))
    with Pipeline(PipelineConfig(grammar=False, model=None), proposers=[RecordedSpeller(edit)]) as p:
        assert p.run(text).fixed == "Samuel Smiles has recorded all the facts."
    without = PipelineConfig(grammar=False, model=None, detectors=("glued", "broken"))
    with Pipeline(without, proposers=[RecordedSpeller(edit)]) as p:
        assert p.run(text).fixed == "Samuel Smiles beys recorded all tho facts."


@pytest.mark.parametrize("text, word, first", [
    # the spelling of the period, misread or not: a letter more than today's word
    ("In the meane season hee had beene maister of tbe bridge.", "maister", "master"),
    # the old verb ending and the old pronoun count as old spellings too
    ("Hee saith that the world endureth, and mee kept the maister of the house.", "maister", "master"),
])
def test_older_english_keeps_spellings_the_channel_cannot_explain(detector, text, word, first):
    e = judged(detector, text, speller(text, word, first))
    assert e.replacement == first and e.confidence < BARS.floor


@pytest.mark.parametrize("text, word, first", [
    # a piece before a line-end hyphen, and the piece after it: the join is the broken-word
    # detector's, a respelt piece is a wrong word
    ("We are folly wired of tho groat diffi-\nculty.", "diffi", "diff"),
    ("bringing a false accu- n sation against tho man.", "sation", "nation"),
])
def test_a_piece_of_a_broken_word_is_not_respelt(detector, text, word, first):
    e = judged(detector, text, speller(text, word, first))
    assert e.confidence < BARS.floor


def test_words_english_does_not_know_around_a_word_leave_it_alone(detector):
    # a quotation in Low German inside an English sentence read by OCR (tho)
    text = "It ends so in tho old version: Ock wyl ick alle moneken leren dat se syk nicht mir broder."
    e = judged(detector, text, speller(text, "nicht", "night"))
    assert e.confidence < BARS.floor
    modern = "He saw tho night sky and the nicht was dark and cold over the town."
    edit = speller(modern, "nicht", "night")
    assert judged(detector, modern, edit).confidence == edit.confidence

"""The OCR detector judging the real LanguageTool speller's suggestions, through the pipeline."""

from __future__ import annotations

import pytest

from repair.pipeline import Pipeline, PipelineConfig

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def pipeline(languagetool_url):
    with Pipeline(PipelineConfig(model=None, languagetool_url=languagetool_url)) as p:
        yield p


def test_a_misread_word_gets_the_reading_not_the_speller_s_first_guess(pipeline):
    # LanguageTool's speller offers "beys" for "bas"; the channel reads b for h
    result = pipeline.run("Samuel Smiles bas recorded all tho facts.")
    assert result.fixed == "Samuel Smiles has recorded all the facts."


def test_an_old_spelling_keeps_its_final_e(pipeline):
    text = "In the meane season hee had beene at tbe towne, and could not keepe the bridge."
    assert pipeline.run(text).fixed == text.replace("tbe", "the")


def test_a_learners_misspelling_is_corrected_as_before(pipeline):
    assert pipeline.run("We recieved the letter yesterday.").fixed == "We received the letter yesterday."


def test_older_english_keeps_the_spellings_of_its_period(pipeline):
    # the speller would write business, kitchen, he, master; only the misreading is fixed
    text = "When the Priour had supped, his man did all his businesse in tbe kitchin, and hee came vnto his maister."
    assert pipeline.run(text).fixed == text.replace("tbe", "the")
    modern = "When the Prior had supped, his man did all his work in the kitchin, and he came to his master."
    assert pipeline.run(modern).fixed == modern.replace("kitchin", "kitchen")

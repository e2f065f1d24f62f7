"""The article and preposition detector (repair/detect/slips.py), on the shipped bigram table."""

import pytest

from repair.detect import DEFAULT_DETECTORS, DETECTORS, OPT_IN
from repair.detect.slips import MARGINS, Slips, indefinite
from repair.document import Document
from repair.edits import apply_edits
from repair.pipeline import Pipeline, PipelineConfig

# Every operation at a low margin: what the scorer prefers, with nothing switched off.
OPEN = {op: 1.5 for op in MARGINS}


def fixed(text: str, margins=None) -> str:
    doc = Document(text)
    return apply_edits(text, list(Slips(margins=margins).find(doc)))


@pytest.mark.parametrize("word, article", [
    ("apple", "an"), ("hour", "an"), ("university", "a"), ("one", "a"), ("brutal", "a"), ("European", "a"),
])
def test_indefinite_article_by_spelling(word, article):
    assert indefinite(word) == article


def test_the_calque_one_becomes_a_in_context():
    text = "But the strategy collapsed when the leader launched one brutal crackdown on protests against him."
    assert fixed(text, OPEN) == text.replace("one brutal", "a brutal")


def test_the_context_chooses_the_preposition():
    text = "He launched a brutal crackdown to protests against his rule."
    scored = Slips(margins=OPEN).candidates(("crackdown", "to", "protests"), (True, True, True))
    swaps = {c.words[0]: c.odds for c in scored if c.op == "swap-preposition"}
    assert max(swaps, key=swaps.get) == "on"
    assert swaps["on"] > 1.0


def test_a_correct_sentence_is_left_alone_at_the_shipped_margins():
    text = ("The committee met on Tuesday to discuss the budget, and a spokesman said the talks "
            "would continue in the spring.")
    assert list(Slips().find(Document(text))) == []


def test_an_before_a_consonant_is_not_read_as_a_superfluous_article():
    text = "She met an friend in the park after the concert."
    assert not any(e.replacement == "" and e.original.startswith("an") for e in Slips(margins=OPEN).find(Document(text)))


def test_names_numbers_and_quotes_are_untouched():
    text = ('Officials said "they launched one brutal crackdown to protests" on Monday, '
            'and Putin approved 16,000 volunteers from One Direction.')
    doc = Document(text)
    for e in Slips(margins=OPEN).find(doc):
        quote = text.index('"'), text.rindex('"')
        assert not quote[0] <= e.start <= quote[1], e
        assert not any(c.isdigit() or c.isupper() for c in e.original), e


def test_off_by_default_and_runs_when_named():
    assert "slips" in DETECTORS and "slips" in OPT_IN and "slips" not in DEFAULT_DETECTORS
    assert "slips" not in [d.name for d in Pipeline(PipelineConfig(grammar=False, model=None)).detectors]
    p = Pipeline(PipelineConfig(detectors=("slips",), grammar=False, model=None))
    assert [d.name for d in p.detectors] == ["slips"]
    text = "He took an umbrella and went to the station in the rain."
    assert p.run(text).fixed == text


def test_edits_slice_the_text_and_insert_only_between_spaced_words():
    text = ("After the vote, members of parliament said that government would publish plan "
            "by end of month; critics (including unions) disagreed. She is member of the committee.")
    doc = Document(text)
    edits = list(Slips(margins={op: 0.5 for op in MARGINS}, support=False).find(doc))
    assert any(e.start == e.end for e in edits)  # wide open, it inserts somewhere ("is [a ]member")
    for e in edits:
        assert text[e.start:e.end] == e.original
        if e.start == e.end:  # an insertion: between two words separated by one space
            assert text[e.start - 1] == " " and text[e.start].isalpha()
            assert e.replacement.endswith(" ")


def test_an_auxiliary_agrees_with_its_subject_when_opened():
    margins = {op: (1.0 if op == "auxiliary" else MARGINS[op]) for op in MARGINS}
    assert fixed("They was there yesterday with the others.", margins) == "They were there yesterday with the others."
    assert fixed("They were there yesterday with the others.", margins) == "They were there yesterday with the others."
    # shipped: off
    assert fixed("They was there yesterday with the others.") == "They was there yesterday with the others."

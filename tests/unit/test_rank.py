from repair.document import Document
from repair.edits import Edit
from repair.rank import merge_duplicates, rank

TEXT = "We met outside of the the office."


def _edit(original, replacement, kind, source, confidence, at=None):
    start = TEXT.index(original) if at is None else at
    return Edit(start, start + len(original), original, replacement, kind, source, confidence, "")


def test_agreement_lifts_confidence_and_names_both_sources():
    lt = _edit("the the", "the", "repeat", "languagetool", 0.6)
    model = _edit("the the", "the", "grammar", "model", 0.45)
    [merged] = merge_duplicates([lt, model])
    assert merged.source == "languagetool+model"
    assert merged.confidence == round(1 - 0.4 * 0.55, 3)
    assert merged.kind == "repeat"


def test_agreement_does_not_lift_house_style():
    lt = _edit("outside of", "outside", "style", "languagetool", 0.3)
    model = _edit("outside of", "outside", "grammar", "model", 0.45)
    [merged] = merge_duplicates([lt, model])
    assert merged.confidence == 0.45 and merged.kind == "style"
    assert merged.source == "languagetool+model"
    assert rank(Document(TEXT), [lt, model]) == []


def test_rank_keeps_the_stronger_of_two_conflicting_edits():
    weak = _edit("the the", "the", "grammar", "model", 0.55)
    strong = _edit("the the office", "the office", "repeat", "detector:repeat", 0.8)
    assert rank(Document(TEXT), [weak, strong]) == [strong]

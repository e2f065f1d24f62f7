from dataclasses import replace

from repair.document import Document
from repair.edits import Edit
from repair.rank import merge_duplicates, rank

TEXT = "We met outside of the the office."


def _edit(original, replacement, kind, source, confidence, at=None):
    start = TEXT.index(original) if at is None else at
    return Edit(start, start + len(original), original, replacement, kind, tuple(source.split("+")), confidence, "")


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


# --- a second source picking one of LanguageTool's other suggestions --------------------------

SPELT = "I think yong people stay."


def _spelt(replacement, source, confidence, alternatives=(), kind="spelling"):
    start = SPELT.index("yong")
    return Edit(start, start + 4, "yong", replacement, kind, tuple(source.split("+")), confidence, "",
                alternatives=alternatives)


def test_a_model_choice_among_the_alternatives_agrees_with_languagetool():
    lt = replace(_spelt("Yong", "languagetool", 0.4, alternatives=("long", "young", "song")),
                 message="Possible spelling mistake found.")
    model = _spelt("young", "model", 0.45, kind="grammar")
    [kept] = rank(Document(SPELT), [lt, model])
    assert (kept.replacement, kept.source, kept.kind) == ("young", "languagetool+model", "spelling")
    assert kept.message == "Possible spelling mistake found."
    assert kept.confidence == round(1 - 0.6 * 0.55, 3)
    assert kept.alternatives == ()


def test_a_word_off_the_list_does_not_agree():
    lt = _spelt("Yong", "languagetool", 0.4, alternatives=("long", "song"))
    model = _spelt("young", "model", 0.45)
    assert rank(Document(SPELT), [lt, model]) == []


def test_alternatives_match_ignoring_case():
    lt = _spelt("Young", "languagetool", 0.4)
    lt = Edit(lt.start, lt.end, lt.original, "Young", "spelling", ("languagetool",), 0.4, "", alternatives=("Yong",))
    model = _spelt("young", "model", 0.45)
    [kept] = rank(Document(SPELT), [lt, model])
    assert kept.replacement == "young" and kept.source == "languagetool+model"


def test_the_same_source_never_agrees_with_itself():
    lt = _spelt("Yong", "languagetool", 0.4, alternatives=("young",))
    other = _spelt("young", "languagetool", 0.45)
    assert rank(Document(SPELT), [lt, other]) == []


def test_a_change_to_the_flagged_words_answers_the_flag():
    flag = _edit("the", "the", "unreadable", "detector:unreadable", 0.6, at=TEXT.index("the the") + 4)
    join = _edit("the the", "the", "repeat", "detector:repeat", 0.8)
    elsewhere = _edit("outside", "outside", "unreadable", "detector:unreadable", 0.6)
    assert rank(Document(TEXT), [flag, join, elsewhere]) == [elsewhere, join]


def test_a_flags_suggestions_are_for_a_reviewer_not_proposals_to_adopt():
    flag = replace(_edit("outside", "outside", "unreadable", "detector:unreadable", 0.6), alternatives=("outsides",))
    change = _edit("outside", "outsides", "ocr-confusion", "detector:ocr", 0.7)
    kept = rank(Document(TEXT), [flag, change])
    assert kept == [change] and kept[0].kind == "ocr-confusion"


def test_two_flags_on_the_same_words_offer_every_suggestion():
    garbled = replace(_edit("imidiatly", "imidiatly", "unreadable", "detector:unreadable", 0.6, at=8), alternatives=())
    typo = replace(_edit("imidiatly", "imidiatly", "far-typo", "languagetool", 0.55, at=8), alternatives=("immediately",))
    [flag] = merge_duplicates([garbled, typo])
    assert flag.kind == "unreadable" and flag.alternatives == ("immediately",)
    assert flag.sources == ("detector:unreadable", "languagetool") and flag.confidence > 0.6

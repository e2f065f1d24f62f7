"""Profiles: which sources a kind of text trusts below the threshold, and the ranker obeying them."""

import pytest

from repair.document import Document
from repair.edits import Edit
from repair.errors import ConfigError
from repair.pipeline import PipelineConfig
from repair.profiles import PROFILES, get_profile
from repair.rank import rank

TEXT = "I think yong people wil not go there becouse of the the price."
LEARNER = PROFILES["learner"]


def _edit(original, replacement, source, confidence, kind="spelling"):
    start = TEXT.index(original)
    return Edit(start, start + len(original), original, replacement, kind, tuple(source.split("+")), confidence, "")


@pytest.mark.parametrize("source, bar", [
    ("languagetool", 0.3),
    ("model", 0.3),
    ("detector:glued", 0.5),          # detectors are not trusted further
    ("languagetool+model", 0.3),
    ("detector:ocr+languagetool", 0.3),  # one trusted source among several is enough
    ("detector:introductory", 0.4),   # a floor may name one detector
])
def test_learner_bars(source, bar):
    assert LEARNER.bar(tuple(source.split("+")), 0.5) == bar


def test_default_profile_trusts_nothing_below_the_threshold():
    assert PROFILES["default"].bar("languagetool", 0.5) == 0.5


def test_a_lower_threshold_still_wins():
    assert LEARNER.bar("languagetool", 0.2) == 0.2


def test_learner_keeps_weak_languagetool_and_model_edits_but_not_weak_detector_ones():
    lt = _edit("wil", "will", "languagetool", 0.4)
    model = _edit("yong", "young", "model", 0.45)
    detector = _edit("becouse", "be couse", "detector:glued", 0.45)
    too_weak = _edit("of the the", "of the", "languagetool", 0.2, kind="repeat")
    doc = Document(TEXT)
    assert rank(doc, [lt, model, detector, too_weak]) == []
    assert rank(doc, [lt, model, detector, too_weak], profile=LEARNER) == [model, lt]


def test_a_sure_edit_still_beats_a_weak_one_it_conflicts_with():
    weak = _edit("becouse", "be couse", "languagetool", 0.3)
    sure = _edit("becouse", "because", "languagetool", 0.75)
    assert rank(Document(TEXT), [weak, sure], profile=LEARNER) == [sure]


def test_unknown_profile_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown profile 'essay'; choose from default, learner, mt"):
        get_profile("essay")
    with pytest.raises(ConfigError, match="unknown profile"):
        PipelineConfig(profile="essay")


def test_an_edit_kept_only_by_the_profile_never_wins_adjudication_over_a_sure_one():
    weak = _edit("becouse", "be couse", "model", 0.45)
    sure = _edit("becouse", "because", "languagetool", 0.75)
    asked = []

    def prefers_the_model(doc, group):
        asked.append(list(group))
        return [1.0 if e.source == "model" else 0.0 for e in group]

    assert rank(Document(TEXT), [weak, sure], adjudicate=prefers_the_model, profile=LEARNER) == [sure]
    assert asked == []  # one sure contender: nothing to ask


def test_weak_edits_alone_are_adjudicated():
    lt = _edit("yong", "Yong", "languagetool", 0.4)
    model = _edit("yong", "young", "model", 0.45)
    [kept] = rank(Document(TEXT), [lt, model], profile=LEARNER,
                  adjudicate=lambda doc, group: [1.0 if e.replacement == "Yong" else 0.0 for e in group])
    assert kept.replacement == "Yong" and kept.confidence == 0.45


MT = PROFILES["mt"]
MT_TEXT = "The kumova river runs past a secary Castle near Dnipro."


def _mt_edit(original, replacement, source="languagetool", rule="MORFOLOGIK_RULE_EN_US", confidence=0.75):
    start = MT_TEXT.index(original)
    return Edit(start, start + len(original), original, replacement, "spelling", (source,), confidence,
                "Possible spelling mistake found.", rule=rule, alternatives=("alt",))


def test_the_mt_profile_shows_the_spellers_respellings_of_lowercase_words_as_flags():
    kumova, secary = _mt_edit("kumova", "move"), _mt_edit("secary", "scary")
    flags = rank(Document(MT_TEXT), [kumova, secary], profile=MT)
    assert [(f.original, f.replacement, f.alternatives) for f in flags] == [
        ("kumova", "kumova", ("move", "alt")), ("secary", "secary", ("scary", "alt"))]
    assert all(f.is_flag and f.confidence == 0.75 and "machine translation" in f.message for f in flags)
    # the default profile applies them
    assert [e.replacement for e in rank(Document(MT_TEXT), [kumova, secary])] == ["move", "scary"]


def test_the_mt_profile_flags_every_respelling_of_an_unknown_word_but_a_name_glued_to_a_word():
    text = "Boek: the noron river ran past Lukashenkothe house."

    def edit(original, replacement, sources, rule="", kind="spelling"):
        start = text.index(original)
        return Edit(start, start + len(original), original, replacement, kind, sources, 0.7, "m", rule=rule)

    flagged = [
        edit("Boek", "Book", ("detector:ocr",), rule="ocr", kind="ocr-confusion"),         # MT has no misreadings
        edit("Boek", "Book", ("languagetool",), rule="MORFOLOGIK_RULE_EN_US"),              # a capitalised opener
        edit("noron", "nor on", ("detector:glued",)),                                       # a lowercase split
        edit("noron", "nor on", ("detector:glued", "languagetool"), rule="MORFOLOGIK_RULE_EN_US"),
    ]
    for e in flagged:
        f = MT.review(e)
        assert f.is_flag and f.alternatives[0] == e.replacement and "check it" in f.message, e
        assert PROFILES["default"].review(e) == e
    assert "no OCR misreadings" in MT.review(flagged[0]).message
    glued_name = edit("Lukashenkothe", "Lukashenko the", ("detector:glued", "languagetool"),
                      rule="MORFOLOGIK_RULE_EN_US", kind="glued-word")
    assert MT.review(glued_name) == glued_name


def test_the_mt_profile_flags_languagetools_agreement_fixes():
    text = "Each soldiers buys their own kit."
    e = Edit(0, 13, "Each soldiers", "All soldiers", "grammar", ("languagetool",), 0.7,
             "Each takes a singular noun.", rule="EACH_EVERY_NNS")
    f = MT.review(e)
    assert f.is_flag and f.alternatives == ("All soldiers",) and "either side of the agreement" in f.message
    assert text[f.start:f.end] == f.original
    assert PROFILES["default"].review(e) == e


def test_the_mt_profile_changes_nothing_else():
    keep = [
        _mt_edit("Castle", "castle", rule="EN_CASING"),                         # not the speller
        _mt_edit("kumova", "kumova river", source="detector:glued", rule=""),    # not a split
        _mt_edit("secary", "scary", source="detector:introductory", rule=""),    # not a respelling detector
    ]
    for e in keep:
        assert MT.review(e) == e
    assert PROFILES["default"].review(_mt_edit("kumova", "move")).replacement == "move"


def test_agreement_rules_are_told_by_their_ids():
    from repair.sources import is_agreement_rule

    assert all(is_agreement_rule(r) for r in ("HE_VERB_AGR", "THIS_NNS", "THERE_S_MANY", "EACH_EVERY_NNS",
                                               "SINGULAR_AGREEMENT_SENT_START", "ONE_PLURAL"))
    assert not any(is_agreement_rule(r) for r in ("MAY_MANY", "EN_A_VS_AN", "MORFOLOGIK_RULE_EN_US", "AGAINST"))


def test_the_ocr_profile_flags_what_languagetools_other_rules_propose_alone():
    ocr = PROFILES["ocr"]
    text = "of Ul the perish. He said, \" I have it."

    def edit(original, replacement, sources, rule):
        start = text.index(original)
        return Edit(start, start + len(original), original, replacement, "grammar", sources, 0.7, "m", rule=rule)

    grammar = edit("the perish", "to perish", ("languagetool",), "A_INFINITIVE")
    spacing = edit(' " ', '" ', ("languagetool",), "COMMA_PARENTHESIS_WHITESPACE")
    for e in (grammar, spacing):
        f = ocr.review(e)
        assert f.is_flag and f.alternatives == (e.replacement,) and "OCR text" in f.message
        assert PROFILES["default"].review(e) == e
    kept = [edit("perish", "parish", ("languagetool",), "MORFOLOGIK_RULE_EN_US"),        # the speller
            edit("perish", "parish", ("detector:ocr", "languagetool"), "ocr"),            # a detector agrees
            edit(' " ', '" ', ("detector:spacing",), "")]
    for e in kept:
        assert ocr.review(e) == e

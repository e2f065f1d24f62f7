"""The model as a verifier: which edits it judges, and what a veto does (fake scores)."""

import pytest

from repair.document import Document
from repair.edits import Edit
from repair.model import ModelProposer, Scorer, Verifier
from repair.pipeline import Pipeline, PipelineConfig
from repair.proposers import Bars, Proposer

TEXT = "An elderly woman, was. charged with refractory conduct. She said teh truth."


class FakeRewriter:
    """log P(target | source): 0 for the copy, a penalty per word named in ``costs``."""

    def __init__(self, costs):
        self.costs = costs
        self.scored: list[str] = []

    def fits(self, text):
        return len(text) < 200

    def score_pairs(self, sources, targets, per_token=False):
        self.scored += [t for s, t in zip(sources, targets) if s != t]
        return [-sum(c for w, c in self.costs.items() if w in t and w not in s) for s, t in zip(sources, targets)]

    def score_candidates(self, sentence, candidates):
        return self.score_pairs([sentence] * len(candidates), candidates)

    def rewrite(self, sentences):
        return [(s, 0.0) for s in sentences]  # the model proposes nothing of its own


def edit(original, replacement, kind, source="languagetool", confidence=0.6, occurrence=0):
    start = TEXT.index(original) if not occurrence else TEXT.index(original, TEXT.index(original) + 1)
    return Edit(start, start + len(original), original, replacement, kind, (source,), confidence, "msg", "RULE")


class Judge:
    """The verifier over fake scores, with the pipeline's defaults for its bars."""

    def __init__(self, costs):
        self.rewriter = FakeRewriter(costs)
        self.scorer = Scorer(model="unused", rewriter=self.rewriter)

    def verify(self, doc, edits, min_confidence=0.5, floor=None):
        bars = Bars(min_confidence, min_confidence if floor is None else floor)
        return Verifier(self.scorer).verify(doc, edits, bars)


def verifier(costs):
    return Judge(costs)


def test_a_very_unlikely_casing_edit_drops_below_the_bar():
    p = verifier({"Charged": 5.0, "conduct ,": 1.0})
    doc = Document(TEXT)
    casing = edit("charged", "Charged", "casing")
    mild = edit("conduct.", "conduct .", "spacing")
    out = p.verify(doc, [casing, mild])
    # half its confidence (0.3), at most half the bar (Bars.lowered)
    assert out[0].confidence == 0.25 and "the model finds this change unlikely: -5.0 nats" in out[0].message
    assert (out[0].start, out[0].end, out[0].replacement) == (casing.start, casing.end, casing.replacement)
    assert out[1] == mild  # -1 nat: not enough to veto


def test_grammar_spelling_detectors_agreement_and_weak_edits_are_not_judged():
    p = verifier({"Charged": 9.0, "the": 9.0, "were": 9.0})
    doc = Document(TEXT)
    spelling = edit("teh", "the", "spelling")
    grammar = edit("was", "were", "grammar")
    detector = edit("charged", "Charged", "casing", source="detector:casing")
    agreed = edit("charged", "Charged", "casing")
    weak = edit("charged", "Charged", "casing", confidence=0.4)
    edits = [spelling, grammar, detector, agreed]
    assert p.verify(doc, edits) == edits
    assert p.verify(doc, [weak], min_confidence=0.5) == [weak]
    assert p.rewriter.scored == []  # nothing was even scored


@pytest.mark.parametrize("profile", ["default", "learner"])  # the learner profile keeps weak edits
def test_the_pipeline_rejects_a_vetoed_edit_and_says_why(profile):
    class Proposes(Proposer):
        name = source = "languagetool"

        def propose(self, doc, prior=()):
            return [edit("charged", "Charged", "casing")]

    model = ModelProposer(scorer=Judge({"Charged": 4.0}).scorer)
    config = PipelineConfig(detectors=(), grammar=False, profile=profile)
    with Pipeline(config, proposers=[Proposes(), model]) as pipeline:
        result = pipeline.run(TEXT)
    assert result.edits == ()
    assert [e.replacement for e in result.rejected] == ["Charged"]
    assert "unlikely" in result.rejected[0].message


def test_a_vetoed_edit_ends_below_a_profiles_lower_bar_and_weak_edits_it_keeps_are_judged():
    p = verifier({"Charged": 5.0})
    doc = Document(TEXT)
    sure = edit("charged", "Charged", "casing")                    # 0.6, halved to 0.3: the bar itself
    weak = edit("charged", "Charged", "casing", confidence=0.45)  # kept by the profile, so judged
    [vetoed] = p.verify(doc, [sure], min_confidence=0.5, floor=0.3)
    assert vetoed.confidence == 0.15 and "unlikely" in vetoed.message
    [vetoed] = p.verify(doc, [weak], min_confidence=0.5, floor=0.3)
    assert vetoed.confidence == 0.15  # half of 0.45, at most half the floor


def test_the_first_word_of_a_text_is_not_judged():
    # With nothing before it the model just prefers the copy; capitalising a lone sentence's
    # first word is decided by LanguageTool's mapping alone.
    text = "because they spent their time on subjects that will never be useful."
    first = Edit(0, 7, "because", "Because", "casing", ("languagetool",), 0.6, "msg", "UPPERCASE_SENTENCE_START")
    p = verifier({"Because": 9.0})
    assert p.verify(Document(text), [first]) == [first]
    assert p.rewriter.scored == []


# --- the model chooses among the speller's suggestions ---------------------------------------

SPELLER = "MORFOLOGIK_RULE_EN_US"
LEARNER = "Thoes people say she wil go to Podolski. AskReddit is open. Andruw saw iSuppli in nm."


def speller(original, first, *alternatives, confidence=0.4, rule=SPELLER):
    start = LEARNER.index(original)
    return Edit(start, start + len(original), original, first, "spelling", ("languagetool",), confidence,
                "Possible spelling mistake found.", rule, alternatives=alternatives)


def test_the_model_chooses_a_weak_speller_edits_best_suggestion():
    p = verifier({"will": -5.0, "win": -1.0})  # a negative cost: the model likes the word
    out = p.verify(Document(LEARNER), [speller("wil", "Wil", "will", "win")])
    assert out[0].replacement == "will" and out[0].confidence == 0.5
    assert out[0].source == "languagetool+model" and set(out[0].alternatives) == {"Wil", "win"}
    assert "the model chooses \u201cwill\u201d: +5.0 nats" in out[0].message


def test_a_suggestion_the_model_barely_prefers_is_not_chosen():
    weak = speller("wil", "Wil", "will")
    p = verifier({"will": -2.0})
    assert p.verify(Document(LEARNER), [weak]) == [weak]


def test_names_brands_units_and_other_rules_are_not_chosen():
    p = verifier({"Podolsk ": -9.0, "Ask Reddit": -9.0, "went": -9.0, "Andrew": -9.0, "supply": -9.0,
                  "am.": -9.0})
    doc = Document(LEARNER)
    name = speller("Podolski", "Podolsk", confidence=0.3)  # capitalised inside a sentence
    camel = speller("AskReddit", "Ask Reddit", confidence=0.3)
    pattern = speller("wil", "went", rule="WILL_GO")  # not the speller
    strong = speller("Thoes", "Those", confidence=0.6)
    opener = speller("Andruw", "Andrew", confidence=0.45)  # not a very common word: a name
    brand = speller("iSuppli", "supply")
    unit = speller("nm", "am")
    edits = [name, camel, pattern, strong, opener, brand, unit]
    assert p.verify(doc, edits) == edits
    assert p.rewriter.scored == []


def test_a_sentence_opening_word_may_take_a_capitalised_suggestion():
    p = verifier({"Those": -4.0})
    out = p.verify(Document(LEARNER), [speller("Thoes", "Theses", "Those", confidence=0.45)])
    assert out[0].replacement == "Those"


def test_a_lowercase_word_keeps_its_case_even_where_a_text_starts():
    line = "seltc ed for paving"  # an OCR line: the text starts mid-sentence
    e = Edit(0, 5, "seltc", "Self", "spelling", ("languagetool",), 0.4, "m", SPELLER, alternatives=("select",))
    p = verifier({"Self": -9.0, "select": -4.0})
    assert p.verify(Document(line), [e])[0].replacement == "select"

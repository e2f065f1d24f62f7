"""The model as a verifier: which edits it judges, and what a veto does (fake scores)."""

from repair.document import Document
from repair.edits import Edit
from repair.model import ModelProposer
from repair.pipeline import Pipeline, PipelineConfig

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


def edit(original, replacement, kind, source="languagetool", confidence=0.6, occurrence=0):
    start = TEXT.index(original) if not occurrence else TEXT.index(original, TEXT.index(original) + 1)
    return Edit(start, start + len(original), original, replacement, kind, source, confidence, "msg", "RULE")


def verifier(costs):
    p = ModelProposer(model="unused")
    p._rewriter = FakeRewriter(costs)
    return p


def test_a_very_unlikely_casing_edit_loses_half_its_confidence():
    p = verifier({"Charged": 5.0, "conduct ,": 1.0})
    doc = Document(TEXT)
    casing = edit("charged", "Charged", "casing")
    mild = edit("conduct.", "conduct .", "spacing")
    out = p.verify(doc, [casing, mild])
    assert out[0].confidence == 0.3 and "the model finds this change unlikely: -5.0 nats" in out[0].message
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
    assert p._rewriter.scored == []  # nothing was even scored


def test_the_pipeline_rejects_a_vetoed_edit_and_says_why():
    class Proposes:
        source = "languagetool"
        version = "fake"

        def propose(self, doc, prior):
            return [edit("charged", "Charged", "casing")]

        def close(self):
            pass

    model = verifier({"Charged": 4.0})
    model.propose = lambda doc, prior: []
    with Pipeline(PipelineConfig(detectors=(), grammar=False), proposers=[Proposes(), model]) as pipeline:
        result = pipeline.run(TEXT)
    assert result.edits == ()
    assert [e.replacement for e in result.rejected] == ["Charged"]
    assert "unlikely" in result.rejected[0].message


def test_the_first_word_of_a_text_is_not_judged():
    # With nothing before it the model just prefers the copy; capitalising a lone sentence's
    # first word is decided by LanguageTool's mapping alone.
    text = "because they spent their time on subjects that will never be useful."
    first = Edit(0, 7, "because", "Because", "casing", "languagetool", 0.6, "msg", "UPPERCASE_SENTENCE_START")
    p = verifier({"Because": 9.0})
    assert p.verify(Document(text), [first]) == [first]
    assert p._rewriter.scored == []

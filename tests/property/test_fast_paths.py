"""The fast paths of the detectors' hot loops give exactly what the plain definitions give."""

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from repair.detect.ocr_channel import ConfusionModel
from repair.document import _PROTECTED_PATTERNS, Document, Span, protected_spans
from repair.lexicon import zipf_table

ONE_ALTERNATION = regex.compile("|".join(f"(?:{p})" for p, _ in _PROTECTED_PATTERNS))
PIECES = ["see", "grumbletext.co.uk", "report.PDF", "www.x.com/a?b=1.", "http://a.b/c).", ".com", "a@b.co",
          "@user", "u / Forjoin", "r/news", "~/x/y.txt", "../a/b", "$1,200.50", "3rd", "12:30", "45%", "`code`",
          "Kasparov.Ru", "U.S.", "e.g.", "1.5bn", "2km", "x.io", "the", "and", ",", "2024", "Mr."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), st.sampled_from([" ", "", "\n"]))
def test_protected_spans_are_those_of_one_alternation(pieces, sep):
    text = sep.join(pieces)
    assert protected_spans(text) == [Span(m.start(), m.end()) for m in ONE_ALTERNATION.finditer(text)]


def _touches(spans, start, end):
    return any(s.start < end and start < s.end for s in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 8)), max_size=6), st.integers(0, 60), st.integers(0, 5))
def test_is_protected_finds_any_touching_span(raw, start, width):
    doc = Document("x" * 60)
    spans = tuple(sorted(Span(a, a + w) for a, w in raw))
    doc.__dict__["protected"] = spans  # overlapping spans too, as a glossary can add
    assert doc.is_protected(start, start + width) == _touches(spans, start, start + width)


def _two_edits_by_definition(model: ConfusionModel, lw: str, min_zipf: float) -> dict[str, float]:
    known = zipf_table()
    best: dict[str, float] = {}
    for cand, lp in model.edits(lw):
        if cand == lw:
            continue
        for cand2, lp2 in model.edits(cand):
            if cand2 != lw and known.get(cand2, 0.0) >= min_zipf and lp + lp2 > best.get(cand2, -99.0):
                best[cand2] = lp + lp2
    return best


@pytest.mark.parametrize("word", ["tlie", "tbeir", "fonnd", "arid", "qnestion", "wbicli", "govemment",
                                  "tiie", "liaving", "cornrnittee", "xqzvw", "modem"])
def test_two_edits_find_what_the_definition_finds(word):
    model = ConfusionModel.load()
    fast: dict[str, float] = {}
    model._two_edits(word, 2.0, fast)
    assert fast == _two_edits_by_definition(model, word, 2.0)
    assert fast or word in ("xqzvw", "modem")

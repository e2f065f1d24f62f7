"""The seed article: its known artefacts are fixed and nothing else is harmed."""

from pathlib import Path

import pytest

from repair.document import WORD_RE
from repair.pipeline import Pipeline, PipelineConfig

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_f15f1aa9a78ce15d.txt"
NAMES = ["Lukashenko", "Danilov", "Heisbourg", "Cancian", "Baranowski", "Glod", "Guchek"]


@pytest.fixture(scope="module")
def result():
    with Pipeline(PipelineConfig(grammar=False, model=None)) as p:
        return p.run(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("before, after", [
    ("Alexander Lukashenkothe authoritarian", "Alexander Lukashenko the authoritarian"),
    ("invasion stalls In the face", "invasion stalls in the face"),
    ("from the Allies .\n", "from the Allies.\n"),
    ("in Bratislava The stalled", "in Bratislava. The stalled"),
])
def test_known_artefacts_are_fixed(result, before, after):
    assert before in result.text
    assert after in result.fixed


def test_manoeuvre_and_maneuver_are_flagged(result):
    assert {f.original for f in result.flags if f.kind == "consistency"} == {"manoeuvre", "maneuver"}


def test_no_name_or_number_changes(result):
    def tokens(text, keep):
        return [w for w in WORD_RE.findall(text) if keep(w)]

    for name in NAMES:
        assert result.fixed.count(name) == result.text.count(name), name
    has_digit = lambda w: any(c.isdigit() for c in w)  # noqa: E731
    assert tokens(result.fixed, has_digit) == tokens(result.text, has_digit)

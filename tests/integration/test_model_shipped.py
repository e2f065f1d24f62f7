"""The shipped model (models/repair-small): loads fast, copies clean text, repairs safely."""

import time

import pytest

from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
]

CLEAN = "Analysts say Lukashenko has limited ability to resist Russian pressure to join the fight."
DOC = ("Alexander Lukashenkothe authoritarian leader of Belarus, has allowed Russia to use his "
       "country\u2019s territory. But as Russia\u2019s invasion stalls In the face of fierce Ukrainian "
       "resistance, officials have warned. US officials estimate that about 6,000 Russians have died.")


@pytest.fixture(scope="module")
def loaded():
    pytest.importorskip("torch")
    from repair.model import load, unload

    unload()
    t = time.perf_counter()
    m = load("default")
    m.load_seconds = time.perf_counter() - t
    return m


def test_loads_offline(loaded, monkeypatch):
    # Load time is measured by bench/model.py, not asserted here.
    assert loaded.name == "repair-small"


def test_round_trip_tokenizer(loaded):
    from repair.train.tokenizer import check_round_trip

    assert check_round_trip(loaded.tokenizer, [DOC, CLEAN, "\u201cNo need.\u201d \u2014 \u00a9 2022"]) == []


def test_copy_is_likelier_than_damage(loaded):
    from repair.model import Rewriter

    rw = Rewriter(loaded)
    good, bad = rw.score_candidates(CLEAN, [CLEAN, CLEAN.replace("limited", "limted")])
    assert good > bad


def test_proposer_on_a_document(loaded):
    from repair.document import Document
    from repair.edits import Edit, check_offsets
    from repair.model import ModelProposer, Scorer
    from repair.proposers import Bars

    doc = Document(DOC)
    p = ModelProposer(scorer=Scorer(loaded=loaded), mode="all")
    proposal = p.proposal(doc, [])
    assert proposal.edits or proposal.refused  # the damaged text gets the model's attention
    check_offsets(DOC, proposal.edits)
    for e, _ in proposal.refused:
        assert DOC[e.start:e.end] == e.original
    for e in proposal.edits:
        assert "6,000" not in e.original  # numbers are never touched
        assert e.sources == ("model",)
    start = DOC.index("Lukashenkothe")
    rivals = [Edit(start, start + 13, "Lukashenkothe", fix, "glued-word", ("detector:glued",), 0.9, "m")
              for fix in ("Lukashenko the", "Lukashenkothem")]
    right, wrong = p.adjudicator()(doc, rivals)
    assert right > wrong


def test_vetoes_a_sentence_start_read_into_a_stray_full_stop(loaded):
    from repair.document import Document
    from repair.edits import Edit
    from repair.model import ModelProposer, Scorer
    from repair.proposers import Bars

    text = "AT the borough police-court, Eliza Gillard, an elderly woman, was. charged with refractory conduct."
    start = text.index("charged")
    casing = Edit(start, start + 7, "charged", "Charged", "casing", ("languagetool",), 0.6,
                  "This sentence does not start with an uppercase letter.", "UPPERCASE_SENTENCE_START")
    kept = Edit(0, 2, "AT", "At", "casing", ("languagetool",), 0.6, "Two capitals.", "EN_UPPER_CASE")
    p = ModelProposer(scorer=Scorer(loaded=loaded))
    vetoed, other = p.verify(Document(text), [casing, kept], Bars(0.5, 0.5))
    assert vetoed.confidence < 0.5 and "unlikely" in vetoed.message
    assert other.confidence >= 0.5


def test_chooses_the_speller_suggestion_that_fits_the_sentence(loaded):
    from repair.document import Document
    from repair.edits import Edit
    from repair.model import ModelProposer, Scorer
    from repair.proposers import Bars

    text = "I think that young people wil not go there because it is too expensive."
    start = text.index("wil")
    weak = Edit(start, start + 3, "wil", "Wil", "spelling", ("languagetool",), 0.4,
                "Possible spelling mistake found.", "MORFOLOGIK_RULE_EN_US", alternatives=("will", "win", "oil"))
    [chosen] = ModelProposer(scorer=Scorer(loaded=loaded)).verify(Document(text), [weak], Bars(0.5, 0.5))
    assert (chosen.replacement, chosen.confidence, chosen.source) == ("will", 0.5, "languagetool+model")

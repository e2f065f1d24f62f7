"""The shipped MT flagger (models/mt-flagger) end to end with the shipped seq2seq model."""

import pytest

from repair.mtqe.flagger import SHIPPED_FLAGGER
from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
    pytest.mark.skipif(not (SHIPPED_FLAGGER / "head.safetensors").is_file(), reason="no MT flagger shipped"),
]

# The four seed sentences the issue names. The shipped flagger flags only the calque; the
# other three are listed as misses in docs/mt-flags.md (this test says which, and fails
# when a retrained flagger changes that in either direction).
SEED_SENTENCES = [
    # (sentence from the seed article, the phrase at fault, flagged by the shipped flagger)
    ("But as the war enters its fourth week, Russia needs reinforcement is becoming increasingly clear.",
     "reinforcement is", False),
    ("Mustache-wearing President Alexander Lukashenko took part in joint exercises of the armed forces "
     "of Russia and Belarus in February.", "Mustache-wearing", True),
    ("But that strategy collapsed in 2020 when Lukashenko launched one brutal crackdown to protests "
     "against his claim to have won a sixth straight term as president.", "one brutal crackdown to", False),
    ("But in a tacit admission of his military woes, President Vladimir Putin gave his approval last "
     "week 16,000 \u201cvolunteers\u201d from the Middle East to join the Russian cause.", "last week", False),
]

CLEAN = ("Shares in Vodafone rose 3.5% to 142p on Tuesday after the company said it had signed "
         "2.1 million new customers in Germany. \u201cWe are pleased with the progress,\u201d said "
         "chief executive Arun Sarin, who joined the firm in 2003. Analysts at Merrill Lynch had "
         "expected about 1.8 million.")


@pytest.fixture(scope="module")
def flagger():
    pytest.importorskip("torch")
    from repair.mtqe import MTFlagger

    return MTFlagger()


def _touches(text, edits, phrase):
    at = text.index(phrase)
    return [e for e in edits if e.start < at + len(phrase) and at < e.end]


@pytest.mark.parametrize("sentence,phrase,flagged", SEED_SENTENCES)
def test_seed_sentences(flagger, sentence, phrase, flagged):
    from repair.document import Document

    edits = flagger.propose(Document(sentence))
    assert all(e.is_flag and e.message and 0.5 <= e.confidence <= 0.95 for e in edits)
    hit = _touches(sentence, edits, phrase)
    assert bool(hit) == flagged, f"{phrase!r}: {[(e.original, e.confidence) for e in edits]}"
    if flagged:
        assert "literal translation" in hit[0].message or "translation slip" in hit[0].message


def test_no_flag_on_a_clean_paragraph_with_names_numbers_and_quotes(flagger):
    from repair.document import Document

    assert flagger.propose(Document(CLEAN)) == []


def test_the_pipeline_shows_flags_only_with_the_model():
    from repair.pipeline import Pipeline, PipelineConfig

    text = SEED_SENTENCES[1][0]
    with Pipeline(PipelineConfig(grammar=False, model="default", mt_flags=True)) as p:
        result = p.run(text)
        assert any(e.source == "mtqe:mt-flagger" for e in result.flags)
        assert "model:" in str(result.signature)
    with Pipeline(PipelineConfig(grammar=False, model=None, mt_flags=True)) as p:
        assert not any(e.source.startswith("mtqe") for e in p.run(text).edits)


def test_int8_layers_give_the_float_probabilities(flagger):
    import numpy as np
    import torch

    from repair.mtqe import MTFlagger

    sentences = [s for s, _, _ in SEED_SENTENCES] + [CLEAN]
    quick = flagger.scores(sentences)
    exact = MTFlagger(int8=False).scores(sentences)
    # the flagger's layers really run in 8-bit integers ...
    encoder, _ = flagger._ready()
    assert any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in encoder._cut.modules())
    # ... and its word probabilities stay the float ones' within a few hundredths
    for q, e in zip(quick, exact):
        assert np.allclose(q, e, atol=0.05) and not np.array_equal(q, e)

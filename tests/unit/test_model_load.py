"""Loading, rewriting, scoring and proposing with a tiny random BART made here."""

import subprocess
import sys

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from repair.document import Document  # noqa: E402
from repair.edits import Edit, check_offsets  # noqa: E402
from repair.errors import ModelError  # noqa: E402

LINES = [
    "The stalled Russian offensive increases pressure on Belarus to join the invasion.",
    "Officials in Kyiv have warned that Lukashenko may not be able to keep his troops away.",
    "Analysts say Lukashenko has limited ability to resist Russian pressure to join the fight.",
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig

    from repair.train.tokenizer import train_tokenizer

    d = tmp_path_factory.mktemp("tiny-model")
    tok = train_tokenizer(LINES * 40, d, vocab_size=300)
    (d / "spm.model").unlink()
    torch.manual_seed(0)
    cfg = BartConfig(vocab_size=len(tok), d_model=16, encoder_layers=1, decoder_layers=1,
                     encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
                     decoder_ffn_dim=32, max_position_embeddings=128, pad_token_id=0, bos_token_id=2,
                     eos_token_id=3, decoder_start_token_id=2, forced_eos_token_id=3)
    m = BartForConditionalGeneration(cfg)
    m.generation_config = GenerationConfig(num_beams=2, max_length=40, decoder_start_token_id=2,
                                           bos_token_id=2, eos_token_id=3, pad_token_id=0)
    m.save_pretrained(str(d), safe_serialization=True)
    return d


def test_import_does_not_load_torch():
    code = "import sys, repair, repair.model, repair.pipeline; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_load_directory(tiny_model):
    from repair.model import load, unload

    m = load(str(tiny_model))
    assert m.device in ("cpu", "cuda")
    assert m.num_beams == 2
    assert load(str(tiny_model)) is m  # cached
    unload(m)


def test_missing_weights_and_offline_hub(tmp_path):
    from repair.model import load

    with pytest.raises(ModelError, match="model.safetensors"):
        load(str(tmp_path))
    with pytest.raises(ModelError, match="does not exist"):
        load(str(tmp_path / "nope"))
    with pytest.raises(ModelError, match="cannot load model"):
        load("nobody-here/no-such-model-xyz", allow_network=False)


def test_rewrite_and_scores_are_deterministic(tiny_model):
    from repair.model import Rewriter, load

    rw = Rewriter(load(str(tiny_model)), batch_size=2)
    a = rw.rewrite(LINES + ["Short one."])
    b = rw.rewrite(LINES + ["Short one."])
    assert a == b and len(a) == 4
    assert all(isinstance(t, str) and isinstance(s, float) for t, s in a)
    sc = rw.score_candidates(LINES[0], [LINES[0], LINES[1]])
    assert len(sc) == 2 and all(s < 0 for s in sc)
    assert rw.score_candidates(LINES[0], [LINES[0]]) == [pytest.approx(sc[0], abs=1e-4)]
    long = " ".join(["word"] * 300)
    assert rw.rewrite([long]) == [(long, float("-inf"))]


def test_proposer_edits_slice_the_text(tiny_model):
    from repair.model import ModelProposer

    text = "Alexander Lukashenkothe leader of Belarus , has allowed it. " + LINES[0]
    doc = Document(text)
    p = ModelProposer(model=str(tiny_model), mode="all")
    proposal = p.proposal(doc, [])
    assert list(proposal.edits) == p.propose(doc, [])
    check_offsets(text, proposal.edits)
    for e in proposal.edits:
        assert e.sources == ("model",) and 0 <= e.confidence <= 1
    for e, reason in proposal.refused:
        assert text[e.start:e.end] == e.original and reason
    prior = [Edit(10, 23, "Lukashenkothe", "Lukashenko the", "glued-word", ("detector:glued",), 0.9, "m")]
    flagged = ModelProposer(model=str(tiny_model), mode="flagged", copy_threshold=-1e9)
    check_offsets(text, flagged.propose(doc, prior))
    scores = flagged.adjudicator()(doc, prior + [Edit(10, 23, "Lukashenkothe", "Lukashenko", "x", ("languagetool",), 0.5, "m")])
    assert len(scores) == 2 and all(isinstance(s, float) for s in scores)
    assert flagged.identity == tiny_model.name
    p.close()


def test_confidence_mapping():
    from repair.model import confidence_from_gain

    assert confidence_from_gain(-5) < 0.1
    assert confidence_from_gain(0.0) < 0.5 < confidence_from_gain(2.0) < confidence_from_gain(6.0) <= 0.95


def test_edit_kind():
    from repair.model import edit_kind

    assert edit_kind("Lukashenkothe", "Lukashenko the") == "glued-word"
    assert edit_kind("inva- sion", "invasion") == "broken-word"
    assert edit_kind("Allies .", "Allies.") == "spacing"
    assert edit_kind("In", "in") == "casing"
    assert edit_kind("the the", "the") == "repeat"
    assert edit_kind("us\u0435", "use") == "homoglyph"
    assert edit_kind("thern", "them") == "ocr-confusion"


def test_prefetch_loads_in_the_background_and_fails_where_used(tiny_model, tmp_path):
    from repair.model import ModelProposer, load, unload

    p = ModelProposer(model=str(tiny_model))
    p.prefetch()
    p.prefetch()  # once is enough; a second call changes nothing
    assert p.scorer.rewriter.m is load(str(tiny_model))
    unload()

    broken = ModelProposer(model=str(tmp_path))  # a directory without weights
    broken.prefetch()  # no error yet: the caller may never need the model
    with pytest.raises(ModelError, match="model.safetensors"):
        broken.scorer.rewriter
    broken.close()


def test_rewrite_ignores_segment_ids_a_tokenizer_may_return(tiny_model, tmp_path):
    """BERT-style tokenizers return token_type_ids, which a seq2seq generate() refuses."""
    import json
    import shutil

    from repair.model import Rewriter, load, unload

    d = tmp_path / "with-segments"
    shutil.copytree(tiny_model, d)
    cfg = json.loads((d / "tokenizer_config.json").read_text())
    cfg["model_input_names"] = ["input_ids", "token_type_ids", "attention_mask"]
    (d / "tokenizer_config.json").write_text(json.dumps(cfg))
    m = load(str(d))
    assert "token_type_ids" in m.tokenizer(LINES[:1])
    assert len(Rewriter(m).rewrite(LINES[:2])) == 2
    unload(m)

"""Tokenizer round trip, config merging and checkpoint/resume on a tiny model."""

import json
import random

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from repair.train.corrupt import corrupt  # noqa: E402
from repair.train.data import Corpus, Mix  # noqa: E402
from repair.train.tokenizer import ROUND_TRIP_PROBES, check_round_trip, train_tokenizer  # noqa: E402

LINES = [
    "The stalled Russian offensive increases pressure on Belarus to join the invasion.",
    "Belarus\u2019 military is small \u2013 just 45,000 men \u2014 and \u201cnonsense,\u201d he said.",
    "Officials in Kyiv have warned that Lukashenko may not be able to keep his troops away.",
    "Analysts say Lukashenko has limited ability to resist Russian pressure to join the fight.",
]


@pytest.fixture(scope="module")
def tok_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("tok")
    rng = random.Random(0)
    lines = LINES * 50 + [corrupt(s, rng)[0] for s in LINES * 50]
    train_tokenizer(lines, d, vocab_size=400)
    return d


def test_tokenizer_round_trips_and_autoloads(tok_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(tok_dir), local_files_only=True)
    probes = list(ROUND_TRIP_PROBES) + LINES + ["a  b", "x\u00ady", "Lukashenkothe inva- sion ."]
    assert check_round_trip(tok, probes) == []
    ids = tok("hello")["input_ids"]
    assert ids[-1] == tok.eos_token_id
    assert (tok.pad_token_id, tok.unk_token_id, tok.bos_token_id, tok.eos_token_id) == (0, 1, 2, 3)


def test_config_cuda_override(tmp_path):
    from repair.train.loop import load_config

    p = tmp_path / "t.toml"
    p.write_text("[model]\nd_model = 128\n[model.cuda]\nd_model = 512\n[train]\nbatch_size = 8\n")
    assert load_config(p, "cpu")["model"]["d_model"] == 128
    assert load_config(p, "cuda")["model"]["d_model"] == 512
    assert load_config(p, "cpu")["train"]["batch_size"] == 8
    assert "cuda" not in load_config(p, "cpu")["model"]


def test_lr_schedule():
    from repair.train.loop import lr_at

    t = {"lr": 1e-3, "warmup_steps": 100, "schedule": "inverse_sqrt", "max_steps": 10_000_000}
    assert lr_at(50, t) == pytest.approx(5e-4)
    assert lr_at(100, t) == pytest.approx(1e-3)
    assert lr_at(400, t) == pytest.approx(5e-4)


def test_train_checkpoint_resume_export(tmp_path, tok_dir, monkeypatch):
    import shutil

    from repair.train import loop
    from repair.train.export import export

    corpus = Corpus(real=[(LINES[0].replace("the", "a"), LINES[0])], clean=LINES,
                    val_real=[], val_clean=LINES[:2])
    monkeypatch.setattr(loop, "load_corpus", lambda data_dir, max_hter, texts: corpus)
    out = tmp_path / "run"
    shutil.copytree(tok_dir, out / "tokenizer")
    cfg = tmp_path / "t.toml"
    cfg.write_text(
        "[model]\nd_model = 32\nencoder_layers = 1\ndecoder_layers = 1\nattention_heads = 2\n"
        "ffn_dim = 64\nvocab_size = 400\n"
        "[train]\nbatch_size = 4\nsteps_per_block = 2\nmax_steps = 6\nwarmup_steps = 2\n"
        "checkpoint_minutes = 0\nlog_every = 2\nval_examples = 4\nval_generate = 2\nthreads = 1\n")
    ck = loop.train(cfg, out)
    state = json.loads((ck / "state.json").read_text())
    assert state["step"] == 6
    assert (ck / "model.safetensors").is_file() and (ck / "optimizer.safetensors").is_file()
    assert not list(ck.glob("*.bin")) and not list(ck.glob("*.pt"))
    assert len(list((out / "checkpoints").glob("step-*"))) <= 2

    cfg.write_text(cfg.read_text().replace("max_steps = 6", "max_steps = 9"))
    ck2 = loop.train(cfg, out, resume=True)
    assert json.loads((ck2 / "state.json").read_text())["step"] == 9
    log = (out / "train.log").read_text()
    assert "resumed from step-00000006" in log and "tok/s" in log

    model_dir = export(out, tmp_path / "model")
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    m = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir), local_files_only=True, use_safetensors=True)
    t = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    assert m.generation_config.num_beams == 4
    assert (model_dir / "README.md").is_file()
    assert check_round_trip(t, LINES) == []

    # a fresh run warm-started from the exported model: its weights, architecture and tokenizer
    cfg.write_text(cfg.read_text().replace("d_model = 32", "d_model = 64").replace("max_steps = 9", "max_steps = 2"))
    warm = tmp_path / "warm"
    ck3 = loop.train(cfg, warm, init=model_dir)
    state3 = json.loads((ck3 / "state.json").read_text())
    assert state3["step"] == 2
    assert state3["config"]["model"]["init"] == str(model_dir)
    assert state3["config"]["model"]["d_model"] == 32  # the model's, not the recipe's
    assert (warm / "tokenizer" / "tokenizer.json").is_file()
    assert "warm start from" in (warm / "train.log").read_text()
    assert "warm start from" not in (out / "train.log").read_text()  # each run logs into its own folder
    # resuming it keeps the checkpoint's architecture in the record, whatever the recipe says
    cfg.write_text(cfg.read_text().replace("max_steps = 2", "max_steps = 3"))
    ck4 = loop.train(cfg, warm, resume=True)
    state4 = json.loads((ck4 / "state.json").read_text())
    assert state4["step"] == 3 and state4["config"]["model"]["d_model"] == 32


def test_batches_are_a_function_of_step(tok_dir):
    from transformers import AutoTokenizer

    from repair.train.loop import DEFAULTS, BatchStream

    tok = AutoTokenizer.from_pretrained(str(tok_dir), local_files_only=True)
    corpus = Corpus(real=[], clean=LINES, val_real=[], val_clean=[])
    tcfg = {**DEFAULTS["train"], "batch_size": 4, "steps_per_block": 3}
    a = BatchStream(corpus, tok, tcfg, Mix())
    b = BatchStream(corpus, tok, tcfg, Mix())
    for step in (0, 4, 2, 7):
        x, y = a.get(step), b.get(step)
        assert torch.equal(x["input_ids"], y["input_ids"]) and torch.equal(x["labels"], y["labels"])


def test_worker_pool_gives_the_same_batches(tok_dir):
    from transformers import AutoTokenizer

    from repair.train.loop import DEFAULTS, BatchStream

    tok = AutoTokenizer.from_pretrained(str(tok_dir), local_files_only=True)
    corpus = Corpus(real=[(LINES[0].replace("the", "a"), LINES[0])], clean=LINES, val_real=[], val_clean=[])
    tcfg = {**DEFAULTS["train"], "batch_size": 4, "steps_per_block": 2}
    inline = BatchStream(corpus, tok, tcfg, Mix())
    pooled = BatchStream(corpus, tok, tcfg, Mix(), workers=2, tok_dir=str(tok_dir))
    try:
        for step in (0, 1, 5, 2, 9):
            x, y = inline.get(step), pooled.get(step)
            assert torch.equal(x["input_ids"], y["input_ids"]) and torch.equal(x["labels"], y["labels"])
    finally:
        pooled.close()


def test_cosine_schedule_follows_the_time_budget():
    from repair.train.loop import lr_at

    t = {"lr": 1e-3, "warmup_steps": 10, "schedule": "cosine", "max_steps": 10_000_000}
    assert lr_at(5, t, 0.0) == pytest.approx(5e-4)          # warm-up is by step
    assert lr_at(100, t, 0.0) == pytest.approx(1e-3)
    assert lr_at(100, t, 0.5) == pytest.approx(1e-3 * (0.1 + 0.45))
    assert lr_at(100, t, 1.0) == pytest.approx(1e-4)
    assert lr_at(100, t) == pytest.approx(1e-3 * (10 / 100) ** 0.5)  # no budget: inverse sqrt

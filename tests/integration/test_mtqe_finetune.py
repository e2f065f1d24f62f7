"""Fine-tuning the flagger's encoder layers (repair/mtqe/net.py, finetune.py) on a few
sentences with the shipped model: the training network and the flagger's own inference
path (features.Encoder with the tuned layers + head.Head) must give the same
probabilities, and an interrupted run must resume."""

import json

import numpy as np
import pytest

from repair.mtqe import data as D
from repair.mtqe.labels import word_labels
from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
]

PAIRS = [
    ("He go to the school every days.", "He goes to school every day."),
    ("The crackdown to protests was brutal.", "The crackdown on protests was brutal."),
    ("Russia needs reinforcement is clear.", "That Russia needs reinforcement is clear."),
    ("She has visited Paris in 2019 year.", "She visited Paris in 2019."),
    ("The report was published on Tuesday.", "The report was published on Tuesday."),
    ("Prices rose by 3.5% in a March.", "Prices rose by 3.5% in March."),
]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    from repair.model.load import load
    from repair.mtqe.finetune import flat_arrays
    from repair.mtqe.net import Prepared

    examples = [D.Example(mt, word_labels(mt, pe).bad, "test") for mt, pe in PAIRS] * 4
    arrays = flat_arrays(examples, load("default").tokenizer)
    path = tmp_path_factory.mktemp("prep") / "prepared.npz"
    with open(path, "wb") as f:
        np.savez_compressed(f, **arrays)
    return path, Prepared(path), examples


def test_prepared_sentences_keep_their_words_labels_and_pieces(prepared):
    _, recs, examples = prepared
    assert len(recs) == len(examples)
    for i, e in enumerate(examples):
        r = recs[i]
        assert [bool(b) for b in r["bad"]] == list(e.bad)
        assert len(r["spans"]) == len(r["surface"]) == len(e.bad)
        assert all(0 <= j < k < len(r["ids"]) for j, k in r["spans"])  # every word has pieces; </s> is last
    assert recs[1]["origin"] == "test"


def _train(path, out, epochs, minutes=float("inf")):
    from repair.mtqe.net import parser, train

    args = parser().parse_args(["--prepared", str(path), "--out", str(out), "--model", str(SHIPPED_MODEL_DIR),
                                "--epochs", str(epochs), "--batch-tokens", "256", "--device", "cpu",
                                "--threads", "1"])
    args.max_minutes = minutes
    return train(args)


def test_tuned_flagger_scores_as_it_was_trained_and_resumes(prepared, tmp_path):
    import torch

    from repair.model.load import load
    from repair.mtqe.features import Encoder
    from repair.mtqe.head import Head, HeadConfig
    from repair.mtqe.net import FlaggerNet, Prepared, collate, load_encoder

    path, recs, examples = prepared
    out = tmp_path / "tuned"
    assert _train(path, out, epochs=1, minutes=0) == 0  # stops after the first batch, with a checkpoint
    first = torch.load(out / "checkpoint.pt", weights_only=False)
    assert (first["epoch"], first["batch"]) == (0, 1)
    assert _train(path, out, epochs=2) == 0  # resumes there and finishes
    assert torch.load(out / "checkpoint.pt", weights_only=False)["epoch"] == 2
    meta = json.loads((out / "net.json").read_text())
    assert meta["tuned_layers"] == 4 and meta["read"] == [2, 4]

    # the flagger's inference path, as MTFlagger builds it
    from safetensors.torch import load_file

    from repair.mtqe.net import build_mlp

    mlp = build_mlp(meta["dim"], meta["hidden"])
    mlp.load_state_dict(load_file(str(out / "head.safetensors")))
    head = Head(HeadConfig(tuple(meta["read"]), meta["dim"], meta["hidden"], 0.5, tuple(meta["feature_mean"]),
                           tuple(meta["feature_std"]), tuned_layers=4), mlp)
    encoder = Encoder(load("default"), read=(2, 4), tuned=out / "encoder.safetensors")
    probs = [head.probabilities(f) for f in encoder.encode([e.text for e in examples[:6]])]

    # the training network with the checkpoint's weights
    enc, pad = load_encoder(SHIPPED_MODEL_DIR)
    zero = torch.zeros(meta["dim"])
    net = FlaggerNet(enc, (2, 4), meta["hidden"], zero, zero + 1)
    net.load_state_dict(torch.load(out / "checkpoint.pt", weights_only=False)["net"])
    net.eval()
    ids, mask, pool, surface, _, wmask = collate([Prepared(path)[i] for i in range(6)], pad)
    with torch.inference_mode():
        p_net = torch.sigmoid(net(ids, mask, pool, surface))
    for i, p in enumerate(probs):
        # the shipped layers are float16: the tuned copy is rounded to it, hence the tolerance
        assert np.allclose(p, p_net[i, :len(p)].numpy(), atol=0.02), (p, p_net[i])

    # an untuned encoder gives other probabilities: the tuned layers are really read
    plain = Encoder(load("default"), read=(2, 4))
    untuned = head.probabilities(plain.encode([examples[0].text])[0])
    assert not np.allclose(untuned, probs[0], atol=1e-4)


def test_a_missing_tuned_folder_is_one_line_and_exit_2(tmp_path, capsys):
    from repair.mtqe.finetune import main

    assert main(["calibrate", "--tuned", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("repair: ") and "holds no tuned flagger" in err and "\n" not in err

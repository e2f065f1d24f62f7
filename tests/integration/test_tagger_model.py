"""The function-word tagger trained for a few steps on a few sentences with the shipped
model: the training network and the proposer's inference path (Encoder with the tuned
layers + the heads) must give the same scores."""

import json

import numpy as np
import pytest

from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available
from repair.tagger import labels as L

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
]

TEXTS = ["He launched one brutal crackdown to protests.", "She gave approval last week 16,000 volunteers.",
         "The report was published on Tuesday in London.", "They talked about a plan for the city."]


def test_trained_tagger_scores_as_it_was_trained(tmp_path):
    import torch

    from repair.model.load import load
    from repair.mtqe.finetune import save_arrays
    from repair.mtqe.net import load_encoder
    from repair.tagger.model import Tagger
    from repair.tagger.net import TaggedArrays, TaggerNet, collate
    from repair.tagger.train import flat_arrays, main

    prepared = tmp_path / "prepared.npz"
    save_arrays(prepared, flat_arrays([L.clean_labels(t) for t in TEXTS] * 3, load("default").tokenizer))
    out = tmp_path / "tuned"
    assert main(["train", "--prepared", str(prepared), "--out", str(out), "--epochs", "1", "--layers", "2",
                 "--hidden", "16", "--batch-tokens", "128", "--threads", "1", "--device", "cpu"]) == 0
    config = json.loads((out / "config.json").read_text())
    assert config["layers"] == 2 and config["replace"] == list(L.REPLACE)

    scores = Tagger(out, load("default")).scores(TEXTS)
    enc, pad = load_encoder(SHIPPED_MODEL_DIR)
    net = TaggerNet(enc, 2, 16)
    net.load_state_dict(torch.load(out / "checkpoint.pt", weights_only=False)["net"])
    net.eval()
    ids_t, mask, pool, _, _ = collate([TaggedArrays(prepared)[i] for i in range(len(TEXTS))], pad)
    with torch.inference_mode():
        r, g = net(ids_t, mask, pool)
    for i, s in enumerate(scores):
        n = len(s.replace)
        want = (torch.log_softmax(r[i, :n], -1) / np.log(10)).numpy()
        assert np.allclose(s.replace, want, atol=0.02)
        assert np.allclose(s.insert, (torch.log_softmax(g[i, :n], -1) / np.log(10)).numpy(), atol=0.02)


"""The function-word tagger as one torch network, and its training.

The first layers of the seq2seq model's encoder (tuned, their own copy; the embeddings
stay the model's), each word's state the mean of its pieces' states at the last of them,
then two heads: ``replace`` reads a word's state (what belongs in the place of an
article, ``one`` or a preposition), ``insert`` reads the states of a word and of the word
before it (what is missing between them). Classes: :mod:`repair.tagger.labels`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import torch

from ..mtqe.net import FlatSentences, checkpoint, cut_encoder, export_layers, fit, log, start, write_atomic
from .labels import INSERT, REPLACE


def heads(d: int, hidden: int) -> torch.nn.ModuleDict:
    def mlp(n_in: int, n_out: int):
        return torch.nn.Sequential(torch.nn.Linear(n_in, hidden), torch.nn.GELU(), torch.nn.Dropout(0.1),
                                   torch.nn.Linear(hidden, n_out))

    return torch.nn.ModuleDict({"replace": mlp(d, len(REPLACE)), "insert": mlp(2 * d, len(INSERT))})


def head_logits(h: torch.nn.ModuleDict, states: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """``states``: (..., words, d) word states -> replace and insert logits per word."""
    prev = torch.cat([torch.zeros_like(states[..., :1, :]), states[..., :-1, :]], dim=-2)
    return h["replace"](states), h["insert"](torch.cat([prev, states], dim=-1))


class TaggerNet(torch.nn.Module):
    def __init__(self, encoder: torch.nn.Module, layers: int, hidden: int):
        super().__init__()
        self.layers = layers
        self.encoder = cut_encoder(encoder, layers, own=True)
        for p in self.encoder.parameters():
            p.requires_grad_(False)
        for p in self.encoder.layers.parameters():
            p.requires_grad_(True)
        self.heads = heads(encoder.config.d_model, hidden)

    def forward(self, ids, mask, pool):
        states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state.float()
        return head_logits(self.heads, torch.bmm(pool, states))


class TaggedArrays(FlatSentences):
    """Training sentences as ``repair.tagger.train prepare`` stores them: per word its piece
    range and its REPLACE and INSERT labels."""

    WORD_FIELDS = ("spans", "replace", "insert")


def collate(records: Sequence[dict], pad: int):
    width = max(len(r["ids"]) for r in records)
    nwords = max(1, max(len(r["spans"]) for r in records))
    b = len(records)
    ids = torch.full((b, width), pad, dtype=torch.long)
    mask = torch.zeros((b, width), dtype=torch.long)
    pool = torch.zeros((b, nwords, width))
    rep = torch.full((b, nwords), -1, dtype=torch.long)
    ins = torch.full((b, nwords), -1, dtype=torch.long)
    for i, r in enumerate(records):
        n, m = len(r["ids"]), len(r["spans"])
        ids[i, :n] = torch.as_tensor(r["ids"], dtype=torch.long)
        mask[i, :n] = 1
        for w, (j, k) in enumerate(r["spans"]):
            if k > j:
                pool[i, w, j:k] = 1.0 / (k - j)
        rep[i, :m] = torch.as_tensor(r["replace"], dtype=torch.long)
        ins[i, :m] = torch.as_tensor(r["insert"], dtype=torch.long)
    return ids, mask, pool, rep, ins


def train(args) -> int:
    started = start(args, "python -m repair.tagger.train prepare", args.layers)
    if started is None:
        return 2
    device, out, encoder, pad = started
    records = TaggedArrays(args.prepared)
    ckpt = out / "checkpoint.pt"
    net = TaggerNet(encoder, args.layers, args.hidden).to(device)
    key = {k: getattr(args, k) for k in ("prepared", "layers", "hidden", "lr_encoder", "lr_head", "batch_tokens",
                                         "seed")}
    opt = torch.optim.AdamW([{"params": net.encoder.layers.parameters(), "lr": args.lr_encoder},
                             {"params": net.heads.parameters(), "lr": args.lr_head}], weight_decay=1e-2)
    ce = torch.nn.CrossEntropyLoss(ignore_index=-1)

    def loss_of(recs: list[dict]) -> torch.Tensor:
        ids, mask, pool, rep, ins = [t.to(device) for t in collate(recs, pad)]
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            r, g = net(ids, mask, pool)
        return ce(r.float().flatten(0, 1), rep.flatten()) + ce(g.float().flatten(0, 1), ins.flatten())

    fit(net, opt, records, loss_of, args, ckpt, checkpoint(ckpt, key), key)
    export(net, out, args)
    return 0


def export(net: TaggerNet, out: Path, args) -> None:
    """``encoder.safetensors`` (the tuned layers, float16), ``heads.safetensors`` and
    ``config.json``: what :class:`repair.tagger.model.Tagger` loads."""
    from safetensors.torch import save_file


    net = net.cpu().eval()
    export_layers(net.encoder, out)
    write_atomic(out / "heads.safetensors", lambda tmp: save_file(
        {k: v.contiguous() for k, v in net.heads.state_dict().items()}, str(tmp)))
    config = {"layers": net.layers, "hidden": args.hidden, "replace": list(REPLACE), "insert": list(INSERT),
              "epochs": args.epochs}
    write_atomic(out / "config.json", lambda tmp: tmp.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8"))
    log(f"exported to {out}")

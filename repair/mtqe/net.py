"""The flagger as one network, for fine-tuning: the first encoder layers of the seq2seq
model, a mean over each word's pieces, the word's surface features, and the head's MLP.

This module imports nothing from the rest of ``repair`` (torch and, to read the model,
transformers and safetensors only), so the same training runs on a machine that has
torch but not the package's other dependencies:

    python3 repair/mtqe/net.py --prepared runs/mt-flagger/prepared.npz --out runs/mt-flagger/tuned

``--prepared`` is written by ``python -m repair.mtqe.finetune prepare`` (token ids, each
word's pieces, surface features and labels). Training checkpoints after every epoch and
every ``--checkpoint-minutes``; run again with the same arguments to resume. It writes
``encoder.safetensors`` (the tuned layers), ``head.safetensors`` and ``net.json`` to
``--out``; ``python -m repair.mtqe.finetune calibrate`` then chooses the threshold.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Sequence

import torch

SURFACE = 6  # surface features per word (features.surface)


def build_mlp(dim: int, hidden: int) -> torch.nn.Module:
    return torch.nn.Sequential(torch.nn.Linear(dim, hidden), torch.nn.GELU(), torch.nn.Dropout(0.1),
                               torch.nn.Linear(hidden, 1))


def cut_encoder(encoder: torch.nn.Module, layers: int, own: bool) -> torch.nn.Module:
    """The encoder up to ``layers`` layers. With ``own`` the layers are copies (to be tuned
    or loaded with tuned weights) and the embeddings stay shared with ``encoder``."""
    cut = copy.copy(encoder)
    cut._modules = dict(encoder._modules)
    kept = list(encoder.layers)[:layers]
    cut._modules["layers"] = torch.nn.ModuleList([copy.deepcopy(x) for x in kept] if own else kept)
    return cut


def write_atomic(path: Path, write) -> None:
    """``write(tmp)`` then the temporary file replaces ``path``: a killed export leaves the
    old file or the new one, never half of one."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    tmp.replace(path)


def tuned_layer_weights(cut: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {f"layers.{k}": v for k, v in cut.layers.state_dict().items()}


class FlaggerNet(torch.nn.Module):
    """Token ids -> P(BAD) logit per word. ``pool`` is (batch, words, tokens): each word's
    row averages the states of its pieces; ``surface`` is (batch, words, SURFACE)."""

    def __init__(self, encoder: torch.nn.Module, read: Sequence[int], hidden: int,
                 mean: torch.Tensor, std: torch.Tensor):
        super().__init__()
        self.read = tuple(read)
        self.encoder = cut_encoder(encoder, max(self.read), own=True)
        for p in self.encoder.parameters():
            p.requires_grad_(False)
        for p in self.encoder.layers.parameters():
            p.requires_grad_(True)
        d = encoder.config.d_model
        self.mlp = build_mlp(len(self.read) * d + SURFACE, hidden)
        self.register_buffer("mean", mean.float())
        self.register_buffer("std", std.float())

    def features(self, ids, mask, pool, surface):
        out = self.encoder(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        states = torch.cat([out.hidden_states[r] for r in self.read], dim=-1).float()
        return torch.cat([torch.bmm(pool, states), surface], dim=-1)

    def forward(self, ids, mask, pool, surface):
        x = (self.features(ids, mask, pool, surface) - self.mean) / self.std
        return self.mlp(x)[..., 0]


class FlatSentences:
    """Sentences stored as flat arrays: token ids (``ids``, each sentence starting at
    ``id_at``) and per-word arrays (``WORD_FIELDS``, each sentence starting at ``word_at``).
    A record is a dict of the sentence's slices."""

    WORD_FIELDS: tuple[str, ...] = ("spans",)

    def __init__(self, path: str | Path):
        import numpy as np

        z = np.load(path, allow_pickle=False)
        self.arrays = {k: z[k] for k in z.files}
        self.id_at, self.word_at = self.arrays["id_at"], self.arrays["word_at"]

    def __len__(self) -> int:
        return len(self.id_at) - 1

    def tokens(self, i: int) -> int:
        return int(self.id_at[i + 1] - self.id_at[i])

    def __getitem__(self, i: int) -> dict:
        a, b = self.word_at[i], self.word_at[i + 1]
        return {"ids": self.arrays["ids"][self.id_at[i]:self.id_at[i + 1]],
                **{f: self.arrays[f][a:b] for f in self.WORD_FIELDS}}


class Prepared(FlatSentences):
    """The flagger's training sentences as ``finetune.prepare`` stores them: per word its
    piece range, surface features and label; per sentence its origin."""

    WORD_FIELDS = ("spans", "surface", "bad")

    def __getitem__(self, i: int) -> dict:
        names = self.arrays["origin_names"]
        return super().__getitem__(i) | {"origin": str(names[self.arrays["origin"][i]])}


def collate(records: Sequence[dict], pad: int):
    """Batch tensors from prepared records: ids, mask, pool, surface, labels, word mask."""
    width = max(len(r["ids"]) for r in records)
    nwords = max(len(r["spans"]) for r in records)
    b = len(records)
    ids = torch.full((b, width), pad, dtype=torch.long)
    mask = torch.zeros((b, width), dtype=torch.long)
    pool = torch.zeros((b, nwords, width))
    surface = torch.zeros((b, nwords, SURFACE))
    labels = torch.zeros((b, nwords))
    wmask = torch.zeros((b, nwords))
    for i, r in enumerate(records):
        n = len(r["ids"])
        ids[i, :n] = torch.tensor(r["ids"])
        mask[i, :n] = 1
        for w, (j, k) in enumerate(r["spans"]):
            if k > j:
                pool[i, w, j:k] = 1.0 / (k - j)
        m = len(r["spans"])
        surface[i, :m] = torch.as_tensor(r["surface"]).float()
        labels[i, :m] = torch.as_tensor(r["bad"]).float()
        wmask[i, :m] = 1
    return ids, mask, pool, surface, labels, wmask


def batches(records: Prepared, tokens: int, rng: random.Random) -> list[list[int]]:
    """Indices in batches of about ``tokens`` padded tokens, similar lengths together."""
    order = sorted(range(len(records)), key=lambda i: (records.tokens(i), rng.random()))
    out, cur, width = [], [], 0
    for i in order:
        w = max(width, records.tokens(i))
        if cur and w * (len(cur) + 1) > tokens:
            out.append(cur)
            cur, w = [], records.tokens(i)
        cur.append(i)
        width = w
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def load_encoder(model_dir: Path):
    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir)).float()  # the weights are float16
    return model.get_encoder(), model.config.pad_token_id


def feature_stats(net: FlaggerNet, records, pad: int, device: str, n: int = 2000):
    """Mean and std of the untuned features over up to ``n`` records (fixed during tuning)."""
    xs = []
    with torch.inference_mode():
        for b in range(0, min(n, len(records)), 64):
            recs = [records[i] for i in range(b, min(b + 64, len(records)))]
            ids, mask, pool, surface, _, wmask = [t.to(device) for t in collate(recs, pad)]
            x = net.features(ids, mask, pool, surface)
            xs.append(x[wmask.bool()].cpu())
    x = torch.cat(xs)
    return x.mean(0), x.std(0) + 1e-4


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def start(args, prepare: str, layers: int) -> tuple[str, Path, torch.nn.Module, int] | None:
    """The device to train on, the output folder (made), the model's encoder and its pad
    id, seeded; None (after one line on stderr) when ``args.prepared`` is missing
    (``prepare`` is the command that writes it), the model cannot be read, or it has fewer
    than ``layers`` encoder layers."""
    def refuse(msg: str) -> None:
        print(f"repair: {msg}", file=sys.stderr)

    if not Path(args.prepared).is_file():
        return refuse(f"{str(args.prepared)!r} not found: run `{prepare}` first")
    try:
        encoder, pad = load_encoder(Path(args.model))
    except (OSError, ValueError) as exc:
        return refuse(f"cannot read the model in {str(args.model)!r}: {str(exc).splitlines()[0]}")
    if not 1 <= layers <= len(encoder.layers):
        return refuse(f"the model's encoder has {len(encoder.layers)} layers; cannot tune {layers}")
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return device, out, encoder, pad


def train(args) -> int:
    read = args.read
    started = start(args, "python -m repair.mtqe.finetune prepare", max(read))
    if started is None:
        return 2
    device, out, encoder, pad = started
    records = Prepared(args.prepared)
    ckpt = out / "checkpoint.pt"
    zero = torch.zeros(len(read) * encoder.config.d_model + SURFACE)
    net = FlaggerNet(encoder, read, args.hidden, zero, zero + 1).to(device)
    state = checkpoint(ckpt, _key(args))
    if state is None:
        mean, std = feature_stats(net, records, pad, device)
        net.mean.copy_(mean.to(device))
        net.std.copy_(std.to(device))
    opt = torch.optim.AdamW([{"params": net.encoder.layers.parameters(), "lr": args.lr_encoder},
                             {"params": net.mlp.parameters(), "lr": args.lr_head}], weight_decay=1e-2)
    weights = args.weights

    def loss_of(recs: list[dict]) -> torch.Tensor:
        ids, mask, pool, surface, labels, wmask = [t.to(device) for t in collate(recs, pad)]
        w = wmask * torch.tensor([weights.get(r["origin"], 1.0) for r in recs], device=device)[:, None]
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            logits = net(ids, mask, pool, surface)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits.float(), labels, reduction="none")
        return (loss * w).sum() / w.sum().clamp(min=1)

    fit(net, opt, records, loss_of, args, ckpt, state, _key(args))
    export(net, out, args)
    return 0


def fit(net: torch.nn.Module, opt, records, loss_of, args, ckpt: Path, state: dict | None, key: dict) -> None:
    """Train ``net`` for ``args.epochs`` over ``records`` in batches of about
    ``args.batch_tokens`` tokens (``loss_of(list of records)`` gives a batch's loss),
    saving ``ckpt`` after every epoch, every ``args.checkpoint_minutes`` and when
    ``args.max_minutes`` is up; ``state`` (a loaded checkpoint made with the same ``key``)
    resumes at its batch."""
    epoch, done_batches = 0, 0
    if state:
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        epoch, done_batches = state["epoch"], state["batch"]
        log(f"resumed at epoch {epoch + 1}, batch {done_batches}")
    started = last_save = time.time()
    deadline = started + 60 * args.max_minutes

    def save(e: int, b: int) -> None:
        tmp = ckpt.with_suffix(".tmp")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "epoch": e, "batch": b, "args": key}, tmp)
        tmp.replace(ckpt)

    while epoch < args.epochs:
        plan = batches(records, args.batch_tokens, random.Random(args.seed + epoch))
        net.train()
        total, seen = 0.0, 0
        for bi in range(done_batches, len(plan)):
            loss = loss_of([records[i] for i in plan[bi]])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            total += float(loss.detach())
            seen += 1
            now = time.time()
            if now > deadline:
                save(epoch, bi + 1)
                log(f"--max-minutes reached at epoch {epoch + 1}, batch {bi + 1}/{len(plan)}")
                return
            if now - last_save > 60 * args.checkpoint_minutes:
                save(epoch, bi + 1)
                last_save = now
                log(f"epoch {epoch + 1}: batch {bi + 1}/{len(plan)}, loss {total / seen:.4f}")
        epoch, done_batches = epoch + 1, 0
        save(epoch, 0)
        log(f"epoch {epoch}/{args.epochs}: loss {total / max(1, seen):.4f} ({time.time() - started:.0f} s)")


def checkpoint(ckpt: Path, key: dict) -> dict | None:
    """The checkpoint at ``ckpt`` if it was made with the same ``key`` (else None: start again)."""
    state = torch.load(ckpt, weights_only=False) if ckpt.is_file() else None
    if state and state["args"] != key:
        log("the checkpoint was made with other arguments: starting again")
        return None
    return state


def _key(args) -> dict:
    return {k: getattr(args, k) for k in ("prepared", "read", "hidden", "lr_encoder", "lr_head", "weights",
                                          "batch_tokens", "seed")}


def export_layers(cut: torch.nn.Module, out: Path) -> None:
    """The tuned encoder layers as float16 ``encoder.safetensors``, as ``features.Encoder`` loads them."""
    from safetensors.torch import save_file

    write_atomic(out / "encoder.safetensors", lambda tmp: save_file(
        {k: v.half().contiguous() for k, v in tuned_layer_weights(cut).items()}, str(tmp)))


def export(net: FlaggerNet, out: Path, args) -> None:
    """The tuned layers (float16) and the head, as the flagger loads them (head.Head)."""
    from safetensors.torch import save_file

    net = net.cpu().eval()
    export_layers(net.encoder, out)
    write_atomic(out / "head.safetensors", lambda tmp: save_file(
        {k: v.contiguous() for k, v in net.mlp.state_dict().items()}, str(tmp)))
    meta = {"read": list(net.read), "hidden": args.hidden, "dim": int(net.mean.numel()),
            "feature_mean": [float(x) for x in net.mean], "feature_std": [float(x) for x in net.std],
            "tuned_layers": max(net.read), "epochs": args.epochs, "prepared": str(args.prepared)}
    write_atomic(out / "net.json", lambda tmp: tmp.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8"))
    log(f"exported to {out}")


def layer_list(text: str) -> tuple[int, ...]:
    try:
        layers = tuple(int(x) for x in text.split(","))
    except ValueError:
        layers = ()
    if not layers or min(layers) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of encoder layers (1 and up), e.g. 2,4")
    return layers


def origin_weights(text: str) -> dict[str, float]:
    try:
        return {k: float(v) for k, v in (x.split(":") for x in text.split(",") if x)}
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not origin:weight,... (e.g. mqm:2,clean:1)") from None


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description="Fine-tune the MT flagger's encoder layers with its head.")
    ap.add_argument("--prepared", required=True, help="written by `python -m repair.mtqe.finetune prepare`")
    ap.add_argument("--model", default="models/repair-small")
    ap.add_argument("--out", required=True)
    ap.add_argument("--read", type=layer_list, default=(2, 4),
                    help="encoder layers the head reads, e.g. 2,4; layers up to the deepest are tuned")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr-encoder", type=float, default=5e-5)
    ap.add_argument("--lr-head", type=float, default=1e-3)
    ap.add_argument("--batch-tokens", type=int, default=2048)
    ap.add_argument("--weights", type=origin_weights, default={"mqm": 2.0},
                    help="loss weight per origin, e.g. mqm:2,clean:1")
    ap.add_argument("--max-minutes", type=float, default=math.inf, help="stop (with a checkpoint) after this long")
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--device", default="")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    return ap


if __name__ == "__main__":
    sys.exit(train(parser().parse_args()))

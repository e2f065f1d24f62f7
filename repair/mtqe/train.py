"""Train the MT flagger: ``python -m repair.mtqe.train`` (see docs/mt-flags.md).

1. Word-labelled sentences from the MLQE-PE train split (real, synthetic, clean), and the
   tuning/reporting sets (MLQE-PE dev, WMT MQM TED zh-en), see :mod:`repair.mtqe.data`.
2. Encoder features of every word, computed once with the shipped model and cached in
   ``--work`` in chunks (an interrupted run resumes where it stopped).
3. A small MLP head, one checkpoint per epoch in ``--work``.
4. The flagging threshold chosen on the MQM tuning half (the most recall whose flags
   touch a marked span at least ``--precision`` % of the time and leave at most
   ``--max-unmarked`` flags per 1,000 words of unmarked segments); every measure is then
   reported on the other half, and written to ``--work/metrics.json``.
5. The head and its config saved to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from ..eval import metrics
from ..paths import DEFAULT_DATA_DIR, MODELS_DIR, REPO_ROOT
from . import data as D
from .head import Head, HeadConfig, flagged_runs
from .labels import f1_bad, words
from .net import log

CACHE_READ = (2, 4)  # layers cached for heads that read the encoder; a head reads any subset
EMBEDDINGS = (0,)  # a head that reads only the embeddings has a cache of its own
CHUNK = 400


def features(encoder, examples: Sequence[D.Example], cache: Path, deadline: float = math.inf) -> list[np.ndarray]:
    """Per-example word features, cached chunk by chunk under ``cache``. Past ``deadline``
    (a ``time.time()``), no new chunk is started: the examples cached so far are returned."""
    cache.mkdir(parents=True, exist_ok=True)
    out: list[np.ndarray] = []
    for c in range(0, len(examples), CHUNK):
        if time.time() > deadline and not (cache / f"{c // CHUNK:05d}.npz").is_file():
            log(f"  {cache.name}: time is up, {c} of {len(examples)} examples encoded")
            break
        path = cache / f"{c // CHUNK:05d}.npz"
        chunk = examples[c:c + CHUNK]
        if path.is_file():
            z = np.load(path)
            arrs = [z[f"a{i}"] for i in range(len(chunk))]
        else:
            arrs = [a.astype(np.float16) for a in encoder().encode([e.text for e in chunk])]
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, **{f"a{i}": a for i, a in enumerate(arrs)})
            tmp.replace(path)
            log(f"  {cache.name}: {min(c + CHUNK, len(examples))}/{len(examples)}")
        out.extend(arrs)
    return out


def columns(read: Sequence[int], cached: Sequence[int], d_model: int, surface: int) -> np.ndarray:
    cols = [np.arange(cached.index(r) * d_model, (cached.index(r) + 1) * d_model) for r in read]
    tail = len(cached) * d_model
    return np.concatenate(cols + [np.arange(tail, tail + surface)])


def train_mlp(x: np.ndarray, y: np.ndarray, hidden: int, epochs: int, work: Path, seed: int = 0,
              lr: float = 1e-3, batch: int = 512):
    import torch

    from .net import build_mlp

    torch.manual_seed(seed)
    mlp = build_mlp(x.shape[1], hidden)
    opt = torch.optim.AdamW(mlp.parameters(), lr=lr, weight_decay=1e-2)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.float32))
    ckpt = work / "head.pt"
    start = 0
    if ckpt.is_file():
        state = torch.load(ckpt)
        if state.get("shape") == list(x.shape) and state.get("hidden") == hidden:
            mlp.load_state_dict(state["mlp"])
            opt.load_state_dict(state["opt"])
            start = state["epoch"]
            log(f"resumed the head at epoch {start}")
    g = torch.Generator().manual_seed(seed)
    for epoch in range(start, epochs):
        mlp.train()
        perm = torch.randperm(len(xt), generator=g)
        total = 0.0
        for b in range(0, len(perm), batch):
            idx = perm[b:b + batch]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(mlp(xt[idx])[:, 0], yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        torch.save({"mlp": mlp.state_dict(), "opt": opt.state_dict(), "epoch": epoch + 1,
                    "shape": list(x.shape), "hidden": hidden}, ckpt)
        log(f"epoch {epoch + 1}/{epochs}: loss {total / len(perm):.4f}")
    return mlp.eval()


def flag_spans(text: str, probs: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    toks = words(text)
    return [(toks[a].start, toks[b - 1].end) for a, b in flagged_runs(toks, probs, threshold)]


def mqm_report(segments: Sequence[D.MqmSegment], probs: Sequence[np.ndarray], threshold: float) -> dict:
    flags = [flag_spans(s.text, p, threshold) for s, p in zip(segments, probs)]
    ws = [[(t.start, t.end) for t in words(s.text)] for s in segments]
    sc = metrics.span_scores([s.spans for s in segments], flags, ws)
    return {"threshold": threshold, "precision": sc.precision, "random_precision": sc.random_precision,
            "flags": sc.flags, "unmarked_flags_per_kw": sc.unmarked_flags_per_kw,
            "recall": {k: round(v, 2) for k, v in sorted(sc.recall.items())}, "marked": sc.marked}


def choose_threshold(segments, probs, precision: float, max_unmarked: float) -> tuple[float, dict]:
    best = None
    for t in np.arange(0.30, 0.99, 0.02):
        r = mqm_report(segments, probs, float(round(t, 2)))
        ok = (not math.isnan(r["precision"]) and r["precision"] >= precision
              and not r["unmarked_flags_per_kw"] > max_unmarked)
        if ok and (best is None or r["recall"].get("all", 0) > best[1]["recall"].get("all", 0)):
            best = (float(round(t, 2)), r)
    if best is None:  # no threshold meets the bars: the one with the best precision
        reports = [mqm_report(segments, probs, float(round(t, 2))) for t in np.arange(0.30, 0.99, 0.02)]
        reports = [r for r in reports if r["flags"] >= 10] or reports
        r = max(reports, key=lambda r: -1 if math.isnan(r["precision"]) else r["precision"])
        best = (r["threshold"], r)
    return best


def calibrate(mqm: Sequence[D.MqmSegment], p_mqm: Sequence[np.ndarray], dev: Sequence[D.Example],
              p_dev: Sequence[np.ndarray], precision: float, max_unmarked: float) -> tuple[float, dict]:
    """The threshold chosen on the MQM sample's first half, and every measure: MQM on its
    second half, word-level F1 on MLQE-PE dev's second half."""
    tune = [i for i, s in enumerate(mqm) if s.half == 0]
    report = [i for i, s in enumerate(mqm) if s.half == 1]
    threshold, tuned = choose_threshold([mqm[i] for i in tune], [p_mqm[i] for i in tune], precision, max_unmarked)
    held = mqm_report([mqm[i] for i in report], [p_mqm[i] for i in report], threshold)
    held["word_auc"] = word_auc([e.bad for e in D.mqm_examples(mqm[i] for i in report)], [p_mqm[i] for i in report])
    result = {"threshold": threshold, "mqm_tune": tuned, "mqm_report": held, "mlqe_dev": {}}
    for pair in D.PAIRS:
        idx = [i for i, e in enumerate(dev) if e.origin == f"{pair}-en" and e.half == 1]
        gold = [dev[i].bad for i in idx]
        pred = [tuple(bool(p >= threshold) for p in p_dev[i]) for i in idx]
        half = [tuple(bool(p >= 0.5) for p in p_dev[i]) for i in idx]
        result["mlqe_dev"][pair] = {
            "f1_bad": f1_bad(gold, pred)[2], "f1_bad_at_0.5": f1_bad(gold, half)[2],
            "prf_bad": f1_bad(gold, pred), "f1_all_bad": f1_bad(gold, [(True,) * len(g) for g in gold])[2],
            "sentences": len(idx), "word_auc": word_auc(gold, [p_dev[i] for i in idx])}
    return threshold, result


def word_auc(gold: Sequence[Sequence[bool]], probs: Sequence[np.ndarray]) -> float:
    """ROC AUC of the words' P(BAD) against their labels."""
    g = np.concatenate([np.asarray(x, bool) for x in gold]) if gold else np.zeros(0, bool)
    p = np.concatenate([np.asarray(x, float) for x in probs]) if probs else np.zeros(0)
    return metrics.roc_auc(p[g], p[~g])


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.mtqe.train", description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA_DIR))
    ap.add_argument("--out", default=str(MODELS_DIR / "mt-flagger"))
    ap.add_argument("--work", default=str(REPO_ROOT / "runs" / "mt-flagger"))
    ap.add_argument("--pairs", default="ru:2000,et:2000,ro:2000,ne:500,si:500", help="train sentences per pair")
    ap.add_argument("--synthetic", type=int, default=2500)
    ap.add_argument("--clean", type=int, default=1500)
    ap.add_argument("--origins", default="", help="train only on these origins (comma-separated), e.g. ru-en,synthetic")
    ap.add_argument("--read", default="2,4", help="encoder layers the head reads (of 2,4,8)")
    ap.add_argument("--lm", action="store_true", help="add the bigram model's features (repair.lm)")
    ap.add_argument("--window", type=int, default=0, help="neighbour words either side the head sees")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--encode-minutes", type=float, default=60.0,
                    help="stop encoding new training chunks after this many minutes (the cache keeps them)")
    ap.add_argument("--mqm", type=int, default=800, help="MQM segments for tuning and reporting")
    ap.add_argument("--mqm-train", type=int, default=0,
                    help="MQM segments of the tuning half (outside the tuning sample) added to training")
    ap.add_argument("--dev-per-pair", type=int, default=100)
    ap.add_argument("--precision", type=float, default=40.0)
    ap.add_argument("--max-unmarked", type=float, default=3.0)
    args = ap.parse_args(argv)

    data, work, out = Path(args.data), Path(args.work), Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    per_pair = {k: int(v) for k, v in (x.split(":") for x in args.pairs.split(","))}
    read = tuple(int(x) for x in args.read.split(","))
    started = time.time()

    train = D.train_examples(data, per_pair, args.synthetic, args.clean)
    random.Random(0).shuffle(train)  # any prefix of the cache is a fair sample of every origin
    dev = D.mlqe_dev(data, args.dev_per_pair)
    mqm, mqm_train = D.mqm_split(D.read_mqm(data), args.mqm, args.mqm_train)
    log(f"{len(train)} training sentences, {len(dev)} MLQE-PE dev, {len(mqm)} MQM segments")

    loaded = {}
    cached = EMBEDDINGS if read == EMBEDDINGS else CACHE_READ

    def encoder():
        if "enc" not in loaded:
            from ..model.load import load
            from .features import Encoder

            loaded["enc"] = Encoder(load("default"), read=cached)
        return loaded["enc"]

    tag = f"{args.pairs}-{args.synthetic}-{args.clean}".replace(":", "").replace(",", "_")
    layers = "L" + "".join(map(str, cached))
    f_dev = features(encoder, dev, work / "features" / f"dev-{args.dev_per_pair}-{layers}")
    f_mqm = features(encoder, D.mqm_examples(mqm), work / "features" / f"mqm-{args.mqm}-{layers}")
    # (mqm_examples keeps every segment with words; TED segments always have some)
    f_train = features(encoder, train, work / "features" / f"train-{tag}-{layers}",
                       started + 60 * args.encode_minutes)
    train = train[:len(f_train)]
    if mqm_train:
        f_train += features(encoder, D.mqm_examples(mqm_train), work / "features" / f"mqm-train-{args.mqm_train}-{layers}")
        train += D.mqm_examples(mqm_train)

    from .features import SURFACE, lm_features, windowed
    d_model = (f_train[0].shape[1] - SURFACE) // len(cached)
    cols = columns(read, cached, d_model, SURFACE)
    if args.lm:  # the bigram features go after the cached columns
        extra = f_train[0].shape[1]
        cols = np.concatenate([cols, np.arange(extra, extra + 4)])

        def with_lm(feats, examples):
            return [np.concatenate([f.astype(np.float32), lm_features(e.text, words(e.text))], axis=1)
                    for f, e in zip(feats, examples)]

        f_train = with_lm(f_train, train)
        f_dev = with_lm(f_dev, dev)
        f_mqm = with_lm(f_mqm, D.mqm_examples(mqm))
        log("bigram features added")
    origins = set(filter(None, args.origins.split(",")))
    keep = [i for i, e in enumerate(train) if not origins or e.origin in origins]
    x = np.concatenate([f_train[i][:, cols] for i in keep]).astype(np.float32)
    y = np.concatenate([np.asarray(train[i].bad, dtype=np.float32) for i in keep])
    mean, std = x.mean(0), x.std(0) + 1e-4
    if args.window:
        x = np.concatenate([windowed((f_train[i][:, cols].astype(np.float32) - mean) / std, args.window)
                            for i in keep])
        x = np.concatenate([(np.concatenate([f_train[i][:, cols] for i in keep]).astype(np.float32) - mean) / std,
                            x], axis=1)
    else:
        x = (x - mean) / std
    log(f"training the head on {len(y)} words ({100 * y.mean():.1f}% BAD), {x.shape[1]} features")
    head_work = work / (f"head-{tag}-m{args.mqm_train}{'-lm' if args.lm else ''}-{args.read.replace(',', '')}-w{args.window}-{args.hidden}-"
                        f"{args.origins.replace(',', '_') or 'all'}-e{args.epochs}")
    head_work.mkdir(parents=True, exist_ok=True)
    mlp = train_mlp(x, y, args.hidden, args.epochs, head_work)
    del x
    config = HeadConfig(read, len(cols), args.hidden, 0.5, tuple(map(float, mean)), tuple(map(float, std)),
                        args.window, args.lm)
    head = Head(config, mlp)

    p_dev = [head.probabilities(f[:, cols].astype(np.float32)) for f in f_dev]
    p_mqm = [head.probabilities(f[:, cols].astype(np.float32)) for f in f_mqm]
    threshold, result = calibrate(mqm, p_mqm, dev, p_dev, args.precision, args.max_unmarked)
    result |= {"train": {"sentences": len(keep), "words": int(len(y)), "bad_share": float(y.mean())},
               "read": list(read), "hidden": args.hidden, "epochs": args.epochs}
    result["seconds"] = time.time() - started
    (head_work / "metrics.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    final = Head(HeadConfig(read, len(cols), args.hidden, threshold, config.feature_mean, config.feature_std,
                            args.window, args.lm), mlp)
    final.save(out)
    (out / "metrics.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    log(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

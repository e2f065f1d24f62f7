"""Fine-tune the flagger's encoder layers with its head (see docs/mt-flags.md):

    python -m repair.mtqe.finetune prepare              # labelled sentences -> runs/mt-flagger/prepared.npz
    python3 repair/mtqe/net.py --prepared runs/mt-flagger/prepared.npz --out runs/mt-flagger/tuned
    python -m repair.mtqe.finetune calibrate --tuned runs/mt-flagger/tuned --out models/mt-flagger

``prepare`` labels the training sentences (:mod:`repair.mtqe.data`, with public-domain
prose from :mod:`repair.train.texts` as extra clean and damaged material) and stores, per
sentence, its token ids, each word's pieces, surface features and labels. The middle step
(:mod:`repair.mtqe.net`) needs torch and transformers only, so it also runs where the
package's other dependencies are not installed. ``calibrate`` runs the tuned flagger the
way ``repair`` runs it, chooses the threshold on the MQM tuning half, measures the
reporting half and MLQE-PE dev, and writes the model folder.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Sequence

from ..errors import RepairError
from ..paths import DEFAULT_DATA_DIR, MODELS_DIR, REPO_ROOT
from . import data as D
from .labels import words
from .net import log, write_atomic

WORK = REPO_ROOT / "runs" / "mt-flagger"


def flat_arrays(examples: Sequence[D.Example], tokenizer) -> dict:
    """What :class:`repair.mtqe.net.Prepared` reads: token ids (with </s>), each word's
    piece range, surface features and label, as flat arrays with each sentence's start.
    Sentences longer than the model's positions are left out."""
    import numpy as np

    from .features import surface, tokenised

    ids, id_at, spans, feats, bad, word_at, origin = [], [0], [], [], [], [0], []
    names: dict[str, int] = {}
    for n, piece_ids, ranges in tokenised([e.text for e in examples], tokenizer):
        e = examples[n]
        toks = words(e.text)
        ids += piece_ids
        id_at.append(len(ids))
        spans += ranges
        feats += [surface(e.text, toks, w, k - j) for w, (j, k) in enumerate(ranges)]
        bad += e.bad
        word_at.append(len(bad))
        origin.append(names.setdefault(e.origin, len(names)))
    return {"ids": np.asarray(ids, np.int32), "id_at": np.asarray(id_at, np.int64),
            "spans": np.asarray(spans, np.int16).reshape(-1, 2), "surface": np.asarray(feats, np.float16),
            "bad": np.asarray(bad, np.uint8), "word_at": np.asarray(word_at, np.int64),
            "origin": np.asarray(origin, np.uint8), "origin_names": np.asarray(list(names))}


def save_arrays(path: Path, arrays: dict) -> None:
    """``arrays`` as one compressed .npz, written whole or not at all."""
    import numpy as np

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            np.savez_compressed(f, **arrays)

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, write)


def prepare(args) -> int:
    import numpy as np

    from ..model.load import load
    from ..train.texts import load_sentences

    data = Path(args.data)
    per_pair = args.pairs
    prose = load_sentences([p for p in args.prose.split(",") if p]) if args.prose else []
    train = D.train_examples(data, per_pair, args.synthetic, args.clean, prose=prose)
    _, mqm_train = D.mqm_split(D.read_mqm(data), args.mqm, args.mqm_train)
    train += D.mqm_examples(mqm_train)
    random.Random(0).shuffle(train)
    arrays = flat_arrays(train, load("default").tokenizer)
    out = Path(args.out)
    save_arrays(out, arrays)
    counts = np.bincount(arrays["origin"], minlength=len(arrays["origin_names"]))
    log(f"{len(arrays['id_at']) - 1} sentences, {len(arrays['bad'])} words ({100 * arrays['bad'].mean():.1f}% BAD) "
        f"-> {out}; " + ", ".join(f"{k} {v}" for k, v in zip(arrays["origin_names"], counts)))
    return 0


def calibrate_cmd(args) -> int:
    from safetensors.torch import load_file

    from ..model.load import load
    from .features import Encoder
    from .head import Head, HeadConfig
    from .net import build_mlp
    from .train import calibrate

    tuned = Path(args.tuned)
    try:
        meta = json.loads((tuned / "net.json").read_text(encoding="utf-8"))
        mlp = build_mlp(meta["dim"], meta["hidden"])
        mlp.load_state_dict(load_file(str(tuned / "head.safetensors")))
    except (OSError, KeyError, ValueError, RuntimeError) as exc:
        raise RepairError(f"{str(tuned)!r} holds no tuned flagger (net.json, head.safetensors): {exc}") from None
    read = tuple(meta["read"])
    config = HeadConfig(read, meta["dim"], meta["hidden"], 0.5, tuple(meta["feature_mean"]),
                        tuple(meta["feature_std"]), tuned_layers=meta["tuned_layers"])
    head = Head(config, mlp)
    encoder = Encoder(load("default"), read=read, tuned=tuned / "encoder.safetensors")
    data = Path(args.data)
    mqm, _ = D.mqm_split(D.read_mqm(data), args.mqm, 0)
    dev = D.mlqe_dev(data, args.dev_per_pair)
    started = time.time()
    p_mqm = [head.probabilities(f) for f in encoder.encode([s.text for s in mqm])]
    p_dev = [head.probabilities(f) for f in encoder.encode([e.text for e in dev])]
    log(f"scored {len(mqm)} MQM segments and {len(dev)} MLQE-PE dev sentences in {time.time() - started:.0f} s")
    threshold, result = calibrate(mqm, p_mqm, dev, p_dev, args.precision, args.max_unmarked)
    result |= {"read": list(read), "hidden": meta["hidden"], "tuned_layers": meta["tuned_layers"],
               "epochs": meta.get("epochs")}
    print(json.dumps(result, indent=1))
    # the model folder is written beside its place and swapped in whole: a killed run leaves
    # the old flagger or the new one
    out = Path(args.out)
    staged = out.with_name(out.name + ".tmp")
    shutil.rmtree(staged, ignore_errors=True)
    final = Head(HeadConfig(read, meta["dim"], meta["hidden"], threshold, config.feature_mean, config.feature_std,
                            tuned_layers=meta["tuned_layers"]), mlp)
    final.save(staged)
    shutil.copyfile(tuned / "encoder.safetensors", staged / "encoder.safetensors")
    (staged / "metrics.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if (out / "README.md").is_file():  # the model card is kept
        shutil.copyfile(out / "README.md", staged / "README.md")
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.replace(old)
    staged.replace(out)
    shutil.rmtree(old, ignore_errors=True)
    log(f"saved {out} (threshold {threshold})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.mtqe.finetune", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="label and tokenise the training sentences")
    p.add_argument("--data", default=str(DEFAULT_DATA_DIR))
    p.add_argument("--pairs", type=D.pair_counts, default=D.pair_counts("ru:7000,et:7000,ro:7000"),
                   help="MLQE-PE train sentences per pair")
    p.add_argument("--synthetic", type=int, default=30000)
    p.add_argument("--clean", type=int, default=15000)
    p.add_argument("--prose", default="sotu,moby-dick", help="public texts (repair.train.texts) as extra clean material")
    p.add_argument("--mqm", type=int, default=800, help="the MQM tuning/reporting sample (kept out)")
    p.add_argument("--mqm-train", type=int, default=4000, help="other MQM segments of the first half for training")
    p.add_argument("--out", default=str(WORK / "prepared.npz"))
    c = sub.add_parser("calibrate", help="choose the threshold, measure, write the model folder")
    c.add_argument("--tuned", default=str(WORK / "tuned"), help="the folder net.py wrote")
    c.add_argument("--data", default=str(DEFAULT_DATA_DIR))
    c.add_argument("--out", default=str(MODELS_DIR / "mt-flagger"))
    c.add_argument("--mqm", type=int, default=800)
    c.add_argument("--dev-per-pair", type=int, default=100)
    c.add_argument("--precision", type=float, default=40.0)
    c.add_argument("--max-unmarked", type=float, default=3.0)
    args = ap.parse_args(argv)
    try:
        return prepare(args) if args.cmd == "prepare" else calibrate_cmd(args)
    except RepairError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

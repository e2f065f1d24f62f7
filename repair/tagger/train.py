"""Train the function-word tagger (see docs/slips.md):

    python -m repair.tagger.train prepare     # labelled sentences -> runs/tagger/prepared.npz
    python -m repair.tagger.train train       # -> runs/tagger/tuned (checkpoints; resumes)
    python bench/tagger_margins.py --tagger runs/tagger/tuned --write runs/tagger/tuned/config.json

``prepare`` reads public-domain prose (``python -m repair.train.texts``) and the MLQE-PE
*train* split (CC0): clean sentences damaged by :func:`repair.tagger.labels.damage` or
left as they are, and machine translations labelled by their post-edits.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Sequence

from ..errors import RepairError
from ..paths import DEFAULT_DATA_DIR, REPO_ROOT
from ..mtqe import data as D
from . import labels as L

WORK = REPO_ROOT / "runs" / "tagger"


def sentences(args, rng: random.Random) -> list[L.Tagged]:
    from ..train.texts import load_sentences

    data = Path(args.data)
    prose = [s for s in load_sentences(args.prose.split(",")) if len(s) <= 300]
    rng.shuffle(prose)
    post_edits, real = [], []
    for pair in D.PAIRS:
        rows = [r for r in D.read_tsv(data / "mlqe-pe" / f"{pair}-en.train.tsv") if r.get("mt") and r.get("pe")]
        rng.shuffle(rows)
        n = args.real if pair in ("ru", "et", "ro") else 0  # ne/si post-edits are re-translations
        real += [L.from_post_edit(r["mt"], r["pe"], f"{pair}-en") for r in rows[:n] if len(r["mt"]) <= 300]
        post_edits += [r["pe"] for r in rows[n:n + args.post_edits] if len(r["pe"]) <= 300]
    clean = prose[:args.prose_sentences] + post_edits
    out = list(real)
    for text in clean:
        if rng.random() < args.damaged:
            t = L.damage(text, rng, 1 if rng.random() < 0.7 else 2)
            out.append(t if L.changes(t) else L.clean_labels(text))
        else:
            out.append(L.clean_labels(text))
    rng.shuffle(out)
    return out


def flat_arrays(tagged: Sequence[L.Tagged], tokenizer) -> dict:
    """What :class:`repair.tagger.net.TaggedArrays` reads: token ids (with </s>), each
    word's piece range and labels, as flat arrays with each sentence's start. Sentences
    longer than the model's positions are left out."""
    import numpy as np

    from ..mtqe.features import tokenised

    ids, id_at, spans, rep, ins, word_at = [], [0], [], [], [], [0]
    for n, piece_ids, ranges in tokenised([t.text for t in tagged], tokenizer):
        ids += piece_ids
        id_at.append(len(ids))
        spans += ranges
        rep += tagged[n].replace
        ins += tagged[n].insert
        word_at.append(len(rep))
    return {"ids": np.asarray(ids, np.int32), "id_at": np.asarray(id_at, np.int64),
            "spans": np.asarray(spans, np.int16).reshape(-1, 2), "replace": np.asarray(rep, np.int8),
            "insert": np.asarray(ins, np.int8), "word_at": np.asarray(word_at, np.int64)}


def prepare(args) -> int:
    from ..model.load import load
    from ..mtqe.finetune import save_arrays

    arrays = flat_arrays(sentences(args, random.Random(args.seed)), load("default").tokenizer)
    save_arrays(Path(args.out), arrays)
    rep, ins = arrays["replace"], arrays["insert"]
    keep = L.REPLACE.index(L.KEEP)
    print(f"{len(arrays['id_at']) - 1} sentences, {len(rep)} words; tagged words {int((rep >= 0).sum())}, "
          f"to change {int(((rep >= 0) & (rep != keep)).sum())}; insertions {int((ins > 0).sum())} -> {args.out}",
          file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.tagger.train", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="label and tokenise the training sentences")
    p.add_argument("--data", default=str(DEFAULT_DATA_DIR))
    p.add_argument("--prose", default="sotu,moby-dick")
    p.add_argument("--prose-sentences", type=int, default=30000)
    p.add_argument("--post-edits", type=int, default=4000, help="clean post-edits per pair")
    p.add_argument("--real", type=int, default=5000, help="MT sentences per pair (ru, et, ro) with post-edit labels")
    p.add_argument("--damaged", type=float, default=0.6, help="share of clean sentences damaged")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default=str(WORK / "prepared.npz"))
    t = sub.add_parser("train", help="tune the encoder layers and the heads (resumes from its checkpoint)")
    t.add_argument("--prepared", default=str(WORK / "prepared.npz"))
    t.add_argument("--model", default=str(REPO_ROOT / "models" / "repair-small"))
    t.add_argument("--out", default=str(WORK / "tuned"))
    t.add_argument("--layers", type=int, default=4, help="encoder layers run and tuned")
    t.add_argument("--hidden", type=int, default=256)
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--lr-encoder", type=float, default=1e-4)
    t.add_argument("--lr-head", type=float, default=1e-3)
    t.add_argument("--batch-tokens", type=int, default=3072)
    t.add_argument("--max-minutes", type=float, default=float("inf"))
    t.add_argument("--checkpoint-minutes", type=float, default=5.0)
    t.add_argument("--device", default="")
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    try:
        if args.cmd == "prepare":
            return prepare(args)
        from .net import train

        return train(args)
    except RepairError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

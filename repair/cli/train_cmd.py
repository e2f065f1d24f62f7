"""repair train: train the seq2seq model from the recipe in models/."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import DEFAULT_DATA_DIR, MODELS_DIR, REPO_ROOT


def register(sub) -> None:
    p = sub.add_parser("train", help="train (or resume) the seq2seq repair model")
    p.add_argument("--config", default=str(MODELS_DIR / "train.toml"), help="recipe (default: models/train.toml)")
    p.add_argument("--out", default=str(REPO_ROOT / "runs" / "repair-small"), help="checkpoint directory")
    p.add_argument("--data", default=str(DEFAULT_DATA_DIR), help="data sets (default: ../shared/data)")
    p.add_argument("--resume", action="store_true", help="continue from the latest checkpoint in --out")
    p.add_argument("--init", default=None, metavar="DIR",
                   help="start from this exported model (weights and tokenizer), e.g. models/repair-small")
    p.add_argument("--max-minutes", type=float, default=None, metavar="M",
                   help="stop after M minutes of this run (a cosine schedule decays over them)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import ConfigError
    from ..train import train

    if args.max_minutes is not None and args.max_minutes <= 0:
        raise ConfigError("--max-minutes must be positive")
    init = Path(args.init) if args.init else None
    if init is not None and not (init / "config.json").is_file():
        raise ConfigError(f"--init {args.init!r} is not an exported model (no config.json there)")
    train(Path(args.config), Path(args.out), Path(args.data), args.resume, max_minutes=args.max_minutes,
          init=init)
    return 0

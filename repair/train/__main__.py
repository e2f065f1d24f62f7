"""python -m repair.train --config models/train.toml --out runs/repair-small [--resume]"""

from __future__ import annotations

import argparse
import os
import sys

# Under CPU contention, spinning OpenMP threads waste the cores they wait on.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from repair.errors import RepairError


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.train", description=__doc__)
    ap.add_argument("--config", default="models/train.toml", help="training recipe (TOML)")
    ap.add_argument("--out", default="runs/repair-small", help="run directory (checkpoints, log)")
    ap.add_argument("--data", default=None, help="folder holding mlqe-pe/ (default ../shared/data)")
    ap.add_argument("--resume", action="store_true", help="continue from the latest checkpoint")
    a = ap.parse_args(argv)
    try:
        from repair.train import train

        ck = train(a.config, a.out, data_dir=a.data, resume=a.resume)
    except RepairError as e:
        print(f"repair.train: {e}", file=sys.stderr)
        return 2
    print(ck)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The shipped model: load time, and words per second through it.

    python bench/model.py [--model DIR] [--sentences 100] [--data ../shared/data]

Loads the checkpoint in a fresh process state (no cache), then rewrites MLQE-PE ru-en dev
MT sentences with beam search, batched as the proposer does.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from repair.paths import DEFAULT_DATA_DIR


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--sentences", type=int, default=100)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = ap.parse_args()
    path = args.data / "mlqe-pe" / "ru-en.dev.tsv"
    if not path.is_file():
        sys.exit(f"bench: {path} is absent; pass --data DIR")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    sentences = [r["mt"] for r in rows[:args.sentences]]

    started = time.perf_counter()
    from repair.model import Rewriter, load

    loaded = load(args.model)
    load_seconds = time.perf_counter() - started
    rewriter = Rewriter(loaded)
    rewriter.rewrite(sentences[:4])  # warm-up
    started = time.perf_counter()
    rewriter.rewrite(sentences)
    seconds = time.perf_counter() - started
    words = sum(len(s.split()) for s in sentences)
    print(f"model {loaded.name} on {loaded.device}: load {load_seconds:.2f} s (imports included); "
          f"rewrite {words / seconds:,.0f} words/s over {len(sentences)} sentences")


if __name__ == "__main__":
    main()

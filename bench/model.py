"""The shipped model: load time, what it adds to a run's start, and words per second.

    python bench/model.py [--model DIR] [--sentences 100] [--runs 3] [--data ../shared/data]

Loads the checkpoint in a fresh process state (no cache), then rewrites MLQE-PE ru-en dev
MT sentences with beam search, batched as the proposer does. Then times whole
``repair diff`` runs on one short paragraph in fresh processes, with and without the
model: the pipeline loads the model while LanguageTool starts, so a run pays less than
the load itself.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from repair.paths import DEFAULT_DATA_DIR


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--sentences", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3, help="fresh `repair diff` runs per setting")
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
    if args.runs > 0:
        with_model = run_seconds(["--model", args.model], args.runs)
        without = run_seconds(["--no-model"], args.runs)
        print(f"`repair diff` on one paragraph, median of {args.runs} fresh runs: {with_model:.1f} s with the "
              f"model, {without:.1f} s without (LanguageTool's start included): the model adds "
              f"{with_model - without:.1f} s")


def run_seconds(options: list[str], runs: int) -> float:
    """Median wall time of a fresh `repair diff` process on a short paragraph with artefacts."""
    text = "Alexander Lukashenkothe authoritarian leader of Belarus , stalls In the face of pressure.\n"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "repair.cli", "diff", *options, f.name],
                              capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"bench: repair diff failed: {done.stderr.strip()}")
        times.append(time.perf_counter() - started)
    Path(f.name).unlink()
    return statistics.median(times)


if __name__ == "__main__":
    main()

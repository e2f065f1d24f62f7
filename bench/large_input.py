"""A large input through `repair fix` and `repair diff`: peak memory stays bounded.

    python bench/large_input.py [--mb 50] [--data ../shared/data]

Builds a file of clean news paragraphs (with a few planted artefacts), once with
paragraph breaks and once as a single very long line, and reports wall time and
peak resident memory of each command.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from repair.paths import DEFAULT_DATA_DIR

PLANTED = "The the minister said it rose in March.Critics were there .\n"


def build(path: Path, source: Path, megabytes: int, one_line: bool) -> None:
    paragraphs = source.read_text(encoding="utf-8").splitlines()
    target = megabytes * 1_000_000
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            for p in paragraphs:
                piece = (p + " " if one_line else p + "\n\n")
                if written % 100 == 0:
                    piece += PLANTED.replace("\n", " " if one_line else "\n\n")
                out.write(piece)
                written += len(piece.encode("utf-8"))
                if written >= target:
                    break


def measure(argv: list[str]) -> tuple[float, float, int]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} failed: {proc.stderr.decode().strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - started, max(peak, before) / 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = ap.parse_args()
    source = args.data / "bbc-news" / "bbc_paragraphs.txt"
    if not source.is_file():
        sys.exit(f"bench: {source} is absent; pass --data DIR")
    repair = [sys.executable, "-m", "repair.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        for layout, one_line in (("paragraphs", False), ("one line", True)):
            path = Path(tmp) / "big.txt"
            build(path, source, args.mb, one_line)
            size = path.stat().st_size / 1e6
            for command in ("fix", "diff"):
                seconds, peak_mb, _ = measure([*repair, command, str(path), "--no-grammar", "--no-model"])
                print(f"{layout:10} {size:5.1f} MB  repair {command:4}  {seconds:6.1f} s  "
                      f"peak RSS so far {peak_mb:6.0f} MB")


if __name__ == "__main__":
    main()

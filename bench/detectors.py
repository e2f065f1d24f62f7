"""Deterministic stage on clean news: edits per 1,000 words, and words per second.

    python bench/detectors.py [--data ../shared/data] [--limit N] [--sample 20]

Every edit on clean, edited news is a false alarm or a real error in the source:
a sample is printed for a human to judge.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from repair.document import WORD_RE
from repair.lexicon import zipf
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig

SOURCES = ("bbc-news/bbc_paragraphs.txt", "ag-news/ag_news_test_descriptions.txt")


def load(data: Path, limit: int | None) -> list[str]:
    paragraphs: list[str] = []
    for rel in SOURCES:
        path = data / rel
        if not path.is_file():
            sys.exit(f"bench: {path} is absent; pass --data DIR holding {', '.join(SOURCES)}")
        paragraphs += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return paragraphs[:limit] if limit else paragraphs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--limit", type=int, help="first N paragraphs only")
    ap.add_argument("--sample", type=int, default=20, help="edits to print for review")
    args = ap.parse_args()

    paragraphs = load(args.data, args.limit)
    words = sum(len(WORD_RE.findall(p)) for p in paragraphs)
    zipf("warm")  # load the frequency table outside the timed loop
    pipeline = Pipeline(PipelineConfig(grammar=False, model=None))
    edits = []
    started = time.process_time()
    for p in paragraphs:
        result = pipeline.run(p)
        edits += [(p, e) for e in result.edits]
    seconds = time.process_time() - started

    changes = [e for _, e in edits if not e.is_flag]
    print(f"paragraphs {len(paragraphs):,}  words {words:,}")
    print(f"edits per 1,000 words: {1000 * len(changes) / words:.3f} changes, "
          f"{1000 * (len(edits) - len(changes)) / words:.3f} flags")
    print(f"throughput: {words / seconds:,.0f} words/s (CPU time, one core)")
    print("by kind:", dict(Counter(e.kind for _, e in edits).most_common()))
    random.seed(0)
    for p, e in random.sample(edits, min(args.sample, len(edits))):
        context = p[max(0, e.start - 40):e.end + 40].replace("\n", " ")
        print(f"  {e.kind:14} {e.original!r:>18} -> {e.replacement!r:<18} | {context}")


if __name__ == "__main__":
    main()

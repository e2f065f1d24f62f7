"""Marks read as letters (repair/detect/ocr_marks.py): how many readings bring a line closer
to its transcription, and how many take it further.

    python bench/ocr_marks.py [--data ../shared/data]

Over every line of Overproof SMH and BLN600 (not only the dev samples), each reading the OCR
detector makes of a string with marks for letters (``bu*`` -> ``but``) is applied alone: the
line's character errors against its transcription with it and without it. Readings at the
default bar (raw OCR) and below it (``--profile ocr`` takes them) are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from repair.detect.ocr import UNSURE, OcrConfusions
from repair.document import Document
from repair.errors import RepairError
from repair.eval.metrics import char_errors
from repair.paths import DEFAULT_DATA_DIR

FILES = (("overproof", "overproof/smh_dataset2.lines.jsonl"), ("bln600", "bln600-ocr/sentences.train.jsonl"))


def judge(detector: OcrConfusions, path: Path) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    worse: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text, reference = row["ocr"], row["gt"]
            before = char_errors(reference, text)
            for e in detector.find(Document(text)):
                if e.original == e.replacement or "marks for letters" not in e.message:
                    continue
                after = char_errors(reference, text[:e.start] + e.replacement + text[e.end:])
                effect = "better" if after < before else "worse" if after > before else "as close"
                counts[("applied" if e.confidence > UNSURE else "below the bar", effect)] += 1
                if effect == "worse":
                    worse.append(f"{e.original} -> {e.replacement}")
    return counts, worse


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = ap.parse_args(argv)
    detector = OcrConfusions()
    print("| data | readings | better | as close | worse |\n|---|---|---:|---:|---:|")
    try:
        for name, rel in FILES:
            path = args.data / rel
            if not path.is_file():
                raise RepairError(f"{str(path)!r} not found; give --data, the folder of the data sets")
            counts, worse = judge(detector, path)
            for where in ("applied", "below the bar"):
                print(f"| {name} | {where} | " + " | ".join(str(counts[(where, k)]) for k in ("better", "as close", "worse")) + " |")
            if worse:
                print(f"  worse: {', '.join(worse[:20])}")
    except RepairError as exc:
        print(f"bench/ocr_marks.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

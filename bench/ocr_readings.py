"""Two kinds of the OCR detector's readings, judged alone: how many bring a line closer to
its transcription, and how many take it further.

    python bench/ocr_readings.py [--data ../shared/data]

Over every line of Overproof SMH, BLN600 and ICDAR 2017's periodicals (not only the dev
samples), each reading of one kind is applied alone: the line's character errors against
its transcription with it and without it. The kinds: strings with marks for letters
(``bu*`` -> ``but``, repair/detect/ocr_marks.py), capitalised strings inside a sentence
that no dictionary knows (``Chbrist`` -> ``Christ``), and words run together with one of
them misread (``badbeen`` -> ``had been``). Readings at the default bar (raw OCR)
and below it (``--profile ocr`` takes them) are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from repair.detect.ocr import UNSURE, OcrConfusions
from repair.document import Document
from repair.edits import Edit
from repair.errors import RepairError
from repair.eval.metrics import char_errors
from repair.lexicon import zipf
from repair.paths import DEFAULT_DATA_DIR

FILES = (("overproof", "overproof/smh_dataset2.lines.jsonl"), ("bln600", "bln600-ocr/sentences.train.jsonl"),
         ("icdar2017", "icdar2017-en/eng_periodical.segments.jsonl"))
KINDS = ("marks for letters", "unknown capitalised", "split and misread")


def kind(doc: Document, e: Edit) -> str | None:
    if "marks for letters" in e.message:
        return KINDS[0]
    word = e.original
    if " " in e.replacement and " " not in word and e.replacement.replace(" ", "") != word:
        return KINDS[2]
    if word.isalpha() and word[0].isupper() and word[1:].islower() and zipf(word) == 0 \
            and e.start not in doc.sentence_starts:
        return KINDS[1]
    return None


def judge(detector: OcrConfusions, path: Path) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    worse: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text, reference = row["ocr"], row["gt"]
            before = char_errors(reference, text)
            doc = Document(text)
            for e in detector.find(doc):
                if e.original == e.replacement or (k := kind(doc, e)) is None:
                    continue
                after = char_errors(reference, text[:e.start] + e.replacement + text[e.end:])
                effect = "better" if after < before else "worse" if after > before else "as close"
                counts[(k, "applied" if e.confidence > UNSURE else "below the bar", effect)] += 1
                if effect == "worse":
                    worse.append(f"{e.original} -> {e.replacement}")
    return counts, worse


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = ap.parse_args(argv)
    detector = OcrConfusions()
    print("| data | kind | readings | better | as close | worse |\n|---|---|---|---:|---:|---:|")
    try:
        for name, rel in FILES:
            path = args.data / rel
            if not path.is_file():
                raise RepairError(f"{str(path)!r} not found; give --data, the folder of the data sets")
            counts, worse = judge(detector, path)
            for k in KINDS:
                for where in ("applied", "below the bar"):
                    print(f"| {name} | {k} | {where} | "
                          + " | ".join(str(counts[(k, where, e)]) for e in ("better", "as close", "worse")) + " |")
            if worse:
                print(f"  worse: {', '.join(worse[:20])}")
    except RepairError as exc:
        print(f"bench/ocr_readings.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

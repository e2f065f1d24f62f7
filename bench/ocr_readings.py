"""Kinds of the OCR detector's readings, judged alone: how many bring a line closer to its
transcription, and how many take it further.

    python bench/ocr_readings.py [--data ../shared/data]

Over every line of Overproof SMH, BLN600 and ICDAR 2017's periodicals (not only the dev
samples), each reading of one kind is applied alone: the line's character errors against
its transcription with it and without it. The kinds: strings with marks for letters
(``bu*`` -> ``but``, repair/detect/ocr_marks.py), capitalised strings inside a sentence
that no dictionary knows (``Chbrist`` -> ``Christ``), words run together with one of them
misread (``badbeen`` -> ``had been``), words printed in capitals (``TEEATMENT`` ->
``TREATMENT``, repair/detect/ocr_capitals.py), strings no dictionary knows read because
one reading stands clear of the others (``jevellery`` -> ``jewellery``), words broken at a
line end with a piece misread (``in- dictuxent`` -> ``indictment``), and garbled strings
read as a word the document prints elsewhere (``lKellor`` -> ``Mellor``,
repair/detect/ocr_document.py): for that kind the detector reads each document whole
(Overproof's articles, BLN600's documents: their lines joined), and each reading is judged
on its line. Readings at the default bar (raw OCR) and below it (``--profile ocr`` takes
them) are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from repair.detect.ocr import UNSURE, OcrConfusions
from repair.document import Document
from repair.edits import Edit
from repair.errors import RepairError
from repair.eval.metrics import char_errors
from repair.lexicon import zipf
from repair.paths import DEFAULT_DATA_DIR

# name, lines, the field that names a line's document
FILES = (("overproof", "overproof/smh_dataset2.lines.jsonl", "article_id"),
         ("bln600", "bln600-ocr/sentences.train.jsonl", "doc_id"),
         ("icdar2017", "icdar2017-en/eng_periodical.segments.jsonl", None))
LINE_KINDS = ("marks for letters", "unknown capitalised", "split and misread", "word in capitals",
              "no word, read by the gap", "broken and misread")
DOCUMENT_KIND = "the document's own word"

Line = tuple[str, str]  # OCR, transcription


def kind(doc: Document, e: Edit) -> str | None:
    if "marks for letters" in e.message:
        return LINE_KINDS[0]
    if "printed elsewhere in the document" in e.message:
        return DOCUMENT_KIND
    if "a word in capitals" in e.message:
        return LINE_KINDS[3]
    if "no other reading comes close" in e.message:
        return LINE_KINDS[4]
    if "broken at a line end, misread" in e.message:
        return LINE_KINDS[5]
    word = e.original
    if " " in e.replacement and " " not in word and e.replacement.replace(" ", "") != word:
        return LINE_KINDS[2]
    if word.isalpha() and word[0].isupper() and word[1:].islower() and zipf(word) == 0 \
            and e.start not in doc.sentence_starts:
        return LINE_KINDS[1]
    return None


def judge(detector: OcrConfusions, units: list[list[Line]], kinds: tuple[str, ...],
          counts: Counter, worse: list[str]) -> None:
    """Each unit's lines joined into one text and read; each reading of ``kinds`` judged on its line."""
    for lines in units:
        starts, at = [], 0
        for ocr, _ in lines:
            starts.append(at)
            at += len(ocr) + 1
        doc = Document("\n".join(ocr for ocr, _ in lines))
        for e in detector.find(doc):
            if e.original == e.replacement or (k := kind(doc, e)) not in kinds:
                continue
            n = max(j for j, s in enumerate(starts) if s <= e.start)
            (ocr, reference), s = lines[n], e.start - starts[n]
            before = char_errors(reference, ocr)
            after = char_errors(reference, ocr[:s] + e.replacement + ocr[s + len(e.original):])
            effect = "better" if after < before else "worse" if after > before else "as close"
            counts[(k, "applied" if e.confidence > UNSURE else "below the bar", effect)] += 1
            if effect == "worse":
                worse.append(f"{e.original} -> {e.replacement}")


def read_lines(path: Path, field: str | None) -> tuple[list[Line], list[list[Line]]]:
    """Every line, and the lines grouped by document (none where no field names it)."""
    lines, documents = [], defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            try:
                row = json.loads(raw)
                line = (row["ocr"], row["gt"])
                if field:
                    documents[row[field]].append(line)
            except (ValueError, KeyError, TypeError) as exc:
                raise RepairError(f"{str(path)!r} line {n}: not an aligned OCR line ({exc})") from None
            lines.append(line)
    return lines, list(documents.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = ap.parse_args(argv)
    detector = OcrConfusions()
    print("| data | kind | readings | better | as close | worse |\n|---|---|---|---:|---:|---:|")
    try:
        for name, rel, field in FILES:
            path = args.data / rel
            if not path.is_file():
                raise RepairError(f"{str(path)!r} not found; give --data, the folder of the data sets")
            lines, documents = read_lines(path, field)
            counts: Counter = Counter()
            worse: list[str] = []
            judge(detector, [[line] for line in lines], LINE_KINDS, counts, worse)
            judge(detector, documents, (DOCUMENT_KIND,), counts, worse)
            for k in (*LINE_KINDS, *((DOCUMENT_KIND,) if documents else ())):
                for where in ("applied", "below the bar"):
                    print(f"| {name} | {k} | {where} | "
                          + " | ".join(str(counts[(k, where, e)]) for e in ("better", "as close", "worse")) + " |")
            if worse:
                print(f"  worse: {', '.join(worse[:24])}")
    except RepairError as exc:
        print(f"bench/ocr_readings.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

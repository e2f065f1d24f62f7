"""Which OCR lines a table may learn from: every document the evaluation suites sample a
dev line from is held out whole.

The OCR suites score a fixed sample of lines (``Suite.default_limit``, seed
``SAMPLE_SEED``); those lines are the dev set. A line's neighbours share its page, its
typeface and its names, so a document with one dev line is dev as a whole, and only the
remaining documents are training data. BLN600 is never training data: its host asks
that it be used for evaluation only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from .suites import get_suite


@dataclass(frozen=True)
class OcrSource:
    suite: str  # the suite whose dev sample is held out
    file: str  # relative to the data folder
    document_field: str  # the field naming a line's document


# Aligned OCR/transcription lines a table may learn from (outside the dev documents).
TRAINING_SOURCES: dict[str, OcrSource] = {
    "overproof": OcrSource("overproof", "overproof/smh_dataset2.lines.jsonl", "article_id"),
}


@dataclass(frozen=True)
class AlignedLine:
    ocr: str
    gt: str
    document: str


def _rows(path: Path) -> list[dict]:
    if not path.is_file():
        raise DataError(f"{str(path)!r} not found (the OCR data set is needed to build the tables)")
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {str(path)!r}: {exc}") from None


def dev_documents(name: str, data: Path) -> frozenset[str]:
    """The documents holding at least one line of the suite's default dev sample."""
    source = TRAINING_SOURCES[name]
    suite = get_suite(source.suite)
    (part,) = suite.load(data, limit=suite.default_limit)
    rows = _rows(data / source.file)
    return frozenset(str(rows[int(item.id.rsplit(":", 1)[1])][source.document_field]) for item in part.items)


def training_lines(name: str, data: Path) -> list[AlignedLine]:
    """Every aligned line of the source outside its dev documents, in file order."""
    if name not in TRAINING_SOURCES:
        raise DataError(f"{name!r} is not an OCR training source (known: {', '.join(TRAINING_SOURCES)})")
    source = TRAINING_SOURCES[name]
    held_out = dev_documents(name, data)
    out = []
    for row in _rows(data / source.file):
        doc = str(row.get(source.document_field))
        if doc not in held_out and "ocr" in row and "gt" in row:
            out.append(AlignedLine(row["ocr"], row["gt"], doc))
    return out


__all__ = ["AlignedLine", "OcrSource", "TRAINING_SOURCES", "dev_documents", "training_lines"]

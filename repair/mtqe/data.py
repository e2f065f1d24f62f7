"""Word-labelled sentences for training and tuning the flagger.

Training (``train_examples``) reads only the MLQE-PE *train* split (CC0 1.0):

* real: machine translation labelled by its post-edit (``labels.word_labels``);
* synthetic: a post-edit damaged by ``repair.train.corrupt`` and labelled against itself
  (the words the damage replaced are BAD);
* clean: a post-edit as it is, every word OK.

Tuning and reporting read MLQE-PE *dev* and the WMT MQM TED zh-en annotations, each cut
in two halves by a hash of the text (MQM: of the source segment, so the translations of
one segment by the 15 systems stay together), so a threshold chosen on one half is
measured on the other. With ``--mqm-train``, segments of the first MQM half that are not
in the tuning sample are added to the training data; the second half is never read for
training or tuning.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import DataError
from .labels import word_labels, words

PAIRS = ("ru", "et", "ro", "ne", "si")
MQM_FILE = Path("wmt-mqm-zhen") / "mqm_ted_zhen.grouped.jsonl"


@dataclass(frozen=True)
class Example:
    text: str
    bad: tuple[bool, ...]  # one per word of ``text`` (labels.words)
    origin: str  # "ru-en", "synthetic", "clean", "mqm", ...
    half: int = 0  # 0 or 1: the tuning half or the reporting half


def read_tsv(path: Path) -> list[dict]:
    if not path.is_file():
        raise DataError(f"{str(path)!r} not found (pass --data DIR, the folder holding mlqe-pe/)")
    csv.field_size_limit(1 << 26)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def pair_counts(text: str) -> dict[str, int]:
    """``ru:7000,et:7000`` -> sentences per language pair (an argparse type)."""
    import argparse

    try:
        counts = {k: int(v) for k, v in (x.split(":") for x in text.split(",") if x)}
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not pair:count,... (e.g. ru:7000,et:7000)") from None
    if not set(counts) <= set(PAIRS):
        raise argparse.ArgumentTypeError(f"unknown pairs {sorted(set(counts) - set(PAIRS))}; known: {', '.join(PAIRS)}")
    return counts


def half_of(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2


def train_examples(data: Path, per_pair: dict[str, int], synthetic: int, clean: int,
                   seed: int = 0, max_chars: int = 400, prose: Sequence[str] = ()) -> list[Example]:
    """A fixed random sample of the train split (same arguments, same examples). ``prose``
    (clean sentences from elsewhere) joins the unused post-edits as material for the
    synthetic and the clean examples."""
    from ..train.corrupt import corrupt

    rng = random.Random(seed)
    out: list[Example] = []
    spare: list[str] = []  # post-edits not used as real pairs: clean and synthetic material
    for pair in PAIRS:
        rows = [r for r in read_tsv(data / "mlqe-pe" / f"{pair}-en.train.tsv")
                if r.get("mt") and r.get("pe") and len(r["mt"]) <= max_chars]
        rng.shuffle(rows)
        n = per_pair.get(pair, 0)
        for r in rows[:n]:
            lab = word_labels(r["mt"], r["pe"])
            if lab.words:
                out.append(Example(r["mt"], lab.bad, f"{pair}-en"))
        if pair in ("ru", "et", "ro"):  # fluent post-edits; ne/si ones are re-translations
            spare += [r["pe"] for r in rows[n:]]
    spare += [t for t in prose if len(t) <= max_chars]
    rng.shuffle(spare)
    for text in spare[:synthetic]:
        damaged, _ = corrupt(text, rng)
        lab = word_labels(damaged, text)
        if lab.words and damaged != text:
            out.append(Example(damaged, lab.bad, "synthetic"))
    for text in spare[synthetic:synthetic + clean]:
        n = len(words(text))
        if n:
            out.append(Example(text, (False,) * n, "clean"))
    return out


def mlqe_dev(data: Path, per_pair: int, seed: int = 0) -> list[Example]:
    rng = random.Random(seed)
    out = []
    for pair in PAIRS:
        rows = read_tsv(data / "mlqe-pe" / f"{pair}-en.dev.tsv")
        rows = rng.sample(rows, min(per_pair, len(rows)))
        for r in rows:
            lab = word_labels(r["mt"], r["pe"])
            if lab.words:
                out.append(Example(r["mt"], lab.bad, f"{pair}-en", half_of(r["mt"])))
    return out


@dataclass(frozen=True)
class MqmSegment:
    """One system's translation of one segment, with the raters' target-side spans."""

    id: str  # system:doc:segment
    doc: str
    text: str
    spans: tuple[tuple[int, int, str, str], ...]  # (start, end, category, severity)

    @property
    def segment(self) -> str:
        return self.id.split(":", 1)[1]

    @property
    def half(self) -> int:
        """By source segment: every system's translation of a segment falls in one half."""
        return half_of(self.segment)


def read_mqm(data: Path) -> list[MqmSegment]:
    path = data / MQM_FILE
    if not path.is_file():
        raise DataError(f"{str(path)!r} not found")
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{str(path)!r} line {n + 1} is not JSON: {exc}") from None
            spans = tuple((e["span"]["start"], e["span"]["end"], e["category"], e["severity"])
                          for e in row.get("errors", ()) if e.get("side") == "target" and e.get("span"))
            out.append(MqmSegment(f"{row['system']}:{row['doc']}:{row['seg_id']}", row["doc"], row["mt"], spans))
    return out


def mqm_examples(segments: Iterable[MqmSegment]) -> list[Example]:
    out = []
    for s in segments:
        toks = words(s.text)
        if toks:
            bad = tuple(any(a < t.end and t.start < b for a, b, _, _ in s.spans) for t in toks)
            out.append(Example(s.text, bad, "mqm", s.half))
    return out


def mqm_split(segments: Sequence[MqmSegment], tune: int, train: int) -> tuple[list, list]:
    """The fixed sample for tuning (its first half) and reporting (its second half), and up
    to ``train`` other segments of the first half for training."""
    sampled = sample(segments, tune, seed=1)
    taken = {s.id for s in sampled}
    return sampled, sample([s for s in segments if s.half == 0 and s.id not in taken], train, seed=2)


def sample(seq: Sequence, n: int, seed: int = 0) -> list:
    if n >= len(seq):
        return list(seq)
    keep = sorted(random.Random(seed).sample(range(len(seq)), n))
    return [seq[i] for i in keep]

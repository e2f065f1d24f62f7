"""How often post-editors of machine translation change each article and preposition: a
channel prior for the ``slips`` detector, tried by ``bench/slips_tune.py --channel`` (it did
not help: docs/slips.md, so nothing of it ships).

    python bench/slips_channel.py      # writes runs/slips/channel.tsv

The MT and post-edit of every MLQE-PE *train* pair (five language pairs, 35,000
sentences; CC0) are aligned word by word (edit distance, as ``repair.mtqe.labels``
aligns them, lowercased). For each small word ``w`` the MT wrote, the table holds how often
it was kept, replaced by each other small word, or deleted; and for each small word how
often a post-editor inserted it, per MT word. A candidate's prior is then

    log10 P(w -> c) - log10 P(w kept)          (swap, delete: c is "")
    log10 P(c inserted at a gap)               (insert)

with add-one smoothing, so a correction post-editors often make needs less evidence from
the language model than one they rarely make.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repair.errors import DataError, RepairError  # noqa: E402
from repair.paths import DEFAULT_DATA_DIR  # noqa: E402

TABLE = Path(__file__).resolve().parent.parent / "runs" / "slips" / "channel.tsv"
FORMAT = "repair-slips-channel/1"
KEEP, DELETE, INSERT, GAPS = "=", "-", "+", "#gaps"


class Channel:
    """Counts read from the table; log10 priors of the detector's operations."""

    def __init__(self, counts: dict[tuple[str, str], int]):
        self.counts = counts
        self.gaps = counts.get((GAPS, ""), 1)

    def _n(self, a: str, b: str) -> int:
        return self.counts.get((a, b), 0)

    def prior(self, old: str | None, new: str | None) -> float:
        """log10 prior odds of reading ``old`` (None: nothing, an insertion) as ``new``
        (None: nothing, a deletion), against leaving the text as it is."""
        old = old if old is None else _a(old)
        new = new if new is None else _a(new)
        if old is None:
            return math.log10((self._n(INSERT, new) + 1) / (self.gaps + 1))
        kept = self._n(old, KEEP) + 1
        return math.log10((self._n(old, DELETE if new is None else new) + 1) / kept)

    @classmethod
    def load(cls, path: Path | None = None) -> "Channel":
        return _load(path or TABLE)


@lru_cache(maxsize=4)
def _load(path: Path) -> Channel:
    if not path.is_file():
        raise DataError(f"channel table {str(path)!r} not found: build it with "
                        "`python bench/slips_channel.py`")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[0] != FORMAT:
        raise DataError(f"{str(path)!r} is not a slips channel table ({FORMAT} expected)")
    counts = {}
    for line in lines[1:]:
        a, b, n = line.split("\t")
        counts[(a, b)] = int(n)
    return Channel(counts)


def count(pairs: Sequence[tuple[str, str]], vocabulary: frozenset[str]) -> Counter:
    from rapidfuzz.distance import Levenshtein

    from repair.lm import tokens

    out: Counter = Counter()
    for mt, pe in pairs:
        src, dst = [_a(w) for w in tokens(mt)], [_a(w) for w in tokens(pe)]
        out[(GAPS, "")] += len(src) + 1
        touched = set()
        for op in Levenshtein.editops(src, dst):
            if op.tag == "insert":
                if dst[op.dest_pos] in vocabulary:
                    out[(INSERT, dst[op.dest_pos])] += 1
                continue
            w = src[op.src_pos]
            touched.add(op.src_pos)
            if w not in vocabulary:
                continue
            if op.tag == "delete":
                out[(w, DELETE)] += 1
            elif dst[op.dest_pos] in vocabulary:
                out[(w, dst[op.dest_pos])] += 1
            else:
                out[(w, "*")] += 1  # replaced by something else: not kept, not ours
        for i, w in enumerate(src):
            if w in vocabulary and i not in touched:
                out[(w, KEEP)] += 1
    return out


def _a(word: str) -> str:
    """``an`` counts as ``a``: the detector leaves the choice between them to LanguageTool."""
    return "a" if word == "an" else word


def read_pairs(data: Path) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted((data / "mlqe-pe").glob("*.train.tsv")):
        with open(path, encoding="utf-8", newline="") as f:
            pairs += [(r["mt"], r["pe"]) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                      if r.get("mt") and r.get("pe")]
    if not pairs:
        raise DataError(f"no MLQE-PE train files in {str(data / 'mlqe-pe')!r}")
    return pairs


def build(data: Path, out: Path = TABLE) -> int:
    from repair.detect.slips import ARTICLES, CALQUES, PREPOSITIONS

    vocabulary = frozenset((*ARTICLES, *CALQUES, *PREPOSITIONS))
    counts = count(read_pairs(data), vocabulary)
    rows = [f"{a}\t{b}\t{n}" for (a, b), n in sorted(counts.items())]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join([FORMAT + "\tsource=mlqe-pe train", *rows]) + "\n", encoding="utf-8")
    tmp.replace(out)
    return len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python bench/slips_channel.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=TABLE)
    args = ap.parse_args(argv)
    try:
        n = build(args.data, args.out)
    except RepairError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 2
    print(f"{n} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

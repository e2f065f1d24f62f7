"""Respellings for the words LanguageTool's speller flags, searched by repair.

LanguageTool's speller does two things: it finds the words its dictionary lacks (a lookup,
cheap) and searches that dictionary for respellings (edit distance up to three, 78% of the
server's time on our batch corpus, and 85% on OCR pages). repair's servers keep the first
and skip the second (``maxSpellingSuggestions=-1``: each match then says "(suggestion
limit reached)"); :func:`fill` gives those matches respellings from the same dictionary:

- the word in another case the dictionary has (``british`` -> ``British``, ``tv`` -> ``TV``),
  unless a word one edit away is far commoner (``th`` -> ``the`` before ``Th``);
- words one edit away (a letter dropped, added or replaced, two letters swapped), the
  commonest first (wordfreq's frequencies), and before them an apostrophe or a hyphen
  added (``dont`` -> ``don't``, ``tuneup`` -> ``tune-up``);
- two words run together (``alot`` -> ``a lot``, ``Lukashenkothe`` -> ``Lukashenko the``);
- only when nothing is one edit away, words two edits away (Zipf ``FAR_ZIPF``+);
- only when nothing is two edits away, for a word of ``TYPO_LENGTH`` letters or more all in
  lowercase and not opening a sentence, the common words three edits away with its first
  letter that are a writer's slips from it (:mod:`.typos`: ``imidiatly`` -> ``immediately``),
  nearest first; the mapping makes them flags that offer the word (``far-typo``).

The dictionary is LanguageTool's own en-US speller dictionary, its words printed once from
the jars into the cache (:func:`ensure_vocabulary`, ``DumpWords.java``; a JDK runs it), so a
respelling is always a word LanguageTool knows, in the case it knows it. Where the words
cannot be printed (a Java runtime without its compiler), servers keep LanguageTool's own
search. Measured against LanguageTool's suggestions in docs/languagetool.md.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import zlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..lexicon import FUNCTION_WORDS, common_words_by_length, known_prefixes, zipf_table
from ..lm import NgramModel
from ..errors import GrammarError
from .install import cache_dir, find_jars, find_java
from .match import LTMatch
from .typos import MAX_COST, MIN_LENGTH as TYPO_LENGTH, typo_cost

log = logging.getLogger(__name__)

# The server option that skips the suggestion search, and what a match then suggests.
SERVER_PROPERTY = "maxSpellingSuggestions=-1"
LIMIT_MARKER = "(suggestion limit reached)"
DICTIONARY = "/org/languagetool/resource/en/hunspell/en_US.dict"
DUMP_PROGRAM = Path(__file__).with_name("DumpWords.java")
FAR_ZIPF = 3.0  # a word two edits away must be this common (wordfreq's Zipf scale)
FAR_LENGTH = 4  # ... and the misspelt word this long
TYPO_WEIGHT = 1.5  # a far respelling ranks by Zipf less this much per unit of typo cost
SPLIT_ZIPF = 2.0  # each word of a split
# A space left out is a common slip: a split ranks as a word this much commoner than its
# bigram ("alot": "a lot" 4.9 + 1 before "lot" 5.6; "Infact": "In fact" 4.7 + 1 before
# "Infant" 4.0), and a split whose words are not said together ranks last ("con seder" -3.1).
SPLIT_BONUS = 1.0
FAR_COMMONER = 3.0  # Zipf points by which a respelling outranks the word in another case
MAX_SUGGESTIONS = 200  # as many as LanguageTool gives a short word; the edit keeps a few
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_INSERTS = _LETTERS + "'-"


def vocabulary_path(jars: Path) -> Path:
    """Where the words of the jars in ``jars`` are kept (one file per jar directory)."""
    key = zlib.crc32(str(jars.resolve()).encode())
    return cache_dir() / "speller" / f"en_US-{key:08x}.words"


def ensure_vocabulary(java: str, jars: Path) -> Path | None:
    """The dictionary's words in the cache, printed from the jars on first use (about a
    second); None when this Java cannot run the program (no compiler: a JRE)."""
    path = vocabulary_path(jars)
    if path.is_file():
        return path
    if not any(jars.glob("english-pos-dict-*.jar")):
        return None  # no dictionary to print (jars not fetched yet)
    try:
        done = subprocess.run([java, "-cp", str(jars / "*"), str(DUMP_PROGRAM), DICTIONARY],
                              capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not print LanguageTool's dictionary: %s", exc)
        return None
    if done.returncode != 0 or done.stdout.count(b"\n") < 100_000:
        log.warning("could not print LanguageTool's dictionary: %s",
                    done.stderr.decode("utf-8", "replace").strip()[-300:])
        return None
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(done.stdout)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only or full cache: LanguageTool keeps its own search
        log.warning("could not keep LanguageTool's dictionary in %s: %s", path.parent, exc)
        return None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return path


class Vocabulary:
    """The dictionary's words: each lowercased (straight apostrophes) -> its forms there,
    the lowercase one first, and every beginning of a lowercased word (the search stops
    building a string as soon as no word begins so)."""

    def __init__(self, words: Iterable[str]):
        forms: dict[str, list[str]] = {}
        for word in words:
            if word and word[0].isalpha():
                forms.setdefault(word.lower().replace("\u2019", "'"), []).append(word)
        self.forms = {k: tuple(sorted(v, key=lambda w: (w != k, w))) for k, v in forms.items()}
        self.prefixes = frozenset(w[:i] for w in self.forms for i in range(len(w) + 1))

    def __len__(self) -> int:
        return len(self.forms)


@lru_cache(maxsize=4)
def vocabulary(path: Path) -> Vocabulary:
    """The words :func:`ensure_vocabulary` printed, read once per process."""
    return Vocabulary(path.read_text("utf-8").split("\n"))


def preload() -> None:
    """Read the dictionary now: in a batch's parent, so that forked workers share it."""
    try:
        path = ensure_vocabulary(find_java(), find_jars())
    except GrammarError:
        return  # no Java or no jars here: the workers find out and say so
    if path is not None:
        vocabulary(path)


def fill(matches: Iterable[LTMatch], text: str, words: Vocabulary | None) -> list[LTMatch]:
    """``matches`` with each speller match that came without suggestions given repair's
    (none at all when ``words`` is None: no dictionary to search)."""
    out = []
    for m in matches:
        if came_without_suggestions(m):
            word = text[m.start:m.end]
            opener = word[:1].islower() and _opens_sentence(text, m.start)
            found = suggest(word, words, far=not opener) if words is not None else ()
            if found and opener:
                # as LanguageTool does: a lowercase word opening a sentence gets capitalised
                # suggestions, so the pipeline leaves it (an OCR line or an MT segment that
                # starts mid-sentence: "sented" is "represented", not "Sensed"); nor is it
                # searched for a writer's slips three edits away
                found = tuple(dict.fromkeys(c[:1].upper() + c[1:] for c in found))
            m = replace(m, replacements=found)
        out.append(m)
    return out


def _opens_sentence(text: str, start: int) -> bool:
    """LanguageTool's sentence start: the text's, or after . ! ? (a line break is not one)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\n\"'\u201c\u2018([":
        i -= 1
    return i < 0 or text[i] in ".!?"


def came_without_suggestions(m: LTMatch) -> bool:
    """The server skipped the suggestion search for this match (it says so, capitalised
    like the word: "(Suggestion limit reached)" for "Windellama")."""
    return len(m.replacements) == 1 and m.replacements[0].casefold() == LIMIT_MARKER


def suggest(word: str, words: Vocabulary, far: bool = True) -> tuple[str, ...]:
    """Respellings of ``word`` from ``words``, likeliest first, in the word's case pattern
    where the dictionary has that form; ``far``: a writer's slips three edits away too (in a
    word all in lowercase: ``ateraoD`` is OCR's, ``Imidiatly`` may be a name)."""
    return _suggest(word, words, far)


@lru_cache(maxsize=1 << 16)
def _suggest(word: str, words: Vocabulary, far: bool) -> tuple[str, ...]:
    lw = word.lower().replace("\u2019", "'")
    same = [f for f in words.forms.get(lw, ()) if f != word]  # "british" -> "British", "sita" -> "Sita"
    ranked = [_in_case(word, c, words.forms) for c in _ranked(lw, words, word[:1].isupper(), far and word.islower())]
    # ... unless a word one edit away is far commoner: "th", "te" -> "the" before "Th", "Te"
    known, floor = zipf_table(), zipf_table().get(lw, 0.0) + FAR_COMMONER
    ahead = [c for c in ranked if c and known.get(c.lower(), 0.0) >= floor]
    out = dict.fromkeys([*ahead, *same, *(c for c in ranked if c)])
    out.pop(word, None)
    return tuple(out)[:MAX_SUGGESTIONS]


def _ranked(lw: str, words: Vocabulary, capitalised: bool, far: bool) -> tuple[str, ...]:
    """Lowercase respellings of ``lw``: the words one edit away and the splits, likeliest
    first (a word by its frequency, a split as :func:`_splits` scores it); only when there
    is none, the common words two edits away; only when there is none of those either, the
    writer's slips three edits away (``far``), nearest and commonest first (:mod:`.typos`)."""
    known = zipf_table()
    found = {c: known.get(c, 0.0) for c in _search(lw, 1, words.prefixes) if c in words.forms}
    found.update(_splits(lw, words.forms, known, capitalised))
    if not found and len(lw) >= FAR_LENGTH:
        # searched among the common words only: the search costs a hundredth as much
        found = {c: z for c in _search(lw, 2, known_prefixes(FAR_ZIPF))
                 if c in words.forms and (z := known.get(c, 0.0)) >= FAR_ZIPF}
    if not found and far and len(lw) >= TYPO_LENGTH and lw.isalpha():
        found = {c: known[c] - TYPO_WEIGHT * cost for c in _three_edits(lw, words)
                 if (cost := typo_cost(lw, c)) <= MAX_COST}
    # an apostrophe or a hyphen left out is the commonest slip of all ("dont", "tuneup")
    return tuple(sorted(found, key=lambda c: (c.replace("'", "").replace("-", "") != lw, -found[c], c)))


def _search(lw: str, max_edits: int, prefixes: frozenset[str]) -> set[str]:
    """Every string in ``prefixes`` within ``max_edits`` edits of ``lw`` (the caller keeps
    the whole words): built left to right, a branch dropped as soon as no word begins so."""
    n = len(lw)
    found: set[str] = set()
    seen: set[tuple[int, str, int]] = set()
    stack = [(0, "", 0)]
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        i, built, edits = state
        if i == n and edits:
            found.add(built)
        if i < n and (q := built + lw[i]) in prefixes:
            stack.append((i + 1, q, edits))
        if edits >= max_edits:
            continue
        if i < n:
            stack.append((i + 1, built, edits + 1))  # a letter dropped
            stack.extend((i + 1, q, edits + 1) for c in _LETTERS
                         if c != lw[i] and (q := built + c) in prefixes)  # replaced
            if i + 1 < n and lw[i] != lw[i + 1] and (q := built + lw[i + 1] + lw[i]) in prefixes:
                stack.append((i + 2, q, edits + 1))  # two swapped
        stack.extend((i, q, edits + 1) for c in _INSERTS if (q := built + c) in prefixes)  # added
    found.discard(lw)
    return found


def _three_edits(lw: str, words: Vocabulary) -> list[str]:
    """The common lowercase words of the dictionary (Zipf ``FAR_ZIPF``+) within three edits of
    ``lw`` that begin with its letter: a writer's slips keep the first letter (``imidiatly``,
    ``proffeser``). rapidfuzz compares ``lw`` with the common words of nearby lengths, a few
    milliseconds, rather than building every string three edits away (a hundred times longer)."""
    by_length = common_words_by_length(FAR_ZIPF)
    near = [w for n in range(len(lw) - 3, len(lw) + 4) for w in by_length.get(n, ()) if w[0] == lw[0]]
    found = process.extract(lw, near, scorer=OSA.distance, score_cutoff=3, limit=None)
    # a lowercase word of the dictionary, not a name only (``Pokemon``)
    return [c for c, _, _ in found if c != lw and words.forms.get(c, ("",))[0] == c]


def _splits(lw: str, forms: dict[str, tuple[str, ...]], known: dict[str, float],
            capitalised: bool) -> dict[str, float]:
    """Two lowercase dictionary words run together (in a capitalised word the first may be
    a name: ``Lukashenkothe``) -> how likely the two words are together (the bigram model's,
    on the Zipf scale) plus ``SPLIT_BONUS``; a
    piece of one or two letters only when it is a function word ("a lot", not "i ends"),
    and not both ("weis" is not "we is")."""
    lm, out = NgramModel.load(), {}
    for i in range(1, len(lw)):
        a, b = lw[:i], lw[i:]
        if any(len(p) <= 2 and (p not in FUNCTION_WORDS or p == "i") for p in (a, b)) or max(len(a), len(b)) <= 2:
            continue
        if (a in forms if capitalised else a in forms.get(a, ())) and b in forms.get(b, ()) and min(known.get(a, 0.0), known.get(b, 0.0)) >= SPLIT_ZIPF:
            out[f"{a} {b}"] = known.get(a, 0.0) + lm.logprob(a, b) + SPLIT_BONUS
    return out


def _in_case(word: str, candidate: str, forms: dict[str, tuple[str, ...]]) -> str | None:
    """``candidate`` (lowercase, maybe two words) as the dictionary writes it in ``word``'s
    case pattern: ``Althogh`` -> ``Although``, ``parsi`` -> ``Paris``."""
    parts = candidate.split(" ")
    out = []
    for k, part in enumerate(parts):
        options = forms.get(part, ())
        if not options:
            return None
        if word.isupper() and len(word) > 1:
            out.append(part.upper())
        elif k == 0 and word[:1].isupper():
            out.append(options[0][:1].upper() + options[0][1:])
        else:
            out.append(options[0])  # the lowercase form when there is one, else the name
    return " ".join(out)

"""LanguageTool matches -> Edits, and the proposer that asks the server for them.

The server's JSON is typed once, at the border (:class:`LTMatch`, offsets already in code
points), then mapped to :class:`~repair.edits.Edit` by plain functions that need no server,
so the mapping is tested against recorded responses as well as the live server.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Iterable, Sequence

import regex

from ..document import Document, is_two_dot_pause
from ..edits import Edit
from ..errors import GrammarError
from ..lexicon import FUNCTION_WORDS, is_spelling_variant, is_word, zipf
from ..proposers import Proposer
from ..sources import LANGUAGETOOL, is_speller_rule
from .server import DEFAULT_HEAP, DEFAULT_STARTUP_TIMEOUT, ServerManager, is_loopback

log = logging.getLogger(__name__)

# language_tool_python's Match corrects offsets through class-level state shared by all
# threads; checks in one process go one at a time so no thread reads another's positions.
_CLIENT_LOCK = threading.Lock()

SOURCE = LANGUAGETOOL
DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 30.0
MAX_CHUNK = 10_000  # code points per request: a few seconds of server time, far below its limit

# LanguageTool category id -> our edit kind.
CATEGORY_KIND = {
    "TYPOS": "spelling",
    "GRAMMAR": "grammar",
    "CONFUSED_WORDS": "confused-words",
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "typography",
    "CASING": "casing",
    "COLLOCATIONS": "collocation",
    "COMPOUNDING": "spelling",
    "SEMANTICS": "semantics",
    "REDUNDANCY": "style",
    "STYLE": "style",
    "PLAIN_ENGLISH": "style",
    "REPETITIONS_STYLE": "style",
    "NONSTANDARD_PHRASES": "style",
    "CREATIVE_WRITING": "style",
    "TEXT_ANALYSIS": "style",
    "WIKIPEDIA": "style",
    "GENDER_NEUTRALITY": "style",
    "AMERICAN_ENGLISH_STYLE": "style",
    "BRITISH_ENGLISH": "style",
    "MISUSED_TERMS_EU_PUBLICATIONS": "style",
}
# For MISC and unknown categories: the rule's LQI issue type decides.
ISSUE_KIND = {
    "misspelling": "spelling",
    "grammar": "grammar",
    "typographical": "typography",
    "whitespace": "spacing",
    "duplication": "repeat",
    "style": "style",
    "register": "style",
    "locale-violation": "style",
}
# A few rules whose category says little; named to match the detectors' kinds.
RULE_KIND = {
    "EN_A_VS_AN": "grammar",
    "ENGLISH_WORD_REPEAT_RULE": "repeat",
    "WHITESPACE_RULE": "spacing",
    "COMMA_PARENTHESIS_WHITESPACE": "spacing",
    "UPPERCASE_SENTENCE_START": "casing",
}
KIND_CONFIDENCE = {
    "grammar": 0.7,
    "spelling": 0.65,  # pattern rules filed under typos ("could of"); the speller is judged apart
    "confused-words": 0.6,
    "punctuation": 0.6,
    "casing": 0.6,
    "spacing": 0.7,
    "repeat": 0.8,
    "collocation": 0.55,
    "typography": 0.45,
    "semantics": 0.35,
    "style": 0.3,
}
RULE_CONFIDENCE = {
    "EN_A_VS_AN": 0.85,
    "ENGLISH_WORD_REPEAT_RULE": 0.8,
    # Measured on clean BBC news (bench/languagetool.py): mostly house style, not artefacts.
    "EN_SPECIFIC_CASE": 0.4,  # "Brent crude" -> "Brent Crude", "a new England shirt"
    "CAPITALIZATION": 0.45,
    "MISSING_HYPHEN": 0.45,  # "a seven-month high" -> "seven-month-high"
    # Measured on MT output (MLQE-PE) and OCR lines (Overproof): right by the rule book,
    # but not what editors change, or wrong on fragments.
    "PER_CENT": 0.3,  # "per cent" -> "percent": house style
    "CD_NN": 0.45,  # "500 lei" -> "500 leis"
    "QUESTION_MARK": 0.4,
    "DETERMINER_GEOGRAPHICAL_WORD": 0.45,  # "in Sahara" -> "in the Sahara"
    "EN_SPLIT_WORDS_HYPHEN": 0.4,
    # A lowercase word after a full stop inside a line: on OCR lines a misread or stray stop
    # ("was. charged", "vii. years") or an abbreviation, not a capital forgotten. Wrong 112
    # times of 113 on BLN600 and ICDAR 2017; right twice on 3,000 MT sentences.
    "UPPERCASE_SENTENCE_START": 0.45,
    "LC_AFTER_PERIOD": 0.45,
}
# Commas every style guide asks for, unlike most added commas (house style, see
# confidence_of): after a sentence-opening conjunctive adverb ("However I" -> "However, I")
# and after "For example", "For instance", "Of course", "In addition". Trusted, they raised
# JFLEG GLEU by 0.14 and left the MT and OCR sets as they were; on clean BBC news they add
# 0.05 changes per 1,000 words. The same rules after "Also", "Instead", "Meanwhile" or
# "In April" are house style (0.17 changes per 1,000 words of BBC news) and stay weak.
_STANDARD_COMMA_RULES = frozenset({"SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",
                                   "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE"})
_STANDARD_COMMA_AFTER = frozenset({"however", "moreover", "furthermore", "therefore", "nevertheless",
                                   "nonetheless", "consequently", "additionally", "addition",
                                   "example", "instance", "course"})
# Rule-id patterns with the same verdict.
RULE_PATTERN_CONFIDENCE = (
    (regex.compile(r"_COMPOUNDS$"), 0.35),  # "car maker" -> "carmaker"
    (regex.compile(r"^EN_MULTITOKEN_SPELLING"), 0.3),  # names: "Michael Cawley" -> "Michael Callen"
    (regex.compile(r"^EN_DIACRITICS_REPLACE"), 0.2),  # "Shinzo Abe" -> "Shinzō Abe": a name's spelling
    (regex.compile(r"_HYPHEN$"), 0.4),  # "second largest" -> "second-largest"
    # Hyphenation house style: right 7 times, wrong 8 on JFLEG and MLQE-PE ("binge drinking"
    # -> "binge-drinking", "sub-units" -> "subunits").
    (regex.compile(r"^EN_COMPOUNDS_"), 0.4),
)
DEFAULT_CONFIDENCE = 0.5
# Suggestions kept after the first: the right word is usually among LanguageTool's first
# eight ("yong": Yong, long, young, ...; "mach": Mach, each, much, ...).
MAX_ALTERNATIVES = 7

# "Possible spelling mistake. 'colour' is British English." - a variant, not an error.
_VARIANT_RE = regex.compile(r"\bis (?:British|American|Canadian|Australian|New Zealand|South African) English\b")
_URL_SCHEMES = frozenset({"http", "https", "ftp", "www"})
_PIECE_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# British and American forms of one word normalise to the same string.
@dataclass(frozen=True, slots=True)
class LTMatch:
    """One server match, its span in code points into the text that was checked."""

    start: int
    end: int
    rule: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]

    @classmethod
    def from_client(cls, match: Any, text: str) -> "LTMatch | None":
        """From a ``language_tool_python.Match`` (its offset already in code points, its length not).

        LanguageTool counts UTF-16 units. The client corrects ``offset`` for characters
        outside the BMP but leaves ``error_length`` in UTF-16 units; convert it here.
        None when the span does not fall inside ``text``.
        """
        start = int(match.offset)
        end = _advance_utf16(text, start, int(match.error_length))
        if not 0 <= start <= end <= len(text):
            log.debug("LanguageTool match %s outside the text (%d:%d)", match.rule_id, start, end)
            return None
        return cls(start, end, match.rule_id, match.category, match.rule_issue_type or "",
                   match.message, tuple(match.replacements))

    @classmethod
    def from_json(cls, raw: dict, text: str) -> "LTMatch | None":
        """From one element of the server's ``matches`` array (recorded responses, tests)."""
        from language_tool_python.match import Match

        with _CLIENT_LOCK:
            return cls.from_client(Match(copy.deepcopy(raw), text), text)

    def shifted(self, offset: int) -> "LTMatch":
        return replace(self, start=self.start + offset, end=self.end + offset)


def _advance_utf16(text: str, start: int, units: int) -> int:
    """The code-point index ``units`` UTF-16 code units after ``start``."""
    i, n = start, len(text)
    while units > 0 and i < n:
        units -= 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i if units <= 0 else n + units  # past the end: the caller rejects it


def utf16_to_code_points(text: str, offset: int) -> int:
    """A UTF-16 offset into ``text`` as a code-point offset (what the server's JSON holds)."""
    return _advance_utf16(text, 0, offset)


# --- mapping -------------------------------------------------------------------------------------

def kind_of(m: LTMatch) -> str:
    if m.rule in RULE_KIND:
        return RULE_KIND[m.rule]
    if m.category in CATEGORY_KIND:
        return CATEGORY_KIND[m.category]
    return ISSUE_KIND.get(m.issue_type, "grammar")


def is_spelling(m: LTMatch) -> bool:
    return m.category == "TYPOS" and is_speller_rule(m.rule)


@lru_cache(maxsize=16)
def _glossary_words(glossary: frozenset[str]) -> frozenset[str]:
    """Glossary entries and the words inside multi-word entries, case-folded."""
    words = {g.casefold() for g in glossary}
    for g in glossary:
        words.update(p.casefold() for p in _PIECE_RE.findall(g))
    return frozenset(words)


def _word_pieces(doc: Document) -> Counter:
    """Counts of letter/digit runs, so "Lukashenko" is counted inside "Lukashenko’s" too."""
    pieces: Counter = Counter()
    for token, n in doc.vocabulary.items():
        for piece in _PIECE_RE.findall(token):
            pieces[piece] += n
    return pieces


def _looks_like_name(word: str) -> bool:
    return any(c.isupper() for c in word)


def is_known_name(doc: Document, word: str, start: int, end: int, pieces: Counter | None = None) -> bool:
    """A name LanguageTool must not "correct": in the glossary, in a protected span, or
    used at least twice in the document itself."""
    if doc.is_protected(start, end):
        return True
    if doc.glossary and (word in doc.glossary or word.casefold() in _glossary_words(doc.glossary)):
        return True
    if not _looks_like_name(word):
        return False
    if _PIECE_RE.fullmatch(word):
        count = (pieces if pieces is not None else _word_pieces(doc))[word]
    else:
        count = doc.count(word)
    return count >= 2


def _credible_split(doc: Document, m: LTMatch, original: str, parts: list[str], pieces: Counter | None) -> bool:
    """A glued word worth splitting: common words run together ("alot", "petcare"), or a
    name glued to a word where the name also stands alone in the document ("Lukashenkothe"
    beside "Lukashenko"). Not a name split into fragments ("Parmalat" -> "Parma lat")."""
    if original.islower() or (doc.starts_sentence(m.start) and original[1:].islower()):
        return all(zipf(p) >= 4.0 for p in parts) and _short_parts_are_function_words(parts)
    counts = pieces if pieces is not None else _word_pieces(doc)
    return any(p[:1].isupper() and counts[p] >= 1 for p in parts)


def _short_parts_are_function_words(parts: list[str]) -> bool:
    """Glued common words are a function word run into the next ("alot", "inorder",
    "ofcourse", OCR's "itis"). A one- or two-letter piece that is not one, or that ends the
    split after a content word, reads a foreign word as English: MT's transliterations
    "majorno" -> "major no", "sangam" -> "sang am", "yabad" -> "ya bad" (MLQE-PE dev)."""
    short = [i for i, p in enumerate(parts) if len(p) <= 2]
    if any(parts[i].lower() not in FUNCTION_WORDS for i in short):
        return False
    return not (short and short[-1] == len(parts) - 1 and parts[-2].lower() not in FUNCTION_WORDS)


# A learner's sentence, not an OCR line or a fragment. Capitalising texts of this shape was
# right 69 times and wrong 4 on JFLEG, MLQE-PE, BLN600, Overproof and ICDAR 2017; on every
# lowercase-initial text it was wrong 201 times of 202 on MLQE-PE train, Overproof and ICDAR
# lines: short OCR lines that end in a stop ("of education, and then a diamond mine.") and
# long paragraph fragments.
_SENTENCE_WORDS = (8, 40)
_ENDS_SENTENCE_RE = regex.compile(r"[.!?][\"'”’)\]]*$")


def _lone_complete_sentence(doc: Document) -> bool:
    """The whole text is one sentence of ordinary length that ends with its full stop."""
    text = doc.text.strip()
    low, high = _SENTENCE_WORDS
    return ("\n" not in text and len(doc.sentences) == 1 and low <= len(text.split()) <= high
            and bool(_ENDS_SENTENCE_RE.search(text)))


_NEXT_WORD_RE = regex.compile(r"[\s\"'“‘(\[]*([\p{L}\p{M}'’]+)?")


def _article_misjudged(doc: Document, end: int, original: str) -> bool:
    """"a"/"an" wrong only because the next word is: OCR debris ("a ohort distance", "a e"),
    or an older spelling of a word in h ("an hotel", "an historic"), kept on purpose.
    On the OCR sets' lines such matches were wrong 147 times of 167; two were right on JFLEG."""
    word = _NEXT_WORD_RE.match(doc.text, end).group(1)
    if word is None:
        return False  # a number, a currency sign: LanguageTool reads those right
    if original.lower() == "an" and word[:1].lower() == "h":
        return True
    name = word[:1].isupper() and word[1:].islower()
    return not (len(word) >= 3 and word.isalpha() and (is_word(word, 3.0) or name))


def _in_spaced_ellipsis(doc: Document, start: int, end: int) -> bool:
    around = doc.text[max(0, start - 4):end + 4]
    return ". ." in around


# A sentence's capitalised first word a keystroke or two from a very common word, and long
# enough not to be a name: "Althogh", "Gouverment", OCR's "Tbrough". On JFLEG, the MT and OCR
# sets and BBC/AG news this shape fired 35 times, wrong on 4 names ("Gotting", "Weekes").
# Shorter words and rarer targets are mostly names ("Novell" -> "Novel", "Kmart" -> "Smart").
_OPENER_MIN_LEN = 6
_OPENER_MIN_ZIPF = 5.0
_OPENER_MIN_RATIO = 0.85


def _common_word_misspelt(original: str, replacement: str) -> bool:
    """``original`` (a capitalised word opening a sentence) reads as a slip for ``replacement``."""
    target = replacement.lower()
    if not replacement[1:].islower() or " " in replacement or len(original) < _OPENER_MIN_LEN:
        return False
    if original[1:].lower() == target:
        return False  # "Iheard" -> "Heard", "Awoman" -> "Woman": a glued "I" or "A", not a slip
    return (zipf(target) >= _OPENER_MIN_ZIPF
            and SequenceMatcher(None, original.lower(), target).ratio() >= _OPENER_MIN_RATIO)


# How much of a lowercase word a respelling keeps before it counts as a far guess: less
# than 60%, or for a short word (five letters or fewer) less than 70%, one letter of three
# ("ypu" -> "you") or two of five, unless it lands on one of the commonest words ("hte" ->
# "the"). Short unknown words in MT output are transliterations ("sikmi" -> "semi", "tur" ->
# "our"); on the OCR sets a long word respelt this far is often a right reading of debris
# ("siiviees" -> "services"), a short one rarely ("lho" -> "who", "ren" -> "men").
_FAR_RATIO = 0.6
_NEAR_RATIO = 0.7
_SHORT_WORD = 5
_COMMONEST_ZIPF = 6.5
_VOWEL_RE = regex.compile(r"[aeiouy]", regex.IGNORECASE)


def _far_respelling(original: str, replacement: str) -> bool:
    ratio = SequenceMatcher(None, original, replacement).ratio()
    if ratio < _FAR_RATIO:
        return True
    if len(original) <= _SHORT_WORD and ratio < _NEAR_RATIO and zipf(replacement) < _COMMONEST_ZIPF:
        return True
    # a word respelt as an abbreviation ("kum" -> "km"): letters without a vowel are a unit
    return bool(_VOWEL_RE.search(original)) and not _VOWEL_RE.search(replacement)


def confidence_of(doc: Document, m: LTMatch, kind: str, original: str, replacement: str,
                  pieces: Counter | None = None) -> tuple[str, float]:
    """(kind, confidence) for one match: how often this sort of LanguageTool match is right."""
    if not is_spelling(m):
        if m.rule in RULE_CONFIDENCE:
            return kind, RULE_CONFIDENCE[m.rule]
        for pattern, confidence in RULE_PATTERN_CONFIDENCE:
            if pattern.search(m.rule):
                return kind, confidence
        if m.rule in _STANDARD_COMMA_RULES and original.casefold() in _STANDARD_COMMA_AFTER:
            return kind, 0.55
        if kind == "punctuation" and original.replace(",", "") == replacement.replace(",", ""):
            return kind, 0.4  # adding or dropping a comma: house style far more often than an artefact
        return kind, KIND_CONFIDENCE.get(kind, DEFAULT_CONFIDENCE)
    if not m.replacements:
        return kind, 0.4
    if _VARIANT_RE.search(m.message) or is_spelling_variant(original, replacement):
        return kind, 0.2  # colour/color: a spelling variant, not an artefact
    parts = replacement.split(" ")
    if len(parts) > 1 and "".join(parts) == original:
        if _credible_split(doc, m, original, parts, pieces):
            return "glued-word", 0.85  # "Lukashenkothe" -> "Lukashenko the", "alot" -> "a lot"
        return kind, 0.3  # "Parmalat" -> "Parma lat": a name LanguageTool lacks
    if original.islower():
        if replacement.lower() == original and len(m.replacements) <= 30 and zipf(original) >= 4.0:
            # "chinese" -> "Chinese", "britain" -> "Britain": a common word LanguageTool only
            # knows capitalised. Hundreds of suggestions ("los" -> "Los") mean it is guessing.
            return kind, 0.6
        if "-" in original or _far_respelling(original, replacement):
            return kind, 0.4  # "de-facto" -> "defect", "kumova" -> "move": a far guess
        if not replacement.islower() or zipf(replacement) < 3.0 or zipf(replacement) < zipf(original) + 1.0:
            # "precariat" -> "precardiac", "capellan" -> "Capella": a rare word or a
            # transliteration (common in MT output) swapped for a rarer or no likelier one
            return kind, 0.4
        return kind, 0.75 if len(m.replacements) <= 3 else 0.65
    if doc.starts_sentence(m.start) and original[1:].islower():
        if _common_word_misspelt(original, replacement):
            return kind, 0.6
        # "Thoes" -> "Those", but as often "Dudek" -> "Dude", "Riise" -> "Raise": a name
        # LanguageTool lacks, one keystroke from a common word (measured on BBC news).
        return kind, 0.45
    return kind, 0.3  # capitalised inside a sentence: most likely a name LanguageTool lacks


def to_edit(doc: Document, m: LTMatch, pieces: Counter | None = None) -> Edit | None:
    """One match as one edit; None when it must be suppressed."""
    if not 0 <= m.start <= m.end <= len(doc.text):
        return None
    original = doc.text[m.start:m.end]
    if doc.is_protected(m.start, m.end):
        return None
    if is_spelling(m) and is_known_name(doc, original, m.start, m.end, pieces):
        return None
    if is_spelling(m) and original.casefold() in _URL_SCHEMES:
        return None  # "https: / / t.me / ...": a link broken up by spaces, not a word to respell
    if m.rule == "UPPERCASE_SENTENCE_START" and doc.follows_ellipsis(m.start):
        return None  # "the idea of filling with Belarusians. . . would actually": a quote trailing on
    if m.rule == "DOUBLE_PUNCTUATION" and is_two_dot_pause(doc.text, m.start):
        return None  # "Ah.. guys": a writer's pause (see the spacing detector)
    if original.strip() == "." and _in_spaced_ellipsis(doc, m.start, m.end):
        return None  # "it could be . . . would be": an ellipsis typeset with spaces, not a stray space
    replacement = m.replacements[0] if m.replacements else original
    kind, confidence = confidence_of(doc, m, kind_of(m), original, replacement, pieces)
    if m.rule == "UPPERCASE_SENTENCE_START" and doc.starts_text(m.start):
        # A text that starts in lowercase is mostly a fragment (an OCR line, a column, an MT
        # segment cut mid-sentence), not a slip; but a lone complete sentence is a slip.
        confidence = 0.6 if _lone_complete_sentence(doc) else 0.3
    if m.rule == "EN_A_VS_AN" and _article_misjudged(doc, m.end, original):
        confidence = 0.4
    if m.rule == "ENGLISH_WORD_REPEAT_RULE" and original[:1].isupper():
        confidence = 0.45  # "KURRI KURRI", "Duran Duran": names and titles repeat
    alternatives = tuple(r for r in m.replacements[1:MAX_ALTERNATIVES + 1] if r != original)
    return Edit(m.start, m.end, original, replacement, kind, (SOURCE,), confidence, m.message, rule=m.rule,
                alternatives=alternatives)


def to_edits(doc: Document, matches: Iterable[LTMatch]) -> list[Edit]:
    """All matches as edits: suppressed ones dropped, one edit per span (the surest)."""
    pieces = _word_pieces(doc)
    best: dict[tuple[int, int], Edit] = {}
    for m in matches:
        e = to_edit(doc, m, pieces)
        if e is None:
            continue
        key = (e.start, e.end)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.start, e.end))


def chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """Split ``text`` into (offset, piece) of at most ``limit`` code points, at paragraph,
    then line, then sentence, then word boundaries; the pieces concatenate to ``text``."""
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > limit:
        stop = start + limit
        floor = start + limit // 2
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            i = text.rfind(sep, floor, stop - len(sep) + 1)
            if i >= 0:
                cut = i + len(sep)
                break
        if cut <= start:
            cut = stop
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


# --- the proposer ---------------------------------------------------------------------------------

class LanguageToolProposer(Proposer):
    """Grammar, spelling and confused-word edits from a LanguageTool server.

    The server is found or started by :class:`~repair.grammar.server.ServerManager`: the
    given ``url`` (or ``REPAIR_LANGUAGETOOL_URL``), else the persistent local server, else
    a JVM of its own started on first use and stopped by :meth:`close` or at exit.
    """

    name = "languagetool"
    source = SOURCE

    def __init__(
        self,
        url: str | None = None,
        disabled_rules: Sequence[str] = (),
        disabled_categories: Sequence[str] = (),
        *,
        language: str = DEFAULT_LANGUAGE,
        timeout: float = DEFAULT_TIMEOUT,
        max_chunk: int = MAX_CHUNK,
        heap: str = DEFAULT_HEAP,
        startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
        server: ServerManager | None = None,
    ):
        self.disabled_rules = tuple(disabled_rules)
        self.disabled_categories = tuple(disabled_categories)
        self.language = language
        self.timeout = timeout
        self.max_chunk = max_chunk
        self.server = server or ServerManager(url, heap=heap, startup_timeout=startup_timeout,
                                              check_timeout=timeout)
        self._client: Any = None
        self._client_url: str | None = None

    @property
    def identity(self) -> str:
        """The LanguageTool version, for the result's signature."""
        return self.server.version

    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        return to_edits(doc, self.check(doc.text))

    def check(self, text: str) -> list[LTMatch]:
        """Every match in ``text``, its offsets in code points into ``text``."""
        out: list[LTMatch] = []
        if not text.strip():
            return out
        for offset, piece in chunks(text, self.max_chunk):
            if not piece.strip():
                continue
            for raw in self._check_piece(piece):
                m = LTMatch.from_client(raw, piece)
                if m is not None:
                    out.append(m.shifted(offset))
        return out

    def _check_piece(self, text: str) -> list:
        from language_tool_python.exceptions import LanguageToolError

        for attempt in (0, 1):
            try:
                client = self._get_client()
                with _CLIENT_LOCK:
                    return client.check(text)
            except (LanguageToolError, OSError) as exc:
                if attempt == 0 and self.server.is_down() and self.server.restart():
                    self._client = None
                    continue
                raise self._failure(exc) from exc
        raise AssertionError("unreachable")

    def _failure(self, exc: BaseException) -> GrammarError:
        url = self._client_url or self.server.explicit_url or "LanguageTool"
        if any("timed out" in str(e).lower() or "timeout" in type(e).__name__.lower() for e in _chain(exc)):
            return GrammarError(f"LanguageTool at {url!r} did not answer within {self.timeout:g} s")
        local = self.server.local
        died = f" (the server died: {local.exit_note()})" if local is not None and not local.alive() else ""
        return GrammarError(f"LanguageTool at {url!r} failed: {_one_line(exc)}{died}")

    def _get_client(self) -> Any:
        url = self.server.url()
        if self._client is not None and self._client_url == url:
            return self._client
        from language_tool_python import LanguageTool
        from language_tool_python.exceptions import LanguageToolError

        client_class = type("_RepairLanguageTool", (LanguageTool,), {"_TIMEOUT": self.timeout})
        proxies = {"http": None, "https": None} if is_loopback(url) else None  # type: ignore[dict-item]
        self._client_url = url
        try:
            client = client_class(language=self.language, remote_server=url + "/", proxies=proxies)
        except (LanguageToolError, OSError) as exc:
            raise self._failure(exc) from exc
        except ValueError as exc:  # an unknown language tag
            raise GrammarError(f"LanguageTool language {self.language!r}: {_one_line(exc)}") from exc
        client.disabled_rules = set(self.disabled_rules)
        client.disabled_categories = set(self.disabled_categories)
        self._client, self._client_url = client, url
        return client

    def close(self) -> None:
        self._client = None
        self.server.close()


def _chain(exc: BaseException | None):
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] if text else type(exc).__name__

"""How far to trust a LanguageTool match: its kind, and how often that sort of match is right.

The tables (category, issue type and rule -> kind; kind, rule and rule pattern -> confidence)
and the cases the heuristics tell apart (:data:`SPELLER`, :data:`CONTEXT`) are data, so
``python -m repair.grammar.tables`` renders them into docs/languagetool.md. Each number was
measured: on clean BBC news (``bench/languagetool.py``), on MT output (MLQE-PE), OCR lines
(Overproof, BLN600, ICDAR 2017) and learner English (JFLEG).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import regex
from rapidfuzz.distance import OSA

from ..document import Document
from ..lexicon import FUNCTION_WORDS, is_spelling_variant, is_word, zipf
from ..sources import is_speller_rule
from .match import LTMatch
from .typos import MAX_COST as TYPO_MAX_COST, MIN_LENGTH as TYPO_MIN_LENGTH, typo_cost


@dataclass(frozen=True)
class Case:
    """One sort of match and the confidence it gets; ``note`` says which and why (for the docs)."""

    confidence: float
    note: str = ""


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
    "REPAIR_MT": "mt-suspect",  # repair's own rules (rules/.../grammar_custom.xml): flags, no fix
}
# Kinds shown for review and never applied: a rule's suggestion is offered as an alternative.
FAR_TYPO = "far-typo"
FLAG_KINDS = frozenset({"mt-suspect", FAR_TYPO})
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
# What neither table names.
DEFAULT_KIND = "grammar"
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
DEFAULT_CONFIDENCE = 0.5
RULE_CONFIDENCE = {
    "EN_A_VS_AN": Case(0.85, '"a apple" -> "an apple" (but see `article-misjudged` below)'),
    "ENGLISH_WORD_REPEAT_RULE": Case(0.8, '"the the" -> "the" (but see `capitalised-repeat` below)'),
    # Measured on clean BBC news (bench/languagetool.py): mostly house style, not artefacts.
    "EN_SPECIFIC_CASE": Case(0.4, '"Brent crude" -> "Brent Crude", "a new England shirt"'),
    "CAPITALIZATION": Case(0.45, "house style on clean news"),
    "MISSING_HYPHEN": Case(0.45, '"a seven-month high" -> "seven-month-high"'),
    # Measured on MT output (MLQE-PE) and OCR lines (Overproof): right by the rule book,
    # but not what editors change, or wrong on fragments.
    "PER_CENT": Case(0.3, '"per cent" -> "percent": house style'),
    "CD_NN": Case(0.45, '"500 lei" -> "500 leis"'),
    "QUESTION_MARK": Case(0.4, "wrong on MT output and OCR fragments"),
    "DETERMINER_GEOGRAPHICAL_WORD": Case(0.45, '"in Sahara" -> "in the Sahara"'),
    "EN_SPLIT_WORDS_HYPHEN": Case(0.4, "hyphenation: house style"),
    # A lowercase word after a full stop inside a line: on OCR lines a misread or stray stop
    # or an abbreviation, not a capital forgotten.
    "UPPERCASE_SENTENCE_START": Case(0.45, 'a lowercase word after a full stop inside a line ("was. charged", '
                                           '"vii. years"): wrong 112 times of 113 on BLN600 and ICDAR 2017; '
                                           "right twice on 3,000 MT sentences"),
    "LC_AFTER_PERIOD": Case(0.45, "the same"),
    # repair's own rules, measured on the dev sets (docs/languagetool.md#repairs-own-rules)
    "REPAIR_FUSED_CLAUSES": Case(0.6, 'a flag: "Russia needs reinforcement is becoming" (a verb that takes a '
                                      'clause, "He says education is", is left alone: grammar/context.py)'),
    "REPAIR_PREDETERMINER_ORDER": Case(0.6, 'a flag: "the all world\'s media" for "all the world\'s media"'),
    "REPAIR_QUOTED_COMPOUND": Case(0.6, 'a flag: "a “high risk” strategy" for "a high-risk strategy"'),
}
# Rule-id patterns with the same verdict, tried in this order after RULE_CONFIDENCE.
RULE_PATTERN_CONFIDENCE = (
    (regex.compile(r"_COMPOUNDS(?:_EN_US)?$"), Case(0.35, '"car maker" -> "carmaker", "home town" -> "hometown"')),
    (regex.compile(r"^EN_MULTITOKEN_SPELLING"), Case(0.3, 'names: "Michael Cawley" -> "Michael Callen"')),
    (regex.compile(r"^EN_DIACRITICS_REPLACE"), Case(0.2, '"Shinzo Abe" -> "Shinzō Abe": a name\'s spelling')),
    (regex.compile(r"_HYPHEN$"), Case(0.4, '"second largest" -> "second-largest"')),
    (regex.compile(r"^EN_COMPOUNDS_"), Case(0.4, 'hyphenation house style: right 7 times, wrong 8 on JFLEG and '
                                                 'MLQE-PE ("binge drinking" -> "binge-drinking", '
                                                 '"sub-units" -> "subunits")')),
)
# Commas every style guide asks for, unlike most added commas (house style, see
# confidence_of): after a sentence-opening conjunctive adverb ("However I" -> "However, I")
# and after "For example", "For instance", "Of course", "In addition".
STANDARD_COMMA_RULES = frozenset({"SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",
                                  "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE"})
STANDARD_COMMA_AFTER = frozenset({"however", "moreover", "furthermore", "therefore", "nevertheless",
                                  "nonetheless", "consequently", "additionally", "addition",
                                  "example", "instance", "course"})

# A sentence's capitalised first word a keystroke or two from a very common word, and long
# enough not to be a name: "Althogh", "Gouverment", OCR's "Tbrough". Shorter words and rarer
# targets are mostly names ("Novell" -> "Novel", "Kmart" -> "Smart").
_OPENER_MIN_LEN = 6
_OPENER_MIN_ZIPF = 5.0
_OPENER_MIN_RATIO = 0.85
# How much of a lowercase word a respelling keeps before it counts as a far guess: less
# than 60%, or for a short word (five letters or fewer) less than 70%, one letter of three
# ("ypu" -> "you") or two of five, unless it lands on one of the commonest words ("hte" ->
# "the"). Short unknown words in MT output are transliterations ("sikmi" -> "semi", "tur" ->
# "our"); on the OCR sets a long word respelt this far is often a right reading of debris
# ("siiviees" -> "services"), a short one rarely ("lho" -> "who", "ren" -> "men").
_FAR_RATIO = 0.6
_NEAR_RATIO = 0.7
_SHORT_WORD = 5
_NEAR_EDITS = 2  # repair's search goes further only for a writer's slips in a long word (.typos)
_COMMONEST_ZIPF = 6.5
# "chinese" -> "Chinese": hundreds of suggestions ("los" -> "Los") mean LanguageTool is guessing.
_MAX_CAPITALISED_SUGGESTIONS = 30
# A learner's sentence, not an OCR line or a fragment: one line, one sentence of this many
# words, ending with its full stop.
_SENTENCE_WORDS = (8, 40)

# The speller's matches (category TYPOS, a dictionary look-up), in the order they are told apart.
SPELLER = {
    "no-suggestion": Case(0.4, "no suggestion: a flag for review"),
    "variant": Case(0.2, 'a British or American variant ("colour", "annualised"): not an artefact'),
    "glued-word": Case(0.85, 'a split into common words or into a name the document uses elsewhere ("alot" -> '
                             '"a lot", "Lukashenkothe" -> "Lukashenko the"), kind glued-word; a one- or two-letter '
                             "piece must be a function word, and end the split only after another"),
    "other-split": Case(0.3, 'any other split: a name LanguageTool lacks ("Parmalat" -> "Parma lat"), or MT\'s '
                             'transliterations read as English ("majorno" -> "major no", "sangam" -> "sang am")'),
    "known-capitalised": Case(0.6, "a common lowercase word LanguageTool only knows capitalised, at most "
                                   f'{_MAX_CAPITALISED_SUGGESTIONS} suggestions ("british" -> "British", "tv" -> "TV")'),
    FAR_TYPO: Case(0.55, f"a lowercase word of {TYPO_MIN_LENGTH} letters or more respelt as a lowercase one more than "
                         f"{_NEAR_EDITS} edits away but within a writer's slips of it (typo cost {TYPO_MAX_COST:g} or "
                         'less: "imidiatly" -> "immediately", as repair\'s search finds them). A flag offering the word, '
                         'never applied: in MT output such words are transliterations ("dinastii" -> "dynasty")'),
    "far-guess": Case(0.4, f"a lowercase word hyphenated, or respelt far: less than {_FAR_RATIO:.0%} of it kept "
                           f"(for {_SHORT_WORD} letters or fewer, less than {_NEAR_RATIO:.0%} unless the target is "
                           f'among the commonest words, Zipf {_COMMONEST_ZIPF:g}+: "hte" -> "the"), or respelt without '
                           'a vowel ("kum" -> "km")'),
    "unlikely-target": Case(0.4, 'a lowercase word respelt as a capitalised, rare (Zipf under 3) or no likelier one '
                                 '("precariat" -> "precardiac", "capellan" -> "Capella")'),
    "lowercase-few": Case(0.75, "a lowercase word, up to three suggestions"),
    "lowercase-many": Case(0.65, "a lowercase word, more suggestions"),
    "opener-slip": Case(0.6, f"a sentence's capitalised first word of {_OPENER_MIN_LEN} letters or more, "
                             f"close to a very common word (similarity {_OPENER_MIN_RATIO:g}+, Zipf "
                             f'{_OPENER_MIN_ZIPF:g}+: "Althogh", "Gouverment", OCR\'s "Tbrough")'),
    "opener": Case(0.45, 'any other capitalised first word of a sentence: as often a name ("Dudek" -> "Dude") '
                         'as a slip ("Thoes" -> "Those"); a glued "I" or "A" ("Iheard" -> "Heard") too'),
    "capitalised": Case(0.3, "a capitalised word inside a sentence: most likely a name LanguageTool lacks"),
}
# Other matches whose confidence depends on the text around them, not on the rule alone.
CONTEXT = {
    "standard-comma": Case(0.55, "a comma every style guide asks for: " + " or ".join(f"`{r}`" for r in
                                                                                sorted(STANDARD_COMMA_RULES))
                                 + " after " + ", ".join(f'"{w}"' for w in sorted(STANDARD_COMMA_AFTER))
                                 + " (JFLEG GLEU +0.14, the MT and OCR sets unchanged; after \"Also\", "
                                 '"Instead", "Meanwhile" or "In April" it is house style)'),
    "comma": Case(0.4, "any other comma added or dropped by a punctuation rule: house style far more often than an artefact"),
    "text-start": Case(0.3, "`UPPERCASE_SENTENCE_START` at the start of a text in lowercase: mostly a fragment "
                            "(an OCR line, a column, an MT segment cut mid-sentence)"),
    "lone-sentence-start": Case(0.6, f"the same, where the whole text is one line, one sentence of "
                                     f"{_SENTENCE_WORDS[0]} to {_SENTENCE_WORDS[1]} words ending with its full stop"),
    "article-misjudged": Case(0.4, '`EN_A_VS_AN` where the next word cannot be judged: OCR debris ("a ohort distance") '
                                   'or an older h-word ("an hotel", "an historic")'),
    "capitalised-repeat": Case(0.45, '`ENGLISH_WORD_REPEAT_RULE` on capitalised words: names and titles repeat '
                                     '("KURRI KURRI", "Duran Duran")'),
}

# "Possible spelling mistake. 'colour' is British English." - a variant, not an error.
_VARIANT_RE = regex.compile(r"\bis (?:British|American|Canadian|Australian|New Zealand|South African) English\b")
_PIECE_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_VOWEL_RE = regex.compile(r"[aeiouy]", regex.IGNORECASE)
_ENDS_SENTENCE_RE = regex.compile(r"[.!?][\"'”’)\]]*$")
_NEXT_WORD_RE = regex.compile(r"[\s\"'“‘(\[]*([\p{L}\p{M}'’]+)?")


def kind_of(m: LTMatch) -> str:
    if m.rule in RULE_KIND:
        return RULE_KIND[m.rule]
    if m.category in CATEGORY_KIND:
        return CATEGORY_KIND[m.category]
    return ISSUE_KIND.get(m.issue_type, DEFAULT_KIND)


def is_spelling(m: LTMatch) -> bool:
    return m.category == "TYPOS" and is_speller_rule(m.rule)


# --- names the document vouches for ----------------------------------------------------------------

@lru_cache(maxsize=16)
def _glossary_words(glossary: frozenset[str]) -> frozenset[str]:
    """Glossary entries and the words inside multi-word entries, case-folded."""
    words = {g.casefold() for g in glossary}
    for g in glossary:
        words.update(p.casefold() for p in _PIECE_RE.findall(g))
    return frozenset(words)


def word_pieces(doc: Document) -> Counter:
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
        count = (pieces if pieces is not None else word_pieces(doc))[word]
    else:
        count = doc.count(word)
    return count >= 2


# --- the heuristics ----------------------------------------------------------------------------------

def _credible_split(doc: Document, m: LTMatch, original: str, parts: list[str], pieces: Counter | None) -> bool:
    """A glued word worth splitting: common words run together ("alot", "petcare"), or a
    name glued to a word where the name also stands alone in the document ("Lukashenkothe"
    beside "Lukashenko"). Not a name split into fragments ("Parmalat" -> "Parma lat")."""
    if original.islower() or (doc.starts_sentence(m.start) and original[1:].islower()):
        return all(zipf(p) >= 4.0 for p in parts) and _short_parts_are_function_words(parts)
    counts = pieces if pieces is not None else word_pieces(doc)
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


def _lone_complete_sentence(doc: Document) -> bool:
    """The whole text is one sentence of ordinary length that ends with its full stop.

    Capitalising texts of this shape was right 69 times and wrong 4 on JFLEG, MLQE-PE,
    BLN600, Overproof and ICDAR 2017; on every lowercase-initial text it was wrong 201 times
    of 202 on MLQE-PE train, Overproof and ICDAR lines: short OCR lines that end in a stop
    ("of education, and then a diamond mine.") and long paragraph fragments."""
    text = doc.text.strip()
    low, high = _SENTENCE_WORDS
    return ("\n" not in text and len(doc.sentences) == 1 and low <= len(text.split()) <= high
            and bool(_ENDS_SENTENCE_RE.search(text)))


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


def _common_word_misspelt(original: str, replacement: str) -> bool:
    """``original`` (a capitalised word opening a sentence) reads as a slip for ``replacement``.

    On JFLEG, the MT and OCR sets and BBC/AG news this shape fired 35 times, wrong on 4
    names ("Gotting", "Weekes")."""
    target = replacement.lower()
    if not replacement[1:].islower() or " " in replacement or len(original) < _OPENER_MIN_LEN:
        return False
    if original[1:].lower() == target:
        return False  # "Iheard" -> "Heard", "Awoman" -> "Woman": a glued "I" or "A", not a slip
    return (zipf(target) >= _OPENER_MIN_ZIPF
            and SequenceMatcher(None, original.lower(), target).ratio() >= _OPENER_MIN_RATIO)


def _far_typo(original: str, replacement: str) -> bool:
    """A long lowercase word respelt as a lowercase word more than two edits away, by a
    writer's slips (not an irregular form: "teached" -> "taught")."""
    return (len(original) >= TYPO_MIN_LENGTH and original.isalpha() and replacement.isalpha()
            and replacement.islower() and OSA.distance(original, replacement) > _NEAR_EDITS
            and typo_cost(original, replacement) <= TYPO_MAX_COST)


def _far_respelling(original: str, replacement: str) -> bool:
    ratio = SequenceMatcher(None, original, replacement).ratio()
    if ratio < _FAR_RATIO:
        return True
    if len(original) <= _SHORT_WORD and ratio < _NEAR_RATIO and zipf(replacement) < _COMMONEST_ZIPF:
        return True
    # a word respelt as an abbreviation ("kum" -> "km"): letters without a vowel are a unit
    return bool(_VOWEL_RE.search(original)) and not _VOWEL_RE.search(replacement)


def _speller_case(doc: Document, m: LTMatch, original: str, replacement: str,
                  pieces: Counter | None) -> str:
    """Which of :data:`SPELLER`'s cases a speller match is."""
    if not m.replacements:
        return "no-suggestion"
    if _VARIANT_RE.search(m.message) or is_spelling_variant(original, replacement):
        return "variant"
    parts = replacement.split(" ")
    if len(parts) > 1 and "".join(parts) == original:
        return "glued-word" if _credible_split(doc, m, original, parts, pieces) else "other-split"
    if original.islower():
        if _far_typo(original, replacement):
            return FAR_TYPO
        if (replacement.lower() == original and len(m.replacements) <= _MAX_CAPITALISED_SUGGESTIONS
                and zipf(original) >= 4.0):
            return "known-capitalised"
        if "-" in original or _far_respelling(original, replacement):
            return "far-guess"
        if not replacement.islower() or zipf(replacement) < 3.0 or zipf(replacement) < zipf(original) + 1.0:
            return "unlikely-target"
        return "lowercase-few" if len(m.replacements) <= 3 else "lowercase-many"
    if doc.starts_sentence(m.start) and original[1:].islower():
        return "opener-slip" if _common_word_misspelt(original, replacement) else "opener"
    return "capitalised"


def confidence_of(doc: Document, m: LTMatch, kind: str, original: str, replacement: str,
                  pieces: Counter | None = None) -> tuple[str, float]:
    """(kind, confidence) for one match: how often this sort of LanguageTool match is right."""
    if not is_spelling(m):
        if m.rule in RULE_CONFIDENCE:
            return kind, RULE_CONFIDENCE[m.rule].confidence
        for pattern, case in RULE_PATTERN_CONFIDENCE:
            if pattern.search(m.rule):
                return kind, case.confidence
        if m.rule in STANDARD_COMMA_RULES and original.casefold() in STANDARD_COMMA_AFTER:
            return kind, CONTEXT["standard-comma"].confidence
        if kind == "punctuation" and original.replace(",", "") == replacement.replace(",", ""):
            return kind, CONTEXT["comma"].confidence
        return kind, KIND_CONFIDENCE.get(kind, DEFAULT_CONFIDENCE)
    case = _speller_case(doc, m, original, replacement, pieces)
    return (case if case in ("glued-word", FAR_TYPO) else kind), SPELLER[case].confidence


def in_context(doc: Document, m: LTMatch, original: str, confidence: float) -> float:
    """``confidence`` revised by what surrounds the match (:data:`CONTEXT`'s last cases)."""
    if m.rule == "UPPERCASE_SENTENCE_START" and doc.starts_text(m.start):
        # A text that starts in lowercase is mostly a fragment, not a slip; but a lone
        # complete sentence is a slip.
        confidence = CONTEXT["lone-sentence-start" if _lone_complete_sentence(doc) else "text-start"].confidence
    if m.rule == "EN_A_VS_AN" and _article_misjudged(doc, m.end, original):
        confidence = CONTEXT["article-misjudged"].confidence
    if m.rule == "ENGLISH_WORD_REPEAT_RULE" and original[:1].isupper():
        confidence = CONTEXT["capitalised-repeat"].confidence
    return confidence

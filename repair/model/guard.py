"""Reject model edits that could change meaning rather than repair an artefact.

A model edit is refused when it changes a number, a name, a negation, a word's
British or American spelling, drops a content word, or when the rewrite as a whole
changes too much of the sentence.
Changes that only move spaces or hyphens inside the same letters (glued, split or
hyphen-broken words, "Lukashenkothe" -> "Lukashenko the") or only normalise
look-alike letters (Cyrillic "а" in a Latin word) are allowed even on names.
"""

from __future__ import annotations

import difflib
from typing import Optional, Sequence

import regex

from ..document import LETTER_WORD_RE, Document
from ..lexicon import FUNCTION_WORDS, is_spelling_variant, zipf
from .align import Change, tokens

NUMBER_RE = regex.compile(r"\d+(?:[.,:]\d+)*")
NEGATIONS = frozenset("not no never nor none nobody nothing nowhere neither cannot without".split())
# Look-alike letters folded before comparing (Cyrillic and Greek capitals and smalls).
_FOLD = str.maketrans({
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0445": "x",
    "\u0443": "y", "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u0410": "A", "\u0412": "B",
    "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O", "\u0420": "P",
    "\u0421": "C", "\u0422": "T", "\u0425": "X", "\u0391": "A", "\u0392": "B", "\u0395": "E",
    "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N", "\u039f": "O",
    "\u03a1": "P", "\u03a4": "T", "\u03a7": "X", "\u03bf": "o",
})
_JOINERS = regex.compile(r"[\s\-\u00ad\u2010\u2011]+")

_PAIRED = set("\"'“”‘’()[]«»")
MAX_CHANGED_SHARE = 0.30   # of the sentence's tokens, over all the model's edits
MAX_EDIT_TOKENS = 6        # tokens on either side of one edit


def fold(s: str) -> str:
    return s.translate(_FOLD)


def same_letters(a: str, b: str) -> bool:
    """True when a and b differ only by spaces/hyphens and look-alike letters."""
    return _JOINERS.sub("", fold(a)) == _JOINERS.sub("", fold(b))


def _words(s: str) -> list[str]:
    return LETTER_WORD_RE.findall(s)


def _negations(s: str) -> int:
    low = s.lower().replace("\u2019", "'")
    return sum(1 for w in _words(low) if w in NEGATIONS) + low.count("n't")


def _is_function_word(w: str) -> bool:
    return w.lower() in FUNCTION_WORDS or zipf(w.lower()) >= 6.0


def is_name_like(word: str, sentence_initial: bool, doc: Optional[Document]) -> bool:
    """Capitalised inside a sentence, or a non-dictionary word the document repeats,
    or a glossary term."""
    if doc is not None and word in doc.glossary:
        return True
    if word[:1].isupper() and not sentence_initial and not _is_function_word(word):
        return True
    if doc is not None and zipf(word) < 1.0 and doc.count(word) >= 2:
        return True
    return False


def _content_words(s: str) -> list[str]:
    return [w for w in _words(s) if len(w) >= 3 and w.lower() not in FUNCTION_WORDS and zipf(w) >= 2.5]


def _close(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or difflib.SequenceMatcher(a=a, b=b).ratio() >= 0.75


def check_change(ch: Change, sentence: str, doc: Optional[Document] = None, offset: int = 0) -> Optional[str]:
    """Why this change (local offsets into ``sentence``) is refused, or None if it is allowed."""
    before, after = ch.before, ch.after
    if doc is not None and doc.is_protected(offset + ch.start, offset + ch.end):
        return "touches a protected span"
    if same_letters(before, after):
        # spacing, hyphenation and look-alike letters: safe, except numbers regrouped
        if NUMBER_RE.findall(before) != NUMBER_RE.findall(after) and _JOINERS.sub("", before) != _JOINERS.sub("", after):
            return "changes a number"
        return None
    if is_spelling_variant(before, after):
        return "changes British to American spelling"  # house style, not an artefact
    if sorted(NUMBER_RE.findall(before)) != sorted(NUMBER_RE.findall(after)):
        # letters read as digits by OCR ("1ike", "0ld") may be repaired; real numbers may not
        pure = [t for t in tokens(before) if NUMBER_RE.fullmatch(t.text)]
        pure_after = [t.text for t in tokens(after) if NUMBER_RE.fullmatch(t.text)]
        if [t.text for t in pure] != pure_after or not pure_after and pure:
            return "changes a number"
        if any(regex.search(r"\d", t.text) and not regex.search(r"\p{L}", t.text) for t in tokens(before)):
            return "changes a number"
    if _negations(before) != _negations(after):
        return "changes a negation"
    if [c for c in before if c in _PAIRED] != [c for c in after if c in _PAIRED]:
        return "changes quotes or brackets"
    sent_start = _sentence_initial_positions(sentence)
    after_words = _words(after)
    after_lower = [w.lower() for w in after_words]
    for m in LETTER_WORD_RE.finditer(before):
        w = m.group()
        initial = (ch.start + m.start()) in sent_start
        if is_name_like(w, initial, doc):
            if w in after_words or any(same_letters(w, x) for x in after_words):
                continue
            if any(same_letters(w, x) for x in _JOINERS.split(after)):
                continue
            if _JOINERS.sub("", fold(w)) in _JOINERS.sub("", fold(after)):
                continue  # a glued name split back out ("Lukashenkothe")
            return f"changes the name {w!r}"
    for w in _content_words(before):
        if w.lower() in after_lower or any(_close(w, x) for x in after_words):
            continue
        if w.lower() in _JOINERS.sub("", after.lower()):
            continue
        return f"drops the word {w!r}"
    if len(tokens(before)) > MAX_EDIT_TOKENS or len(tokens(after)) > MAX_EDIT_TOKENS:
        return "rewrites too long a stretch"
    return _outside_closed_classes(before, after, doc)


def _outside_closed_classes(before: str, after: str, doc: Optional[Document]) -> Optional[str]:
    """A small model is trusted with what MT gets wrong in closed classes (articles,
    prepositions, auxiliaries, agreement, word forms), never with vocabulary."""
    before_words = _words(before)
    if len(_words(after)) - len(before_words) > 1:
        return "inserts more than one word"
    known = {w.lower() for w in before_words}
    for w in _words(after):
        if w.lower() in known:
            continue
        in_doc = doc is not None and doc.count(w) > 0
        if zipf(w) < 3.0 and not in_doc:
            return f"introduces the rare or unknown word {w!r}"
        if not (_is_function_word(w) or in_doc or any(_same_stem(w, x) or _respells(x, w) for x in before_words)):
            return f"introduces the new word {w!r}"
    return None


def _respells(old: str, new: str) -> bool:
    """``new`` is a far commoner lowercase word spelled almost like the rare lowercase
    ``old`` ("yong" -> "young", "becouse" -> "because"): a misspelling repaired, not
    vocabulary changed. wordfreq knows many misspellings from the web, so "rare" is a
    frequency well below the new word's, not zero. Alone such an edit stays below the
    threshold; it counts when another source proposes the same word."""
    if not (old.islower() and new.islower() and _close(old, new)):
        return False
    z_old, z_new = zipf(old), zipf(new)
    return z_old < 4.0 and z_new >= 3.0 and z_new >= z_old + 1.5


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one word ("protest"/"protests", "go"/"goes"), not two words."""
    a, b = a.lower(), b.lower()
    n = min(len(a), len(b), 5)
    return n >= 2 and a[:n] == b[:n] and abs(len(a) - len(b)) <= 3


def _sentence_initial_positions(sentence: str) -> set[int]:
    """Offsets of words that start the sentence or follow . ! ? : or an opening quote there."""
    out: set[int] = set()
    prev_end = True
    for t in tokens(sentence):
        if t.text[:1].isalnum() or t.text[:1] == "_":
            if prev_end:
                out.add(t.start)
            prev_end = False
        elif t.text in ".!?:;\u2026":
            prev_end = True
        elif t.text in "\"'\u201c\u2018(\u00ab[-\u2013\u2014":
            pass  # an opening quote or dash keeps a pending sentence start
        else:
            prev_end = False
    return out


def sentence_budget_ok(sentence: str, changes: Sequence[Change]) -> bool:
    """The rewrite changes at most MAX_CHANGED_SHARE of the sentence's tokens."""
    total = max(1, len(tokens(sentence)))
    changed = sum(len(tokens(c.before)) for c in changes)
    return changed <= max(2, MAX_CHANGED_SHARE * total)

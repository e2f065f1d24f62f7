"""Slips in articles and prepositions, chosen by context (``one brutal crackdown to
protests`` -> ``a brutal crackdown on protests``).

Language-model-based correction without annotated data (Bryant and Briscoe 2018): around
every article and preposition, candidates come from small confusion sets (swap ``a/an/the``,
swap one preposition for another, delete either, insert one where none is); the shipped
word model (``repair.lm``) scores the words around each candidate, and a candidate is
proposed only when it beats the text as written by a clear margin, in log10 odds:

    log10 P(candidate in context) - log10 P(original in context) >= margin

The margins were set on one half of the development data and measured on the other
(docs/slips.md). Deterministic, tables only: it stays on with ``--no-model``.

It never touches a capitalised word inside a sentence (a name), a number, a protected
span (URL, e-mail, glossary word) or words inside quotation marks, and never inserts next
to punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import regex

from ..document import Document, Token
from ..edits import Edit
from ..lm import BOS, EOS, NgramModel, normalize
from .base import ContextDetector

ARTICLES = ("a", "an", "the")
# "one" for "a": a calque of languages without articles ("launched one brutal crackdown")
CALQUES = {"one": ("a", "an")}
PREPOSITIONS = ("of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "over")
# an auxiliary that does not agree with its subject: "they was", "people is", "he have"
AUXILIARIES = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has",
               "does": "do", "do": "does"}

# log10 odds a candidate needs over the text as written, by operation. Chosen on the even
# items of JFLEG dev, MLQE-PE dev and news (`python bench/slips_gleu.py`): per operation the
# margin with the best GLEU that left no more MLQE-PE sentences worse than better and added
# at most 0.05 changes per 1,000 news words. OFF: no margin raised GLEU within those bounds.
OFF = 99.0
MARGINS = {
    "swap-article": OFF,
    "delete-article": 3.5,
    "insert-article": OFF,
    "calque": OFF,
    "swap-preposition": OFF,
    "delete-preposition": OFF,
    "insert-preposition": OFF,
    "auxiliary": OFF,
}
RUNNER_UP_GAP = 0.5  # the winner must beat every other reading at its place (the text too) by this much

_QUOTED_RE = regex.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|‘[^’\n]{1,400}’")
_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "uti", "eu", "one", "once", "ure", "uro")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")


@dataclass(frozen=True)
class Candidate:
    """One way to rewrite words[lo:hi] (an insertion when lo == hi) and its log10 odds."""

    lo: int
    hi: int
    words: tuple[str, ...]
    op: str
    odds: float
    supported: bool = True  # every new word pair was seen in text (not guessed by backoff)


@dataclass(frozen=True)
class Reading:
    """The best candidate at one place and its lead in log10 odds over the next reading."""

    candidate: Candidate
    lead: float


def indefinite(word: str) -> str:
    """``a`` or ``an`` before ``word`` (by its spelling: ``an hour``, ``a university``)."""
    w = word.lower()
    if w.startswith(_SILENT_H):
        return "an"
    if w.startswith(_VOWEL_SOUND_EXCEPTIONS):
        return "a"
    if len(w) > 1 and w.isupper() is False and word.isupper() and len(word) <= 5:
        return "an" if w[0] in "aefhilmnorsx" else "a"  # an FBI agent, a NATO summit
    return "an" if w[:1] in "aeiou" else "a"


class Slips(ContextDetector):
    name = "slips"
    kind = "function-word"

    def __init__(self, lm: NgramModel | None = None, margins: dict[str, float] | None = None,
                 support: bool = True, context=None, channel=None):
        super().__init__(lm)
        # bench/slips_tune.py tries a channel prior (``channel.prior(old, new)``: log10 odds of
        # each change, from post-edits) and a longer-range scorer (``context``)
        self.channel = channel
        self.context = context
        self.support = support
        self.margins = dict(MARGINS if margins is None else margins)

    def find(self, doc: Document) -> Iterator[Edit]:
        for run in self.runs(doc):
            for cand in self.choose(run.words, run.editable):
                edit = self.edit_for(doc, run.tokens, cand)
                if edit is not None:
                    yield edit

    # --- scoring -------------------------------------------------------------------------
    def candidates(self, words: Sequence[str], editable: Sequence[bool] | None = None) -> list[Candidate]:
        """The candidates in one run of lowercased words, scored against the original, at
        every place an open operation could change. ``editable[i]`` False: word i is
        context only (a name, a number)."""
        if editable is None:
            editable = [w.isalpha() for w in words]
        lm = self.lm
        # "a"/"an" is judged as the form its next word takes: choosing between them is
        # LanguageTool's rule, and "an friend" must not read as a superfluous article
        words = [indefinite(words[i + 1]) if w in ("a", "an") and i + 1 < len(words) else w
                 for i, w in enumerate(words)]
        seq = [BOS, *words, EOS]
        out: list[Candidate] = []

        seen = _Seen(lm)

        def cand(lo: int, hi: int, new: tuple[str, ...], op: str) -> Candidate:
            # words[lo:hi] -> new; seq index = word index + 1
            before = seq[lo:hi + 2]
            after = [seq[lo], *new, seq[hi + 1]]
            supported = all(seen(a, b) for a, b in zip(after, after[1:]) if b != EOS)
            if supported and op == "auxiliary":  # agreement is decided by the subject, on the left
                supported = lm.logprob(after[0], after[1]) > lm.logprob(before[0], before[1])
            elif supported and len(before) == len(after):  # a swap: both sides must prefer it
                supported = all(lm.logprob(a, b) >= lm.logprob(x, y)
                                for (a, b), (x, y) in zip(zip(after, after[1:]), zip(before, before[1:])))
            if self.context is not None:  # a longer-range scorer decides the odds
                odds = self.context(seq, lo, hi, new)
            else:
                odds = _chain(lm, after) - _chain(lm, before)
            if self.channel is not None:
                old = words[lo] if hi > lo else None
                odds += self.channel.prior(old, new[0] if new else None)
            return Candidate(lo, hi, new, op, odds, supported)

        # only the places an open operation can change are scored (a closed operation still
        # competes at a place it shares with an open one: swapping and deleting an article)
        is_open = {op for op, m in self.margins.items() if m < OFF}
        articles = bool(is_open & {"swap-article", "delete-article"})
        prepositions = bool(is_open & {"swap-preposition", "delete-preposition"})
        inserts = bool(is_open & {"insert-article", "insert-preposition"})
        n = len(words)
        for i, w in enumerate(words):
            nxt = words[i + 1] if i + 1 < n else ""
            if not editable[i]:
                pass
            elif w in ARTICLES and articles:
                for c in ("the", indefinite(nxt) if nxt else "a"):
                    if c != w:
                        out.append(cand(i, i + 1, (c,), "swap-article"))
                if i > 0 and i + 1 < n and editable[i + 1]:  # never before a name or a number
                    out.append(cand(i, i + 1, (), "delete-article"))
            elif w in CALQUES and nxt and "calque" in is_open:
                c = indefinite(nxt)
                out.append(cand(i, i + 1, (c,), "calque"))
            elif w in AUXILIARIES and "auxiliary" in is_open:
                if i > 0:  # the subject must be in the run
                    out.append(cand(i, i + 1, (AUXILIARIES[w],), "auxiliary"))
            elif w in PREPOSITIONS and prepositions:
                for c in PREPOSITIONS:
                    if c != w:
                        out.append(cand(i, i + 1, (c,), "swap-preposition"))
                if i > 0 and i + 1 < n and editable[i + 1]:
                    out.append(cand(i, i + 1, (), "delete-preposition"))
            # insertions before word i (not at the start: a sentence's first word is its own)
            if inserts and 0 < i and editable[i - 1] and words[i - 1] not in ARTICLES and w not in ARTICLES \
                    and words[i - 1] not in PREPOSITIONS:
                if editable[i]:  # an article before a name or a number is the writer's call
                    for c in ("the", indefinite(w)):
                        out.append(cand(i, i, (c,), "insert-article"))
                if w not in PREPOSITIONS:
                    for c in PREPOSITIONS:
                        out.append(cand(i, i, (c,), "insert-preposition"))
        return out

    def readings(self, words: Sequence[str], editable: Sequence[bool] | None = None) -> list[Reading]:
        """Per place, the likeliest supported candidate and its lead over every other
        reading there (the text as written among them), whatever the margins."""
        return best_readings(self.candidates(words, editable), self.support)

    def select(self, readings: Sequence[Reading]) -> list[Candidate]:
        """The readings that clear their operation's margin, lead the next reading at their
        place by ``RUNNER_UP_GAP``, and do not touch a stronger one."""
        winners = [r.candidate for r in readings
                   if r.candidate.odds >= self.margins[r.candidate.op] and r.lead >= RUNNER_UP_GAP]
        winners.sort(key=lambda c: c.odds - self.margins[c.op], reverse=True)
        chosen: list[Candidate] = []
        for c in winners:
            # one change per neighbourhood: the bigram scores of two touching changes overlap
            if all(c.hi + 1 < k.lo or k.hi + 1 < c.lo for k in chosen):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.lo)

    def choose(self, words: Sequence[str], editable: Sequence[bool] | None = None) -> list[Candidate]:
        return self.select(self.readings(words, editable))

    def runs(self, doc: Document) -> list[_Run]:
        """The stretches of ``doc`` the detector reads (see ``_runs``)."""
        quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(doc.text)]
        return list(_runs(doc, quoted))

    # --- edits ---------------------------------------------------------------------------
    def edit_for(self, doc: Document, tokens: Sequence[Token], c: Candidate) -> Edit | None:
        """The edit that makes candidate ``c`` of a run (its ``tokens``) in ``doc``."""
        text = doc.text
        margin = self.margins[c.op]
        confidence = min(0.9, 0.6 + 0.1 * (c.odds - margin))
        if c.lo == c.hi:  # insertion before tokens[lo]
            tok = tokens[c.lo]
            new = c.words[0]
            return self.edit(doc, tok.start, tok.start, new + " ", confidence,
                             f"'{new}' seems missing before '{tok.text}'")
        tok = tokens[c.lo]
        if c.words:
            new = _match_case(tok.text, c.words[0])
            return self.edit(doc, tok.start, tok.end, new, confidence,
                             f"'{new}' reads better than '{tok.text}' here")
        # deletion: the word and the space after it
        end = tok.end
        while end < len(text) and text[end] == " ":
            end += 1
        if tok.text[0].isupper():
            return None  # the next word would need a capital
        return self.edit(doc, tok.start, end, "", confidence, f"'{tok.text}' seems superfluous here")


def best_readings(candidates: Sequence[Candidate], support: bool = True, with_text: bool = True) -> list[Reading]:
    """Per place, the likeliest candidate (supported, if ``support``) and its lead in odds
    over every other reading there, the text as written (odds 0) among them unless
    ``with_text`` is False (then a margin below 0 can let a candidate the scorer finds
    less likely than the text through: the tagger's margins may be)."""
    by_place: dict[tuple[int, int], list[Candidate]] = {}
    for c in candidates:
        by_place.setdefault((c.lo, c.hi), []).append(c)
    out = []
    for cands in by_place.values():
        ranked = sorted(cands, key=lambda c: c.odds, reverse=True)
        best = next((c for c in ranked if c.supported or not support), None)
        if best is not None:
            others = [c.odds for c in ranked if c is not best] + ([0.0] if with_text else [])
            out.append(Reading(best, best.odds - max(others, default=float("-inf"))))
    return out


class _Seen:
    """Whether the table holds a word pair (its probability is not the backoff's guess)."""

    _PROBE = "qxqzjv"  # a string no table holds: its probability after ``prev`` is pure backoff

    def __init__(self, lm: NgramModel):
        self.lm = lm
        self._backoff: dict[str, float] = {}

    def __call__(self, prev: str, word: str) -> bool:
        lm = self.lm
        b = self._backoff.get(prev)
        if b is None:
            b = self._backoff[prev] = lm.logprob(prev, self._PROBE) - lm.unigram(self._PROBE)
        return abs(lm.logprob(prev, word) - (b + lm.unigram(word))) > 1e-6


def _chain(lm: NgramModel, words: Sequence[str]) -> float:
    return sum(lm.logprob(a, b) for a, b in zip(words, words[1:]))


def _match_case(original: str, new: str) -> str:
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


@dataclass(frozen=True)
class _Run:
    tokens: tuple[Token, ...]
    words: tuple[str, ...]
    editable: tuple[bool, ...]  # False: a name or a number, context only


def _runs(doc: Document, quoted: Sequence[tuple[int, int]]) -> Iterator[_Run]:
    """Stretches of words separated by single spaces within a sentence, outside quotes and
    protected spans. Names and numbers stay in a run as context but are never edited."""
    text = doc.text
    run: list[Token] = []
    editable: list[bool] = []

    def flush() -> Iterator[_Run]:
        if len(run) >= 3 and any(editable):
            yield _Run(tuple(run), tuple(normalize(t.text) for t in run), tuple(editable))
        run.clear()
        editable.clear()

    for tok in doc.words:
        if run and text[run[-1].end:tok.start] != " ":
            yield from flush()
        if any(s <= tok.start < e for s, e in quoted) or doc.is_protected(tok.start, tok.end):
            yield from flush()
            continue
        run.append(tok)
        editable.append(tok.text.isalpha() and (tok.text[:1].islower() or doc.starts_sentence(tok.start)))
    yield from flush()

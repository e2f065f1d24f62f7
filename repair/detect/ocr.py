"""OCR misreadings, read in their sentence: ``tlie`` -> ``the``, ``arid`` -> ``and``,
``the modem world`` -> ``the modern world``; ligatures and long s.

A noisy channel. For every word, the confusion table (``ocr_channel``, learned from
aligned OCR) proposes the known words OCR could have misread as it, each with the
probability of that misreading; the bigram model (``repair.lm``) says how likely each
reading is between its neighbours. A candidate wins when

    log10 P(word | candidate) + log10 P(candidate in context) - log10 P(word in context)

clears a margin: small for a word the lexicon does not know, large for a real word (a
real word is replaced only when the context makes the candidate far likelier), larger
still for a capitalised word inside a sentence (a name, kept unless channel and context
agree strongly; in raw OCR less for one no dictionary knows at all: ``Chbrist``). A real
word the document uses twice is its own and is left alone; an unknown word it repeats
(``tlie`` five times) is fixed everywhere once one occurrence is sure. Both tables ship
with the package and stay on with ``--no-model``.

In raw OCR a long string no dictionary knows at all is no word as printed: it is read where
its best reading stands ``NO_WORD_GAP`` clear of the next, whatever its odds over the string
(``jevellery`` -> ``jewellery``), and so is a word broken at a line end with a piece misread
(``in- dictuxent`` -> ``indictment``).

Beside the words: strings with marks for letters (``bu*``, ``repair.detect.ocr_marks``),
words printed in capitals (``TEEATMENT``, ``repair.detect.ocr_capitals``), garbled strings
read as a word the document prints elsewhere (``lKellor`` -> ``Mellor``,
``repair.detect.ocr_document``), and, judging every edit, older English's spellings kept
(``repair.detect.older``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import AbstractSet, Iterator, Sequence

from ..document import Document, Token
from ..edits import Edit
from ..errors import DataError
from ..lexicon import FUNCTION_WORDS, common_words_by_length, known_prefixes, known_suffixes, zipf
from ..lm import BOS, CUT, EOS, NgramModel, neighbour, normalize
from ..proposers import Bars
from .base import ContextDetector, amid_unknown_words, confidence_above, reads_as_english, reads_as_raw_ocr
from .broken import broken_piece, ends_line_broken, line_end_breaks
from .ocr_capitals import CAPITALS_GAP, capitals_word, case_slip, garbled_heading, short_capitals_in_heading
from .ocr_channel import CANDIDATE_ZIPF, COMMONEST_ZIPF, FAR_ZIPF, GENERIC_ZIPF, SHORT_TWO_LENGTH, ConfusionModel
from .ocr_document import MIN_CHANNEL as DOC_MIN_CHANNEL
from .ocr_document import DocumentWords, readable_string
from .ocr_marks import Marked, marked_strings, tokens_inside
from .ocr_marks import candidates as mark_candidates
from .older import keep_period_spellings, old_spelling, period_spelling, reads_as_older_english, respelt_alike
from .stray import stray_like

# Characters that are always an OCR or typesetting artefact in modern English.
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "ſ": "s"}

MIN_LENGTH = 2
SHORT_WORD_ZIPF = 5.0  # a two-letter word this common (of, or, to) is what was printed
REAL_WORD_ZIPF = 3.0  # the lexicon knows the word well: replaced only on strong evidence
MARGIN_UNKNOWN = 1.0  # log10 odds a candidate needs over an unknown word (zipf 1 or less)
MARGIN_RARE_STEP = 0.6  # ... and this much more per zipf unit above 1 (rare and old spellings)
MARGIN_REAL = 3.0  # ... over a real word
MARGIN_NAME = 5.0  # ... over a capitalised word inside a sentence (a name)
MARGIN_GARBLED_NAME = 2.0  # ... over one no dictionary knows, in raw OCR (``Chbrist``)
GARBLED_NAME_LENGTH = 4
SHORT_NAME_LENGTH = 3
OPENER_LIFT = 0.3  # log10: a word that opens sentences twice as often as its frequency says
# In a text that reads as raw OCR (``lexicon.garbled``) a real word is far more often a
# misreading than in edited prose: there a hundred to one is enough (docs/ocr.md#measured).
MARGIN_REAL_NOISY = 2.0
RUN_WIDTH = 12  # readings per word, likeliest by the channel, when words are read together
UNSURE = 0.45  # a reading at the raw-OCR odds elsewhere: below the default bar, the ocr profile's
RUNNER_UP_GAP = 0.5  # an unknown word's best reading must beat the next one by this much
MARK_GAP = 1.0  # ... and a string with marks for letters (``bu*``: but, bus, buy) by this much
# In raw OCR a lowercase string of this many letters that no dictionary knows at all is no
# word as printed: its best reading wins when this much likelier than the next
NO_WORD_LENGTH = 5
NO_WORD_GAP = 2.0
DOC_WORD_SURE = 0.7  # a garbled string read as a word the document prints elsewhere, in raw OCR
SURE_EXTRA = 1.0  # one occurrence this far over its margin fixes every occurrence
# A lowercase word this rare may be words whose spaces OCR dropped (``thathe``): its
# splits compete with its misreadings, in context like them.
SPLIT_MAX_ZIPF = 2.0
SPLIT_MIN_LENGTH = 4
# The pronoun I printed as the digit 1 (``as 1 was told``): read so when the bigram model
# finds "I" this much likelier (log10) than "1" between the neighbours. Chosen on the
# even-numbered items of a 600-item ICDAR 2017 sample, checked on the odd ones (docs/ocr.md).
ONE_AS_I_MARGIN = 2.0
ONE_AFTER_CAPITAL_ZIPF = 6.0  # a capitalised word this common before it opens a clause (When 1)


@dataclass(frozen=True)
class Options:
    """What one occurrence may be read as: its candidates (text, log10 P(word | text)), best
    channel first, and the odds a candidate needs over it."""

    word: str
    candidates: tuple[tuple[str, float], ...]
    margin: float
    no_word: bool = False  # no dictionary knows it and the text is raw OCR: the gap decides


@dataclass(frozen=True)
class Reading:
    """The best reading of one occurrence: the candidate and its log10 odds over the word."""

    candidate: str
    odds: float
    margin: float
    runner_up: float
    no_word: bool = False

    @property
    def decided(self) -> bool:
        return self.odds >= self.margin or self.by_gap

    @property
    def by_gap(self) -> bool:
        """Decided short of the margin: no word as printed, and no other reading close."""
        return self.no_word and self.odds < self.margin and " " not in self.candidate \
            and self.odds - self.runner_up >= NO_WORD_GAP

    @property
    def sure(self) -> bool:
        return self.odds >= self.margin + SURE_EXTRA


class OcrConfusions(ContextDetector):
    name = "ocr"
    kind = "ocr-confusion"

    def __init__(self, confusions: ConfusionModel | None = None, lm: NgramModel | None = None):
        self._confusions = confusions
        super().__init__(lm)

    @property
    def confusions(self) -> ConfusionModel:
        if self._confusions is None:
            self._confusions = ConfusionModel.load()
        return self._confusions

    def prefetch(self) -> None:
        super().prefetch()
        try:
            self.confusions, self.lm  # the tables load now; a broken one fails where it is first read
        except DataError:
            pass
        # The beginnings and endings of the words a candidate may be, which the candidate
        # search prunes by: built once here (in the batch parent, shared by its workers),
        # not per worker.
        for min_zipf in (CANDIDATE_ZIPF, GENERIC_ZIPF):
            known_prefixes(min_zipf)
            known_suffixes(min_zipf)
        common_words_by_length(FAR_ZIPF)

    def verify(self, doc: Document, edits: Sequence[Edit], bars: Bars) -> list[Edit]:
        """LanguageTool's speller edits on words OCR misread, re-chosen by the channel
        (``repair.detect.ocr_speller``); in older English, no spelling modernised
        (``repair.detect.older``)."""
        from .ocr_speller import judge_speller

        older = reads_as_older_english(doc)
        judged = judge_speller(self, doc, edits, bars, older)
        return keep_period_spellings(judged, bars) if older else judged

    def find(self, doc: Document) -> Iterator[Edit]:
        has_ligatures = any(c in doc.text for c in LIGATURES)
        words = doc.words
        starts = doc.sentence_starts
        options: dict[int, Options] = {}
        noisy = reads_as_raw_ocr(doc)
        # strings with marks for letters that read as words: read whole, not word by word
        marked = [(m, found) for m in marked_strings(doc) if (found := mark_candidates(self.confusions, m.text))]
        covered = tokens_inside([m for m, _ in marked])
        read: set[int] = set()  # where an edit starts: no other reading there
        if noisy and "-" in doc.text:  # words broken at a line end with a piece misread: read whole
            for e, pieces in self._read_broken(doc, words, covered):
                covered.update(pieces)
                read.add(e.start)
                yield e
        for i, tok in enumerate(words):
            word = tok.text
            if i in covered:
                continue
            if has_ligatures and any(c in LIGATURES for c in word):
                fixed = "".join(LIGATURES.get(c, c) for c in word)
                read.add(tok.start)
                yield self.edit(doc, tok.start, tok.end, fixed, 0.95,
                                f"'{word}' contains a ligature or long s; modern text spells it '{fixed}'")
                continue
            if word == "1":
                yield from self._one_as_i(doc, words, i)
                continue
            if stray_like(word):
                continue  # the stray detector's
            found = self._options(doc, words, i, starts, noisy)
            if found is not None:
                options[i] = found
        for e in self._decide(doc, words, self._read_all(doc, words, options)):
            read.add(e.start)
            yield e
        yield from self._read_marked(doc, words, marked, noisy)
        yield from self._read_capitals(doc, words, read, covered, noisy)
        if noisy:  # in edited prose an unknown string is a name more often than a misreading
            yield from self._read_from_document(doc, words, read, covered)

    def _read_broken(self, doc: Document, words: tuple[Token, ...],
                     covered: set[int]) -> Iterator[tuple[Edit, range]]:
        """Words broken at a line end with a piece misread (``in- dictuxent`` -> ``indictment``,
        ``cosse- quence`` -> ``consequence``), each with the tokens it covers: the pieces joined
        are no word (the broken-word detector joins those that are), so the joined string is
        read as a string no dictionary knows is (``NO_WORD_GAP``). Not two words the lexicon
        knows well (``to- commit``: a dash between them)."""
        first = {t.start: k for k, t in enumerate(words)}
        last = {t.end: k for k, t in enumerate(words)}
        for b in line_end_breaks(doc.text):
            i, j = first.get(b.start), last.get(b.end)
            joined = b.left + b.right
            if i is None or j is None or covered.intersection(range(i, j + 1)) or len(b.left) < MIN_LENGTH:
                continue
            if zipf(joined) > 0 or zipf(b.left) >= REAL_WORD_ZIPF and zipf(b.right) >= REAL_WORD_ZIPF \
                    or doc.is_protected(b.start, b.end):
                continue
            found = self.confusions.candidates(joined, deep=True, far=True)
            if not found:
                continue
            prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, j, +1)
            r = self._readings(prev, [Options(joined, found, MARGIN_UNKNOWN, no_word=True)], nxt)[0]
            if not r.decided or " " in r.candidate:
                continue
            yield (self.edit(doc, b.start, b.end, r.candidate, _confidence(r),
                             f"'{b.left}-' and '{b.right}' are one word broken at a line end, misread: "
                             f"'{r.candidate}'"), range(i, j + 1))

    def _read_from_document(self, doc: Document, words: tuple[Token, ...], read: set[int],
                            covered: set[int]) -> Iterator[Edit]:
        """Garbled strings no reading changed, read as the word the document prints elsewhere
        (``repair.detect.ocr_document``), in raw OCR."""
        own: DocumentWords | None = None
        for i, tok in enumerate(words):
            if i in covered or tok.start in read or not readable_string(tok.text) or self._eligible(doc, tok) is None:
                continue
            if broken_piece(doc.text, tok.start, tok.end) or self.confusions.splits(tok.text.lower()):
                continue  # a piece of a word broken at a line end; words run together
            if own is None:
                own = DocumentWords.of(doc)
            target = own.nearest(tok.text, tok.start not in doc.sentence_starts)
            if target is None or self.confusions.aligned(tok.text.lower(), target) < DOC_MIN_CHANNEL:
                continue
            form = own.form_for(target, tok.text)
            yield self.edit(doc, tok.start, tok.end, form, DOC_WORD_SURE,
                            f"'{tok.text}' reads as an OCR misreading of '{form}', printed elsewhere in the document")

    def _read_marked(self, doc: Document, words: tuple[Token, ...],
                     marked: list[tuple[Marked, tuple[tuple[str, float], ...]]], noisy: bool) -> Iterator[Edit]:
        """Strings with marks for letters (``repair.detect.ocr_marks``) and their candidates:
        the best candidate between the neighbours, where it stands ``MARK_GAP`` clear of the
        next; outside raw OCR below the default bar."""
        for m, found in marked:
            prev, nxt = neighbour(doc, words, m.first, -1), neighbour(doc, words, m.last, +1)
            r = self._readings(prev, [Options(m.text, found, MARGIN_UNKNOWN)], nxt)[0]
            if r.odds - r.runner_up < MARK_GAP:
                continue
            confidence = confidence_above(r.odds - r.runner_up - MARK_GAP) if noisy else UNSURE
            yield self.edit(doc, m.start, m.end, r.candidate, confidence,
                            f"'{m.text}' reads as an OCR misreading of '{r.candidate}' here (marks for letters)")

    def _read_capitals(self, doc: Document, words: tuple[Token, ...], read: set[int],
                       covered: set[int], noisy: bool) -> Iterator[Edit]:
        """Words printed in capitals (``repair.detect.ocr_capitals``): a small letter read in
        a capital's place, or a word no dictionary knows read as an unknown word is; outside
        raw OCR below the default bar."""
        sure = None
        texts = [t.text for t in words]
        for i, tok in enumerate(words):
            word = tok.text
            if i in covered or tok.start in read or word in doc.glossary or doc.is_protected(tok.start, tok.end):
                continue
            short = short_capitals_in_heading(texts, i)
            if not (short or capitals_word(word)):
                continue
            if sure is None:
                sure = noisy or garbled_heading(texts)
            if short:
                yield from self._read_short_capitals(doc, words, i, sure)
                continue
            fixed = case_slip(word)
            if fixed is not None:
                yield self.edit(doc, tok.start, tok.end, fixed, 0.8 if sure else UNSURE,
                                f"'{word}' is a word in capitals with a small letter misread in a capital's place")
                continue
            if zipf(word) > 0:
                continue  # a word or a name the lexicon knows, in capitals
            found = self.confusions.candidates(word, deep=True, far=True)
            if not found:
                continue
            prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, i, +1)
            r = self._readings(prev, [Options(word, found, MARGIN_GARBLED_NAME)], nxt)[0]
            if not r.decided or r.odds - r.runner_up < CAPITALS_GAP:
                continue
            confidence = confidence_above(r.odds - r.runner_up - CAPITALS_GAP) if sure else UNSURE
            yield self.edit(doc, tok.start, tok.end, r.candidate, confidence,
                            f"'{word}' reads as an OCR misreading of '{r.candidate}' here (a word in capitals)")

    def _read_short_capitals(self, doc: Document, words: tuple[Token, ...], i: int, sure: bool) -> Iterator[Edit]:
        """A short word of capitals in a heading (``OP`` in ``NOTICES OP MOTION``), read as the
        commonest words alone, like a word of capitals no dictionary knows: an unknown word's
        margin, ``CAPITALS_GAP`` clear of the next reading."""
        word = words[i].text
        if zipf(word) >= COMMONEST_ZIPF:
            return  # OF, THE, AND as printed
        found = tuple((c.upper(), lp) for c, lp in self.confusions.candidates(word.lower(), deep=True)
                      if zipf(c) >= COMMONEST_ZIPF)
        if not found:
            return
        prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, i, +1)
        r = self._readings(prev, [Options(word, found, MARGIN_UNKNOWN)], nxt)[0]
        if r.decided and r.odds - r.runner_up >= CAPITALS_GAP:
            tok = words[i]
            yield self.edit(doc, tok.start, tok.end, r.candidate, _confidence(r) if sure else UNSURE,
                            f"'{word}' reads as an OCR misreading of '{r.candidate}' here (a word in capitals)")

    def _one_as_i(self, doc: Document, words: tuple[Token, ...], i: int) -> Iterator[Edit]:
        """``1`` standing alone before a lowercase word, where "I" reads far better."""
        tok, text = words[i], doc.text
        if tok.start > 0 and text[tok.start - 1] not in " \n" or text[tok.end:tok.end + 1] != " ":
            return  # part of a number, a date or an amount: 1.5, £1, 1,000, 5 1/2
        if i + 1 >= len(words) or words[i + 1].start != tok.end + 1 or not words[i + 1].text.islower():
            return
        before = words[i - 1].text if i > 0 and words[i - 1].end + 1 == tok.start else ""
        if text.endswith(("No. ", "no. ", "Nos. ", "nos. "), 0, tok.start) or before[:1].isupper() and \
                before.lower() not in FUNCTION_WORDS and zipf(before.lower()) < ONE_AFTER_CAPITAL_ZIPF:
            return  # No. 1, Nos. 1 and 2, or a name with its number (Radio 1, Part 1); not When 1, Then 1
        if doc.is_protected(tok.start, tok.end):
            return
        prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, i, +1)
        odds = self.lm.between(prev, "I", nxt) - self.lm.between(prev, "1", nxt)
        if odds >= ONE_AS_I_MARGIN:
            yield self.edit(doc, tok.start, tok.end, "I", confidence_above(odds - ONE_AS_I_MARGIN),
                            "'1' reads as the pronoun 'I' misread as a digit here")

    def _eligible(self, doc: Document, tok: Token) -> float | None:
        """The word's zipf frequency when this occurrence may be read, None when not."""
        word = tok.text
        z = readable(word)
        if z is None or word in doc.glossary:
            return None
        if z >= REAL_WORD_ZIPF and doc.count(word) > 1:
            return None  # a real word the document uses twice is its own
        if ends_line_broken(doc.text, tok.end):
            return None  # half a word (``speci-``): whatever it reads as, it is not that word
        return None if doc.is_protected(tok.start, tok.end) else z

    def reading(self, doc: Document, words: tuple[Token, ...], i: int, starts: AbstractSet[int],
                noisy: bool | None = None) -> Reading | None:
        """The best reading of ``words[i]`` with its odds, decided or not (None where the word
        is not read), between its neighbours as printed; every candidate scored, as
        measurements and the flags for review need (bench/ocr_model_scorer.py,
        detect.unreadable). ``noisy``: whether the text reads as raw OCR, when the caller knows."""
        if noisy is None:
            noisy = reads_as_raw_ocr(doc)
        found = self._options(doc, words, i, starts, noisy)
        if found is None:
            return None
        prev, nxt = neighbour(doc, words, i, -1), neighbour(doc, words, i, +1)
        return self._readings(prev, [found], nxt)[0]

    def _options(self, doc: Document, words: tuple[Token, ...], i: int, starts: AbstractSet[int],
                 noisy: bool = False) -> Options | None:
        tok = words[i]
        word = tok.text
        z = self._eligible(doc, tok)
        if z is None:
            return None
        name = word[0].isupper() and tok.start not in starts
        # In raw OCR a capitalised string no dictionary knows at all (``Chbrist``, ``Toseph``,
        # ``Althoueh``) is more often a misread word or name than a name spelt so: read as
        # deep as an unknown word, at a margin between an unknown word's and a name's.
        garbled_name = name and noisy and z == 0 and len(word) >= GARBLED_NAME_LENGTH and word[1:].islower()
        deep = not name or garbled_name
        if len(word) <= SHORT_TWO_LENGTH and not doc.ocr and not reads_as_english(doc):
            deep = False  # a short string read as the commonest English words: not in French (``en``)
        candidates = self.confusions.candidates(word, deep=deep, far=noisy)  # far: raw OCR only
        if word.islower() and z < SPLIT_MAX_ZIPF and len(word) >= SPLIT_MIN_LENGTH:
            best = dict(candidates)
            for c, lp in self.confusions.splits(word) + self.confusions.misread_splits(word):
                best[c] = max(lp, best.get(c, -99.0))
            candidates = tuple(sorted(best.items(), key=lambda c: -c[1]))
        if not candidates:
            return None
        margin = MARGIN_GARBLED_NAME if garbled_name else MARGIN_NAME if name else margin_for(z, noisy)
        if name and noisy and len(word) <= SHORT_NAME_LENGTH and word[1:].islower() and i > 0 \
                and _may_end_sentence(doc, words[i - 1], tok):
            # In raw OCR a short capitalised string right after a lowercase word that may end
            # a sentence is more often one of the commonest words opening a sentence whose
            # stop OCR lost (``away Tho man``, ``labour Ho was``) than a name (``Mr. Ho``;
            # ``of Hie``, where no sentence ends, is ``the``): read as those alone (twice as
            # likely at a sentence's start as elsewhere: ``The``, ``He``, not ``His``), at a
            # real word's odds.
            candidates = tuple(c for c in candidates if zipf(c[0]) >= COMMONEST_ZIPF
                               and self.lm.logprob(BOS, c[0]) - self.lm.unigram(c[0]) >= OPENER_LIFT)
            if not candidates:
                return None
            margin = MARGIN_REAL_NOISY
        # Amid words English does not know a string may be another language's word (a Low
        # German quotation), unless the user says the text is OCR: then they are garbage. In
        # older English it may be the period's spelling (``coniurers``).
        no_word = noisy and z == 0 and word.islower() and len(word) >= NO_WORD_LENGTH \
            and i > 0 and not broken_piece(doc.text, tok.start, tok.end) and not _split_piece(doc, words, i) \
            and (doc.ocr or not amid_unknown_words(words, i)) and not reads_as_older_english(doc)
        return Options(word, candidates, margin, no_word)

    def _read_all(self, doc: Document, words: tuple[Token, ...], options: dict[int, Options]) -> dict[int, Reading]:
        """Every word with options read. Words next to each other are read together (``nt tho
        time``: each is judged with the other at its best reading, not as printed), over
        runs of words that may be misread; a word no candidate can win for, whatever its
        neighbours, is not scored."""
        readings: dict[int, Reading] = {}
        in_play: set[int] = set()
        for i, opt in options.items():
            # A log probability is at most 0, so context lifts no candidate by more than
            # -here (the word between its neighbours as printed): where none can reach the
            # margin, the word is not scored unless a neighbour is; the odds given are a bound.
            here = self.lm.between(neighbour(doc, words, i, -1), opt.word, neighbour(doc, words, i, +1))
            bound = opt.candidates[0][1] - here
            if bound >= lowest_odds(opt.margin) or opt.no_word:
                in_play.add(i)
            else:
                readings[i] = Reading(opt.candidates[0][0], bound, opt.margin, -99.0)  # no_word ones are in play
        run: list[int] = []
        for i in sorted(in_play):
            if run and not (run[-1] == i - 1 and neighbour(doc, words, i - 1, +1) not in (EOS, CUT)):
                readings.update(self._read_run(doc, words, options, run))
                run = []
            run.append(i)
        if run:
            readings.update(self._read_run(doc, words, options, run))
        return readings

    def _read_run(self, doc: Document, words: tuple[Token, ...], options: dict[int, Options],
                  run: list[int]) -> dict[int, Reading]:
        prev, nxt = neighbour(doc, words, run[0], -1), neighbour(doc, words, run[-1], +1)
        return dict(zip(run, self._readings(prev, [options[i] for i in run], nxt)))

    def _readings(self, prev: str, run: Sequence[Options], nxt: str) -> list[Reading]:
        """Max-marginals over the lattice of a run of words: for each word and each of its
        readings, the log10 score of the best sentence with that reading there (channel plus
        bigram context, the other words of the run at their best); a reading's odds are its
        score less the score of the best sentence keeping the word as printed. A run of one
        word is the word scored between its neighbours."""
        lm = self.lm
        if len(run) == 1:  # most runs: no lattice needed
            opt = run[0]
            here = lm.between(prev, opt.word, nxt)
            scored = sorted(((lm.chain(prev, c.split(" "), nxt) + lp - here, c) for c, lp in opt.candidates),
                            reverse=True)
            return [Reading(scored[0][1], scored[0][0], opt.margin, scored[1][0] if len(scored) > 1 else -99.0,
                            opt.no_word)]
        # The likeliest readings of each word only: a lattice is as wide as its pairs.
        nodes = [[(opt.word, 0.0), *opt.candidates[:RUN_WIDTH]] for opt in run]
        # Per node: first word, last word, channel plus the words' own chain (a split).
        shapes = []
        for node in nodes:
            shape = []
            for text, lp in node:
                parts = [normalize(w) for w in text.split(" ")]
                inner = sum(lm.logprob(a, b) for a, b in zip(parts, parts[1:]))
                shape.append((parts[0], parts[-1], lp + inner))
            shapes.append(shape)
        steps = [[[lm.logprob(a[1], b[0]) for b in shapes[k + 1]] for a in shapes[k]]
                 for k in range(len(run) - 1)]
        forward = [[own + lm.logprob(prev, first) for first, _, own in shapes[0]]]
        for k in range(1, len(run)):
            forward.append([own + max(f + step[b] for f, step in zip(forward[-1], steps[k - 1]))
                            for b, (_, _, own) in enumerate(shapes[k])])
        backward = [[lm.logprob(last, nxt) for _, last, _ in shapes[-1]]]
        for k in range(len(run) - 2, -1, -1):
            after = [own + b for (_, _, own), b in zip(shapes[k + 1], backward[0])]
            backward.insert(0, [max(s + a for s, a in zip(step, after)) for step in steps[k]])
        out = []
        for opt, node, f, b in zip(run, nodes, forward, backward):
            here = f[0] + b[0]
            scored = sorted(((fa + ba - here, text) for (text, _), fa, ba in zip(node[1:], f[1:], b[1:])),
                            reverse=True)
            best_odds, best = scored[0]
            out.append(Reading(best, best_odds, opt.margin, scored[1][0] if len(scored) > 1 else -99.0, opt.no_word))
        return out

    def _decide(self, doc: Document, words: tuple[Token, ...], readings: dict[int, Reading]) -> Iterator[Edit]:
        # An unknown word the document repeats: the surest occurrence speaks for all.
        by_word: dict[str, list[int]] = {}
        for i, tok in enumerate(words):
            if i in readings and doc.count(tok.text) > 1:
                by_word.setdefault(tok.text, []).append(i)
        for word, places in by_word.items():
            sure = [readings[i] for i in places if readings[i].sure and _clear(readings[i])]
            if not sure:
                continue
            best = max(sure, key=lambda r: r.odds)
            if any(readings[i].decided and readings[i].candidate != best.candidate for i in places):
                continue  # the occurrences disagree: leave each to itself
            for i in places:
                readings[i] = best
        # Content words run together are also how closed compounds are written (``carmaking``):
        # split only in a text that reads as OCR, where the detector has read a misreading.
        ocr_text = any(r.decided and _clear(r) and " " not in r.candidate for r in readings.values())
        # A string no dictionary knows is read by the gap alone only where the text shows a
        # misreading read the usual way, or the user says it is OCR: machine translation's
        # names (``mcmain``, ``jaganath``) make a sentence look as garbled as a page of OCR.
        misread = doc.ocr or any(r.odds >= r.margin and _clear(r) and " " not in r.candidate
                                 for r in readings.values())
        period: bool | None = None  # whether the text shows a spelling of older English: asked once
        for i, r in sorted(readings.items()):
            if not _clear(r):
                continue
            if r.by_gap:
                if not misread:
                    continue  # decided by the gap alone, in a text with no misreading read otherwise
                if respelt_alike(words[i].text, r.candidate):
                    if period is None:
                        period = any(map(period_spelling, doc.vocabulary))
                    if period:
                        continue  # no word today, but maybe the period's spelling of it (maisters)
            if not r.decided:
                # A real word read at the odds raw OCR asks for, in a text that does not read
                # as raw OCR: proposed below the default bar; the ocr profile takes it.
                tok = words[i]
                if r.margin == MARGIN_REAL and r.odds >= lowest_odds(r.margin) and _plain_swap(tok.text, r.candidate):
                    yield self.edit(doc, tok.start, tok.end, r.candidate, UNSURE,
                                    f"'{tok.text}' may be an OCR misreading of '{r.candidate}' here")
                continue
            if " " in r.candidate and not ocr_text and not FUNCTION_WORDS.intersection(r.candidate.lower().split()):
                continue
            tok = words[i]
            if r.margin == MARGIN_REAL_NOISY and not _plain_swap(tok.text, r.candidate):
                continue
            why = "words run together, their spaces dropped by OCR" if " " in r.candidate else "an OCR misreading"
            clear = " (no word as printed, and no other reading comes close)" if r.by_gap else ""
            yield self.edit(doc, tok.start, tok.end, r.candidate, _confidence(r),
                            f"'{tok.text}' reads as {why} of '{r.candidate}' here{clear}")


@lru_cache(maxsize=1 << 17)
def readable(word: str) -> float | None:
    """The word's zipf frequency when it may be a misreading wherever it stands, None when
    never: too short, not letters only, a common two-letter word (of, or, to), two capitals
    or more (acronyms, headline capitals, brands: IOG, McCall), an old spelling. Cached per
    word: every word of every document is asked, and a corpus repeats its words."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return None
    z = zipf(word)
    if len(word) == 2 and z >= SHORT_WORD_ZIPF:
        return None
    if sum(c.isupper() for c in word) > 1 or old_spelling(word):
        return None
    return z


def margin_for(z: float, noisy: bool = False) -> float:
    """The odds a candidate needs over a word of zipf ``z``: rare words the lexicon knows
    (``shewed``, ``kitchin``: old spellings) need more than unknown strings, real words
    most, less in a ``noisy`` text."""
    real = MARGIN_REAL_NOISY if noisy else MARGIN_REAL
    if z >= REAL_WORD_ZIPF:
        return real
    return min(real, MARGIN_UNKNOWN + MARGIN_RARE_STEP * max(0.0, z - 1.0))


def lowest_odds(margin: float) -> float:
    """The least odds at which a reading under ``margin`` is proposed at all: a real word's
    at the raw-OCR odds, below the bar outside raw OCR (``_decide``); others at the margin."""
    return MARGIN_REAL_NOISY if margin == MARGIN_REAL else margin


def _plain_swap(word: str, candidate: str) -> bool:
    """A real word read at the lower odds only as another common word, written as plainly
    (not ``no`` as ``nô``, ``quito`` as ``qùito``: an accent is no misreading of a plain letter)."""
    return " " not in candidate and zipf(candidate) >= REAL_WORD_ZIPF and (candidate.isascii() or not word.isascii())


def _confidence(r: Reading) -> float:
    """Confidence above the margin, or, for a string no dictionary knows read by the gap, above the gap."""
    return confidence_above(r.odds - r.runner_up - NO_WORD_GAP if r.by_gap else r.odds - r.margin)


def _may_end_sentence(doc: Document, prev: Token, tok: Token) -> bool:
    """``prev`` is a lowercase word a sentence may end with (no function word), and only
    spaces stand between it and ``tok``."""
    return prev.text.islower() and prev.text not in FUNCTION_WORDS and doc.text[prev.end:tok.start].isspace()


def _split_piece(doc: Document, words: tuple[Token, ...], i: int) -> bool:
    """``words[i]`` and a neighbour, one space apart, spell a word the lexicon knows
    (``con tinuance``, ``re quirements``): a word split at a line end, the broken-word
    detector's to join."""
    text = doc.text
    before = i > 0 and text[words[i - 1].end:words[i].start] == " " \
        and zipf(words[i - 1].text + words[i].text) >= REAL_WORD_ZIPF
    after = i + 1 < len(words) and text[words[i].end:words[i + 1].start] == " " \
        and zipf(words[i].text + words[i + 1].text) >= REAL_WORD_ZIPF
    return before or after


def _clear(r: Reading) -> bool:
    """The winner stands clear of the next reading (a real word is judged by its margin)."""
    return r.margin >= MARGIN_REAL or r.odds - r.runner_up >= RUNNER_UP_GAP

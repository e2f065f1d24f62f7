"""ModelProposer: rewrite flagged sentences with the seq2seq model, keep safe edits.

Which sentences go to the model (``mode="flagged"``, the default): those touched by
an earlier proposal (detectors, LanguageTool), and, with ``copy_threshold`` set, those
whose unchanged copy the model itself scores as unlikely. ``mode="all"`` sends every sentence. The input is
the sentence (or, when the sentence is too long for the model, a window of words
around the flagged span), never the paragraph.

Each change found by aligning the rewrite is scored alone: the sentence with just
that change is compared with the unchanged copy by forced decoding, and the gain in
log-probability becomes the edit's confidence. The guard refuses changes to
numbers, names and negation, dropped content words, and rewrites that change too
much of a sentence.
"""

from __future__ import annotations

import logging
import math
import threading
from concurrent.futures import Future
from dataclasses import replace
from typing import Optional, Sequence

from ..document import Document, Span
from ..edits import Edit
from ..grammar.confidence import is_speller_rule
from ..lexicon import zipf
from ..proposers import Proposer
from .align import Change, align, tokens
from .guard import check_change, fold, same_letters, sentence_budget_ok
from .load import SHIPPED, LoadedModel, load, resolve

log = logging.getLogger(__name__)

# Mean log-prob per token of the copy below which an unflagged sentence is sent too. Off by
# default: while the shipped model's own edits are capped below the threshold, scoring every
# sentence costs most of the run and changes nothing. Pass e.g. -0.35 to turn it on.
COPY_THRESHOLD: float | None = None
WINDOW_WORDS = 14        # words either side of a flagged span when a sentence is too long
MIN_GAIN = 0.0           # nats; a change the model does not prefer over the copy is dropped
# Measured on the dev sets (README, "The seq2seq model"): the shipped model's own edits are
# wrong more often than right. Alone they stay below the default threshold (0.5), to be
# seen with --min-confidence; agreeing with a detector or LanguageTool lifts them.
UNCORROBORATED_CAP = 0.45
# The model as a verifier: a LanguageTool casing or spacing edit that makes its sentence much
# less likely to the model (log-probability gain below VETO_GAIN nats) loses half its
# confidence, which drops it below the default threshold. Measured with bench/model_verify.py
# (README, "The seq2seq model"): on OCR such edits are mostly wrong (a stray full stop read as
# a sentence end, quote spacing). Its grammar rules and speller are not judged: there the model
# is right about as often as wrong, and vetoing them cost JFLEG a point of GLEU. Nor is an
# edit to a text's first word judged: with nothing before it the model just prefers the copy
# (it vetoed 20 of 28 right capitalisations of a lone JFLEG sentence).
VETO_GAIN = -2.0
VETO_KINDS = frozenset({"casing", "spacing"})
# The model as a chooser among the speller's suggestions. A weak speller edit (a lowercase word
# whose first suggestion is capitalised or rare: "wil" -> "Wil", "thie" -> "Thai") is kept, with
# the suggestion the model likes best, when the sentence with it beats the unchanged sentence by
# CHOOSE_GAIN nats: "wil" -> "will", "thie" -> "this", "inmany" -> "in many", "yong" -> "young".
# Measured with bench/rank_probe.py --choose (README, "The seq2seq model"). Inside a sentence
# only a lowercase word, for a lowercase suggestion: a capitalised unknown word there is a
# name ("Podolski" -> "Podolsk"); see _choosable.
CHOOSE_GAIN = 3.0
CHOOSE_FLOOR = 0.3
CHOOSE_CAPITALISED_ZIPF = 5.0


def confidence_from_gain(gain: float) -> float:
    """Map the log-probability gain (nats) of one change over the copy to [0, 0.95]."""
    return round(min(0.95, 1.0 / (1.0 + math.exp(-(gain - 1.0) / 1.2))), 3)


def edit_kind(before: str, after: str) -> str:
    """Name the change with the detectors' vocabulary where one fits."""
    if fold(before) == after and before != after:
        return "homoglyph"
    if same_letters(before, after):
        b_sp, a_sp = before.count(" "), after.count(" ")
        if any(c in before for c in "-\u00ad") and not any(c in after for c in "-\u00ad"):
            return "broken-word"
        if all(ch.isalnum() or ch.isspace() for ch in before + after):
            return "glued-word" if a_sp > b_sp else "broken-word"
        return "spacing"
    if before.lower() == after.lower():
        return "casing"
    bw, aw = [t.text for t in tokens(before)], [t.text for t in tokens(after)]
    if len(aw) < len(bw) and any(bw[i].lower() == bw[i + 1].lower() for i in range(len(bw) - 1)):
        return "repeat"
    if len(bw) == len(aw) == 1 and zipf(bw[0]) < 2.5 and zipf(aw[0]) > zipf(bw[0]) + 1:
        return "ocr-confusion"
    return "grammar"


class ModelProposer(Proposer):
    name = "model"
    source = "model"

    def __init__(self, model: Optional[str] = SHIPPED, mode: str = "flagged", allow_network: bool = False,
                 device: Optional[str] = None, copy_threshold: float | None = COPY_THRESHOLD,
                 batch_size: int = 16, loaded: Optional[LoadedModel] = None,
                 max_confidence: float = UNCORROBORATED_CAP):
        if mode not in ("flagged", "all"):
            raise ValueError(f"mode must be 'flagged' or 'all', not {mode!r}")
        self.spec = model
        self.mode = mode
        self.allow_network = allow_network
        self.device = device
        self.copy_threshold = copy_threshold
        self.batch_size = batch_size
        self.max_confidence = max_confidence
        self.model_name = loaded.name if loaded else resolve(model)[0]
        self._loaded = loaded
        self._loading: Optional[Future] = None
        self._rewriter = None
        self.refused: list[tuple[Edit, str]] = []   # the last document's guarded-out edits

    # ------------------------------------------------------------------ model
    def prefetch(self) -> None:
        """Start loading the model in the background. Importing torch and transformers takes
        most of the load; it then overlaps LanguageTool's start-up and the detectors
        instead of adding to them. A failure is raised where the model is first used."""
        if self._loaded is not None or self._loading is not None:
            return
        future: Future = Future()

        def work() -> None:
            try:
                future.set_result(load(self.spec, allow_network=self.allow_network, device=self.device))
            except BaseException as exc:  # handed to the caller of rewriter
                future.set_exception(exc)

        self._loading = future
        threading.Thread(target=work, name="repair-model-load", daemon=True).start()

    @property
    def rewriter(self):
        if self._rewriter is None:
            from .rewrite import Rewriter

            if self._loaded is None:
                self._loaded = (self._loading.result() if self._loading is not None
                                else load(self.spec, allow_network=self.allow_network, device=self.device))
                self._loading = None
            self._rewriter = Rewriter(self._loaded, batch_size=self.batch_size)
        return self._rewriter

    def close(self) -> None:
        self._loading = None  # a load in flight finishes into load()'s cache, or dies with the process
        self._rewriter = None
        self._loaded = None

    # ------------------------------------------------------------------ selection
    def _windows(self, doc: Document, prior: Sequence[Edit]) -> list[Span]:
        sents = doc.sentences
        flagged: dict[int, list[Edit]] = {}
        for e in prior:
            if e.source == self.source:
                continue
            for i, s in enumerate(sents):
                if s.start <= e.start < s.end or s.start < e.end <= s.end or (e.start <= s.start and s.end <= e.end):
                    flagged.setdefault(i, []).append(e)
        if self.mode == "all":
            chosen = list(range(len(sents)))
        else:
            chosen = sorted(flagged)
            rest = [i for i in range(len(sents)) if i not in flagged]
            if rest and self.copy_threshold is not None:
                texts = [doc.text[sents[i].start:sents[i].end] for i in rest]
                scores = self.rewriter.copy_scores(texts)
                chosen = sorted(set(chosen) | {i for i, sc in zip(rest, scores) if sc < self.copy_threshold})
        out: list[Span] = []
        for i in chosen:
            s = sents[i]
            text = doc.text[s.start:s.end]
            if self.rewriter.fits(text):
                out.append(s)
                continue
            for e in flagged.get(i, []):
                w = self._narrow(doc, s, e)
                if w is not None and not any(o.start <= w.start < o.end for o in out):
                    out.append(w)
        return out

    def _narrow(self, doc: Document, s: Span, e: Edit) -> Optional[Span]:
        toks = [t for t in tokens(doc.text[s.start:s.end])]
        if not toks:
            return None
        centre = [k for k, t in enumerate(toks) if s.start + t.end > e.start]
        k = centre[0] if centre else len(toks) - 1
        for width in (WINDOW_WORDS, WINDOW_WORDS // 2):
            lo, hi = max(0, k - width), min(len(toks), k + width + 1)
            w = Span(s.start + toks[lo].start, s.start + toks[hi - 1].end)
            if self.rewriter.fits(doc.text[w.start:w.end]):
                return w
        return None

    # ------------------------------------------------------------------ propose
    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        self.refused = []
        windows = self._windows(doc, prior)
        if not windows:
            return []
        texts = [doc.text[w.start:w.end] for w in windows]
        rewrites = self.rewriter.rewrite(texts)
        # every change, scored alone against the copy, in one batch
        jobs: list[tuple[int, Change]] = []
        for wi, (text, (hyp, _score)) in enumerate(zip(texts, rewrites)):
            if not hyp or hyp == text:
                continue
            changes = align(text, hyp)
            if not changes:
                continue
            if not sentence_budget_ok(text, changes):
                for ch in changes:
                    self.refused.append((self._edit(doc, windows[wi], ch, 0.0), "rewrites too much of the sentence"))
                continue
            jobs.extend((wi, ch) for ch in changes)
        if not jobs:
            return []
        gains = self._gains_over_copy([texts[wi] for wi, _ in jobs],
                                      [texts[wi][:ch.start] + ch.after + texts[wi][ch.end:] for wi, ch in jobs])
        out: list[Edit] = []
        for (wi, ch), gain in zip(jobs, gains):
            e = self._edit(doc, windows[wi], ch, min(self.max_confidence, confidence_from_gain(gain)))
            reason = check_change(ch, texts[wi], doc, offset=windows[wi].start)
            if reason is None and gain <= MIN_GAIN:
                reason = f"the model prefers the original ({gain:+.2f} nats)"
            if reason:
                self.refused.append((e, reason))
                continue
            out.append(e)
        return out

    def _edit(self, doc: Document, w: Span, ch: Change, confidence: float) -> Edit:
        start, end = w.start + ch.start, w.start + ch.end
        return Edit(start, end, doc.text[start:end], ch.after, edit_kind(ch.before, ch.after), self.source,
                    confidence, f"the model rewrites \u201c{ch.before}\u201d as \u201c{ch.after}\u201d", rule="seq2seq")

    # ------------------------------------------------------------------ adjudication
    def score_candidates(self, sentence: str, candidates: Sequence[str]) -> list[float]:
        """log P(candidate | sentence) for each candidate rewrite (higher wins)."""
        return self.rewriter.score_candidates(sentence, candidates)

    def adjudicate(self, doc: Document, group: Sequence[Edit]) -> list[float]:
        """Score competing edits of one span: the sentence with each edit applied,
        by forced decoding from the original sentence."""
        if not group:
            return []
        w = sentence_window(doc, min(e.start for e in group), max(e.end for e in group))
        text = doc.text[w.start:w.end]
        if not self.rewriter.fits(text):
            return [e.confidence for e in group]
        return self.score_candidates(text, [_applied(text, w, e) for e in group])

    # ------------------------------------------------------------------ verification
    def gains(self, doc: Document, edits: Sequence[Edit]) -> list[Optional[float]]:
        """For each edit alone: log P(sentence with the edit) - log P(sentence unchanged),
        both given the unchanged sentence (None where the sentence is too long)."""
        windows = [sentence_window(doc, e.start, e.end) for e in edits]
        texts = [doc.text[w.start:w.end] for w in windows]
        todo = [i for i, t in enumerate(texts) if self.rewriter.fits(t)]
        if not todo:
            return [None] * len(edits)
        gains = self._gains_over_copy([texts[i] for i in todo],
                                      [_applied(texts[i], windows[i], edits[i]) for i in todo])
        out: list[Optional[float]] = [None] * len(edits)
        for i, gain in zip(todo, gains):
            out[i] = gain
        return out

    def _gains_over_copy(self, sources: list[str], candidates: list[str]) -> list[float]:
        """log P(candidate | source) - log P(source | source), each distinct copy scored once."""
        uniq = sorted(set(sources))
        copy_lp = dict(zip(uniq, self.rewriter.score_pairs(uniq, uniq)))
        return [lp - copy_lp[src] for src, lp in zip(sources, self.rewriter.score_pairs(sources, candidates))]

    def verify(self, doc: Document, edits: Sequence[Edit], min_confidence: float = 0.5,
               floor: float | None = None) -> list[Edit]:
        """Halve the confidence of LanguageTool's casing and spacing edits that the model
        finds very unlikely (see VETO_GAIN), and keep weak speller edits whose best suggestion
        it endorses (see CHOOSE_GAIN); every other edit is returned as it came. ``floor``: the
        confidence a LanguageTool edit needs to be kept, where a profile trusts it below
        ``min_confidence``; a vetoed edit always ends below it."""
        floor = min_confidence if floor is None else floor
        return self._choose_spellings(doc, self._veto(doc, edits, floor), min_confidence)

    def _veto(self, doc: Document, edits: Sequence[Edit], floor: float) -> list[Edit]:
        others = {(e.start, e.end, e.replacement) for e in edits if e.source != "languagetool"}
        judged = [i for i, e in enumerate(edits)
                  if e.source == "languagetool" and e.kind in VETO_KINDS and not e.is_flag
                  and e.confidence >= floor and (e.start, e.end, e.replacement) not in others
                  and not doc.starts_text(e.start)]
        out = list(edits)
        if not judged:
            return out
        for i, gain in zip(judged, self.gains(doc, [edits[i] for i in judged])):
            if gain is not None and gain < VETO_GAIN:
                e = edits[i]
                halved = round(e.confidence * 0.5, 3)
                out[i] = replace(e, confidence=halved if halved < floor else round(floor * 0.5, 3),
                                 message=f"{e.message} (the model finds this change unlikely: {gain:+.1f} nats)")
        return out


    def _choose_spellings(self, doc: Document, edits: list[Edit], min_confidence: float) -> list[Edit]:
        judged = [i for i, e in enumerate(edits) if is_weak_speller_edit(e, min_confidence)]
        for i, choice in zip(judged, self.best_choices(doc, [edits[i] for i in judged])):
            if choice is None or choice[1] < CHOOSE_GAIN:
                continue
            e, (chosen, gain) = edits[i], choice
            edits[i] = replace(e, replacement=chosen, source=f"{e.source}+{self.source}",
                               confidence=min_confidence,
                               alternatives=tuple(c for c in (e.replacement, *e.alternatives) if c != chosen),
                               message=f"{e.message} (the model chooses \u201c{chosen}\u201d: {gain:+.1f} nats)")
        return edits

    def best_choices(self, doc: Document, edits: Sequence[Edit]) -> list[Optional[tuple[str, float]]]:
        """For each edit: the suggestion whose sentence the model finds likeliest, and its gain
        (nats) over the unchanged sentence; None when no suggestion may be chosen or the
        sentence is too long. All candidates of the document are scored in one batch."""
        rows: list[tuple[int, str, str, str]] = []  # (edit, suggestion, sentence, sentence with it)
        for i, e in enumerate(edits):
            w = sentence_window(doc, e.start, e.end)
            text = doc.text[w.start:w.end]
            if self.rewriter.fits(text):
                rows += [(i, c, text, _applied(text, w, replace(e, replacement=c)))
                         for c in (e.replacement, *e.alternatives) if _choosable(doc, e, c)]
        best: dict[int, tuple[str, float]] = {}
        if rows:
            for (i, c, _, _), gain in zip(rows, self._gains_over_copy([r[2] for r in rows], [r[3] for r in rows])):
                if i not in best or gain > best[i][1]:
                    best[i] = (c, gain)
        return [best.get(i) for i in range(len(edits))]


def is_weak_speller_edit(e: Edit, min_confidence: float) -> bool:
    """A LanguageTool speller edit below the threshold but not hopeless (see CHOOSE_GAIN)."""
    return (e.source == "languagetool" and is_speller_rule(e.rule) and not e.is_flag
            and CHOOSE_FLOOR <= e.confidence < min_confidence)


def _choosable(doc: Document, e: Edit, suggestion: str) -> bool:
    """A suggestion the model may choose for ``e`` (see CHOOSE_GAIN)."""
    word = e.original
    if len(word) < 3 or any(c.isupper() for c in word[1:]):
        return False  # "nm", "bl": units and abbreviations; "AskReddit", "iSuppli", "NISQUALLY": names
    if word[:1].isupper():
        # Only where a sentence starts, and only for a very common word: "Althogh" -> "Although",
        # not "Andruw" -> "Andrew" (nor "Kuchma" after "Leonid D.", which reads as a sentence end).
        return doc.starts_sentence(e.start) and zipf(suggestion.lower()) >= CHOOSE_CAPITALISED_ZIPF
    # A lowercase word keeps its case: where a text starts in lowercase it is mostly an OCR line
    # or a fragment ("seltc" -> "Self", "lhe" -> "He"); the capital is UPPERCASE_SENTENCE_START's call.
    return suggestion[:1].islower()


def _applied(text: str, w: Span, e: Edit) -> str:
    """``text`` (the document's slice at ``w``) with edit ``e`` applied."""
    return text[:e.start - w.start] + e.replacement + text[e.end - w.start:]


def sentence_window(doc: Document, lo: int, hi: int) -> Span:
    """The sentences that hold [lo, hi), as one span."""
    touched = [s for s in doc.sentences if s.start <= lo < s.end or s.start < hi <= s.end]
    return Span(min([lo] + [s.start for s in touched]), max([hi] + [s.end for s in touched]))

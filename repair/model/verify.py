"""The model as a verifier of other proposers' edits: a veto and a speller chooser.

Both judge LanguageTool's edits with the shared :class:`~repair.model.scorer.Scorer`;
every other edit is returned as it came.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from ..proposers import Bars
from ..sources import LANGUAGETOOL, MODEL, is_speller_change
from .scorer import Scorer

# The model as a verifier: a LanguageTool casing or spacing edit that makes its sentence much
# less likely to the model (log-probability gain below VETO_GAIN nats) loses half its
# confidence (at most half the bar: Bars.lowered), which drops it below the threshold.
# Measured with bench/model_verify.py (docs/model.md): on OCR such edits are mostly wrong
# (a stray full stop read as a sentence end, quote spacing). Its grammar rules and speller
# are not judged: there the model is right about as often as wrong, and vetoing them cost
# JFLEG a point of GLEU. Nor is an edit to a text's first word judged: with nothing before
# it the model just prefers the copy (it vetoed 20 of 28 right capitalisations of a lone
# JFLEG sentence).
VETO_GAIN = -2.0
VETO_KINDS = frozenset({"casing", "spacing"})
# The model as a chooser among the speller's suggestions. A weak speller edit (a lowercase word
# whose first suggestion is capitalised or rare: "wil" -> "Wil", "thie" -> "Thai") is kept, with
# the suggestion the model likes best, when the sentence with it beats the unchanged sentence by
# CHOOSE_GAIN nats: "wil" -> "will", "thie" -> "this", "inmany" -> "in many", "yong" -> "young".
# Measured with bench/rank_probe.py --choose (docs/model.md). Inside a sentence
# only a lowercase word, for a lowercase suggestion: a capitalised unknown word there is a
# name ("Podolski" -> "Podolsk"); see choosable.
CHOOSE_GAIN = 3.0
CHOOSE_FLOOR = 0.3
CHOOSE_CAPITALISED_ZIPF = 5.0


class Verifier:
    def __init__(self, scorer: Scorer):
        self.scorer = scorer

    def verify(self, doc: Document, edits: Sequence[Edit], bars: Bars) -> list[Edit]:
        """Halve the confidence of LanguageTool's casing and spacing edits that the model
        finds very unlikely (see VETO_GAIN), and keep weak speller edits whose best suggestion
        it endorses (see CHOOSE_GAIN). ``bars.floor``: the confidence a LanguageTool edit needs
        to be kept, where a profile trusts it below the threshold; a vetoed edit always ends below it."""
        return self.choose_spellings(doc, self.veto(doc, edits, bars), bars.min_confidence)

    def veto(self, doc: Document, edits: Sequence[Edit], bars: Bars) -> list[Edit]:
        others = {(e.start, e.end, e.replacement) for e in edits if e.sources != (LANGUAGETOOL,)}
        judged = [i for i, e in enumerate(edits)
                  if e.sources == (LANGUAGETOOL,) and e.kind in VETO_KINDS and not e.is_flag
                  and e.confidence >= bars.floor and (e.start, e.end, e.replacement) not in others
                  and not doc.starts_text(e.start)]
        out = list(edits)
        if not judged:
            return out
        for i, gain in zip(judged, self.scorer.gains(doc, [edits[i] for i in judged])):
            if gain is not None and gain < VETO_GAIN:
                out[i] = bars.lowered(edits[i], f"the model finds this change unlikely: {gain:+.1f} nats")
        return out

    def choose_spellings(self, doc: Document, edits: list[Edit], min_confidence: float) -> list[Edit]:
        judged = [i for i, e in enumerate(edits) if is_weak_speller_edit(e, min_confidence)]
        for i, choice in zip(judged, self.best_choices(doc, [edits[i] for i in judged])):
            if choice is None or choice[1] < CHOOSE_GAIN:
                continue
            e, (chosen, gain) = edits[i], choice
            edits[i] = replace(e.with_sources(MODEL), replacement=chosen, confidence=min_confidence,
                               alternatives=tuple(c for c in (e.replacement, *e.alternatives) if c != chosen),
                               message=f"{e.message} (the model chooses \u201c{chosen}\u201d: {gain:+.1f} nats)")
        return edits

    def best_choices(self, doc: Document, edits: Sequence[Edit]) -> list[Optional[tuple[str, float]]]:
        """For each edit: the suggestion whose sentence the model finds likeliest, and its gain
        (nats) over the unchanged sentence; None when no suggestion may be chosen or the
        sentence is too long. All candidates of the document are scored in one batch."""
        rows: list[tuple[int, str, str, str]] = []  # (edit, suggestion, sentence, sentence with it)
        for i, e in enumerate(edits):
            w = doc.sentences_around(e.start, e.end)
            text = doc.text[w.start:w.end]
            if self.scorer.fits(text):
                rows += [(i, c, text, replace(e, replacement=c).applied_to(text, w.start))
                         for c in (e.replacement, *e.alternatives) if choosable(doc, e, c)]
        best: dict[int, tuple[str, float]] = {}
        if rows:
            gains = self.scorer.gains_over_copy([r[2] for r in rows], [r[3] for r in rows])
            for (i, c, _, _), gain in zip(rows, gains):
                if i not in best or gain > best[i][1]:
                    best[i] = (c, gain)
        return [best.get(i) for i in range(len(edits))]


def is_weak_speller_edit(e: Edit, min_confidence: float) -> bool:
    """A LanguageTool speller edit below the threshold but not hopeless (see CHOOSE_GAIN)."""
    return is_speller_change(e) and CHOOSE_FLOOR <= e.confidence < min_confidence


def choosable(doc: Document, e: Edit, suggestion: str) -> bool:
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

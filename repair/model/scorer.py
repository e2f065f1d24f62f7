"""The seq2seq model as a judge: log-probabilities of rewrites by forced decoding.

One ``Scorer`` holds one loaded model (loaded lazily, or in the background after
``prefetch``); the proposer, the verifier and the adjudicator share it. Tests pass a
``rewriter`` of their own instead of a loaded model.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Optional, Protocol, Sequence

from ..document import Document
from ..edits import Edit
from ..paths import SHIPPED_MODEL
from .load import LoadedModel, load, resolve


class Rewrites(Protocol):
    """What the scorer needs of a model (``repair.model.rewrite.Rewriter`` implements it)."""

    def fits(self, text: str) -> bool: ...

    def rewrite(self, sentences: Sequence[str]) -> list[tuple[str, float]]: ...

    def score_pairs(self, sources: Sequence[str], targets: Sequence[str],
                    per_token: bool = False) -> list[float]: ...

    def score_candidates(self, sentence: str, candidates: Sequence[str]) -> list[float]: ...

    def copy_scores(self, sentences: Sequence[str]) -> list[float]: ...


class Scorer:
    def __init__(self, model: Optional[str] = SHIPPED_MODEL, allow_network: bool = False,
                 device: Optional[str] = None, batch_size: int = 16,
                 loaded: Optional[LoadedModel] = None, rewriter: Optional[Rewrites] = None):
        self.spec = model
        self.allow_network = allow_network
        self.device = device
        self.batch_size = batch_size
        self.name = loaded.name if loaded else resolve(model)[0]
        self._loaded = loaded
        self._loading: Optional[Future] = None
        self._rewriter = rewriter

    def prefetch(self) -> None:
        """Start loading the model in the background. Importing torch and transformers takes
        most of the load; it then overlaps LanguageTool's start-up and the detectors
        instead of adding to them. A failure is raised where the model is first used."""
        if self._rewriter is not None or self._loaded is not None or self._loading is not None:
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
    def rewriter(self) -> Rewrites:
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

    def fits(self, text: str) -> bool:
        return self.rewriter.fits(text)

    def gains_over_copy(self, sources: list[str], candidates: list[str]) -> list[float]:
        """log P(candidate | source) - log P(source | source), each distinct copy scored once."""
        uniq = sorted(set(sources))
        copy_lp = dict(zip(uniq, self.rewriter.score_pairs(uniq, uniq)))
        return [lp - copy_lp[src] for src, lp in zip(sources, self.rewriter.score_pairs(sources, candidates))]

    def gains(self, doc: Document, edits: Sequence[Edit]) -> list[Optional[float]]:
        """For each edit alone: log P(sentence with the edit) - log P(sentence unchanged),
        both given the unchanged sentence (None where the sentence is too long)."""
        windows = [doc.sentences_around(e.start, e.end) for e in edits]
        texts = [doc.text[w.start:w.end] for w in windows]
        todo = [i for i, t in enumerate(texts) if self.fits(t)]
        if not todo:
            return [None] * len(edits)
        gains = self.gains_over_copy([texts[i] for i in todo],
                                     [edits[i].applied_to(texts[i], windows[i].start) for i in todo])
        out: list[Optional[float]] = [None] * len(edits)
        for i, gain in zip(todo, gains):
            out[i] = gain
        return out

    def adjudicate(self, doc: Document, group: Sequence[Edit]) -> list[float]:
        """Score competing edits of one span: the sentence with each edit applied,
        by forced decoding from the original sentence."""
        if not group:
            return []
        w = doc.sentences_around(min(e.start for e in group), max(e.end for e in group))
        text = doc.text[w.start:w.end]
        if not self.fits(text):
            return [e.confidence for e in group]
        return self.rewriter.score_candidates(text, [e.applied_to(text, w.start) for e in group])

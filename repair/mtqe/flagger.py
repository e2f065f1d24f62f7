"""MTFlagger: flag the words of machine-translated text a post-editor would likely change.

Every sentence goes once through the first layers of the seq2seq model's encoder
(:mod:`repair.mtqe.features`); a small head (:mod:`repair.mtqe.head`, shipped in
``models/mt-flagger``) gives each word a probability of being changed. Runs of words at
or above the head's threshold become flags (edits whose replacement is the original),
with a confidence and a reason. Numbers, URLs and the glossary's words are never
flagged (a run is cut around them). A learned component: it loads with the model and is
off with ``--no-model``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Optional, Sequence

from ..document import Document
from ..edits import Edit
from ..paths import MODELS_DIR
from ..proposers import Proposer
from ..sources import MTQE
from .head import flagged_runs
from .labels import words

SHIPPED_FLAGGER = MODELS_DIR / "mt-flagger"
MIN_WORDS = 4  # shorter sentences (titles, bylines) are not judged

ARTICLES = frozenset("a an the one".split())
PREPOSITIONS = frozenset("""of in on at to for from by with into onto about over under after before between
through during without within upon against among towards toward across along""".split())
AUXILIARIES = frozenset("is are was were be been being am has have had do does did will would shall should".split())


def reason(run: Sequence[str]) -> str:
    """Why a run of words is flagged, in the reviewer's terms."""
    low = [w.lower() for w in run]
    if len(low) == 1 and low[0] in ARTICLES:
        return "this article reads as a translation slip (a/an/the, or none)"
    if len(low) == 1 and low[0] in PREPOSITIONS:
        return "this preposition reads as a literal translation"
    if len(low) == 1 and low[0] in AUXILIARIES:
        return "this verb form or tense reads as a translation slip"
    if len(low) == 1:
        return "this word reads as a translation slip (word choice or form)"
    return "this phrase reads like a literal translation (word order, missing or extra words)"


class MTFlagger(Proposer):
    name = "mt-flagger"
    source = MTQE
    kind = "mt-suspect"

    def __init__(self, model: Optional[str] = "default", head: Path | str | None = None,
                 allow_network: bool = False, threshold: float | None = None, int8: bool = True):
        self.spec = model
        self.int8 = int8  # the encoder layers in 8-bit integers (features.int8_layers)
        self.head_dir = Path(head) if head else SHIPPED_FLAGGER
        self.allow_network = allow_network
        self.threshold_override = threshold
        self._lock = threading.Lock()
        self._state = None  # (encoder, head)

    @property
    def identity(self) -> str:
        return self.head_dir.name

    def prefetch(self) -> None:
        threading.Thread(target=self._ready, daemon=True).start()

    def _ready(self):
        with self._lock:
            if self._state is None:
                from ..model.load import load
                from .features import Encoder
                from .head import Head

                head = Head.load(self.head_dir)
                tuned = self.head_dir / "encoder.safetensors" if head.tuned else None
                encoder = Encoder(load(self.spec, self.allow_network), read=head.config.read, tuned=tuned,
                                  int8=self.int8)
                self._state = (encoder, head)
            return self._state

    @property
    def threshold(self) -> float:
        if self.threshold_override is not None:
            return self.threshold_override
        return self._ready()[1].config.threshold

    def scores(self, sentences: Sequence[str]) -> list:
        """P(BAD) for each word (``labels.words``) of each sentence."""
        encoder, head = self._ready()
        feats = encoder.encode(list(sentences))
        if head.config.lm:
            import numpy as np

            from .features import lm_features

            feats = [np.concatenate([f, lm_features(s, words(s))], axis=1) for f, s in zip(feats, sentences)]
        return head.probabilities_each(feats)

    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        spans = [s for s in doc.sentences if len(words(doc.text[s.start:s.end])) >= MIN_WORDS]
        if not spans:
            return []
        threshold = self.threshold
        out: list[Edit] = []
        for span, probs in zip(spans, self.scores([doc.text[s.start:s.end] for s in spans])):
            sentence = doc.text[span.start:span.end]
            toks = words(sentence)
            keep = [p if not doc.is_protected(span.start + t.start, span.start + t.end) else 0.0
                    for t, p in zip(toks, probs)]
            for a, b in flagged_runs(toks, keep, threshold):
                start, end = span.start + toks[a].start, span.start + toks[b - 1].end
                top = float(max(keep[a:b]))
                confidence = 0.5 + 0.45 * (top - threshold) / max(1e-6, 1 - threshold)
                out.append(Edit(start, end, doc.text[start:end], doc.text[start:end], self.kind,
                                (f"{self.source}:{self.name}",), round(min(0.95, confidence), 3),
                                f"{reason([t.text for t in toks[a:b]])} (P={top:.2f})", rule=self.name))
        return out

"""detect -> propose -> rank, and its configuration."""

from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter
from typing import Sequence

from .detect import DEFAULT_DETECTORS, build_detectors, check_names
from .document import Document
from .edits import Edit, check_offsets
from .errors import ConfigError
from .profiles import get_profile
from .proposers import Bars, Proposer
from .rank import rank
from ._version import __version__
from .result import Result
from .signature import Signature
from .timing import StageClock
from .sources import LANGUAGETOOL, MODEL

MT_FLAGS_DEFAULT = False  # docs/mt-flags.md: the measurements behind this default


@dataclass(frozen=True)
class PipelineConfig:
    detectors: tuple[str, ...] | None = None  # None: the default ones (repair.detect.DEFAULT_DETECTORS)
    grammar: bool = True
    languagetool_url: str | None = None
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    # A directory, a hub id, SHIPPED_MODEL, or None: no model (the default; docs/model.md
    # says why: on CPU it costs 20x the time of the rest for about 0.2 GLEU).
    model: str | None = None
    model_mode: str = "flagged"  # "flagged": only flagged sentences; "all": every sentence
    allow_network: bool = False
    min_confidence: float = 0.5
    profile: str = "default"  # the kind of text: see repair.profiles
    glossary: frozenset[str] = field(default_factory=frozenset)
    mt_flags: bool = MT_FLAGS_DEFAULT  # flag suspect MT words (repair.mtqe); needs the model, off with it

    def detector_names(self) -> tuple[str, ...]:
        """The detectors this configuration runs (the default ones unless it names some)."""
        return self.detectors if self.detectors is not None else DEFAULT_DETECTORS

    def __post_init__(self) -> None:
        check_names(self.detectors or ())
        if self.model_mode not in ("flagged", "all"):
            raise ConfigError(f"model mode {self.model_mode!r} must be 'flagged' or 'all'")
        get_profile(self.profile)  # an unknown name fails here, not on the first text
        if not 0 <= self.min_confidence <= 1:
            raise ConfigError(f"min confidence {self.min_confidence!r} must lie in [0, 1]")


class Pipeline:
    """Holds the detectors, the grammar server and the model for a whole run or batch."""

    def __init__(self, config: PipelineConfig | None = None, proposers: Sequence[Proposer] | None = None):
        self.config = config or PipelineConfig()
        self.profile = get_profile(self.config.profile)
        self.detectors = build_detectors(self.config.detector_names())
        self.proposers = list(proposers) if proposers is not None else self._build_proposers()
        self.clock = StageClock()  # seconds per stage over every text run (repair.timing)
        began = perf_counter()
        for p in (*self.detectors, *self.proposers):
            p.prefetch()  # tables load now; the model loads while LanguageTool starts and the detectors run
        self.clock.add("start", perf_counter() - began)

    def _build_proposers(self) -> list[Proposer]:
        c = self.config
        out: list[Proposer] = []
        if c.grammar:
            from .grammar import LanguageToolProposer

            out.append(LanguageToolProposer(
                url=c.languagetool_url,
                disabled_rules=c.disabled_rules,
                disabled_categories=c.disabled_categories,
            ))
        if c.model:
            from .model import ModelProposer

            out.append(ModelProposer(model=c.model, mode=c.model_mode, allow_network=c.allow_network))
            if c.mt_flags:
                from .mtqe import MTFlagger

                out.append(MTFlagger(model=c.model, allow_network=c.allow_network))
        return out

    # The stages, callable one by one.
    def document(self, text: str) -> Document:
        return Document(text, glossary=self.config.glossary, ocr=self.profile.raw_ocr)

    def detect(self, doc: Document) -> list[Edit]:
        out: list[Edit] = []
        for d in self.detectors:
            began = perf_counter()
            out.extend(d.propose(doc))
            self.clock.add(f"detector:{d.name}", perf_counter() - began)
        return out

    def propose(self, doc: Document, detected: Sequence[Edit]) -> list[Edit]:
        edits = list(detected)
        for p in self.proposers:
            began = perf_counter()
            edits.extend(p.propose(doc, edits))
            self.clock.add(p.name, perf_counter() - began)
        return edits

    def verify(self, doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        """Let each detector and proposer judge every proposal (the OCR detector re-chooses
        LanguageTool's speller suggestions on misread words; the model lowers the confidence
        of edits it finds very unlikely)."""
        min_confidence = self.config.min_confidence
        bars = Bars(min_confidence, self.profile.bar((LANGUAGETOOL,), min_confidence))
        out = list(edits)
        for p in (*self.detectors, *self.proposers):
            began = perf_counter()
            out = p.verify(doc, out, bars)
            self.clock.add("verify", perf_counter() - began)
        return out

    def rank(self, doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        adjudicate = next((a for p in self.proposers if (a := p.adjudicator()) is not None), None)
        began = perf_counter()
        try:
            return rank(doc, edits, self.config.min_confidence, adjudicate, self.profile)
        finally:
            self.clock.add("rank", perf_counter() - began)

    def run(self, text: str) -> Result:
        doc = self.document(text)
        self.clock.words += len(text.split())
        proposed = self.verify(doc, self.propose(doc, self.detect(doc)))
        check_offsets(text, proposed)
        kept = self.rank(doc, proposed)
        kept_set = set(kept)
        return Result(text, tuple(kept), self.signature(),
                      rejected=tuple(e for e in proposed if e not in kept_set))

    def signature(self) -> Signature:
        lt = next((p.identity for p in self.proposers if p.source == LANGUAGETOOL), None)
        model = next((p.identity for p in self.proposers if p.source == MODEL), None)
        return Signature.of(repair=__version__, detectors=",".join(d.name for d in self.detectors) or "none",
                            languagetool=lt or "off", model=model or "off",
                            min_confidence=self.config.min_confidence, profile=self.config.profile)

    def close(self) -> None:
        for p in self.proposers:
            p.close()

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def repair(text: str, config: PipelineConfig | None = None, **settings) -> Result:
    """Run the whole chain once. For many texts, keep one ``Pipeline`` open instead."""
    if config is None:
        settings.setdefault("grammar", False)
        config = PipelineConfig(**settings)
    with Pipeline(config) as p:
        return p.run(text)

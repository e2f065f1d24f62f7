"""The systems an evaluation compares, one registry for all of them.

A system is started once for a whole run (one Pipeline, one LanguageTool server, one
model), repairs items one at a time, and is closed. A system that cannot start (the
model is not trained yet, Java is missing) raises :class:`Unavailable`; the harness
keeps its row with the reason instead of a score, so the row fills in as soon as the
part lands, without touching the harness.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Callable, ClassVar

from ..detect import DEFAULT_DETECTORS
from ..errors import ConfigError, RepairError
from ..paths import SHIPPED_MODEL
from .suites import Item, Output, Part

WARM_UP = "This are a short text to load everything before the clock starts."


class Unavailable(RepairError):
    """A system cannot run here; the message says why and what would fix it."""


class System(ABC):
    name: ClassVar[str]
    title: ClassVar[str]
    does_work: ClassVar[bool] = True  # False: its speed means nothing (the input, a shipped output)

    def applies(self, part: Part) -> bool:
        return True

    def start(self) -> None:
        """Build everything heavy; raise Unavailable if the system cannot run."""

    @abstractmethod
    def run(self, item: Item) -> Output:
        ...

    def info(self) -> dict:
        """What produced the outputs (versions, model, detectors): the row's signature."""
        return {}

    def close(self) -> None:
        pass


class Unchanged(System):
    name = "unchanged"
    title = "unchanged input"
    does_work = False

    def run(self, item: Item) -> Output:
        return Output(item.text)


class Peer(System):
    """Output of another tool shipped with the data set (overProof on the Overproof lines)."""

    does_work = False

    def __init__(self, name: str, title: str):
        self.name = name  # type: ignore[misc]
        self.title = title  # type: ignore[misc]

    def applies(self, part: Part) -> bool:
        return part.has_peer(self.name)

    def run(self, item: Item) -> Output:
        out = item.peer(self.name)
        if out is None:
            raise Unavailable(f"item {item.id!r} carries no {self.name!r} output")
        return Output(out)

    def info(self) -> dict:
        return {"peer": self.name, "note": "precomputed output shipped with the data set"}


class PipelineSystem(System):
    """repair's own Pipeline under one configuration."""

    def __init__(self, name: str, title: str, config: Callable[[], object]):
        self.name = name  # type: ignore[misc]
        self.title = title  # type: ignore[misc]
        self._config = config
        self.pipeline = None

    def start(self) -> None:
        from ..errors import GrammarError, ModelError
        from ..pipeline import Pipeline

        try:
            self.pipeline = Pipeline(self._config())
            # Load the model and start LanguageTool now: start-up is timed apart from the
            # run, and a part that cannot work marks the row instead of failing every item.
            self.pipeline.run(WARM_UP)
        except (ModelError, GrammarError) as exc:
            self.close()
            raise Unavailable(f"{type(exc).__name__}: {exc}") from exc
        except ImportError as exc:
            self.close()
            raise Unavailable(f"not built yet ({exc})") from exc

    def run(self, item: Item) -> Output:
        assert self.pipeline is not None, "start() first"
        result = self.pipeline.run(item.text)
        return Output(result.fixed, tuple((e.start, e.end, e.replacement) for e in result.edits))

    def info(self) -> dict:
        if self.pipeline is None:
            return {}
        sig = self.pipeline.signature()
        info = {"signature": str(sig), "detectors": [d.name for d in self.pipeline.detectors],
                "languagetool": _on(sig["languagetool"]),
                "model": _on(sig["model"]), "min_confidence": self.pipeline.config.min_confidence}
        from ..grammar import LanguageToolProposer

        for p in self.pipeline.proposers:
            if isinstance(p, LanguageToolProposer):
                info["languagetool_server"] = p.server.mode
        return info

    def close(self) -> None:
        if self.pipeline is not None:
            self.pipeline.close()
            self.pipeline = None


class LanguageToolRaw(System):
    """LanguageTool as people use it today: the first suggestion of every match applied.

    It talks to a JVM of its own (not a shared server), so its start-up and memory count,
    and that JVM runs LanguageTool's own suggestion search (repair's servers leave it to
    repair.grammar.speller).
    Matches without a suggestion are kept as flags; a match overlapping one already
    applied is skipped, as an editor applying them left to right would.
    """

    name = "languagetool"
    title = "LanguageTool alone (first suggestion of every match)"

    def __init__(self, url: str | None = None):
        self.url = url
        self.proposer = None

    def start(self) -> None:
        try:
            from ..grammar import LanguageToolProposer, ServerManager
        except ImportError as exc:
            raise Unavailable(f"repair.grammar is not built yet ({exc})") from exc
        from ..errors import GrammarError

        try:
            server = ServerManager(self.url, use_daemon=False, own_suggestions=False)
            self.proposer = LanguageToolProposer(server=server)
            self.proposer.check("This are a test.")  # start the JVM now, not on the first item
        except GrammarError as exc:
            self.close()
            raise Unavailable(f"GrammarError: {exc}") from exc

    def run(self, item: Item) -> Output:
        assert self.proposer is not None, "start() first"
        text = item.text
        edits, pieces, pos = [], [], 0
        for m in sorted(self.proposer.check(text), key=lambda m: (m.start, m.end)):
            if not m.replacements:
                edits.append((m.start, m.end, text[m.start:m.end]))  # a flag: nothing to apply
                continue
            if m.start < pos:
                continue  # overlaps a match already applied
            edits.append((m.start, m.end, m.replacements[0]))
            pieces += [text[pos:m.start], m.replacements[0]]
            pos = m.end
        pieces.append(text[pos:])
        return Output("".join(pieces), tuple(edits))

    def info(self) -> dict:
        if self.proposer is None:
            return {}
        return {"languagetool": self.proposer.identity, "language": self.proposer.language,
                "languagetool_server": self.proposer.server.mode}

    def close(self) -> None:
        if self.proposer is not None:
            self.proposer.close()
            self.proposer = None


def _on(value: str) -> str | None:
    """A signature's field, None where it says the component was off."""
    return None if value == "off" else value


def _config(**settings):
    def build():
        from ..pipeline import PipelineConfig

        return PipelineConfig(**settings)

    return build


# name -> factory; the table shows them in this order.
SYSTEMS: dict[str, Callable[[], System]] = {
    "unchanged": Unchanged,
    "languagetool": LanguageToolRaw,
    "model": lambda: PipelineSystem(
        "model", "the model alone, on every sentence",
        # min_confidence 0: the model's own edits, all of them, whatever the pipeline's threshold
        _config(detectors=(), grammar=False, model=SHIPPED_MODEL, model_mode="all", min_confidence=0.0)),
    "detectors": lambda: PipelineSystem(
        "detectors", "deterministic detectors alone", _config(grammar=False, model=None)),
    "pipeline": lambda: PipelineSystem(
        "pipeline", "the default pipeline: detectors + LanguageTool (`repair fix`)", _config(model=None)),
    "pipeline-model": lambda: PipelineSystem(
        "pipeline-model", "the pipeline with the shipped model (`repair fix --model default`)",
        _config(model=SHIPPED_MODEL)),
    "mt-flagger": lambda: PipelineSystem(
        "mt-flagger", "the MT flagger alone (no detectors, no LanguageTool; the model proposes nothing unflagged)",
        _config(detectors=(), grammar=False, model=SHIPPED_MODEL, mt_flags=True)),
    "pipeline-mtflags": lambda: PipelineSystem(
        "pipeline-mtflags", "the pipeline with the model and the MT flagger (`repair check --mt-flags`)",
        _config(model=SHIPPED_MODEL, mt_flags=True)),
    "pipeline-learner": lambda: PipelineSystem(
        "pipeline-learner", "the pipeline with the learner profile (`repair fix --profile learner`)",
        _config(model=None, profile="learner")),
    "pipeline-mt": lambda: PipelineSystem(
        "pipeline-mt", "the pipeline with the machine-translation profile (`repair fix --profile mt`)",
        _config(model=None, profile="mt")),
    "pipeline-ocr": lambda: PipelineSystem(
        "pipeline-ocr", "the pipeline with the OCR profile (`repair fix --profile ocr`)",
        _config(model=None, profile="ocr")),
    "slips": lambda: PipelineSystem(
        "slips", "the article and preposition detector alone (`--detectors slips`, docs/slips.md)",
        _config(detectors=("slips",), grammar=False, model=None)),
    "pipeline-slips": lambda: PipelineSystem(
        "pipeline-slips", "the default pipeline with the slips detector added",
        _config(detectors=(*DEFAULT_DETECTORS, "slips"), model=None)),
    "overproof": lambda: Peer("overproof", "overProof corrector (peer, Overproof only)"),
}


def get_system(name: str) -> System:
    try:
        return SYSTEMS[name]()
    except KeyError:
        raise ConfigError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}") from None


__all__ = ["LanguageToolRaw", "Peer", "PipelineSystem", "SYSTEMS", "System", "Unavailable",
           "Unchanged", "get_system"]

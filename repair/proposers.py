"""The one interface every stage that suggests edits implements.

A proposer must ``propose``; the other hooks are optional capabilities with no-op defaults,
so the pipeline calls them on every proposer without probing for them:

- ``prefetch()``: start slow set-up (loading a model) in the background;
- ``verify(doc, edits, bars)``: judge the edits every proposer made (the model lowers the
  confidence of edits it finds very unlikely); the default returns them unchanged;
- ``adjudicator()``: a function that scores competing edits of one span, higher wins (the
  model's forced decoding); the default ``None`` leaves conflicts to confidence;
- ``identity``: what the run's signature names (LanguageTool's version, the model's name).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import Callable, ClassVar, Sequence

from .document import Document
from .edits import Edit


@dataclass(frozen=True)
class Bars:
    """What an edit must reach to be kept: ``min_confidence`` for every edit, and ``floor``
    where the run's profile trusts this proposer's edits below it (``floor <= min_confidence``)."""

    min_confidence: float
    floor: float

    def lowered(self, e: Edit, why: str) -> Edit:
        """``e`` below the floor, saying ``why`` (shown for review where the caller shows what
        is below the bar): half its confidence, at most half the floor, so that two lowered
        proposals of the same change, merged as agreeing sources (``rank.merge_duplicates``),
        stay below it too."""
        return replace(e, confidence=min(round(e.confidence * 0.5, 3), round(self.floor * 0.5, 3)),
                       message=f"{e.message} ({why})")


class Proposer(ABC):
    """Looks at a document and suggests edits.

    ``prior`` holds the edits earlier stages proposed, so a later stage (the model)
    can focus on what was flagged.
    """

    name: ClassVar[str]
    source: ClassVar[str]

    @abstractmethod
    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        ...

    def prefetch(self) -> None:
        """Start slow set-up in the background; a failure surfaces where it is first needed."""

    def verify(self, doc: Document, edits: Sequence[Edit], bars: Bars) -> list[Edit]:
        """Every proposal of the document, judged; the default judges nothing."""
        return list(edits)

    def adjudicator(self) -> Callable[[Document, Sequence[Edit]], Sequence[float]] | None:
        """A scorer for competing edits of one span (higher wins), or None: no opinion."""
        return None

    @property
    def identity(self) -> str | None:
        """The version or name a run's signature records for this proposer."""
        return None

    def close(self) -> None:
        """Release external resources (servers, models). Safe to call twice."""

"""The one interface every stage that suggests edits implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Sequence

from .document import Document
from .edits import Edit


class Proposer(ABC):
    """Looks at a document and suggests edits.

    ``prior`` holds the edits earlier stages proposed, so a later stage (the model)
    can focus on what was flagged or adjudicate between competing candidates.
    """

    name: ClassVar[str]
    source: ClassVar[str]

    @abstractmethod
    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        ...

    def close(self) -> None:
        """Release external resources (servers, models). Safe to call twice."""

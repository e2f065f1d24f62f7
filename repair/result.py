"""Result: the one object every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable

from .edits import Edit, apply_edits
from .signature import Signature


@dataclass(frozen=True)
class Result:
    text: str
    edits: tuple[Edit, ...]
    signature: Signature
    rejected: tuple[Edit, ...] = field(default=(), compare=False)

    @property
    def changes(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if not e.is_flag)

    @property
    def flags(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.is_flag)

    @cached_property
    def fixed(self) -> str:
        return apply_edits(self.text, self.changes)

    def apply(self, accept: Callable[[Edit], bool] | Iterable[Edit]) -> str:
        """The text with only the accepted edits applied."""
        if callable(accept):
            chosen = [e for e in self.changes if accept(e)]
        else:
            chosen = list(accept)
        return apply_edits(self.text, chosen)

    def to_dict(self) -> dict:
        """The JSON shape of a result; ``repair check --format json`` streams the same fields."""
        return {
            "edits": [e.to_dict() for e in self.edits],
            "count": len(self.edits),
            "changes": len(self.changes),
            "flags": len(self.flags),
            "signature": str(self.signature),
        }

    def _repr_html_(self) -> str:
        from .render.html import render_html

        return render_html(self)

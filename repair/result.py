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

    def table(self) -> list[dict]:
        """One row per edit, numbered in text order as the HTML view numbers them: where
        (line, column), what, who proposed it, how sure, why."""
        from .render.listing import locate

        rows = []
        for n, e in enumerate(sorted(self.edits, key=lambda e: (e.start, e.end)), 1):
            line, column = locate(self.text, e.start)
            rows.append({"n": n, "line": line, "column": column, "kind": e.kind, "original": e.original,
                         "replacement": e.replacement, "flag": e.is_flag, "source": e.source,
                         "confidence": e.confidence, "message": e.message,
                         "alternatives": ", ".join(e.alternatives), "start": e.start, "end": e.end})
        return rows

    def to_pandas(self):
        """``table()`` as a pandas DataFrame indexed by edit number (``pip install 'repair[notebook]'``)."""
        try:
            import pandas as pd
        except ImportError:
            from .errors import ConfigError

            raise ConfigError("to_pandas needs pandas: pip install 'repair[notebook]'") from None
        columns = ["n", "line", "column", "kind", "original", "replacement", "flag", "source", "confidence",
                   "message", "alternatives", "start", "end"]
        return pd.DataFrame(self.table(), columns=columns).set_index("n")

    def _repr_html_(self) -> str:
        from .render.html import render_html

        return render_html(self)

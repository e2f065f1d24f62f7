"""Word-level coloured review on a terminal (rich), from the edits themselves; the bracket
markup of ``markup.py`` keeps it readable without colour."""

from __future__ import annotations

from typing import Sequence

from rich.console import Console
from rich.text import Text

from ..edits import Edit
from .listing import describe, locate
from .markup import rich_text, segments


def render_edits(console: Console, name: str, text: str, edits: Sequence[Edit], line_base: int = 0) -> None:
    """Each changed line once, ``[-deletions-]`` in red, ``{+insertions+}`` in green, then why."""
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        by_line.setdefault(text.rfind("\n", 0, e.start) + 1, []).append(e)
    for line_start, group in by_line.items():
        line_end = text.find("\n", max(e.end for e in group))
        line_end = len(text) if line_end < 0 else line_end
        line_no, _ = locate(text, line_start, line_base)
        console.print(Text(f"{name}:{line_no}", style="bold cyan"))
        console.print(_inline(text, line_start, line_end, group))
        for e in group:
            console.print(Text(f"    {describe(e)}", style="dim"))


def _inline(text: str, start: int, end: int, edits: Sequence[Edit]) -> Text:
    return rich_text(segments(text, start, end, edits), "  ")

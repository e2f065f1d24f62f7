"""The patch ``repair diff`` prints and ``repair batch`` writes per document.

Reasons come first as ``#`` lines (patch and git apply skip text before ``---``), then the
hunks. Hunks go to a spooled file while the reasons are collected, so memory stays bounded.
"""

from __future__ import annotations

import tempfile
from typing import Iterable, Iterator, Protocol

from ..result import Result
from .listing import edit_line
from .unified import unified_diff


class _Piece(Protocol):
    text: str
    line: int


def patch(name: str, pieces: Iterable[tuple[_Piece, Result]]) -> Iterator[tuple[bool, str]]:
    """``(is_reason, text)`` pieces of the patch for consecutive chunks of one text; nothing
    when no chunk changes. Reasons are UTF-8 comments; hunks are in the text's own encoding."""
    reasons: list[str] = []
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8", newline="") as hunks:

        def pairs():
            for chunk, result in pieces:
                reasons.extend(edit_line(name, chunk.text, e, chunk.line) for e in result.edits)
                yield chunk.text, result.fixed

        for line in unified_diff(pairs(), name, name):
            hunks.write(line)
        if not hunks.tell():
            return
        yield True, "".join(f"# {r}\n" for r in reasons)
        hunks.seek(0)
        while piece := hunks.read(1 << 16):
            yield False, piece

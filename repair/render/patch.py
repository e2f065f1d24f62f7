"""The patch ``repair diff`` prints and ``repair batch`` writes per document.

A section per changed line, each after the reasons for its edits ('#' lines, which patch
and git apply skip); flags on unchanged lines go with the next section. The patch is held
(spooled: memory stays bounded) until the whole text was read, so a file that turns out
unreadable halfway gives nothing.
"""

from __future__ import annotations

import os
import tempfile
from typing import Iterable, Iterator, Protocol

from ..result import Result
from .listing import edit_line, locate
from .unified import hunks


class _Piece(Protocol):
    text: str
    line: int


def one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def patch_name(path: str, stdin_name: str = "<stdin>") -> str:
    """The name a patch gives the file: relative to the working directory, as ``patch -p0``
    and ``git apply -p0`` look it up (``./a.txt`` -> ``a.txt``)."""
    if path == "-":
        return stdin_name
    return os.path.normpath(path) if outside(path) else os.path.normpath(os.path.relpath(path))


def outside(path: str) -> bool:
    """True when ``path`` lies outside the working directory."""
    if path == "-":
        return False
    rel = os.path.relpath(path)
    return rel == os.pardir or rel.startswith(os.pardir + os.sep)


def outside_note(path: str) -> str:
    return (f"{patch_name(path)} lies outside this directory, where patch -p0 will not write: "
            f"apply a patch of this file alone with `patch {patch_name(path)} < PATCH`, "
            f"or use `git apply -p0 --unsafe-paths PATCH`")


def patch(name: str, pieces: Iterable[tuple[_Piece, Result]], encoding: str = "utf-8",
          note: str | None = None) -> Iterator[str]:
    """The patch of consecutive chunks of one text, as strings to encode in ``encoding``
    (reasons that the encoding cannot hold are replaced); nothing when no chunk changes.
    ``note``: a comment put first (see :func:`outside_note`)."""
    reasons: dict[int, list[str]] = {}  # 0-based line -> reasons of the edits there

    def pairs():
        for chunk, result in pieces:
            for e in result.edits:
                line, _ = locate(chunk.text, e.start, chunk.line)
                reasons.setdefault(line - 1, []).append(edit_line(name, chunk.text, e, chunk.line))
            yield chunk.text, result.fixed

    def comment(text: str) -> str:  # in the patch's encoding, whatever the message holds
        return f"# {one_line(text)}\n".encode(encoding, "replace").decode(encoding)

    def take(before: float) -> str:
        lines = sorted(k for k in reasons if k < before)
        return "".join(comment(r) for k in lines for r in reasons.pop(k))

    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding=encoding, newline="") as out:
        wrote = False
        for hunk in hunks(pairs()):
            if not wrote and note:
                out.write(comment(note))
            wrote = True
            out.write(take(hunk.line + max(1, hunk.changed)))
            out.writelines(hunk.lines(name, name))
        if not wrote:
            return
        out.write(take(float("inf")))
        out.seek(0)
        while piece := out.read(1 << 16):
            yield piece

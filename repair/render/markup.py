"""Word-level change markup that reads without colour: ``[-old-]{+new+}``, ``[?flag?]``.

The terminal review and the coloured diff both use it, adding colour where the terminal
allows; the brackets stay, so a deletion and its insertion never run together
(``[-Lukashenkothe-]{+Lukashenko the+}``, not ``LukashenkotheLukashenko the``), and a deleted
space shows as ``␣`` rather than as a struck-through blank that looks like a dash.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

import regex

from ..edits import Edit

DELETE = ("[-", "-]")
INSERT = ("{+", "+}")
FLAG = ("[?", "?]")
_VISIBLE_BLANKS = str.maketrans({" ": "␣", "\n": "⏎", "\t": "⇥", "\r": "", "\u00a0": "⍽"})
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}'’]")


class Segment(NamedTuple):
    """A piece of marked text: ``kind`` is "" (unchanged), "del", "ins" or "flag"."""

    kind: str
    text: str


def visible(text: str) -> str:
    """Blanks made visible, for a change that is nothing but blanks."""
    return text.translate(_VISIBLE_BLANKS) if text and not text.strip() else text


def word_span(text: str, edit: Edit) -> tuple[int, int]:
    """The edit's span grown to whole words where it cuts into one (``M[a]ch`` -> ``Mach``)."""
    start, end = edit.start, edit.end
    old, new = edit.original, edit.replacement

    def word(c: str) -> bool:
        return bool(c) and bool(_WORD_CHAR.match(c))

    if word(text[start - 1:start] if start else "") and (word(old[:1]) or word(new[:1])):
        while start > 0 and word(text[start - 1]):
            start -= 1
    if word(text[end:end + 1]) and (word(old[-1:]) or word(new[-1:])):
        while end < len(text) and word(text[end]):
            end += 1
    return start, end


def segments(text: str, start: int, end: int, edits: Iterable[Edit]) -> list[Segment]:
    """``text[start:end]`` cut into unchanged, deleted, inserted and flagged pieces.

    ``edits`` must lie inside [start, end); one that overlaps an earlier one is left out."""
    out: list[Segment] = []
    pos = start
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            continue  # overlaps the edit before (a flag on a changed word): shown once
        s, t = word_span(text, e)
        s, t = max(s, pos), min(t, end)
        if s > pos:
            out.append(Segment("", text[pos:s]))
        if e.is_flag:
            out.append(Segment("flag", text[s:t]))
        else:
            old = text[s:t]
            new = text[s:e.start] + e.replacement + text[e.end:t]
            if old:
                out.append(Segment("del", old))
            if new:
                out.append(Segment("ins", new))
        pos = t
    if pos < end:
        out.append(Segment("", text[pos:end]))
    return out


def plain(segs: Iterable[Segment]) -> str:
    """The segments as text with bracket markup."""
    marks = {"del": DELETE, "ins": INSERT, "flag": FLAG}
    out = []
    for kind, piece in segs:
        if kind:
            left, right = marks[kind]
            out.append(f"{left}{visible(piece)}{right}")
        else:
            out.append(piece)
    return "".join(out)


def rich_text(segs: Iterable[Segment], indent: str = ""):
    """The segments as a rich ``Text``: the same bracket markup, coloured where colour is on."""
    from rich.text import Text

    styles = {"del": "red", "ins": "green", "flag": "yellow"}
    marks = {"del": DELETE, "ins": INSERT, "flag": FLAG}
    out = Text(indent)
    for kind, piece in segs:
        if not kind:
            out.append(piece.replace("\r", ""))
            continue
        left, right = marks[kind]
        style = styles[kind]
        out.append(left, style=style)
        out.append(visible(piece), style=f"bold {style}" if kind != "del" else f"{style} strike")
        out.append(right, style=style)
    return out

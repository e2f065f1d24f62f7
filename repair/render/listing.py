"""Edits as text lines (``FILE:LINE:COL: kind ...``) and as JSON records."""

from __future__ import annotations


from ..edits import Edit


def locate(text: str, offset: int, line_base: int = 0) -> tuple[int, int]:
    """1-based line and column of a code-point offset in ``text``."""
    line = line_base + text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


SHOWN_ALTERNATIVES = 3


def describe(edit: Edit) -> str:
    """``kind [source confidence] 'original' -> 'replacement' (or ...): message``"""
    change = f"{edit.original!r} (review)" if edit.is_flag else f"{edit.original!r} -> {edit.replacement!r}"
    if edit.alternatives:
        change += f" (or {', '.join(map(repr, edit.alternatives[:SHOWN_ALTERNATIVES]))})"
    return f"{edit.kind} [{edit.source} {edit.confidence:.2f}] {change}: {edit.message}"


def edit_line(name: str, text: str, edit: Edit, line_base: int = 0) -> str:
    line, column = locate(text, edit.start, line_base)
    return f"{name}:{line}:{column}: {describe(edit)}"


def edit_record(edit: Edit, offset: int = 0, file: str | None = None) -> dict:
    """The JSON record of one edit (``Edit.to_dict``) at ``offset`` into its file, naming the
    file when a listing holds several: the one shape check, batch and review write."""
    record = edit.shifted(offset).to_dict()
    if file is not None:
        record["file"] = file
    return record

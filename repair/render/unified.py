"""A unified diff that ``patch -p0`` and ``git apply`` accept, built chunk by chunk.

Streaming matters for 50 MB inputs: only the open hunk and three lines of context
are held, never the whole file.
"""

from __future__ import annotations

import difflib
from collections import deque
from typing import Iterable, Iterator

CONTEXT = 3
_NO_NEWLINE = "\\ No newline at end of file\n"
_FINE_LIMIT = 20_000  # characters in a changed block; longer blocks are diffed by whole lines


def unified_diff(pairs: Iterable[tuple[str, str]], fromfile: str, tofile: str,
                 context: int = CONTEXT) -> Iterator[str]:
    """Diff lines for consecutive (old, new) pieces of one text, e.g. per chunk."""
    header = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    hunk: list[tuple[str, str]] | None = None
    hunk_at = (0, 0)
    leading: deque = deque(maxlen=context)  # (i, j, line) equal lines before a hunk
    trailing: list[tuple[int, int, str]] = []
    i = j = 0

    def emit(lines: list[tuple[str, str]], at: tuple[int, int]) -> Iterator[str]:
        nonlocal header
        yield from header
        header = []
        old_n = sum(1 for tag, _ in lines if tag != "+")
        new_n = sum(1 for tag, _ in lines if tag != "-")
        yield f"@@ -{_range(at[0], old_n)} +{_range(at[1], new_n)} @@\n"
        for tag, line in lines:
            yield tag + line
            if not line.endswith("\n"):
                yield "\n" + _NO_NEWLINE

    for tag, line in _line_events(pairs):
        if tag == " ":
            if hunk is None:
                leading.append((i, j, line))
            else:
                trailing.append((i, j, line))
                if len(trailing) > 2 * context:
                    yield from emit(hunk + [(" ", t[2]) for t in trailing[:context]], hunk_at)
                    hunk = None
                    leading.extend(trailing[-context:])
                    trailing = []
            i, j = i + 1, j + 1
            continue
        if hunk is None:
            hunk_at = (leading[0][0], leading[0][1]) if leading else (i, j)
            hunk = [(" ", t[2]) for t in leading]
            leading.clear()
        else:
            hunk += [(" ", t[2]) for t in trailing]
            trailing = []
        hunk.append((tag, line))
        if tag == "-":
            i += 1
        else:
            j += 1
    if hunk is not None:
        yield from emit(hunk + [(" ", t[2]) for t in trailing[:context]], hunk_at)


def _range(start: int, length: int) -> str:
    # difflib's convention: 1-based start, or the line before an empty range.
    beginning = start + 1 if length else start
    return f"{beginning}" if length == 1 else f"{beginning},{length}"


def _line_events(pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(' '|'-'|'+', line) for each line; a line cut between pieces is rejoined."""
    carry_old = carry_new = ""
    for old, new in pairs:
        old, new = carry_old + old, carry_new + new
        carry_old, carry_new = _tail(old), _tail(new)
        old, new = old[:len(old) - len(carry_old)], new[:len(new) - len(carry_new)]
        yield from _diff_lines(old, new)
    yield from _diff_lines(carry_old, carry_new)


def _tail(text: str) -> str:
    """The unfinished last line of a piece (held until the next piece completes it)."""
    cut = text.rfind("\n") + 1
    return text[cut:]


def _diff_lines(old: str, new: str) -> Iterator[tuple[str, str]]:
    a, b = split_lines(old), split_lines(new)
    if old == new:
        for line in a:
            yield " ", line
        return
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            for line in a[i1:i2]:
                yield " ", line
            continue
        if op == "replace":
            yield from _replace_lines(a[i1:i2], b[j1:j2])
            continue
        for line in a[i1:i2]:
            yield "-", line
        for line in b[j1:j2]:
            yield "+", line


def _replace_lines(a: list[str], b: list[str]) -> Iterator[tuple[str, str]]:
    """A block of changed lines, cut at every line end the change keeps, so each old line
    stands beside its fix and the patch is the same whether diffed whole or in chunks."""
    old, new = "".join(a), "".join(b)
    cuts: list[tuple[int, int]] = []
    if len(old) + len(new) <= _FINE_LIMIT:
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for op, i1, i2, j1, _ in matcher.get_opcodes():
            if op == "equal":
                cuts += [(k + 1, j1 + k - i1 + 1) for k in range(i1, i2) if old[k] == "\n"]
    at = (0, 0)
    for cut in cuts + [(len(old), len(new))]:
        old_part, new_part = old[at[0]:cut[0]], new[at[1]:cut[1]]
        tag_old, tag_new = (" ", None) if old_part == new_part else ("-", "+")
        for line in split_lines(old_part):
            yield tag_old, line
        if tag_new:
            for line in split_lines(new_part):
                yield tag_new, line
        at = cut


def split_lines(text: str) -> list[str]:
    """Lines ending in '\n' only; str.splitlines also splits on \x1e, \u2028 and others."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out

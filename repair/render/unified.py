"""A unified diff that ``patch -p0`` and ``git apply -p0`` accept, built chunk by chunk.

Each changed line (a paragraph, usually) is a patch section of its own, ``---``/``+++``
header and one hunk, so a reader can drop one change by deleting its section and the
reasons printed before a section (``#`` lines, which both tools skip) sit next to it. The
sections apply one after another: a section's context shows the lines before it as the
earlier sections left them, so its line numbers count in that text too.

Streaming matters for 50 MB inputs: only the open sections and a few lines of context
are held, never the whole file.
"""

from __future__ import annotations

import difflib
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

CONTEXT = 3
_NO_NEWLINE = "\\ No newline at end of file\n"
_FINE_LIMIT = 20_000  # characters in a changed block; longer blocks are diffed by whole lines


@dataclass
class Hunk:
    """One section: where its change lies in the original (0-based line, line count) and
    its lines, headers included."""

    line: int
    changed: int
    lead: list[str]
    body: list[tuple[str, str]] = field(default_factory=list)
    trail: list[str] = field(default_factory=list)
    at: int = 0  # 0-based first line of the section in the text the earlier sections left

    def lines(self, fromfile: str, tofile: str) -> Iterator[str]:
        old_n = len(self.lead) + sum(1 for tag, _ in self.body if tag == "-") + len(self.trail)
        new_n = len(self.lead) + sum(1 for tag, _ in self.body if tag == "+") + len(self.trail)
        yield f"--- {fromfile}\n"
        yield f"+++ {tofile}\n"
        yield f"@@ -{_range(self.at, old_n)} +{_range(self.at, new_n)} @@\n"
        for tag, line in [*((" ", x) for x in self.lead), *self.body, *((" ", x) for x in self.trail)]:
            yield tag + line
            if not line.endswith("\n"):
                yield "\n" + _NO_NEWLINE


def hunks(pairs: Iterable[tuple[str, str]], context: int = CONTEXT) -> Iterator[Hunk]:
    """One Hunk per changed line (or per block of lines a change joins or splits), in order."""
    lead: deque = deque(maxlen=context)  # the last lines before here, as changed so far
    open_: list[Hunk] = []  # sections still collecting trailing context
    current: Hunk | None = None
    i = j = 0  # line numbers: original text, text with every earlier change applied
    last = " "
    for tag, line in _line_events(pairs):
        if tag == " " or (tag == "-" and last == "+"):
            current = None
        if tag != "+":  # an original line: trailing context of the open sections
            for h in open_:
                if h is not current and len(h.trail) < context:
                    h.trail.append(line)
            while open_ and open_[0] is not current and len(open_[0].trail) >= context:
                yield open_.pop(0)
        if tag != " ":
            if current is None:
                current = Hunk(i, 0, list(lead), at=j - len(lead))
                open_.append(current)
            current.body.append((tag, line))
            if tag == "-":
                current.changed += 1
        if tag != "-":
            lead.append(line)
        i += tag != "+"
        j += tag != "-"
        last = tag
    yield from open_


def unified_diff(pairs: Iterable[tuple[str, str]], fromfile: str, tofile: str,
                 context: int = CONTEXT) -> Iterator[str]:
    """Diff lines for consecutive (old, new) pieces of one text, e.g. per chunk."""
    for hunk in hunks(pairs, context):
        yield from hunk.lines(fromfile, tofile)


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

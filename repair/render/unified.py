"""A unified diff that ``patch -p0`` and ``git apply -p0`` accept, built chunk by chunk.

Each run of changed lines (a paragraph, usually) is a patch section of its own,
``---``/``+++`` header and one hunk, so a reader can drop one change by deleting its
section, and the reasons printed before a section (``#`` lines, which both tools skip) sit
next to it. The sections apply one after another; their line numbers count in the text
the earlier sections left, and their context holds unchanged lines only.

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
    """One section: where its change lies in the original (0-based line, line count), its
    changed lines and the unchanged lines around them."""

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
    """One Hunk per run of changed lines, in order.

    Context is only ever unchanged lines, and as many before as after (fewer only at the
    start or end of the text, where patch anchors a hunk anyway): between two changes
    close together each section gets the lines up to the other, so any section applies,
    or can be left out, without the others."""
    before: deque = deque(maxlen=context)  # unchanged lines since the last change
    since_change: int | None = None  # how many; None before the first change
    waiting: Hunk | None = None  # a finished run collecting its trailing context
    current: Hunk | None = None
    lead_limit = trail_limit = context
    i = j = 0  # line numbers: original text, text with every earlier change applied

    def finish(h: Hunk, lead_limit: int, trail_limit: int) -> Hunk:
        c = min(context, lead_limit, trail_limit)
        h.at += len(h.lead) - min(c, len(h.lead))
        h.lead = h.lead[len(h.lead) - min(c, len(h.lead)):]
        h.trail = h.trail[:c]
        return h

    for tag, line in _line_events(pairs):
        if tag == " ":
            if current is not None:
                waiting, current = current, None
            if waiting is not None:
                waiting.trail.append(line)
                if len(waiting.trail) >= context:
                    yield finish(waiting, lead_limit, context)
                    waiting = None
            before.append(line)
            since_change = None if since_change is None else since_change + 1
        else:
            if current is None:
                if waiting is not None:  # the runs are close: each gets the lines between
                    yield finish(waiting, lead_limit, len(waiting.trail))
                    waiting = None
                lead_limit = context if since_change is None else since_change
                current = Hunk(i, 0, list(before), at=j - len(before))
                before.clear()
                since_change = 0
            current.body.append((tag, line))
            current.changed += tag == "-"
        i += tag != "+"
        j += tag != "-"
    waiting = waiting or current
    if waiting is not None:
        yield finish(waiting, lead_limit, context)


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
    if len(a) == 1:
        # One old line (most changes: a sentence, an OCR line) has at most one line end, its
        # last character. Matched, it cuts nothing the block's own end does not, or splits
        # off new lines that come after the old one anyway; so the old line, then the new
        # ones, is what the character diff below gives, without its quadratic cost on a
        # long line. (No line of ``b`` equals ``a[0]``: the line diff would have kept it.)
        yield "-", a[0]
        for line in b:
            yield "+", line
        return
    yield from _replace_lines_matched(a, b)


def _replace_lines_matched(a: list[str], b: list[str]) -> Iterator[tuple[str, str]]:
    """``_replace_lines`` by a character diff of the block, for any number of lines."""
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

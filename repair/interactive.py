"""``repair review`` on a terminal: one edit at a time, one key per decision (like ``git add -p``).

The loop reads keys from a ``Keys`` source (single keys without Enter on a terminal, whole
lines otherwise) and hands every new ``Decisions`` to ``save`` before it asks again, so
nothing decided is lost to Ctrl-C, a closed terminal or ``kill -9``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Callable, TextIO

from rich.console import Console
from rich.text import Text

from .document import Document
from .render.listing import locate
from .render.markup import plain, rich_text, segments
from .review import Decisions, Item, sentence_context, source_of

WIDTH = 80
SHOWN_ALTERNATIVES = 9
HELP = """\
y - accept this edit
n - reject it (leave the text as it is)
1-9 - use that alternative instead
e - edit: type the replacement yourself
a - accept this and every remaining edit of this kind
d - reject this and every remaining edit of this kind
A - accept this and every remaining edit from this source
D - reject this and every remaining edit from this source
k - back to the previous edit
s - skip: leave it undecided for now
q - quit; the decisions so far are saved and the next review resumes here
? - this help"""
NAMES = {"accept": "accepted", "reject": "rejected", "alternative": "alternative", "custom": "typed"}


class Keys:
    """One key at a time: raw from a terminal, else the first character of each line."""

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None):
        self.stream = stream or sys.stdin
        self.out = out or sys.stdout
        self.tty = self.stream.isatty()

    def key(self, prompt: str) -> str:
        """The key pressed ("" at end of input)."""
        self.out.write(prompt)
        self.out.flush()
        if self.tty:
            ch = _read_key(self.stream)
            self.out.write((ch if ch.isprintable() else "") + "\n")
            self.out.flush()
            return ch
        line = self.stream.readline()
        if not line:
            self.out.write("\n")
            return ""
        return line.strip()[:1] if not line.strip().isdigit() else line.strip()

    def line(self, prompt: str) -> str | None:
        """A whole line typed with Enter (None at end of input)."""
        self.out.write(prompt)
        self.out.flush()
        line = self.stream.readline()
        if not line:
            return None
        return line.rstrip("\r\n")


def _read_key(stream: TextIO) -> str:
    """One character without waiting for Enter; Ctrl-C still interrupts."""
    import termios
    import tty

    import select

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        data = os.read(fd, 1)
        if data == b"\x1b" or data and data[0] >= 0x80:  # an arrow key, or a multi-byte character
            while select.select([fd], [], [], 0.05)[0]:
                data += os.read(fd, 1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if data == b"\x04":
        return ""  # Ctrl-D: end of input
    return data.decode("utf-8", "replace")[:1] if data else ""


@dataclass
class Outcome:
    decisions: Decisions
    finished: bool  # False: the reviewer quit before the last edit


def console_for(out: TextIO | None = None) -> Console:
    """A console at most 80 columns wide; colour only on a terminal and without NO_COLOR."""
    out = out or sys.stdout
    try:
        width = min(WIDTH, os.get_terminal_size(out.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        width = WIDTH
    return Console(file=out, width=width, highlight=False, soft_wrap=False)


def card(decisions: Decisions, index: int, doc: Document, name: str, colour: bool, width: int = WIDTH) -> list:
    """What the reviewer sees for one edit: where, what, the sentence marked, why."""
    item = decisions.items[index]
    e = item.edit
    line, column = locate(doc.text, e.start)
    head = Text(f"{name}:{line}:{column}  edit {index + 1}/{len(decisions)}  {e.kind}  "
                f"{source_of(e)}  {e.confidence:.2f}", style="bold cyan" if colour else "")
    s, t = sentence_context(doc, e.start, e.end)
    segs = segments(doc.text, s, t, [e])
    body = _indented(rich_text(segs) if colour else Text(plain(segs)), width)
    lines = [head, body]
    if e.is_flag:
        lines.append(Text("  flagged for review: nothing is changed unless you type a fix (e)"))
    lines.append(_indented(Text(f"why: {e.message}"), width))
    if e.alternatives:
        alts = "  ".join(f"{n}) {a!r}" for n, a in enumerate(e.alternatives[:SHOWN_ALTERNATIVES], 1))
        lines.append(_indented(Text(f"or:  {alts}"), width))
    if item.decided:
        lines.append(Text(f"  decided: {NAMES[item.decision]}"
                          + (f" {item.replacement!r}" if item.decision in ('alternative', 'custom') else ""),
                          style="magenta" if colour else ""))
    return lines


def _indented(text: Text, width: int = WIDTH) -> Text:
    """Wrapped to ``width`` with two spaces before every line, wrapped ones too."""
    lines = text.wrap(Console(width=width - 2), width - 2)
    out = Text()
    for n, line in enumerate(lines):
        line.rstrip()
        out.append_text(Text("\n  " if n else "  ") + line)
    return out


def keys_for(item: Item) -> str:
    e = item.edit
    keys = [] if e.is_flag else ["y"]
    keys.append("n")
    n = min(len(e.alternatives), SHOWN_ALTERNATIVES)
    if n:
        keys.append("1" if n == 1 else f"1-{n}")
    keys += ["e", "a", "d", "A", "D", "k", "s", "q", "?"]
    return ",".join(keys)


def review(decisions: Decisions, text: str, name: str, save: Callable[[Decisions], None],
           keys: Keys, console: Console, start: int | None = None) -> Outcome:
    """Walk the edits from the first undecided one; return when the last is passed or on quit."""
    if not decisions.items:
        return Outcome(decisions, True)
    doc = Document(text)
    colour = console.is_terminal and not console.no_color and console.color_system is not None
    first = decisions.next_pending()
    index = start if start is not None else (first if first is not None else len(decisions))
    while index < len(decisions):
        item = decisions.items[index]
        console.print()
        for line in card(decisions, index, doc, name, colour, console.width):
            console.print(line)
        key = keys.key(f"({index + 1}/{len(decisions)}) Decide [{keys_for(item)}]? ")
        if key in ("", "q"):
            return Outcome(decisions, False)
        if key == "?":
            console.print(Text(HELP))
            continue
        if key == "k":
            if index == 0:
                console.print(Text("  this is the first edit"))
            index = max(0, index - 1)
            continue
        if key in ("s", "j"):
            index = _next_undecided(decisions, index)
            continue
        try:
            updated = _decide(decisions, index, key, keys)
        except ValueError as exc:
            console.print(Text(f"  cannot: {exc}", style="red" if colour else ""))
            continue
        if updated is None:
            console.print(Text(f"  unknown key {key!r}; ? shows the keys", style="red" if colour else ""))
            continue
        if updated is decisions:
            continue  # nothing decided (a cancelled edit): ask again
        decisions = updated
        save(decisions)
        index = _next_undecided(decisions, index)
    return Outcome(decisions, True)


def _next_undecided(decisions: Decisions, index: int) -> int:
    """The next undecided edit after ``index``; past the end when there is none."""
    return next((i for i in range(index + 1, len(decisions)) if not decisions.items[i].decided), len(decisions))


def _decide(decisions: Decisions, index: int, key: str, keys: Keys) -> Decisions | None:
    item = decisions.items[index]
    e = item.edit
    if key == "y":
        if e.is_flag:
            raise ValueError("a flag has nothing to accept: n leaves it, e types a fix")
        return decisions.decide(index, "accept")
    if key == "n":
        return decisions.decide(index, "reject")
    if key.isdigit():
        n = int(key)
        if not 1 <= n <= len(e.alternatives):
            raise ValueError(f"there is no alternative {n}")
        return decisions.decide(index, "alternative", e.alternatives[n - 1])
    if key == "e":
        typed = keys.line(f"  replace {e.original!r} with (Enter alone cancels): ")
        if not typed:
            return decisions
        return decisions.decide(index, "custom", typed)
    if key in ("a", "d", "A", "D"):
        action = "accept" if key in ("a", "A") else "reject"
        if key in ("a", "d"):
            kind = e.kind

            def match(other):
                return other.kind == kind
        else:
            source = source_of(e)

            def match(other):
                return source_of(other) == source
        # This edit first (a flag cannot be accepted: it stays for the reviewer).
        out = decisions
        if not (action == "accept" and e.is_flag):
            out = out.decide(index, action)
        return out.decide_where(action, match, index + 1)
    return None

"""Edit: one proposed change, in code-point offsets into the original text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Iterable, Sequence


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (== ``original``) with ``replacement``.

    An edit whose replacement equals its original is a *flag*: shown for review,
    never applied (inconsistent spellings, untranslated fragments, unbalanced quotes).
    ``alternatives`` are the proposer's other suggestions for the same span, best first
    (LanguageTool's speller lists several): shown for review, and a second proposer that
    picks one of them agrees with this one.
    """

    start: int
    end: int
    original: str
    replacement: str
    kind: str
    source: str
    confidence: float
    message: str
    rule: str = ""
    alternatives: tuple[str, ...] = ()

    @property
    def is_flag(self) -> bool:
        return self.replacement == self.original

    def conflicts(self, other: "Edit") -> bool:
        """True when both cannot be applied: spans intersect, or both insert at one point."""
        a, b = self, other
        if a.start == a.end and b.start == b.end:
            return a.start == b.start
        if a.start == a.end:
            return b.start < a.start < b.end
        if b.start == b.end:
            return a.start < b.start < a.end
        return a.start < b.end and b.start < a.end

    def shifted(self, offset: int) -> "Edit":
        return replace(self, start=self.start + offset, end=self.end + offset)

    def to_dict(self) -> dict:
        return asdict(self)


def check_offsets(text: str, edits: Iterable[Edit]) -> None:
    """Raise ValueError if an edit does not slice the text it claims to."""
    for e in edits:
        if not (0 <= e.start <= e.end <= len(text)) or text[e.start:e.end] != e.original:
            raise ValueError(f"edit {e!r} does not match the text at {e.start}:{e.end}")


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-conflicting edits; everything outside them stays byte for byte."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.is_flag:
            continue
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)

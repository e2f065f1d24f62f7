"""Edit: one proposed change, in code-point offsets into the original text."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    sources: tuple[str, ...]  # who proposed it (see repair.sources); several when proposers agree
    confidence: float
    message: str
    rule: str = ""
    alternatives: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.sources, str) or not self.sources:
            raise TypeError(f"Edit.sources must be a non-empty tuple of names, not {self.sources!r}")

    @property
    def is_flag(self) -> bool:
        return self.replacement == self.original

    @property
    def source(self) -> str:
        """The sources as one label, ``"detector:glued+languagetool"`` (reports and JSON)."""
        return "+".join(self.sources)

    def from_family(self, family: str) -> bool:
        """Whether one of the sources is ``family`` or one of its proposers (``detector:glued``)."""
        return any(s == family or s.startswith(family + ":") for s in self.sources)

    def with_sources(self, *more: str) -> "Edit":
        """The same edit credited to ``more`` proposers too (names kept sorted and unique)."""
        return replace(self, sources=tuple(sorted({*self.sources, *more})))

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

    def applied_to(self, piece: str, offset: int) -> str:
        """``piece`` (the original text from code point ``offset`` on) with this edit applied."""
        return piece[:self.start - offset] + self.replacement + piece[self.end - offset:]

    def shifted(self, offset: int) -> "Edit":
        return replace(self, start=self.start + offset, end=self.end + offset)

    def to_dict(self) -> dict:
        """The JSON record of an edit (check, batch, review): every field in declaration
        order, ``sources`` as one label under ``source``, ``alternatives`` as a list. Built
        field by field: ``dataclasses.asdict`` copies every value recursively, for fields
        that are all strings, numbers and a tuple of strings (tests/property keeps the two
        in step)."""
        return {"start": self.start, "end": self.end, "original": self.original,
                "replacement": self.replacement, "kind": self.kind, "source": self.source,
                "confidence": self.confidence, "message": self.message, "rule": self.rule,
                "alternatives": list(self.alternatives)}

    @classmethod
    def from_dict(cls, record: dict) -> "Edit":
        """Read back what ``to_dict`` wrote."""
        fields = {k: v for k, v in record.items() if k in _FIELDS}
        fields["sources"] = tuple(record["source"].split("+"))
        fields["alternatives"] = tuple(record.get("alternatives", ()))
        return cls(**fields)


_FIELDS = frozenset(Edit.__dataclass_fields__) - {"sources"}


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

"""Signature: what produced a result or a report, printed beside it (like sacrebleu's).

One type for every report: a result's (version, detectors, LanguageTool, model, threshold,
profile) and an evaluation's (version, model, suites, split, sample, date) alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signature:
    """Ordered ``key:value`` fields, shown as ``key:value|key:value``."""

    fields: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, **fields: object) -> "Signature":
        return cls(tuple((k, str(v)) for k, v in fields.items()))

    def __getitem__(self, key: str) -> str:
        for k, v in self.fields:
            if k == key:
                return v
        raise KeyError(key)

    def with_fields(self, **more: object) -> "Signature":
        """The same signature with ``more`` fields replaced in place or added at the end."""
        merged = dict(self.fields)
        merged.update((k, str(v)) for k, v in more.items())
        return Signature(tuple(merged.items()))

    def only(self, *keys: str) -> "Signature":
        return Signature(tuple((k, v) for k, v in self.fields if k in keys))

    def to_dict(self) -> dict[str, str]:
        return dict(self.fields)

    def __str__(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.fields)

"""Profiles: how far each proposer is trusted, by the kind of text being repaired.

The default confidences were measured on machine translation, OCR and published news, where
a wrong change costs more than a missed one (LanguageTool alone makes every MT and OCR set
worse). Learners' English is the other way round: almost every sentence holds a slip, and the
matches LanguageTool is unsure of (a far respelling, a comma before "but", a sentence that
starts in lowercase) are mostly right there. A profile names, per source, a lower bar its
edits must reach; everything else in the pipeline is the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .errors import ConfigError
from .sources import LANGUAGETOOL, MODEL, family


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    # source -> the confidence its edits need, when that is below the pipeline's threshold
    floors: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def bar(self, sources: tuple[str, ...], min_confidence: float) -> float:
        """The confidence an edit from ``sources`` (an edit's proposers) must reach.
        A floor may name a source ("model") or one of its proposers ("detector:introductory")."""
        floors = [self.floors.get(part, self.floors.get(family(part))) for part in sources]
        return min([min_confidence, *(f for f in floors if f is not None)])


PROFILES: dict[str, Profile] = {
    "default": Profile(
        "default", "machine translation, OCR and published prose: precision first"),
    "learner": Profile(
        "learner", "learners' and hasty writers' English: LanguageTool's and the model's weak edits kept too",
        MappingProxyType({LANGUAGETOOL: 0.3, MODEL: 0.3,
                          # the comma after an introductory clause: learners leave it out,
                          # published prose often does too
                          "detector:introductory": 0.4})),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(f"unknown profile {name!r}; choose from {', '.join(PROFILES)}") from None

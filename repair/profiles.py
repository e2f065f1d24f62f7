"""Profiles: how far each proposer is trusted, by the kind of text being repaired.

The default confidences were measured on machine translation, OCR and published news, where
a wrong change costs more than a missed one (LanguageTool alone makes every MT and OCR set
worse). Learners' English is the other way round: almost every sentence holds a slip, and the
matches LanguageTool is unsure of (a far respelling, a comma before "but", a sentence that
starts in lowercase) are mostly right there. A profile names, per source, a lower bar its
edits must reach; everything else in the pipeline is the same.

Machine translation is the third kind: a lowercase word LanguageTool's speller does not know
is a name or a word the system left untranslated far more often than a typo (on MLQE-PE dev,
6 of the 294 such edits the default applies are what the post-editor wrote). The ``mt``
profile shows these as flags for review, LanguageTool's suggestions kept as alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Mapping

from .edits import Edit
from .errors import ConfigError
from .sources import LANGUAGETOOL, MODEL, family, is_speller_change


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    # source -> the confidence its edits need, when that is below the pipeline's threshold
    floors: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # LanguageTool's respellings of lowercase words become flags for review (machine translation)
    flag_spellings: bool = False

    def bar(self, sources: tuple[str, ...], min_confidence: float) -> float:
        """The confidence an edit from ``sources`` (an edit's proposers) must reach.
        A floor may name a source ("model") or one of its proposers ("detector:introductory")."""
        floors = [self.floors.get(part, self.floors.get(family(part))) for part in sources]
        return min([min_confidence, *(f for f in floors if f is not None)])

    def review(self, e: Edit) -> Edit:
        """``e`` as this profile shows it: a flag instead of a change where the profile says so."""
        if not (self.flag_spellings and is_lowercase_respelling(e)):
            return e
        return replace(e, replacement=e.original, alternatives=(e.replacement, *e.alternatives),
                       message=f"{e.message} (in machine translation an unknown word is more often a name "
                               "or an untranslated word than a typo: check it)")


def is_lowercase_respelling(e: Edit) -> bool:
    """LanguageTool's speller changing a lowercase word (``kumova`` -> ``move``)."""
    return is_speller_change(e) and e.original.isalpha() and e.original.islower()


PROFILES: dict[str, Profile] = {
    "default": Profile(
        "default", "machine translation, OCR and published prose: precision first"),
    "learner": Profile(
        "learner", "learners' and hasty writers' English: LanguageTool's and the model's weak edits kept too",
        MappingProxyType({LANGUAGETOOL: 0.3, MODEL: 0.3,
                          # the comma after an introductory clause: learners leave it out,
                          # published prose often does too
                          "detector:introductory": 0.4})),
    "mt": Profile(
        "mt", "machine translation: as default, but LanguageTool's respellings of lowercase words are flags",
        flag_spellings=True),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(f"unknown profile {name!r}; choose from {', '.join(PROFILES)}") from None

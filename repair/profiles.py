"""Profiles: how far each proposer is trusted, by the kind of text being repaired.

The default confidences were measured on machine translation, OCR and published news, where
a wrong change costs more than a missed one (LanguageTool alone makes every MT and OCR set
worse). Learners' English is the other way round: almost every sentence holds a slip, and the
matches LanguageTool is unsure of (a far respelling, a comma before "but", a sentence that
starts in lowercase) are mostly right there. A profile names, per source, a lower bar its
edits must reach; everything else in the pipeline is the same.

Machine translation is the third kind: a lowercase word LanguageTool's speller does not know
is a name or a word the system left untranslated far more often than a typo (on MLQE-PE dev,
6 of the 294 such edits the default applies are what the post-editor wrote), and MT has no
misreadings for the OCR detector to fix; an agreement clash (``Each soldiers buys``) is as
often MT's slip on the other side as on the side LanguageTool changes. The ``mt`` profile
shows these changes as flags for review, the suggestions kept as alternatives
(docs/cli.md#profiles, measured).

OCR is the fourth: there LanguageTool's rules other than its speller mostly fire on
misreadings (``the perish`` is ``the parish``, not ``to perish``; ``he born`` is ``be
born``) and on the spacing of older typesetting (``said, " I have``), so the ``ocr`` profile
shows what those rules alone propose as flags, and every text is read as raw OCR
(``Document.ocr``: the detectors' raw-OCR readings and flags apply whatever share of its
words the lexicon knows); the speller and the detectors otherwise work as in the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Mapping

from .edits import Edit
from .errors import ConfigError
from .sources import LANGUAGETOOL, MODEL, detector_source, family, is_agreement_rule, is_speller_rule


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    # source -> the confidence its edits need, when that is below the pipeline's threshold
    floors: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # changes machine translation makes unsure become flags for review: respellings of unknown
    # words, and LanguageTool's agreement fixes
    flag_mt_doubts: bool = False
    # LanguageTool's rules other than its speller, when no detector agrees, become flags (OCR)
    flag_languagetool_rules: bool = False
    # every text is read as raw OCR (``Document.ocr``), not only one whose words look garbled
    raw_ocr: bool = False

    def bar(self, sources: tuple[str, ...], min_confidence: float) -> float:
        """The confidence an edit from ``sources`` (an edit's proposers) must reach.
        A floor may name a source ("model") or one of its proposers ("detector:introductory")."""
        floors = [self.floors.get(part, self.floors.get(family(part))) for part in sources]
        return min([min_confidence, *(f for f in floors if f is not None)])

    def review(self, e: Edit) -> Edit:
        """``e`` as this profile shows it: a flag instead of a change where the profile says so."""
        if e.is_flag:
            return e
        if self.flag_languagetool_rules and e.sources == (LANGUAGETOOL,) and not is_speller_rule(e.rule):
            doubt = "in OCR text such a match is more often a misreading or the old typesetting than a slip"
        elif not self.flag_mt_doubts:
            return e
        elif OCR in e.sources:
            doubt = "machine translation has no OCR misreadings"
        elif is_respelling(e):
            doubt = "in machine translation an unknown word is more often a name or an untranslated word than a typo"
        elif LANGUAGETOOL in e.sources and is_agreement_rule(e.rule):
            doubt = "in machine translation either side of the agreement may be the slip"
        else:
            return e
        return replace(e, replacement=e.original, alternatives=(e.replacement, *e.alternatives),
                       message=f"{e.message} ({doubt}: check it)")


OCR, GLUED = detector_source("ocr"), detector_source("glued")


def is_respelling(e: Edit) -> bool:
    """A change that reads an unknown word as another: any change of the OCR detector
    (``Boek`` -> ``Book``), LanguageTool's speller (``kumova`` -> ``move``) and a lowercase
    word's split (``noron`` -> ``nor on``); but not a name glued to a word, which the
    glued-word detector splits where the name also stands alone (``Lukashenkothe``)."""
    if OCR in e.sources:
        return True
    if GLUED in e.sources:
        split = e.replacement.replace(" ", "") == e.original
        return split and e.original.isalpha() and e.original.islower()
    return LANGUAGETOOL in e.sources and is_speller_rule(e.rule)


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
        "mt", "machine translation: as default, but respellings of unknown words (LanguageTool's speller, "
              "the OCR and glued-word detectors) and LanguageTool's agreement fixes are flags",
        flag_mt_doubts=True),
    "ocr": Profile(
        "ocr", "OCR text (scanned archives): as default, but what LanguageTool's rules other than its "
               "speller propose alone is a flag, and every text is read as raw OCR (a letter standing alone "
               "between words is a speck, a real word needs less evidence to be read as a misreading, garbled "
               "words are read further, and words OCR garbled beyond reading are flagged)",
        # the detectors' unsure readings and flags (proposed below the default bar outside raw
        # OCR): with raw_ocr the pipeline's documents are raw OCR, but not every caller's
        MappingProxyType({"detector:stray": 0.4, "detector:ocr": 0.4, "detector:unreadable": 0.4}),
        flag_languagetool_rules=True, raw_ocr=True),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(f"unknown profile {name!r}; choose from {', '.join(PROFILES)}") from None

"""The seed article and the artefacts a careful human editor finds in it.

Each artefact names where it sits (an anchor that occurs once in the article, and the
part of the anchor that is wrong), the string that must disappear from the output and
the repairs we accept. An artefact is *flagged* when any edit overlaps its span, and
*fixed* when the output no longer contains the bad string and contains one of the
accepted repairs. Flag-only artefacts (a choice for the author, such as one of two
spellings) have no accepted repairs and count only as flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

SEED_PATH = Path(__file__).resolve().parents[2] / "seeds" / "000_f15f1aa9a78ce15d.txt"


@dataclass(frozen=True)
class Artefact:
    name: str
    kind: str
    spans: tuple[tuple[str, str], ...]  # (anchor occurring once in the article, the wrong part of it)
    bad: str = ""  # must be gone from the output
    good: tuple[str, ...] = ()  # one of these must be in the output; empty: flag only


ARTEFACTS: tuple[Artefact, ...] = (
    Artefact("Lukashenkothe", "glued words",
             (("Alexander Lukashenkothe authoritarian", "Lukashenkothe"),), "Lukashenkothe",
             ("Lukashenko, the authoritarian", "Lukashenko the authoritarian",
              "Lukashenko – the authoritarian", "Lukashenko — the authoritarian")),
    Artefact("stalls In the face", "casing",
             (("invasion stalls In the face", "In"),), "stalls In the", ("stalls in the",)),
    Artefact("the Allies .", "spacing",
             (("supplies from the Allies .", " ."),), "Allies .",
             ("from the Allies.", "from the allies.", "from its allies.", "from allies.")),
    Artefact("Bratislava The stalled", "run-on (scraped title)",
             (("Felicia Schwartz in Bratislava The stalled", "Bratislava The"),), "Bratislava The",
             ("Bratislava.", "Bratislava\n")),
    Artefact("manoeuvre / maneuver", "inconsistent spelling",
             (("no room for manoeuvre", "manoeuvre"), ("room for maneuver Lukashenko", "maneuver"))),
    Artefact("Russia needs reinforcement is", "missing conjunction",
             (("fourth week, Russia needs reinforcement is becoming", "Russia needs reinforcement is"),),
             "week, Russia needs reinforcement",
             ("that Russia needs reinforcement", "Russia’s need for reinforcement",
              "Russia's need for reinforcement")),
    Artefact("one brutal crackdown", "article",
             (("launched one brutal crackdown", "one"),), "one brutal crackdown", ("a brutal crackdown",)),
    Artefact("crackdown to protests", "preposition",
             (("crackdown to protests against", "to"),), "crackdown to protests", ("crackdown on protests",)),
    Artefact("approval last week 16,000", "missing preposition",
             (("his approval last week 16,000", "week 16,000"),), "approval last week 16,000",
             ("for 16,000", "to 16,000")),
    Artefact("Mustache-wearing President", "calque",
             (("Mustache-wearing President Alexander", "Mustache-wearing"),)),
    Artefact("“high risk” strategy", "compound hyphen",
             (("a “high risk” strategy", "high risk"),), "high risk", ("high-risk",)),
    Artefact("the all world’s media", "word order",
             (("aggregator of the all world’s media", "the all"),), "the all world’s",
             ("all the world’s", "all of the world’s", "the whole world’s")),
)


@dataclass(frozen=True)
class ArtefactCheck:
    name: str
    kind: str
    spans: tuple[tuple[int, int], ...]
    flagged: bool
    fixed: bool | None  # None: flag-only artefact

    def overlaps(self, start: int, end: int) -> bool:
        return any(_overlap(s, e, start, end) for s, e in self.spans)

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "flagged": self.flagged, "fixed": self.fixed}


def _overlap(s: int, e: int, start: int, end: int) -> bool:
    if start == end:  # an insertion touches the span if it lands inside or on its edges
        return s <= start <= e
    return start < e and s < end


def locate(text: str, artefact: Artefact) -> tuple[tuple[int, int], ...]:
    """Character spans of the artefact's wrong parts; ValueError if an anchor is not unique."""
    out = []
    for anchor, focus in artefact.spans:
        at = text.find(anchor)
        if at < 0 or text.find(anchor, at + 1) >= 0:
            raise ValueError(f"anchor {anchor!r} must occur exactly once in the seed article")
        offset = anchor.index(focus)
        out.append((at + offset, at + offset + len(focus)))
    return tuple(out)


def check_artefacts(original: str, output: str, edits: Sequence[tuple[int, int]],
                    artefacts: Sequence[Artefact] = ARTEFACTS) -> list[ArtefactCheck]:
    checks = []
    for a in artefacts:
        spans = locate(original, a)
        flagged = any(_overlap(s, e, start, end) for s, e in spans for start, end in edits)
        fixed = None
        if a.good:
            fixed = a.bad not in output and any(g in output for g in a.good)
        checks.append(ArtefactCheck(a.name, a.kind, spans, flagged, fixed))
    return checks

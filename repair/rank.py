"""Rank: one decision per span among competing proposals."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate
from typing import Callable, Iterable, Sequence

from .document import Document
from .edits import Edit
from .profiles import PROFILES, Profile
from .sources import DETECTOR, LANGUAGETOOL, MODEL, family

# Scores competing candidates for one span (the model's forced decoding); higher wins.
Adjudicator = Callable[[Document, Sequence[Edit]], Sequence[float]]

STYLE = "style"
# Which proposer we trust most when confidences tie.
_SOURCE_PRIORITY = {DETECTOR: 2, LANGUAGETOOL: 1, MODEL: 0}


def adopt_alternatives(edits: Iterable[Edit]) -> list[Edit]:
    """A proposal that picks one of another source's other suggestions for the same span
    counts as that source proposing it too. For "yong" LanguageTool suggests "Yong" first
    and "young" third; when the model rewrites it as "young", both sources now propose
    "young" (with LanguageTool's confidence), and merging makes them agree. A flag's
    alternatives are suggestions for a reviewer, not proposals: nothing adopts them."""
    edits = list(edits)
    listed: dict[tuple[int, int], list[tuple[Edit, frozenset[str]]]] = {}
    for e in edits:
        if e.alternatives and not e.is_flag:
            folded = frozenset(a.casefold() for a in (e.replacement, *e.alternatives))
            listed.setdefault((e.start, e.end), []).append((e, folded))
    out: list[Edit] = []
    for e in edits:
        for other, folded in listed.get((e.start, e.end), ()):
            if e.sources == other.sources or e.replacement == other.replacement or e.is_flag:
                continue
            if e.replacement.casefold() in folded:
                out.append(replace(other, replacement=e.replacement, alternatives=()))
                # once merged, a respelling reads as the speller's edit: its kind and message
                e = replace(e, kind=other.kind, message=other.message)
        out.append(e)
    return out


def merge_duplicates(edits: Iterable[Edit]) -> list[Edit]:
    """Fold proposals with the same span and replacement into one, naming every source."""
    merged: dict[tuple[int, int, str], Edit] = {}
    for e in edits:
        key = (e.start, e.end, e.replacement)
        if key not in merged:
            merged[key] = e
            continue
        kept = merged[key]
        surer, other = (kept, e) if kept.confidence >= e.confidence else (e, kept)
        best = surer.with_sources(*kept.sources, *e.sources)
        if best.is_flag:  # two flags on the same words: one flag offering every suggestion
            best = replace(best, alternatives=tuple(dict.fromkeys((*surer.alternatives, *other.alternatives))))
        if STYLE in (kept.kind, e.kind):
            # House style ("outside of" -> "outside") is the editor's call: a second
            # source agreeing does not make it an artefact.
            merged[key] = replace(best, kind=STYLE)
            continue
        # Independent agreement makes the edit likelier, never certain.
        confidence = 1 - (1 - kept.confidence) * (1 - e.confidence)
        merged[key] = replace(best, confidence=round(min(confidence, 0.99), 3))
    return list(merged.values())


def rank(
    doc: Document,
    edits: Iterable[Edit],
    min_confidence: float = 0.5,
    adjudicate: Adjudicator | None = None,
    profile: Profile = PROFILES["default"],
) -> list[Edit]:
    """Drop protected and weak edits (weak for the profile: it may trust some sources below
    ``min_confidence``), then keep the best of each group of conflicts."""
    candidates = [
        e for e in merge_duplicates(adopt_alternatives(profile.review(e) for e in edits))
        if e.confidence >= profile.bar(e.sources, min_confidence) and not doc.is_protected(e.start, e.end)
    ]
    flags = [e for e in candidates if e.is_flag]
    changes = [e for e in candidates if not e.is_flag]
    if adjudicate:
        changes = _adjudicated(doc, changes, adjudicate, min_confidence)
    changes.sort(key=_strength, reverse=True)
    kept: list[Edit] = []
    for e in changes:
        if not any(e.conflicts(k) for k in kept):
            kept.append(e)
    answered = _covered_by(kept)
    flags = [f for f in flags if not answered(f)]
    return sorted(kept + flags, key=lambda e: (e.start, e.end, e.is_flag))


def _covered_by(changes: list[Edit]) -> Callable[[Edit], bool]:
    """Whether a change covers an edit's span: a change to the flagged words answers the flag
    (a word garbled by OCR, then read). Some change starting at or before the span covers it
    exactly when the furthest end among those changes reaches the span's end."""
    ordered = sorted(changes, key=lambda k: k.start)
    starts = [k.start for k in ordered]
    reach = list(accumulate((k.end for k in ordered), max))

    def covered(e: Edit) -> bool:
        i = bisect_right(starts, e.start)
        return i > 0 and reach[i - 1] >= e.end
    return covered


def _strength(e: Edit) -> tuple[float, int, int]:
    top = max(_SOURCE_PRIORITY.get(family(s), 0) for s in e.sources)
    return (e.confidence, top, -(e.end - e.start))


def _adjudicated(doc: Document, changes: list[Edit], adjudicate: Adjudicator,
                 min_confidence: float) -> list[Edit]:
    """Let the adjudicator pick the winner of each group of conflicting candidates. Where a
    group holds sure edits (at ``min_confidence`` or above), only they compete: an edit a
    profile keeps below the threshold never displaces a sure one (the model's own guess against
    LanguageTool's sure respelling)."""
    out: list[Edit] = []
    for group in _conflict_groups(changes):
        if len(group) == 1:
            out.extend(group)
            continue
        contenders = [i for i, e in enumerate(group) if e.confidence >= min_confidence] or list(range(len(group)))
        best = contenders[0]
        if len(contenders) > 1:
            scores = list(adjudicate(doc, [group[i] for i in contenders]))
            best = contenders[max(range(len(scores)), key=scores.__getitem__)]
        top = max(e.confidence for e in group)
        for i, e in enumerate(group):
            # The winner takes the group's best confidence; rivals drop below it.
            out.append(replace(e, confidence=top if i == best else round(e.confidence * 0.5, 3)))
    return out


def _conflict_groups(edits: list[Edit]) -> list[list[Edit]]:
    groups: list[list[Edit]] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if groups and any(e.conflicts(g) for g in groups[-1]):
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups

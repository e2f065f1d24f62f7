"""Align a rewrite back to word-level edits with code-point offsets into the original.

Both texts are split into tokens that keep their offsets (words and single
punctuation marks); difflib aligns the token sequences; each changed region becomes
one edit covering whole tokens, and whitespace-only differences between matching
tokens ("Allies ." -> "Allies.") become edits over the two tokens around the gap.
Pure insertions and deletions are widened to a neighbouring word so every edit
shows a word in context ("the the" -> "the"). Touching edits are merged.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

import regex

from ..document import Token

TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}_]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*|[^\s]")


class Change(NamedTuple):
    """``original[start:end]`` (== ``before``) becomes ``after``; offsets are local."""

    start: int
    end: int
    before: str
    after: str


def tokens(text: str) -> list[Token]:
    """Words and single punctuation marks, with their offsets into ``text``."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def align(original: str, rewritten: str) -> list[Change]:
    """Word-level changes turning ``original`` into ``rewritten``."""
    a, b = tokens(original), tokens(rewritten)
    if not a:
        return [Change(0, len(original), original, rewritten.strip())] if rewritten.strip() != original else []
    if not b:
        return [Change(a[0].start, a[-1].end, original[a[0].start:a[-1].end], "")]
    sm = difflib.SequenceMatcher(a=[t.text for t in a], b=[t.text for t in b], autojunk=False)
    # Regions as half-open token ranges [i1, i2) in a and [j1, j2) in b.
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            # whitespace differences between consecutive matching tokens
            for k in range(i2 - i1 - 1):
                ia, ib = i1 + k, j1 + k
                gap_a = original[a[ia].end:a[ia + 1].start]
                gap_b = rewritten[b[ib].end:b[ib + 1].start]
                if gap_a != gap_b:
                    regions.append([ia, ia + 2, ib, ib + 2])
            continue
        if i1 == i2 or j1 == j2:
            # pure insertion / deletion: widen to the previous token, else the next
            if i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            elif i2 < len(a) and j2 < len(b):
                i2, j2 = i2 + 1, j2 + 1
            else:  # the whole text is inserted or deleted
                i1, i2, j1, j2 = 0, len(a), 0, len(b)
        regions.append([i1, i2, j1, j2])
    regions.sort()
    merged: list[list[int]] = []
    for r in regions:
        if merged and r[0] < merged[-1][1] or merged and r[0] == merged[-1][1] and r[2] <= merged[-1][3]:
            m = merged[-1]
            m[1], m[3] = max(m[1], r[1]), max(m[3], r[3])
            m[0], m[2] = min(m[0], r[0]), min(m[2], r[2])
        else:
            merged.append(r)
    out: list[Change] = []
    for i1, i2, j1, j2 in merged:
        start, end = a[i1].start, a[i2 - 1].end
        after = rewritten[b[j1].start:b[j2 - 1].end] if j2 > j1 else ""
        before = original[start:end]
        if before != after:
            out.append(Change(start, end, before, after))
    return out

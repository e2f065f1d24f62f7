"""A LanguageTool match, typed once at the border: its span in code points, not UTF-16 units.

The server counts UTF-16 code units; ``language_tool_python`` corrects a match's offset for
characters outside the BMP but not its length. :class:`LTMatch` does the rest, so nothing
past this module sees a UTF-16 offset or a client object.
"""

from __future__ import annotations

import copy
import logging
import threading
from dataclasses import dataclass, replace
from typing import Any

log = logging.getLogger(__name__)

# language_tool_python's Match corrects offsets through class-level state shared by all
# threads; checks in one process go one at a time so no thread reads another's positions.
CLIENT_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class LTMatch:
    """One server match, its span in code points into the text that was checked."""

    start: int
    end: int
    rule: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]

    @classmethod
    def from_client(cls, match: Any, text: str) -> "LTMatch | None":
        """From a ``language_tool_python.Match`` (its offset already in code points, its length not).

        LanguageTool counts UTF-16 units. The client corrects ``offset`` for characters
        outside the BMP but leaves ``error_length`` in UTF-16 units; convert it here.
        None when the span does not fall inside ``text``.
        """
        start = int(match.offset)
        end = advance_utf16(text, start, int(match.error_length))
        if not 0 <= start <= end <= len(text):
            log.debug("LanguageTool match %s outside the text (%d:%d)", match.rule_id, start, end)
            return None
        return cls(start, end, match.rule_id, match.category, match.rule_issue_type or "",
                   match.message, tuple(match.replacements))

    @classmethod
    def from_json(cls, raw: dict, text: str) -> "LTMatch | None":
        """From one element of the server's ``matches`` array (recorded responses, tests)."""
        from language_tool_python.match import Match

        with CLIENT_LOCK:
            return cls.from_client(Match(copy.deepcopy(raw), text), text)

    def shifted(self, offset: int) -> "LTMatch":
        return replace(self, start=self.start + offset, end=self.end + offset)


def advance_utf16(text: str, start: int, units: int) -> int:
    """The code-point index ``units`` UTF-16 code units after ``start``."""
    i, n = start, len(text)
    while units > 0 and i < n:
        units -= 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i if units <= 0 else n + units  # past the end: the caller rejects it


def utf16_to_code_points(text: str, offset: int) -> int:
    """A UTF-16 offset into ``text`` as a code-point offset (what the server's JSON holds)."""
    return advance_utf16(text, 0, offset)


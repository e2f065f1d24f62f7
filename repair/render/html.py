"""Notebook HTML for a Result (``_repr_html_``)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..result import Result


def render_html(result: "Result") -> str:
    text, parts, pos = result.text, [], 0
    for e in sorted(result.edits, key=lambda e: e.start):
        parts.append(html.escape(text[pos:e.start]))
        tip = html.escape(f"{e.kind} [{e.source} {e.confidence:.2f}]: {e.message}", quote=True)
        if e.is_flag:
            parts.append(f'<mark title="{tip}">{html.escape(e.original)}</mark>')
        else:
            parts.append(
                f'<span title="{tip}"><del style="color:#b00">{html.escape(e.original)}</del>'
                f'<ins style="color:#070">{html.escape(e.replacement)}</ins></span>'
            )
        pos = e.end
    parts.append(html.escape(text[pos:]))
    summary = html.escape(f"{len(result.changes)} changes, {len(result.flags)} flags | {result.signature}")
    return (f'<div class="repair-result"><pre style="white-space:pre-wrap">{"".join(parts)}</pre>'
            f"<small>{summary}</small></div>")

"""Notebook HTML for a Result (``_repr_html_``): the text with every edit numbered inline,
and below it a numbered table of the edits with their reasons (visible, not on hover).

Colours are translucent tints over the notebook's own text colour, so they read on light
and dark themes alike; the ``[-``/``{+`` brackets of the terminal are not needed because
deletions are struck through and each edit carries its number. Everything that comes from
the document or a proposer is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Sequence

from .listing import locate
from .markup import visible

if TYPE_CHECKING:
    from ..edits import Edit
    from ..result import Result

STYLE = """<style>
.repair-result{font-family:inherit;line-height:1.5}
.repair-result pre{white-space:pre-wrap;font-family:inherit;margin:0 0 .6em 0}
.repair-result del{background:rgba(220,50,50,.22);text-decoration:line-through}
.repair-result ins{background:rgba(40,170,70,.25);text-decoration:none}
.repair-result mark{background:rgba(230,170,0,.35);color:inherit}
.repair-result sup.repair-n{font-size:.7em;font-weight:bold;opacity:.85;padding:0 .1em}
.repair-result table{border-collapse:collapse;font-size:.9em}
.repair-result td,.repair-result th{border-bottom:1px solid rgba(128,128,128,.35);padding:.15em .5em;
text-align:left;vertical-align:top}
.repair-result small{opacity:.75}
</style>"""


def ordered(edits: Sequence["Edit"]) -> list["Edit"]:
    """Edits in text order: the numbering every view of a result shares."""
    return sorted(edits, key=lambda e: (e.start, e.end))


def render_html(result: "Result") -> str:
    edits = ordered(result.edits)
    return (f'<div class="repair-result">{STYLE}<pre>{marked_text(result.text, edits)}</pre>'
            f"{edit_table(result.text, edits)}{_summary(result)}</div>")


def marked_text(text: str, edits: Sequence["Edit"], numbers: Sequence[int] | None = None) -> str:
    """The text, each edit marked and numbered (``<sup>1</sup>``) where it stands; ``edits``
    in text order, numbered 1, 2, ... unless ``numbers`` says otherwise."""
    parts, pos = [], 0
    for n, e in zip(numbers or range(1, len(edits) + 1), edits):
        if e.start < pos:  # overlaps the edit before (a flag on a changed word): listed only
            continue
        parts.append(html.escape(text[pos:e.start]))
        tip = html.escape(f"{n}. {e.kind}: {e.message}", quote=True)
        number = f'<sup class="repair-n">{n}</sup>'
        if e.is_flag:
            parts.append(f'<span id="repair-edit-{n}" title="{tip}"><mark>{html.escape(e.original)}</mark>'
                         f"{number}</span>")
        else:
            old = f"<del>{html.escape(visible(e.original))}</del>" if e.original else ""
            new = f"<ins>{html.escape(visible(e.replacement))}</ins>" if e.replacement else ""
            parts.append(f'<span id="repair-edit-{n}" title="{tip}">{old}{new}{number}</span>')
        pos = e.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def edit_table(text: str, edits: Sequence["Edit"]) -> str:
    """One row per edit: number, line, kind, change, source and confidence, reason."""
    if not edits:
        return "<p><small>No edits proposed.</small></p>"
    rows = []
    for n, e in enumerate(edits, 1):
        line, column = locate(text, e.start)
        change = (f"<mark>{html.escape(e.original)}</mark> (review)" if e.is_flag else
                  f"<del>{html.escape(visible(e.original))}</del> → <ins>{html.escape(visible(e.replacement))}</ins>")
        if e.alternatives:
            change += " <small>or " + ", ".join(html.escape(repr(a)) for a in e.alternatives[:3]) + "</small>"
        rows.append(f'<tr class="repair-edit" data-n="{n}"><td>{n}</td><td>{line}:{column}</td>'
                    f"<td>{html.escape(e.kind)}</td><td>{change}</td>"
                    f"<td>{html.escape(e.source)} {e.confidence:.2f}</td>"
                    f'<td class="repair-reason">{html.escape(e.message)}</td></tr>')
    return ("<table><thead><tr><th>#</th><th>at</th><th>kind</th><th>change</th><th>source</th>"
            f"<th>reason</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _summary(result: "Result") -> str:
    return (f"<p><small>{len(result.changes)} changes, {len(result.flags)} flags | "
            f"{html.escape(str(result.signature))}</small></p>")

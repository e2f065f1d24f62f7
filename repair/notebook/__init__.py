"""Review a Result in Jupyter: accept, reject or choose an alternative per edit with buttons.

    from repair.notebook import review
    r = review(result, path="article.txt.decisions.json")   # resumes from the file if it matches
    r                                                     # the widget
    r.text                                                # the reviewed text so far
    r.save()                                              # the decisions file (as `repair review`)

The decisions are the same ``repair.review.Decisions`` the terminal review keeps, so a
file saved here can be finished with ``repair review`` or applied with ``repair apply``.
Needs ``pip install 'repair[notebook]'`` (ipywidgets).
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..document import Document
from ..errors import ConfigError
from ..render.html import STYLE, marked_text
from ..render.markup import segments, visible
from ..result import Result
from ..review import Decisions, apply_decisions, sentence_context, source_of, summary, text_digest

__all__ = ["ReviewWidget", "review"]


def _widgets():
    try:
        import ipywidgets
    except ImportError:
        raise ConfigError("the review widget needs ipywidgets: pip install 'repair[notebook]'") from None
    return ipywidgets


def review(result: Result, path: str | Path | None = None, name: str = "text") -> "ReviewWidget":
    """A review widget over ``result``; with ``path`` its decisions are saved after every
    click and resumed from that file when it belongs to the same text."""
    return ReviewWidget(result, path, name)


class ReviewWidget:
    """Buttons per edit, filters by kind, source and confidence, the reviewed text below.

    The same decisions can be made in code: ``accept(n)``, ``reject(n)``, ``choose(n, text)``,
    ``type(n, text)`` with ``n`` the edit's number (text order, as in the HTML view)."""

    def __init__(self, result: Result, path: str | Path | None = None, name: str = "text"):
        w = _widgets()
        self.result = result
        self.path = Path(path) if path else None
        self.decisions = self._load(result, name)
        self._doc = Document(result.text)
        kinds = sorted({e.kind for e in result.edits})
        sources = sorted({source_of(e) for e in result.edits})
        self.kind = w.Dropdown(options=["all", *kinds], value="all", description="kind")
        self.source = w.Dropdown(options=["all", *sources], value="all", description="source")
        self.min_confidence = w.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.05, description="confidence ≥")
        self.show = w.Dropdown(options=["all", "undecided", "decided"], value="all", description="show")
        for control in (self.kind, self.source, self.min_confidence, self.show):
            control.observe(lambda _: self._refresh(), names="value")
        self.accept_shown = w.Button(description="accept shown", button_style="success")
        self.reject_shown = w.Button(description="reject shown", button_style="danger")
        self.accept_shown.on_click(lambda _: self._bulk("accept"))
        self.reject_shown.on_click(lambda _: self._bulk("reject"))
        self.status = w.HTML()
        self.rows = w.VBox()
        self.preview = w.HTML()
        self.widget = w.VBox([
            w.HTML(STYLE),
            w.HBox([self.kind, self.source]),
            w.HBox([self.min_confidence, self.show]),
            w.HBox([self.accept_shown, self.reject_shown]),
            self.status, self.rows, w.HTML("<b>Reviewed text</b>"), self.preview,
        ], layout=w.Layout(width="100%"))
        self.widget.add_class("repair-result")
        self._refresh()

    def _load(self, result: Result, name: str) -> Decisions:
        fresh = Decisions.start(name, result.text, result.edits, str(result.signature))
        if self.path and self.path.exists():
            saved = Decisions.load(self.path)
            if saved.sha256 == text_digest(result.text) and [i.edit for i in saved.items] == \
                    [i.edit for i in fresh.items]:
                return saved
        return fresh

    # Decisions in code (1-based edit numbers, text order).
    def accept(self, n: int) -> None:
        self._decide(n, "accept")

    def reject(self, n: int) -> None:
        self._decide(n, "reject")

    def choose(self, n: int, alternative: str) -> None:
        self._decide(n, "alternative", alternative)

    def type(self, n: int, replacement: str) -> None:
        self._decide(n, "custom", replacement)

    def undo(self, n: int) -> None:
        self._decide(n, None)

    @property
    def summary(self) -> str:
        """``6 edits: 3 accepted, 1 rejected, 2 undecided``"""
        return summary(self.decisions)

    @property
    def text(self) -> str:
        """The text with every accepted, chosen or typed replacement applied."""
        return apply_decisions(self.result.text, self.decisions)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the decisions file (atomically); ``repair apply FILE --decisions PATH`` reads it."""
        target = Path(path) if path else self.path
        if target is None:
            raise ConfigError("save needs a path (or review(result, path=...))")
        self.decisions.save(target)
        return target

    def _decide(self, n: int, action: str | None, replacement: str | None = None) -> None:
        if not 1 <= n <= len(self.decisions):
            raise ValueError(f"there is no edit {n}; edits are numbered 1 to {len(self.decisions)}")
        self.decisions = self.decisions.decide(n - 1, action, replacement)
        self._changed()

    def _bulk(self, action: str) -> None:
        shown = set(self.visible())
        self.decisions = self.decisions.decide_where(action, lambda e: e in shown)
        self._changed()

    def _changed(self) -> None:
        if self.path:
            self.decisions.save(self.path)
        self._refresh()

    def visible(self) -> list:
        """The edits the filters show (undecided first when ``show`` says so)."""
        out = []
        for item in self.decisions.items:
            e = item.edit
            if self.kind.value != "all" and e.kind != self.kind.value:
                continue
            if self.source.value != "all" and source_of(e) != self.source.value:
                continue
            if e.confidence < self.min_confidence.value:
                continue
            if self.show.value == "undecided" and item.decided or self.show.value == "decided" and not item.decided:
                continue
            out.append(e)
        return out

    def _refresh(self) -> None:
        w = _widgets()
        shown = set(self.visible())
        self.rows.children = [self._row(w, n, item) for n, item in enumerate(self.decisions.items, 1)
                              if item.edit in shown]
        self.status.value = f"<small>{html.escape(summary(self.decisions))}; {len(shown)} shown</small>"
        decided = [(n, replace(item.edit, replacement=item.replacement))
                   for n, item in enumerate(self.decisions.items, 1) if item.changes]
        self.preview.value = (f"<pre>{marked_text(self.result.text, [e for _, e in decided], [n for n, _ in decided])}"
                              "</pre>")

    def _row(self, w, n: int, item):
        e = item.edit
        s, t = sentence_context(self._doc, e.start, e.end)
        sentence = _html_segments(segments(self.result.text, s, t, [e]))
        state = {"accept": "accepted", "reject": "rejected", "alternative": f"chose {item.replacement!r}",
                 "custom": f"typed {item.replacement!r}", None: "undecided"}[item.decision]
        head = w.HTML(f"<b>{n}/{len(self.decisions)}</b> {html.escape(e.kind)} · {html.escape(source_of(e))} · "
                      f"{e.confidence:.2f} · <i>{html.escape(state)}</i><br>{sentence}<br>"
                      f"<small>{html.escape(e.message)}</small>")
        buttons = []
        if not e.is_flag:
            buttons.append(self._button(w, "accept", "success", lambda: self.accept(n)))
        buttons.append(self._button(w, "reject" if not e.is_flag else "leave", "danger", lambda: self.reject(n)))
        for alt in e.alternatives[:5]:
            buttons.append(self._button(w, f"use {alt!r}", "info", lambda alt=alt: self.choose(n, alt)))
        typed = w.Text(placeholder="type a replacement", layout=w.Layout(width="14em"))
        buttons.append(typed)
        buttons.append(self._button(w, "use typed", "", lambda: typed.value and self.type(n, typed.value)))
        if item.decided:
            buttons.append(self._button(w, "undo", "warning", lambda: self.undo(n)))
        return w.VBox([head, w.HBox(buttons)], layout=w.Layout(border_bottom="1px solid rgba(128,128,128,.3)"))

    @staticmethod
    def _button(w, label: str, style: str, action: Callable[[], object]):
        b = w.Button(description=label, button_style=style, layout=w.Layout(width="auto"))
        b.on_click(lambda _: action())
        return b

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _html_segments(segs) -> str:
    tags = {"del": "del", "ins": "ins", "flag": "mark"}
    return "".join(f"<{tags[k]}>{html.escape(visible(p))}</{tags[k]}>" if k else html.escape(p) for k, p in segs)

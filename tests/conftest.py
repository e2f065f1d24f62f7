import signal
from html.parser import HTMLParser

import pytest


@pytest.fixture
def default_signals():
    """A ``preexec_fn`` that gives a child process the default SIGINT, SIGHUP and SIGTERM
    handling, even when the test run ignores them (under nohup, or started in the background)."""

    def reset() -> None:
        for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)

    return reset


class EditsInHtml(HTMLParser):
    """Collects the inline numbers (``sup.repair-n``) and the table rows (``tr.repair-edit``)."""

    def __init__(self):
        super().__init__()
        self.inline: list[str] = []
        self.rows: list[list[str]] = []
        self._in_sup = self._in_row = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "sup" and "repair-n" in cls:
            self._in_sup = True
            self.inline.append("")
        if tag == "tr" and "repair-edit" in cls:
            self._in_row = True
            self.rows.append([])
        if tag == "td" and self._in_row:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "sup":
            self._in_sup = False
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        if tag == "tr":
            self._in_row = False

    def handle_data(self, data):
        if self._in_sup:
            self.inline[-1] += data
        if self._cell is not None:
            self._cell.append(data)




def edits_in_html(html: str) -> EditsInHtml:
    parsed = EditsInHtml()
    parsed.feed(html)
    parsed.close()
    return parsed


@pytest.fixture
def parse_edits_html():
    """A Result's notebook HTML parsed: ``.inline`` (the numbers in the text) and ``.rows``
    (the table's cells: number, place, kind, change, source, reason)."""
    return edits_in_html


@pytest.fixture
def every_edit_once():
    """A check of a Result's notebook HTML (parsed, not matched as text): every edit appears
    once inline with its number, and once in the table with its number, kind and reason."""

    def check(html: str, edits) -> None:
        parsed = edits_in_html(html)
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        numbers = [str(n) for n in range(1, len(ordered) + 1)]
        assert parsed.inline == numbers
        assert [row[0] for row in parsed.rows] == numbers
        for row, e in zip(parsed.rows, ordered):
            assert row[2] == e.kind and row[-1] == e.message

    return check

"""How a job shows its progress: a bar on a terminal, a line every few seconds otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

PLAIN_EVERY = 10.0  # seconds between plain progress lines


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Documents done, words per second and the time left. ``mode``: bar, plain or quiet."""

    def __init__(self, mode: str = "auto", stream: TextIO | None = None, every: float = PLAIN_EVERY):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "plain"
        self.mode, self.every = mode, every
        self.total = self.done = self.words = 0
        self.began = self.last = time.monotonic()
        self._bar = None

    def start(self, total: int, already: int) -> None:
        self.total, self.done, self.words = total, already, 0
        self._already = already
        self.began = self.last = time.monotonic()
        if self.mode == "bar" and total > already:
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=already, unit="doc", file=self.stream, dynamic_ncols=True,
                             smoothing=0.1)
        elif self.mode == "plain" and already:
            print(f"repair batch: {already:,} of {total:,} documents already done; resuming", file=self.stream)

    def update(self, words: int) -> None:
        self.done += 1
        self.words += words
        now = time.monotonic()
        rate = self.words / max(now - self.began, 1e-9)
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        elif self.mode == "plain" and (now - self.last >= self.every or self.done == self.total):
            self.last = now
            new = self.done - self._already
            left = (self.total - self.done) * (now - self.began) / new if new else 0.0
            print(f"repair batch: {self.done:,}/{self.total:,} documents, {self.words:,} words, "
                  f"{rate:,.0f} words/s, {_duration(now - self.began)} elapsed, about {_duration(left)} left",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

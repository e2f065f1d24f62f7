"""Where a pipeline's time goes: seconds per stage (``start``: building the pipeline and
loading its tables; each detector, LanguageTool with its server's start, the model,
``verify``, ``rank``), added up over every text it runs. Cost is part of quality: a
stage that takes the time and changes no outcome is the first to question.

    pipeline.clock.seconds          # Counter: stage -> seconds since the pipeline was built
    pipeline.clock.table()          # the same as lines, largest share first
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping


class StageClock:
    """Seconds per stage and the words seen, accumulated (not frozen: it counts)."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.words = 0

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] += seconds

    def since(self, before: Mapping[str, float]) -> dict[str, float]:
        """Seconds per stage spent after ``before`` (a copy of ``seconds`` taken earlier)."""
        spent = {k: v - before.get(k, 0.0) for k, v in self.seconds.items()}
        return {k: round(v, 4) for k, v in spent.items() if v > 0}

    def table(self) -> list[str]:
        return stage_table(self.seconds, self.words)


def stage_table(seconds: Mapping[str, float], words: int) -> list[str]:
    """Lines of stage, seconds and share of the total, largest first, with words/s."""
    total = sum(seconds.values())
    if total <= 0:
        return ["time by stage: nothing measured"]
    running = total - seconds.get("start", 0.0)  # loading tables and models is paid once
    rate = f", {words / running:,.0f} words/s after the start" if words and running > 0 else ""
    lines = [f"time by stage: {total:.2f} s for {words:,} words{rate}"]
    width = max(len(k) for k in seconds)
    for stage, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {stage:<{width}}  {s:8.2f} s  {100 * s / total:5.1f}%")
    return lines


__all__ = ["StageClock", "stage_table"]

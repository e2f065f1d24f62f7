"""Evaluation on real data: suites, the measures the field uses, systems side by side.

``repair eval`` is a thin command over :func:`evaluate`; ``bench/results.md`` is
written by :func:`repair.eval.report.write_all` and never edited by hand.
"""

from .harness import Evaluation, evaluate
from .suites import SUITES, get_suite
from .systems import SYSTEMS, get_system

__all__ = ["Evaluation", "SUITES", "SYSTEMS", "evaluate", "get_suite", "get_system"]

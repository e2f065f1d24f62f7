"""What LanguageTool's spelling rule costs and earns: the default pipeline against the same
with MORFOLOGIK_RULE_EN_US disabled, on evaluation suites, in one process.

    python bench/speller_cost.py [--suites bln600,overproof,icdar2017] [--limit N]
"""

from __future__ import annotations

import argparse

from repair.eval import harness
from repair.eval.systems import SYSTEMS, PipelineSystem
from repair.pipeline import PipelineConfig

SPELLER = "MORFOLOGIK_RULE_EN_US"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suites", default="bln600,overproof,icdar2017")
    ap.add_argument("--limit", type=int, help="items per suite part (default: each suite's own sample)")
    args = ap.parse_args()
    SYSTEMS["pipeline-nospeller"] = lambda: PipelineSystem(
        "pipeline-nospeller", f"the default pipeline with {SPELLER} disabled",
        lambda: PipelineConfig(disabled_rules=(SPELLER,)))
    ev = harness.evaluate(args.suites.split(","), ["pipeline", "pipeline-nospeller"], limit=args.limit,
                          isolate=False, log=print)
    for key, by_system in ev.scores.items():
        print(key, "  ".join(f"{name}: " + ", ".join(f"{m} {v:.2f}" for m, v in scores.items()
                                                        if isinstance(v, float))
                             for name, scores in by_system.items()))


if __name__ == "__main__":
    main()

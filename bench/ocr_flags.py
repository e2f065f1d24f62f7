"""Flags for review on OCR text: how many fall on a misread word, and how often the
reading a flag suggests is right.

    python bench/ocr_flags.py [--data ../shared/data] [--profile default|ocr] [--limit N] [--without unreadable]

Over each OCR suite's dev sample (BLN600, Overproof, ICDAR 2017), the pipeline (no model)
repairs every line; its flags are judged in the output against the transcription, as
`repair eval` judges them (docs/evaluation.md): a flag on a word the transcription does
not have there is on a misread word. A flag for a garbled word that suggests a reading
(the `unreadable` detector's alternative: `perhaps 'conditions'`) is right when putting the
reading in lowers the line's character errors. Needs a LanguageTool server, as `repair check` does.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from repair.detect import DEFAULT_DETECTORS
from repair.errors import RepairError
from repair.eval import metrics
from repair.eval.suites import FlagCounts, Output, get_suite
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig

SUITES = ("bln600", "overproof", "icdar2017")


def judge(pipeline: Pipeline, text: str, reference: str, flags: FlagCounts, suggestions: Counter) -> None:
    result = pipeline.run(text)
    out = Output(result.fixed, tuple((e.start, e.end, e.replacement) for e in result.edits))
    spans = flags.add(text, out, reference)  # in the order of the flags among the edits
    before = metrics.char_errors(reference, result.fixed)
    for flag, (s, e) in zip((e for e in result.edits if e.is_flag), spans):
        if flag.alternatives and "detector:unreadable" in flag.sources:
            suggestions["offered"] += 1
            suggested = result.fixed[:s] + flag.alternatives[0] + result.fixed[e:]
            suggestions["right"] += metrics.char_errors(reference, suggested) < before


def share(part: int, whole: int) -> str:
    """``84.4% of 270``: ``part`` as a share of ``whole``."""
    return f"{100 * part / whole:.1f}% of {whole}" if whole else "- of 0"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--profile", default="default")
    ap.add_argument("--limit", type=int, help="lines per suite (default: the suite's dev sample)")
    ap.add_argument("--without", default="", metavar="A,B", help="default detectors left out (the 'before' of a change)")
    args = ap.parse_args(argv)
    left_out = set(filter(None, args.without.split(",")))
    detectors = tuple(d for d in DEFAULT_DETECTORS if d not in left_out)
    try:
        with Pipeline(PipelineConfig(profile=args.profile, detectors=detectors)) as pipeline:
            print(f"profile {args.profile}: flags on a misread word / misread words flagged / "
                  "suggested readings right")
            for name in SUITES:
                suite = get_suite(name)
                flags, suggestions = FlagCounts(), Counter()
                for part in suite.load(args.data, limit=args.limit or suite.default_limit):
                    for item in part.items:
                        judge(pipeline, item.text, item.references[0], flags, suggestions)
                print(f"{name:10s} {share(flags.on_misread, flags.flagged)} / {share(flags.on_misread, flags.misread)} / "
                      f"{share(suggestions['right'], suggestions['offered'])}")
    except RepairError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
from repair.eval.suites import flag_spans, get_suite
from repair.mtqe.labels import bad_spans, word_labels
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig

SUITES = ("bln600", "overproof", "icdar2017")


def judge(pipeline: Pipeline, text: str, reference: str, counts: Counter) -> None:
    result = pipeline.run(text)
    flags = [e for e in result.edits if e.is_flag]
    edits = [(e.start, e.end, e.replacement) for e in result.edits]
    spans = flag_spans(text, edits)  # in the order of the flags among the edits
    misread = word_labels(result.fixed, reference).bad
    flagged = bad_spans(result.fixed, spans)
    counts["flagged words"] += sum(flagged)
    counts["on a misread word"] += sum(m and f for m, f in zip(misread, flagged))
    counts["misread words"] += sum(misread)
    before = metrics.char_errors(reference, result.fixed)
    for flag, (s, e) in zip(flags, spans):
        if flag.alternatives and "detector:unreadable" in flag.sources:
            counts["suggestions"] += 1
            suggested = result.fixed[:s] + flag.alternatives[0] + result.fixed[e:]
            counts["suggestions right"] += metrics.char_errors(reference, suggested) < before


def share(counts: Counter, part: str, whole: str) -> str:
    """``84.4% of 270``: ``part`` as a share of ``whole``."""
    return f"{100 * counts[part] / counts[whole]:.1f}% of {counts[whole]}" if counts[whole] else "- of 0"


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
                counts: Counter = Counter()
                for part in suite.load(args.data, limit=args.limit or suite.default_limit):
                    for item in part.items:
                        judge(pipeline, item.text, item.references[0], counts)
                print(f"{name:10s} {share(counts, 'on a misread word', 'flagged words')} / "
                      f"{share(counts, 'on a misread word', 'misread words')} / "
                      f"{share(counts, 'suggestions right', 'suggestions')}")
    except RepairError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

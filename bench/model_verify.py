"""Is the model a good judge of LanguageTool's edits? The evidence behind VETO_GAIN.

    python bench/model_verify.py [--model DIR] [--suites jfleg,mlqe-pe,bln600,overproof] [--limit 150]

Runs detectors and LanguageTool (no model) over each part, then judges every edit the
pipeline would keep alone: applied to the input, does it bring the text closer to the
nearest reference (character edit distance) or take it further? Prints, per part and
for a few thresholds, how many edits a veto at "gain below T nats" would remove that
were right, and how many that were wrong: casing and spacing edits (the ones the pipeline
lets the model veto), grammar and other rules, and spelling, separately.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from repair.errors import RepairError
from repair.eval.harness import load_parts
from repair.eval.metrics import char_errors
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig

THRESHOLDS = (0.0, -2.0, -5.0, -10.0)


def verdict(text: str, references: tuple[str, ...], start: int, end: int, replacement: str) -> int:
    """+1 closer to the nearest reference, -1 further, 0 the same."""
    after = text[:start] + replacement + text[end:]
    before_d = min(char_errors(r, text) for r in references)
    after_d = min(char_errors(r, after) for r in references)
    return (after_d < before_d) - (after_d > before_d)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--suites", default="jfleg,mlqe-pe,bln600,overproof")
    ap.add_argument("--limit", type=int, default=150, help="items per part")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = ap.parse_args()

    from repair.model import Scorer
    from repair.model.proposer import VETO_KINDS

    try:
        parts, absent = load_parts(args.suites.split(","), args.data, None, args.limit)
    except RepairError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    for note in absent:
        print(f"bench: skipped: {note}", file=sys.stderr)
    model = Scorer(args.model)
    judged: list[tuple[str, str, float, int]] = []  # part, kind group, gain, verdict
    with Pipeline(PipelineConfig(grammar=True, model=None)) as pipeline:
        for part in parts:
            for item in part.items:
                if not item.references:
                    continue
                doc = pipeline.document(item.text)
                edits = [e for e in pipeline.propose(doc, pipeline.detect(doc))
                         if e.sources == ("languagetool",) and not e.is_flag
                         and e.confidence >= pipeline.config.min_confidence]
                for e, gain in zip(edits, model.gains(doc, edits)):
                    if gain is not None:
                        group = ("casing, spacing" if e.kind in VETO_KINDS
                                 else "spelling" if e.kind == "spelling" else "grammar, other")
                        judged.append((part.name, group, gain,
                                       verdict(item.text, item.references, e.start, e.end, e.replacement)))
    print(f"model {model.model_name}: LanguageTool edits the pipeline keeps, judged against the references")
    print("cells: right/wrong among the edits a veto at gain < T would remove (kept: right/wrong of all)")
    for group in ("casing, spacing", "grammar, other", "spelling"):
        print(f"\n{group} edits")
        print(f"{'part':<12} {'kept':>9} " + " ".join(f"{f'T={t:g}':>9}" for t in THRESHOLDS))
        for part in parts:
            rows = [(g, v) for p, k, g, v in judged if p == part.name and k == group]

            def cell(rs):
                return f"{sum(v == 1 for _, v in rs)}/{sum(v == -1 for _, v in rs)}"

            print(f"{part.name:<12} {cell(rows):>9} "
                  + " ".join(f"{cell([r for r in rows if r[0] < t]):>9}" for t in THRESHOLDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which of the pipeline's changes make machine translation closer to its post-edit, and which
further from it, rule by rule?

    python bench/mt_edits.py [--split dev|train] [--limit N] [--profile default|mt] [--show-worse]

Over MLQE-PE (all five pairs; the dev sample the evaluation uses by default, or a fixed random
sample of the training pairs: data the profiles were not tuned on), every change the pipeline
applies (no model) is scored alone: the sentence's TER with only that change against the
unchanged MT's. Per rule (LanguageTool's rule id, or the detector) the changes that lowered it
(better), raised it (worse) or left it (same); then each pair's corpus TER with every change
against the unchanged MT's. Needs a LanguageTool server, as `repair check` does.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from repair.edits import Edit
from repair.errors import RepairError
from repair.eval import metrics
from repair.eval.suites import default_data_dir, get_suite
from repair.pipeline import Pipeline, PipelineConfig
from repair.profiles import PROFILES
from repair.sources import LANGUAGETOOL


def rule_of(e: Edit) -> str:
    """Who made a change: its proposers, and LanguageTool's rule id where LanguageTool is one."""
    return "+".join(e.sources) + (f":{e.rule}" if LANGUAGETOOL in e.sources else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, help="items per pair (default: the suite's own sample; 0: every item)")
    ap.add_argument("--profile", default="default", choices=sorted(PROFILES))
    ap.add_argument("--show-worse", action="store_true", help="print each change that raised TER, in context")
    args = ap.parse_args()
    suite = get_suite("mlqe-pe")
    limit = suite.default_limit if args.limit is None else args.limit
    effect: dict[str, Counter] = defaultdict(Counter)
    totals = []
    try:
        parts = suite.load(default_data_dir(), args.split, limit)
        pipeline = Pipeline(PipelineConfig(model=None, profile=args.profile))
        try:
            for part in parts:
                fixed, refs = [], []
                for item in part.items:
                    result, ref = pipeline.run(item.text), item.references[0]
                    fixed.append(result.fixed)
                    refs.append(ref)
                    before = metrics.sentence_ter(item.text, ref)
                    for e in result.changes:
                        alone = item.text[:e.start] + e.replacement + item.text[e.end:]
                        delta = metrics.sentence_ter(alone, ref) - before
                        verdict = "better" if delta < 0 else "worse" if delta > 0 else "same"
                        effect[rule_of(e)][verdict] += 1
                        if verdict == "worse" and args.show_worse:
                            print(f"worse  {part.label}  {rule_of(e)}  {e.original!r} -> {e.replacement!r}:  "
                                  f"{item.text[max(0, e.start - 40):e.end + 40]!r}", file=sys.stderr)
                totals.append((part.label, metrics.ter(fixed, refs), metrics.ter([i.text for i in part.items], refs)))
        finally:
            pipeline.close()
    except RepairError as exc:  # no Java or jars, a server that did not start, data absent
        sys.exit(f"bench: {exc}")
    print(f"| rule ({args.split}, profile {args.profile}) | better | worse | same |\n|---|---:|---:|---:|")
    for rule, c in sorted(effect.items(), key=lambda kv: (-kv[1]["worse"], -kv[1]["better"], kv[0])):
        print(f"| `{rule}` | {c['better']} | {c['worse']} | {c['same']} |")
    print("\n| pair | items | TER | unchanged |\n|---|---:|---:|---:|")
    for (label, ter, unchanged), part in zip(totals, parts):
        print(f"| {label} | {len(part.items)} | {ter:.2f} | {unchanged:.2f} |")


if __name__ == "__main__":
    main()

"""Which of the pipeline's changes bring a text closer to its reference, and which take it
further away, rule by rule?

    python bench/edit_effects.py [--suite mlqe-pe|bln600|overproof|icdar2017] [--split NAME]
                                 [--limit N] [--profile default|learner|mt] [--show-worse]

Over a suite with one reference per item (MLQE-PE machine translation and its post-edit, by
default the dev sample the evaluation uses, or ``--split train``: data the profiles were not
tuned on; or an OCR suite and its transcription), every change the pipeline applies (no
model) is scored alone: the item's TER (MLQE-PE) or character errors (OCR) with only that
change against the unchanged text's. Per rule (LanguageTool's rule id, or the detector) the
changes that lowered it (better), raised it (worse) or left it (same); then each part's
corpus score with every change against the unchanged text's. Needs a LanguageTool server,
as `repair check` does.
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


# suite -> (one item's errors against its reference, the corpus score, its name); lower is better
SCORERS = {
    "mlqe-pe": (lambda hyp, ref: metrics.sentence_ter(hyp, ref), lambda refs, hyps: metrics.ter(hyps, refs), "TER"),
    **{name: (lambda hyp, ref: metrics.char_errors(ref, hyp), metrics.cer, "CER")
       for name in ("bln600", "overproof", "icdar2017")},
}


def rule_of(e: Edit) -> str:
    """Who made a change: its proposers, and LanguageTool's rule id where LanguageTool is one."""
    return "+".join(e.sources) + (f":{e.rule}" if LANGUAGETOOL in e.sources else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", default="mlqe-pe", choices=sorted(SCORERS))
    ap.add_argument("--split", help="the suite's split (default: its own, dev where it has one)")
    ap.add_argument("--limit", type=int, help="items per part (default: the suite's own sample; 0: every item)")
    ap.add_argument("--profile", default="default", choices=sorted(PROFILES))
    ap.add_argument("--show-worse", action="store_true", help="print each change that raised TER, in context")
    args = ap.parse_args()
    suite, (item_score, corpus_score, measure) = get_suite(args.suite), SCORERS[args.suite]
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
                    before = item_score(item.text, ref)
                    for e in result.changes:
                        alone = item.text[:e.start] + e.replacement + item.text[e.end:]
                        delta = item_score(alone, ref) - before
                        verdict = "better" if delta < 0 else "worse" if delta > 0 else "same"
                        effect[rule_of(e)][verdict] += 1
                        if verdict == "worse" and args.show_worse:
                            print(f"worse  {part.label}  {rule_of(e)}  {e.original!r} -> {e.replacement!r}:  "
                                  f"{item.text[max(0, e.start - 40):e.end + 40]!r}", file=sys.stderr)
                totals.append((part.label, corpus_score(refs, fixed), corpus_score(refs, [i.text for i in part.items])))
        finally:
            pipeline.close()
    except RepairError as exc:  # no Java or jars, a server that did not start, data absent
        sys.exit(f"bench: {exc}")
    print(f"| rule ({args.suite} {parts[0].split}, profile {args.profile}) | better | worse | same |\n|---|---:|---:|---:|")
    for rule, c in sorted(effect.items(), key=lambda kv: (-kv[1]["worse"], -kv[1]["better"], kv[0])):
        print(f"| `{rule}` | {c['better']} | {c['worse']} | {c['same']} |")
    print(f"\n| part | items | {measure} | unchanged |\n|---|---:|---:|---:|")
    for (label, score, unchanged), part in zip(totals, parts):
        print(f"| {label} | {len(part.items)} | {score:.2f} | {unchanged:.2f} |")


if __name__ == "__main__":
    main()

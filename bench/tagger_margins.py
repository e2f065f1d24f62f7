"""Margins of the function-word tagger (``repair.tagger``) chosen by the suites' own
measures, as ``bench/slips_gleu.py`` chooses the slips detector's:

    python bench/tagger_margins.py --tagger runs/tagger/tuned [--write runs/tagger/tuned/config.json]

Even items of JFLEG dev, MLQE-PE dev (all pairs) and news paragraphs tune, odd items
report. The tagger reads each item once; a setting of the margins then only selects among
its readings. Operations are opened one at a time: for each, the margin on the grid with
the best JFLEG GLEU on the tuning half among those that leave no more MLQE-PE sentences
worse than better and add at most ``--news`` changes per 1,000 news words; an operation
that raises GLEU nowhere stays off. The margins together are then measured on both halves.
``--write`` stores them in the tagger's config.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from slips_gleu import choose_margins, measure  # noqa: E402

from repair.detect.slips import OFF  # noqa: E402
from repair.document import Document  # noqa: E402
from repair.edits import apply_edits  # noqa: E402
from repair.eval.suites import Jfleg, MlqePe, News, default_data_dir  # noqa: E402
from repair.textio import write_atomic  # noqa: E402
from repair.tagger.proposer import OPERATIONS, FunctionWords  # noqa: E402

GRID = [0.25 * k for k in range(-8, 17)]  # below 0: a candidate less likely than the text, by the tagger


class Cached:
    def __init__(self, tagger: FunctionWords, kind: str, item):
        self.kind, self.item, self.tagger = kind, item, tagger
        self.doc = Document(item.text)
        self.readings = tagger.readings(self.doc)

    def fixed(self, margins: dict[str, float]) -> tuple[str, int]:
        edits = self.tagger.edits(self.doc, self.readings, margins)
        return (apply_edits(self.item.text, edits) if edits else self.item.text), len(edits)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tagger", type=Path, required=True, help="a trained tagger's folder")
    ap.add_argument("--news", type=float, default=0.05, help="news changes per 1,000 words an operation may add")
    ap.add_argument("--news-items", type=int, default=300, help="news paragraphs per source")
    ap.add_argument("--mlqe-items", type=int, default=None, help="MLQE-PE dev sentences per pair (default: all)")
    ap.add_argument("--write", type=Path, default=None, help="store the margins in this config.json")
    args = ap.parse_args(argv)
    data = default_data_dir()
    tagger = FunctionWords(args.tagger)
    halves: dict[str, list[Cached]] = defaultdict(list)
    sets = [("jfleg", i) for p in Jfleg().load(data) for i in p.items]
    sets += [("mlqe-pe", i) for p in MlqePe().load(data, limit=args.mlqe_items) for i in p.items]
    sets += [("news", i) for p in News().load(data, limit=args.news_items) for i in p.items]
    seen: dict[str, int] = defaultdict(int)
    began = time.perf_counter()
    for kind, item in sets:
        halves["tune" if seen[kind] % 2 == 0 else "heldout"].append(Cached(tagger, kind, item))
        seen[kind] += 1
    print(f"read {len(sets)} items in {time.perf_counter() - began:.0f} s", file=sys.stderr)

    chosen, _, _ = choose_margins(list(OPERATIONS), GRID, halves, measure, args.news)
    if args.write:
        config = json.loads(args.write.read_text(encoding="utf-8"))
        config["margins"] = {op: m for op, m in chosen.items() if m < OFF}
        write_atomic(args.write, json.dumps(config, indent=1) + "\n")
        print(f"margins written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

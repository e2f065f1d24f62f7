"""Margins of the ``slips`` detector chosen by the suites' own measures, not a proxy.

    python bench/slips_gleu.py                # bigram table (shipped)
    python bench/slips_gleu.py --trigram      # trigram judge (bench/slips_trigram.py)

Even items of JFLEG dev, MLQE-PE dev (all pairs) and a sample of news paragraphs tune, odd
items report. Each place's best reading is computed once; a setting of the margins then
only selects among them. Operations are opened one at a time: for each, the margin on the
grid with the best JFLEG GLEU on the tuning half, among those that leave no more MLQE-PE
sentences worse than better (sentence TER) and add at most ``--news`` changes per 1,000
news words; an operation that raises GLEU nowhere stays off. The chosen margins together
are then measured on both halves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair.detect.slips import MARGINS, OFF, Slips  # noqa: E402
from repair.document import Document  # noqa: E402
from repair.edits import apply_edits  # noqa: E402
from repair.eval import metrics  # noqa: E402
from repair.eval.suites import Jfleg, MlqePe, News, Output, default_data_dir  # noqa: E402

GRID = [0.5 * k for k in range(0, 13)]


class Cached:
    def __init__(self, det: Slips, kind: str, item):
        self.kind, self.item = kind, item
        self.doc = Document(item.text)
        self.runs = [(run, det.readings(run.words, run.editable)) for run in det.runs(self.doc)]

    def fixed(self, det: Slips) -> tuple[str, int]:
        edits = [e for run, rs in self.runs for c in det.select(rs)
                 if (e := det.edit_for(self.doc, run.tokens, c)) is not None]
        return (apply_edits(self.item.text, edits) if edits else self.item.text), len(edits)


def measure(det, cached: list) -> dict:
    """GLEU, MLQE-PE sentences worse/better and news changes of the items as ``c.fixed(det)``
    rewrites them (``det``: whatever the items' ``fixed`` takes)."""
    hyps, srcs, refs = [], [], []
    worse = better = changes = news_words = mlqe_changed = 0
    for c in cached:
        out, n = c.fixed(det)
        if c.kind == "jfleg":
            srcs.append(c.item.tokens)
            refs.append(c.item.references)
            hyps.append(Jfleg.hypothesis(c.item, Output(out)))
        elif c.kind == "mlqe-pe":
            if out != c.item.text:
                mlqe_changed += 1
                a = metrics.sentence_ter(out, c.item.references[0])
                b = metrics.sentence_ter(c.item.text, c.item.references[0])
                worse += a > b
                better += a < b
        else:
            changes += n
            news_words += metrics.count_words(c.item.text)
    return {"gleu": metrics.gleu(srcs, hyps, refs).score, "mlqe_worse": worse, "mlqe_better": better,
            "mlqe_changed": mlqe_changed, "news_per_kw": 1000 * changes / max(1, news_words), "news_changes": changes}


def choose_margins(operations, grid, halves, measure_at, news_bound: float):
    """Open the operations one at a time on the tuning half: each gets the margin on
    ``grid`` with the best GLEU among those within the bounds (no more MLQE-PE sentences
    worse than better, at most ``news_bound`` news changes per 1,000 words), or stays OFF.
    ``measure_at(margins, cached)`` measures one setting. Prints every setting and the
    chosen margins on both halves; returns (chosen, unchanged, chosen's measures)."""
    closed = {op: OFF for op in operations}
    base = {h: measure_at(closed, halves[h]) for h in halves}
    print("unchanged:", {h: round(base[h]["gleu"], 2) for h in base})
    chosen = {}
    for op in operations:
        best, best_gleu = OFF, base["tune"]["gleu"]
        for m in grid:
            r = measure_at(closed | {op: m}, halves["tune"])
            ok = r["mlqe_worse"] <= r["mlqe_better"] and r["news_per_kw"] <= news_bound
            print(f"  {op:20s} {m:5.2f}  GLEU {r['gleu']:.2f}  mlqe worse/better {r['mlqe_worse']}/{r['mlqe_better']}"
                  f"  news {r['news_changes']} ({r['news_per_kw']:.2f}/kw){'' if ok else '  (fails a bound)'}")
            if ok and r["gleu"] > best_gleu + 1e-9:
                best, best_gleu = m, r["gleu"]
        chosen[op] = best
    final = {h: measure_at(chosen, halves[h]) for h in halves}
    print("margins:", json.dumps(chosen))
    for h in ("tune", "heldout"):
        r = final[h]
        print(f"{h:8s} GLEU {base[h]['gleu']:.2f} -> {r['gleu']:.2f}  MLQE-PE changed {r['mlqe_changed']}, "
              f"worse {r['mlqe_worse']}, better {r['mlqe_better']}  news {r['news_changes']} ({r['news_per_kw']:.2f}/kw)")
    return chosen, base, final


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trigram", action="store_true")
    ap.add_argument("--news", type=float, default=0.05, help="news changes per 1,000 words an operation may add")
    ap.add_argument("--news-items", type=int, default=300, help="news paragraphs per source")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    data = default_data_dir()
    context = None
    det = Slips()
    if args.trigram:
        from repair.lm.build import clean_sentences
        from slips_trigram import Trigram

        context = Trigram(det.lm, [s for v in clean_sentences(data).values() for s in v])
    det = Slips(context=context, margins={op: 0.0 for op in MARGINS})  # every operation scored
    halves: dict[str, list[Cached]] = defaultdict(list)
    sets = [("jfleg", i) for p in Jfleg().load(data) for i in p.items]
    sets += [("mlqe-pe", i) for p in MlqePe().load(data, limit=None) for i in p.items]
    sets += [("news", i) for p in News().load(data, limit=args.news_items) for i in p.items]
    seen: dict[str, int] = defaultdict(int)
    for kind, item in sets:
        halves["tune" if seen[kind] % 2 == 0 else "heldout"].append(Cached(det, kind, item))
        seen[kind] += 1

    def at(margins: dict[str, float], cached: list[Cached]) -> dict:
        det.margins = dict(margins)
        return measure(det, cached)

    chosen, base, final = choose_margins(list(MARGINS), GRID, halves, at, args.news)
    if args.json:
        args.json.write_text(json.dumps({"margins": chosen, "unchanged": base, "chosen": final}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

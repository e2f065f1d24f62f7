"""Set and check the margins of the ``slips`` detector (repair/detect/slips.py).

    python bench/slips_tune.py                 # tune on one half, report on the other
    python bench/slips_tune.py --lm PATH       # the same with another n-gram table

Every place the detector judges yields its best candidate and that candidate's log10 odds
over the text as written. A candidate is *right* when the words around it, rewritten, appear
in a reference (JFLEG's four rewrites, MLQE-PE's post-edit) and the original words do not;
on clean news every candidate is a false alarm. Items are split by position: even items
tune, odd items report. For each operation the margin kept is the lowest on the grid whose
candidates on the tuning half are right at least ``--precision`` of the time (JFLEG and
MLQE-PE together) and raise at most ``--news`` changes per 1,000 words of news; an
operation no margin satisfies is switched off (margin 99).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair.detect.slips import MARGINS, RUNNER_UP_GAP, Slips  # noqa: E402
from repair.document import Document  # noqa: E402
from repair.eval.suites import Jfleg, MlqePe, News, default_data_dir  # noqa: E402
from repair.lm import NgramModel, tokens  # noqa: E402

GRID = [0.5 * k for k in range(-8, 13)] + [99.0]


def _contains(seq: list[str], sub: list[str]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


def places(det: Slips, text: str):
    """(op, odds, lead over the next reading, original window, rewritten window) per place."""
    for run in det.runs(Document(text)):
        w = list(run.words)
        for r in det.readings(run.words, run.editable):
            c = r.candidate
            a, b = max(0, c.lo - 1), min(len(w), c.hi + 1)
            yield c.op, c.odds, r.lead, w[a:b], w[a:c.lo] + list(c.words) + w[c.hi:b]


def collect(det: Slips, data: Path, news_items: int):
    rows = []  # (half, set, op, odds, gap, right)
    words = defaultdict(int)  # (half, set) -> words
    sets = []
    for part in Jfleg().load(data):
        sets += [("jfleg", i.text, [tokens(r) for r in i.references]) for i in part.items]
    for part in MlqePe().load(data, limit=None):
        sets += [("mlqe-pe", i.text, [tokens(r) for r in i.references]) for i in part.items]
    for part in News().load(data, limit=news_items):
        sets += [("news", i.text, None) for i in part.items]
    counters = defaultdict(int)
    for name, text, refs in sets:
        half = "tune" if counters[name] % 2 == 0 else "heldout"
        counters[name] += 1
        words[(half, name)] += len(tokens(text))
        for op, odds, gap, orig, new in places(det, text):
            if odds < min(GRID):
                continue
            right = bool(refs) and any(_contains(r, new) and not _contains(r, orig) for r in refs)
            rows.append((half, name, op, odds, gap, right))
    return rows, dict(words)


def stats(rows, words, half, op, margin):
    kept = [r for r in rows if r[0] == half and r[2] == op and r[3] >= margin and r[4] >= RUNNER_UP_GAP]
    out = {}
    for name in ("jfleg", "mlqe-pe", "news"):
        k = [r for r in kept if r[1] == name]
        out[name] = (len(k), sum(r[5] for r in k))
    out["news_per_kw"] = 1000 * out["news"][0] / max(1, words.get((half, "news"), 1))
    n = out["jfleg"][0] + out["mlqe-pe"][0]
    out["precision"] = (out["jfleg"][1] + out["mlqe-pe"][1]) / n if n else float("nan")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lm", type=Path, default=None, help="an n-gram table (default: the shipped one)")
    ap.add_argument("--precision", type=float, default=0.6)
    ap.add_argument("--news", type=float, default=0.1, help="news changes per 1,000 words, per operation")
    ap.add_argument("--news-items", type=int, default=400, help="news paragraphs per source")
    ap.add_argument("--no-support", action="store_true", help="let backoff-only word pairs decide too")
    ap.add_argument("--trigram", action="store_true", help="score with a trigram model of the build's clean text")
    ap.add_argument("--channel", action="store_true", help="add a channel prior from MLQE-PE train post-edits")
    ap.add_argument("--grid", action="store_true", help="print every margin's measures on the tuning half")
    ap.add_argument("--json", type=Path, default=None, help="write the chosen margins and measures here")
    args = ap.parse_args(argv)
    lm = NgramModel.load(args.lm) if args.lm else NgramModel.load()
    context = None
    if args.trigram:
        from repair.lm.build import clean_sentences
        from slips_trigram import Trigram

        context = Trigram(lm, [s for v in clean_sentences(default_data_dir()).values() for s in v])
    channel = None
    if args.channel:
        from slips_channel import TABLE, Channel, build

        if not TABLE.is_file():
            build(default_data_dir())
        channel = Channel.load()
    det = Slips(lm=lm, support=not args.no_support, context=context, channel=channel,
                margins={op: 0.0 for op in MARGINS})  # every operation scored
    rows, words = collect(det, default_data_dir(), args.news_items)
    if args.grid:
        for op in MARGINS:
            for m in GRID[:-1]:
                s = stats(rows, words, "tune", op, m)
                print(f"  {op:20s} {m:4.1f}  P {s['precision']:.2f}  jfleg {s['jfleg'][1]}/{s['jfleg'][0]} "
                      f"mlqe {s['mlqe-pe'][1]}/{s['mlqe-pe'][0]}  news {s['news'][0]} ({s['news_per_kw']:.2f}/kw)")
    chosen = {}
    report = {}
    for op in MARGINS:
        pick = 99.0
        for m in GRID:
            s = stats(rows, words, "tune", op, m)
            if s["precision"] >= args.precision and s["news_per_kw"] <= args.news:
                pick = m
                break
        chosen[op] = pick
        tune = stats(rows, words, "tune", op, pick)
        held = stats(rows, words, "heldout", op, pick)
        report[op] = {"margin": pick, "tune": tune, "heldout": held}
        print(f"{op:20s} margin {pick:5.1f} | tune: jfleg {tune['jfleg'][1]}/{tune['jfleg'][0]} "
              f"mlqe {tune['mlqe-pe'][1]}/{tune['mlqe-pe'][0]} news {tune['news'][0]} "
              f"| held-out: jfleg {held['jfleg'][1]}/{held['jfleg'][0]} mlqe {held['mlqe-pe'][1]}/{held['mlqe-pe'][0]} "
              f"news {held['news'][0]} ({held['news_per_kw']:.2f}/kw)")
    print("words:", {f"{h}/{n}": w for (h, n), w in sorted(words.items())})
    print("margins:", json.dumps(chosen))
    if args.json:
        args.json.write_text(json.dumps({"margins": chosen, "report": report, "words": {f"{h}/{n}": w for (h, n), w in words.items()}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

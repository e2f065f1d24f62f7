"""How often repair's own LanguageTool rules (repair/grammar/rules) fire, and where: clean news
(every flag a false alarm), MLQE-PE dev machine translation, the WMT MQM TED segments (a flag
that touches a span expert raters marked is a hit).

    python bench/own_rules.py [--news N] [--limit N]

Per rule: the matches LanguageTool returns, the flags left after they are judged in context
(repair/grammar/context.py), and on MQM the flags that touch a marked span. Clean news: the
first N BBC and the first N AG paragraphs (default 3,000 each); MLQE-PE dev and MQM: every
item unless --limit. Needs a LanguageTool server, as `repair check` does.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from repair.document import Document
from repair.errors import RepairError
from repair.eval.suites import default_data_dir, get_suite
from repair.grammar import LanguageToolProposer
from repair.grammar.context import in_context
from repair.lm import NgramModel

OWN = "REPAIR_"


def news_paragraphs(n: int) -> list[str]:
    data = default_data_dir()
    out = []
    for path in (data / "bbc-news" / "bbc_paragraphs.txt", data / "ag-news" / "ag_news_test_descriptions.txt"):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SystemExit(f"bench: {exc}")
        out += [line for line in lines if line.strip()][:n]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", type=int, default=3000, help="paragraphs of each news set (default 3,000)")
    ap.add_argument("--limit", type=int, default=0, help="items of MLQE-PE dev and MQM (default 0: every item)")
    args = ap.parse_args()
    if args.news < 0 or args.limit < 0:
        ap.error("--news and --limit must be 0 or more")
    lm, proposer = NgramModel.load(), LanguageToolProposer()
    count: Counter = Counter()
    words: Counter = Counter()
    try:
        sets = [("news", [(t, ()) for t in news_paragraphs(args.news)])]
        for suite in ("mlqe-pe", "mqm"):
            parts = get_suite(suite).load(default_data_dir(), None, args.limit)
            sets.append((suite, [(item.text, item.marks) for part in parts for item in part.items]))
        for name, items in sets:
            for text, marks in items:
                words[name] += len(text.split())
                doc = Document(text)
                raw = [m for m in proposer.check(text) if m.rule.startswith(OWN)]
                for m in raw:
                    count[name, m.rule, "matches"] += 1
                for m in in_context(doc, raw, lm):
                    count[name, m.rule, "flags"] += 1
                    count[name, m.rule, "hits"] += any(s < m.end and m.start < e for s, e, *_ in marks)
    except RepairError as exc:  # no Java or jars, a server that did not start, data absent
        sys.exit(f"bench: {exc}")
    finally:
        proposer.close()
    print("| set | words | rule | matches | flags | flags /1k words | flags on a marked span |\n|---|---:|---|---:|---:|---:|---:|")
    rules = sorted({rule for _, rule, _ in count})
    for name in words:
        for rule in rules or ["(none)"]:
            flags = count[name, rule, "flags"]
            hits = f"{count[name, rule, 'hits']}" if name == "mqm" else "-"
            print(f"| {name} | {words[name]:,} | `{rule}` | {count[name, rule, 'matches']} | {flags} | "
                  f"{1000 * flags / max(words[name], 1):.3f} | {hits} |")


if __name__ == "__main__":
    main()

"""Whose respellings serve the pipeline better: LanguageTool's suggestion search, or
repair's search of the same dictionary (repair/grammar/speller.py)?

    python bench/speller_search.py [--suites jfleg,mlqe-pe,bln600,overproof,icdar2017] [--show SUITE]

Starts a LanguageTool server that runs its own search (as repair's servers no longer do),
and over each suite's default dev sample takes every speller match twice: with
LanguageTool's suggestions and with repair's for the same word. Each goes through the
pipeline's mapping (the context's choice, the confidence cases), and a change is counted
when the default pipeline would apply it (confidence 0.5 or more); it is right when a
reference holds it at that place (bench/speller_context.py aligns them). A respelling too
far to apply is offered on a flag (``far-typo``): counted as offered, right the same way.
Also times repair's search per word.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace

from speller_context import reference_words

from repair.document import Document
from repair.errors import RepairError
from repair.eval.suites import default_data_dir, get_suite
from repair.grammar import LanguageToolProposer
from repair.grammar.confidence import is_spelling, word_pieces
from repair.grammar.context import in_context
from repair.grammar.install import find_jars, find_java
from repair.grammar.mapping import to_edit
from repair.grammar.process import LocalServer
from repair.grammar.speller import LIMIT_MARKER, ensure_vocabulary, fill, vocabulary
from repair.lm import NgramModel

APPLIED = 0.5


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suites", default="jfleg,mlqe-pe,bln600,overproof,icdar2017")
    ap.add_argument("--show", help="print the words where the two differ in this suite")
    args = ap.parse_args()
    try:
        suites = [get_suite(name) for name in args.suites.split(",")]
        java, jars = find_java(), find_jars()
        path = ensure_vocabulary(java, jars)
        if path is None:
            sys.exit("bench: LanguageTool's dictionary could not be printed (needs a JDK)")
        words, lm = vocabulary(path), NgramModel.load()
        server = LocalServer(java, jars, jvm_options=(), own_suggestions=False).start()
    except RepairError as exc:
        sys.exit(f"bench: {exc}")
    proposer = LanguageToolProposer(url=server.url)
    searched, seconds = 0, 0.0
    print("| suite | speller matches | applied, LanguageTool's | right | applied, repair's | right "
          "| offered, LanguageTool's | right | offered, repair's | right |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    try:
        for suite in suites:
            count: Counter = Counter()
            for part in suite.load(default_data_dir(), limit=suite.default_limit):
                for item in part.items:
                    doc, pieces = Document(item.text), word_pieces(Document(item.text))
                    theirs = [m for m in proposer.check(item.text) if is_spelling(m)]
                    began = time.perf_counter()
                    ours = fill([replace(m, replacements=(LIMIT_MARKER,)) for m in theirs], item.text, words)
                    seconds += time.perf_counter() - began
                    searched += len(ours)
                    count["matches"] += len(theirs)
                    outcome = {}
                    for who, matches in (("lt", theirs), ("own", ours)):
                        for m in in_context(doc, matches, lm):
                            e = to_edit(doc, m, pieces)
                            shown = e is not None and e.confidence >= APPLIED
                            applied = shown and e.replacement != e.original
                            offered = shown and e.is_flag and bool(e.alternatives)
                            truth = reference_words(item.text, m.start, m.end, item.references)
                            count[who] += applied
                            count[who + "-right"] += applied and e.replacement.lower() in truth
                            count[who + "-offered"] += offered
                            count[who + "-offered-right"] += offered and e.alternatives[0].lower() in truth
                            outcome[who, m.start] = e.replacement if applied else None
                    if args.show == suite.name:
                        for m in theirs:
                            if outcome["lt", m.start] != outcome["own", m.start]:
                                print(f"  {item.text[m.start:m.end]!r}: {outcome['lt', m.start]} -> "
                                      f"{outcome['own', m.start]}")
            print(f"| {suite.name} | {count['matches']:,} | {count['lt']:,} | {count['lt-right']:,} | "
                  f"{count['own']:,} | {count['own-right']:,} | {count['lt-offered']:,} | "
                  f"{count['lt-offered-right']:,} | {count['own-offered']:,} | {count['own-offered-right']:,} |",
                  flush=True)
    except RepairError as exc:
        sys.exit(f"bench: {exc}")
    finally:
        proposer.close()
        server.stop()
    print(f"\nrepair's search: {1000 * seconds / max(searched, 1):.2f} ms per word ({searched:,} words, "
          "first search of each word; repeats are cached)")


if __name__ == "__main__":
    main()

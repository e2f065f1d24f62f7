"""Whose choice among LanguageTool's spelling suggestions is right more often: LanguageTool's
order, or the bigram model's in the sentence (repair/grammar/context.py)?

    python bench/speller_context.py [--suites jfleg,mlqe-pe,bln600,overproof] [--limit N]

Over each suite's default dev sample, every speller match on a lowercase word that the
default pipeline applies (confidence at or above 0.5 after mapping) is counted once with
LanguageTool's first suggestion and once with the context's choice. A suggestion is right
when a reference holds it at that place (the word aligned to it, difflib over words; JFLEG
has four references, the others one). Needs a LanguageTool server, as `repair check` does.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter

import regex

from repair.document import Document
from repair.errors import RepairError
from repair.eval.suites import default_data_dir, get_suite
from repair.grammar import LanguageToolProposer
from repair.grammar.confidence import is_spelling
from repair.grammar.context import in_context
from repair.grammar.mapping import to_edit
from repair.lm import NgramModel

_WORD = regex.compile(r"[\w'’-]+|[^\w\s]")
APPLIED = 0.5


def reference_words(source: str, start: int, end: int, references: tuple[str, ...]) -> list[str]:
    """What each reference has where ``source[start:end]`` (one token) stands."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(source)]
    at = [i for i, (s, e, _) in enumerate(tokens) if (s, e) == (start, end)]
    if not at:
        return []
    i, words = at[0], [t.lower() for _, _, t in tokens]
    out = []
    for ref in references:
        theirs = [t.lower() for t in _WORD.findall(ref)]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, words, theirs, autojunk=False).get_opcodes():
            if i1 <= i < i2:
                same = op == "equal" or (op == "replace" and i2 - i1 == j2 - j1)
                out.append(theirs[j1 + i - i1] if same else " ".join(theirs[j1:j2]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suites", default="jfleg,mlqe-pe,bln600,overproof")
    ap.add_argument("--limit", type=int, help="items per suite part (default: each suite's own sample; 0: every item)")
    args = ap.parse_args()
    try:
        suites = [get_suite(name) for name in args.suites.split(",")]
    except RepairError as exc:
        ap.error(str(exc))
    lm, proposer = NgramModel.load(), LanguageToolProposer()
    print("| suite | applied | right, LanguageTool's first | right, chosen in context |\n|---|---:|---:|---:|")
    try:
        for suite in suites:
            count: Counter = Counter()
            for part in suite.load(default_data_dir(), limit=suite.default_limit if args.limit is None else args.limit):
                for item in part.items:
                    doc = Document(item.text)
                    raw = proposer.check(item.text)
                    for before, after in zip(raw, in_context(doc, raw, lm)):
                        original = item.text[before.start:before.end]
                        if not (is_spelling(before) and before.replacements and original.islower()):
                            continue
                        edit = to_edit(doc, before)
                        if edit is None or edit.confidence < APPLIED:
                            continue
                        truth = reference_words(item.text, before.start, before.end, item.references)
                        count["applied"] += 1
                        count["first"] += before.replacements[0].lower() in truth
                        count["chosen"] += after.replacements[0].lower() in truth
            print(f"| {suite.name} | {count['applied']:,} | {count['first']:,} | {count['chosen']:,} |", flush=True)
    except RepairError as exc:  # no Java or jars, a server that did not start, data absent
        sys.exit(f"bench: {exc}")
    finally:
        proposer.close()


if __name__ == "__main__":
    main()

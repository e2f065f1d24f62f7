"""The tables of :mod:`.confidence` as markdown, written into docs/languagetool.md.

    python -m repair.grammar.tables            # rewrite the tables between the markers
    python -m repair.grammar.tables --check    # exit 1 when the page differs from the code

The page's prose is written by hand; what lies between :data:`MARK_BEGIN` and
:data:`MARK_END` is generated, and a unit test fails when it differs from the code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import confidence as c

COMMAND = "python -m repair.grammar.tables"
MARK_BEGIN = "<!-- languagetool-tables:begin -->"
MARK_END = "<!-- languagetool-tables:end -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "languagetool.md"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    marks = {"l": "---", "r": "---:"}
    return ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|",
            *("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows)]


def _codes(names) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _kinds() -> list[str]:
    kinds = list(c.KIND_CONFIDENCE)
    for table in (c.CATEGORY_KIND, c.ISSUE_KIND, c.RULE_KIND):
        kinds += [k for k in table.values() if k not in kinds]
    return kinds


def render() -> str:
    """The generated part of docs/languagetool.md."""
    kind_rows = []
    for kind in _kinds():
        kind_rows.append([
            kind, f"{c.KIND_CONFIDENCE.get(kind, c.DEFAULT_CONFIDENCE):.2f}",
            _codes(k for k, v in c.CATEGORY_KIND.items() if v == kind),
            _codes(k for k, v in c.ISSUE_KIND.items() if v == kind),
            _codes(k for k, v in c.RULE_KIND.items() if v == kind),
        ])
    rule_rows = [[f"`{rule}`", f"{case.confidence:.2f}", case.note] for rule, case in c.RULE_CONFIDENCE.items()]
    pattern_rows = [[f"`{pattern.pattern}`", f"{case.confidence:.2f}", case.note]
                    for pattern, case in c.RULE_PATTERN_CONFIDENCE]
    speller_rows = [[f"`{name}`", f"{case.confidence:.2f}", case.note] for name, case in c.SPELLER.items()]
    context_rows = [[f"`{name}`", f"{case.confidence:.2f}", case.note] for name, case in c.CONTEXT.items()]
    return "\n".join([
        f"<!-- generated from repair/grammar/confidence.py by `{COMMAND}`; do not edit by hand -->",
        "",
        "**Kinds.** A match's kind comes from its rule (last column), else its category, else (for `MISC` "
        f"and unknown categories) its issue type, else it is `{c.DEFAULT_KIND}`. The kind sets the "
        f"confidence of a match no rule, pattern or case below names ({c.DEFAULT_CONFIDENCE:.2f} for a "
        "kind not listed). The speller's matches (category `TYPOS` from a dictionary look-up: "
        "`MORFOLOGIK_RULE_*`, `HUNSPELL_RULE*`, `*SPELLER_RULE`) are judged case by case instead.",
        "",
        *_table(["kind", "confidence", "categories", "issue types", "rules"], kind_rows, "lrlll"),
        "",
        "**Rules** whose confidence is their own, whatever their kind:",
        "",
        *_table(["rule", "confidence", "why"], rule_rows, "lrl"),
        "",
        "**Rule-id patterns**, tried in this order after the rules above:",
        "",
        *_table(["pattern", "confidence", "why"], pattern_rows, "lrl"),
        "",
        "**The speller**, one case per match, told apart in this order:",
        "",
        *_table(["case", "confidence", "which"], speller_rows, "lrl"),
        "",
        "**In context**: the first two cases stand in for the kind's confidence where no rule or "
        "pattern above applies; the others revise a match's confidence whatever the tables gave it:",
        "",
        *_table(["case", "confidence", "which"], context_rows, "lrl"),
    ])


def between_markers(text: str) -> str | None:
    """What lies between the markers of a page (without the newlines that frame it)."""
    begin, end = text.find(MARK_BEGIN), text.find(MARK_END)
    if begin < 0 or end < begin:
        return None
    return text[begin + len(MARK_BEGIN):end].strip("\n")


def update(path: Path = DOC) -> bool:
    """Rewrite the tables of ``path``; True when they changed."""
    from ..errors import InputError

    text = path.read_text(encoding="utf-8")
    if between_markers(text) is None:
        raise InputError(f"{str(path)!r} has no {MARK_BEGIN} ... {MARK_END} markers to fill")
    body = render()
    if between_markers(text) == body:
        return False
    begin, end = text.find(MARK_BEGIN) + len(MARK_BEGIN), text.find(MARK_END)
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text[:begin] + "\n" + body + "\n" + text[end:], encoding="utf-8")
    tmp.replace(path)
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=COMMAND, description="Write the LanguageTool confidence tables into a page.")
    p.add_argument("path", nargs="?", type=Path, default=DOC, help="the page (default: %(default)s)")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 when the tables differ")
    args = p.parse_args(argv)
    if args.check:
        same = between_markers(args.path.read_text(encoding="utf-8")) == render()
        print(f"{args.path}: tables {'match the code' if same else f'differ from the code; run `{COMMAND}`'}")
        return 0 if same else 1
    changed = update(args.path)
    print(f"{args.path}: tables {'rewritten' if changed else 'already match the code'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

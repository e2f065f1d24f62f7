"""The worked "add a detector" example in docs/architecture.md runs as it is written."""

import re
import sys
import types
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def python_blocks(section: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"## {section}")
    end = text.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end if end > 0 else None], flags=re.S)


def test_the_add_a_detector_example_runs(monkeypatch):
    detector_code, test_code = python_blocks("Add a detector: a worked example")
    module = types.ModuleType("repair.detect.pronoun")
    exec(compile(detector_code, f"{DOC}:detector", "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "repair.detect.pronoun", module)

    tests: dict = {}
    exec(compile(test_code, f"{DOC}:test", "exec"), tests)
    ran = 0
    for name, func in tests.items():
        if not name.startswith("test_"):
            continue
        marks = [m for m in getattr(func, "pytestmark", []) if m.name == "parametrize"]
        cases = marks[0].args[1] if marks else [()]
        for case in cases:
            func(*case)
            ran += 1
    assert ran == 6, f"expected the page's 5 table rows and 1 pipeline test, ran {ran}"


def test_the_example_detector_yields_edits_that_slice_the_text():
    (detector_code, _) = python_blocks("Add a detector: a worked example")
    namespace: dict = {}
    exec(compile(detector_code, f"{DOC}:detector", "exec"), namespace)
    from repair.document import Document

    text = "so i said i'm done"
    edits = list(namespace["LowercaseI"]().find(Document(text)))
    assert [(e.start, e.end, e.original, e.replacement) for e in edits] == [(3, 4, "i", "I"), (10, 11, "i", "I")]

"""The dependency rules of docs/architecture.md, read from every module's imports."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "repair"


def repair_imports(path: Path) -> set[str]:
    """The repair modules ``path`` imports, as dotted names (relative imports resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    if path.name == "__init__.py":
        module = package
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "repair"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.split(".")[0] == "repair":
                found.add(name)
                found |= {f"{name}.{a.name}" for a in node.names if (PACKAGE.parent / name.replace(".", "/") / f"{a.name}.py").exists()}
    return found


def modules(*globs: str) -> list[Path]:
    return sorted(p for g in globs for p in PACKAGE.glob(g))


CORE = {"repair.document", "repair.edits"}


@pytest.mark.parametrize("path", modules("document.py", "edits.py"), ids=str)
def test_the_core_imports_nothing_of_the_rest(path):
    assert repair_imports(path) <= CORE


@pytest.mark.parametrize("path", modules("detect/*.py"), ids=str)
def test_detectors_never_import_the_model_or_the_grammar_client(path):
    banned = ("repair.model", "repair.grammar", "repair.pipeline", "repair.cli", "repair.train", "repair.eval")
    bad = [m for m in repair_imports(path) if m.startswith(banned)]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", modules("render/*.py"), ids=str)
def test_renderers_only_read_a_result(path):
    bad = [m for m in repair_imports(path) if not m.startswith(("repair.render", "repair.result", "repair.edits"))]
    assert not bad, f"{path.name} imports {bad}"


def test_the_import_reader_sees_relative_imports():
    assert "repair.document" in repair_imports(PACKAGE / "detect" / "base.py")
    assert "repair.edits" in repair_imports(PACKAGE / "render" / "listing.py")

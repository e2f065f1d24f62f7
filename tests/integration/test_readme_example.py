"""The README's Python example runs as it is written (from a directory holding seeds/)."""

import os
import re
from pathlib import Path

import pytest

from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
]

REPO = Path(__file__).resolve().parents[2]


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_a_python_example():
    assert python_blocks()


def test_readme_python_examples_run_as_written(tmp_path, monkeypatch):
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    monkeypatch.chdir(tmp_path)  # what the example writes lands here, not in the repository
    for n, block in enumerate(python_blocks(), 1):
        namespace: dict = {}
        exec(compile(block, f"README.md python block {n}", "exec"), namespace)
        result = namespace.get("result")
        if result is not None:
            assert result.edits and "repair-edit" in result._repr_html_()
    assert os.getcwd() == str(tmp_path)

"""The notebooks run top to bottom in a real Jupyter kernel (nbclient), as a reader runs
them; the quickstart's Result view shows every edit of the seed once, parsed as HTML."""

from pathlib import Path

import pytest

from repair.eval.suites import default_data_dir
from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
]

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


_executed: dict = {}


def execute(path: Path):
    """The notebook run once per test session in a fresh kernel, from its own directory."""
    if path not in _executed:
        nb = nbformat.read(path, as_version=4)
        nbclient.NotebookClient(nb, timeout=1800, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        _executed[path] = nb
    return _executed[path]


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "experiment.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_kernel(path):
    if path.name == "experiment.ipynb" and not (default_data_dir() / "jfleg" / "dev.jsonl").is_file():
        pytest.skip("the experiment notebook reads the JFLEG dev set from ../shared/data")
    nb = execute(path)  # a failing cell raises CellExecutionError, naming the cell
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"]
    stored = nbformat.read(path, as_version=4)
    assert all(c.outputs for c in stored.cells if c.cell_type == "code"), "run the notebook and save its outputs"


def test_quickstart_shows_every_edit_once(parse_edits_html):
    import re

    nb = execute(NOTEBOOKS[[p.name for p in NOTEBOOKS].index("quickstart.ipynb")])
    first = next(c for c in nb.cells if c.cell_type == "code")
    printed = "".join(o.get("text", "") for o in first.outputs)
    changes, flags = map(int, re.search(r"(\d+) changes, (\d+) flags", printed).groups())
    html_cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.strip() == "result")
    html = next(o for o in html_cell.outputs if "text/html" in o.get("data", {}))["data"]["text/html"]
    parsed = parse_edits_html(html)
    numbers = [str(n) for n in range(1, changes + flags + 1)]
    assert changes > 0 and parsed.inline == numbers and [row[0] for row in parsed.rows] == numbers
    for row in parsed.rows:
        kind, reason = row[2], row[-1]
        assert kind and reason, row

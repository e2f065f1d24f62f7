"""A quick run of the harness on the real data sets (skipped where they are absent)."""

import os
from pathlib import Path

import pytest

from repair.eval import evaluate
from repair.eval.report import render_markdown
from repair.eval.suites import default_data_dir

pytestmark = pytest.mark.integration

DATA = Path(os.environ.get("REPAIR_DATA") or default_data_dir())


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no data folder at {DATA}")
def test_quick_run_on_every_suite():
    ev = evaluate(None, ["unchanged", "detectors", "overproof"], data=DATA, limit=5, isolate=False)
    assert ev.parts and all(len(p.items) <= 5 for p in ev.parts)
    for part in ev.parts:
        assert "unchanged" in ev.scores[part.key] and "detectors" in ev.scores[part.key]
        assert ("overproof" in ev.scores[part.key]) == (part.suite == "overproof")
    detectors = ev.systems[1]
    assert detectors.available and not sum(detectors.errors.values()), detectors.first_error
    md = render_markdown(ev)
    assert "reproduced" in md and "DIFFERENT" not in md

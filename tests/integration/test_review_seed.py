"""repair review of the seed article with the whole pipeline (LanguageTool and the shipped
model) on a pseudo-terminal: accept some, reject others, choose an alternative, quit,
resume, finish; the written file equals what repair apply writes from the same decisions."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from repair.paths import SHIPPED_MODEL_DIR, shipped_model_available

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shipped_model_available(), reason=f"no weights in {SHIPPED_MODEL_DIR}"),
]

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_f15f1aa9a78ce15d.txt"
PROMPT = re.compile(r"\((\d+)/(\d+)\) Decide \[([^\]]*)\]\? ")


def spawn(path, url):
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "TERM": "xterm"}
    # --min-confidence 0.3 keeps LanguageTool's speller suggestions, which carry alternatives.
    return pexpect.spawn(sys.executable, ["-m", "repair.cli", "review", path.name, "--languagetool", url,
                                          "--min-confidence", "0.3"],
                         env=env, cwd=str(path.parent), dimensions=(50, 80), encoding="utf-8", timeout=600)


def decide(child, seen: dict, stop_after: int | None = None) -> bool:
    """Answer prompts until the review ends (True) or ``stop_after`` answers were given (False)."""
    answered = 0
    while True:
        if child.expect([PROMPT, pexpect.EOF]) == 1:
            return True
        shown = child.before
        n, keys = int(child.match.group(1)), child.match.group(3)
        if stop_after is not None and answered == stop_after:
            child.send("q")
            child.expect(pexpect.EOF)
            return False
        if "'Glod'" in shown or "[-Glod-]" in shown:
            assert "or:  1) 'God'  2) 'Gold'" in shown or "2) 'Gold'" in shown, shown
            key = "2"  # the alternative 'Gold'
        elif "  model  " in shown.split("\n", 2)[1] or "flagged for review" in shown:
            key = "n"
        else:
            key = "y" if "y" in keys.split(",") else "n"
        seen[n] = key
        child.send(key)
        answered += 1


def test_review_seed_with_the_whole_pipeline(tmp_path, languagetool_url):
    path = tmp_path / "article.txt"
    shutil.copyfile(SEED, path)
    seen: dict = {}
    child = spawn(path, languagetool_url)
    assert not decide(child, seen, stop_after=6)
    assert len(seen) == 6
    child = spawn(path, languagetool_url)
    child.expect("resuming: ")
    assert decide(child, seen)
    child.close()
    assert child.exitstatus == 0

    items = json.loads((tmp_path / "article.txt.decisions.json").read_text(encoding="utf-8"))["items"]
    decisions = [i["decision"] for i in items]
    assert None not in decisions and {"accept", "reject", "alternative"} <= set(decisions)
    assert any(i["edit"]["original"] == "Glod" and i["replacement"] == "Gold" for i in items)
    reviewed = (tmp_path / "article.txt.reviewed").read_text(encoding="utf-8")
    assert "Lukashenko the authoritarian" in reviewed and "Katia Gold," in reviewed

    out = tmp_path / "applied.txt"
    subprocess.run([sys.executable, "-m", "repair.cli", "apply", str(path), "-o", str(out)],
                   env={**os.environ, "PYTHONPATH": str(REPO)}, check=True, capture_output=True)
    assert out.read_bytes() == (tmp_path / "article.txt.reviewed").read_bytes()

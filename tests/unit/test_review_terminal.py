"""repair review on a real pseudo-terminal: single keys, quit, kill -9, Ctrl-C, resume, finish.

The detectors alone (no LanguageTool, no model) keep this fast; the integration test
``tests/integration/test_review_seed.py`` does the same with LanguageTool's suggestions.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_f15f1aa9a78ce15d.txt"
PROMPT = re.compile(r"\((\d+)/(\d+)\) Decide \[([^\]]*)\]\? ")


def spawn(path, *extra, colour=False):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(REPO)
    env["TERM"] = "xterm-256color"
    if not colour:
        env["NO_COLOR"] = "1"
    return pexpect.spawn(sys.executable, ["-m", "repair.cli", "review", path.name, "--no-grammar", "--no-model",
                                          *extra], env=env, cwd=str(path.parent), dimensions=(40, 80),
                         encoding="utf-8", timeout=60)


def at_prompt(child) -> tuple[int, str]:
    """Wait for the next prompt; the edit number and what came before it."""
    child.expect(PROMPT)
    return int(child.match.group(1)), child.before


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else -child.signalstatus


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "article.txt"
    shutil.copyfile(SEED, path)
    return path


def decisions_of(path):
    data = json.loads(path.with_name(path.name + ".decisions.json").read_text(encoding="utf-8"))
    return [(i["edit"]["original"], i["decision"], i["replacement"]) for i in data["items"]]


def test_review_quit_kill_interrupt_resume_finish(seed):
    # 1: accept, reject, type a fix for a flag, quit.
    child = spawn(seed)
    n, shown = at_prompt(child)
    assert n == 1
    assert "article.txt:3:11  edit 1/6  glued-word  detector:glued  0.85" in shown
    assert "Alexander [-Lukashenkothe-]{+Lukashenko the+} authoritarian leader" in shown
    assert "\x1b[" not in shown  # NO_COLOR
    child.send("y")  # one key, no Enter
    assert at_prompt(child)[0] == 2
    child.send("n")
    n, shown = at_prompt(child)
    assert n == 3 and "[?manoeuvre?]" in shown and "flagged for review" in shown
    child.send("e")
    child.expect(re.escape("replace 'manoeuvre' with (Enter alone cancels): "))
    child.sendline("maneuver")
    assert at_prompt(child)[0] == 4
    child.send("q")
    child.expect("stopped; 6 edits: 1 accepted, 1 typed, 1 rejected, 3 undecided")
    assert finish(child) == 0
    assert not seed.with_name("article.txt.reviewed").exists()

    # 2: resumes at 4; accept, then the process is killed (-9) at the next prompt.
    child = spawn(seed)
    child.expect("resuming: 6 edits: 1 accepted, 1 typed, 1 rejected, 3 undecided")
    assert at_prompt(child)[0] == 4
    child.send("y")
    assert at_prompt(child)[0] == 5
    child.kill(signal.SIGKILL)
    child.close()
    assert decisions_of(seed)[3] == (" ", "accept", "")

    # 3: resumes at 5; go back to 4, change it to reject; Ctrl-C at 5.
    child = spawn(seed)
    assert at_prompt(child)[0] == 5
    child.send("k")
    n, shown = at_prompt(child)
    assert n == 4 and "decided: accepted" in shown and "Allies[-␣-]." in shown
    child.send("n")
    assert at_prompt(child)[0] == 5
    child.sendintr()
    child.expect("repair: interrupted")
    assert finish(child) == 130

    # 4: skip the flag, help, accept the run-on: the last edit, so the text is written.
    child = spawn(seed)
    assert at_prompt(child)[0] == 5
    child.send("s")
    n, shown = at_prompt(child)
    assert n == 6 and "Bratislava[-␣-]{+. +}" in shown
    child.send("?")
    n, shown = at_prompt(child)
    assert n == 6 and "q - quit; the decisions so far are saved" in shown
    child.send("y")
    child.expect(r"6 edits: 2 accepted, 1 typed, 2 rejected, 1 undecided; wrote article.txt.reviewed")
    assert finish(child) == 0

    assert decisions_of(seed) == [
        ("Lukashenkothe", "accept", "Lukashenko the"), ("In", "reject", None),
        ("manoeuvre", "custom", "maneuver"), (" ", "reject", None), ("maneuver", None, None),
        (" ", "accept", ". "),
    ]
    reviewed = seed.with_name("article.txt.reviewed").read_text(encoding="utf-8")
    original = SEED.read_text(encoding="utf-8")
    assert reviewed == (original.replace("Lukashenkothe", "Lukashenko the").replace("for manoeuvre", "for maneuver")
                        .replace("Bratislava The", "Bratislava. The"))
    assert seed.read_text(encoding="utf-8") == original

    # repair apply with the same decisions file writes the same text.
    out = seed.with_name("applied.txt")
    subprocess.run([sys.executable, "-m", "repair.cli", "apply", str(seed), "-o", str(out)],
                   env={**os.environ, "PYTHONPATH": str(REPO)}, check=True, capture_output=True)
    assert out.read_bytes() == seed.with_name("article.txt.reviewed").read_bytes()


def test_review_in_colour_at_80_columns_keeps_the_brackets(seed):
    child = spawn(seed, colour=True)
    _, shown = at_prompt(child)
    assert "\x1b[" in shown
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert "[-Lukashenkothe-]{+Lukashenko the+}" in plain
    assert all(len(line) <= 80 for line in plain.splitlines())
    child.send("q")
    assert finish(child) == 0


def test_review_bulk_keys_and_in_place(seed):
    child = spawn(seed, "--in-place")
    assert at_prompt(child)[0] == 1
    child.send("A")  # accept every edit from detector:glued: just this one
    assert at_prompt(child)[0] == 2
    child.send("D")  # reject every remaining detector:casing edit
    assert at_prompt(child)[0] == 3
    child.send("d")  # reject this and the other consistency flag
    assert at_prompt(child)[0] == 4
    child.send("a")  # spacing
    n, _ = at_prompt(child)
    assert n == 6  # 5 was decided with 3
    child.send("n")
    child.expect(r"wrote .*article.txt")
    assert finish(child) == 0
    assert seed.with_name("article.txt.bak").read_bytes() == SEED.read_bytes()
    assert seed.read_text(encoding="utf-8") == (SEED.read_text(encoding="utf-8")
                                                .replace("Lukashenkothe", "Lukashenko the")
                                                .replace("Allies .", "Allies."))


def test_review_without_a_terminal_reads_lines(seed):
    run = subprocess.run([sys.executable, "-m", "repair.cli", "review", str(seed), "--no-grammar", "--no-model",
                          "-o", str(seed.with_name("out.txt"))], input="y\nn\nn\nn\nn\nn\n", text=True,
                         capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stderr
    assert run.stderr.endswith("6 edits: 1 accepted, 5 rejected, 0 undecided; wrote "
                               f"{seed.with_name('out.txt')}\n")
    assert seed.with_name("out.txt").read_text(encoding="utf-8") == \
        SEED.read_text(encoding="utf-8").replace("Lukashenkothe", "Lukashenko the")

"""repair diff as a patch: a section per changed line, its reasons just above it, and the
real ``patch -p0`` and ``git apply -p0`` run from the directory the command ran in."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from repair.render.unified import unified_diff

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_f15f1aa9a78ce15d.txt"
OFF = ["--no-grammar", "--no-model"]
needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def repair(cwd, *argv):
    run = subprocess.run([sys.executable, "-m", "repair.cli", *argv, *OFF], cwd=cwd, capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode in (0, 1), run.stderr
    return run.stdout.decode("utf-8")


def split(patch: str) -> list[str]:
    """The sections of a patch, each with the '#' lines before it."""
    out: list[list[str]] = []
    in_body = True
    for line in patch.splitlines(keepends=True):
        header = line.startswith(("# ", "--- "))
        if header and in_body:
            out.append([])
        in_body = not header and not line.startswith("+++ ")
        out[-1].append(line)
    return ["".join(s) for s in out]


@pytest.fixture
def tree(tmp_path):
    """work/b.txt and x/a.txt, both the seed; the command runs in work/."""
    (tmp_path / "work").mkdir()
    (tmp_path / "x").mkdir()
    shutil.copyfile(SEED, tmp_path / "work" / "b.txt")
    shutil.copyfile(SEED, tmp_path / "x" / "a.txt")
    return tmp_path


def test_each_changed_line_is_a_section_after_its_reasons(tree):
    patch = repair(tree / "work", "diff", "./b.txt", "--color", "never")
    sections = split(patch)
    assert len(sections) == 4  # 6 edits: 4 changed paragraphs, 2 flags beside the next change
    for section in sections:
        comments = re.findall(r"(?m)^# b\.txt:(\d+):\d+: .*$", section)
        changed = re.search(r"(?m)^-(?!-- )(.*)$", section).group(1)
        header = re.search(r"(?m)^@@ -(\d+)", section)
        assert comments and header and section.count("\n--- ") == 1 and section.count("@@ -") == 1
        # the reason of the change names the line the section changes
        assert any(SEED.read_text(encoding="utf-8").split("\n")[int(n) - 1] == changed for n in comments)
    assert sections[0].startswith("# b.txt:3:11: glued-word [detector:glued 0.85] 'Lukashenkothe' -> "
                                  "'Lukashenko the'")
    assert "# b.txt:27:170: consistency" in sections[2] and "# b.txt:41:258: spacing" in sections[2]


@needs_patch
def test_patch_p0_applies_it_from_where_the_command_ran(tree):
    work = tree / "work"
    patch = repair(work, "diff", "./b.txt", "--color", "never")
    fixed = repair(work, "fix", "b.txt")
    subprocess.run(["patch", "-s", "-p0"], input=patch.encode("utf-8"), cwd=work, check=True)
    assert (work / "b.txt").read_text(encoding="utf-8") == fixed
    subprocess.run(["patch", "-s", "-R", "-p0"], input=patch.encode("utf-8"), cwd=work, check=True,
                   capture_output=True)
    assert (work / "b.txt").read_bytes() == SEED.read_bytes()


@needs_patch
def test_one_section_can_be_dropped(tree):
    work = tree / "work"
    patch = repair(work, "diff", "b.txt", "--color", "never")
    sections = split(patch)
    kept = "".join(s for s in sections if "'In' -> 'in'" not in s)
    subprocess.run(["patch", "-s", "-p0"], input=kept.encode("utf-8"), cwd=work, check=True)
    fixed = repair(work, "fix", str(SEED))
    assert (work / "b.txt").read_text(encoding="utf-8") == fixed.replace("stalls in the", "stalls In the")


@needs_git
def test_git_apply_p0_accepts_it(tree):
    work = tree / "work"
    patch = repair(work, "diff", "b.txt", "--color", "never")
    (tree / "p.diff").write_text(patch, encoding="utf-8")
    subprocess.run(["git", "apply", "-p0", str(tree / "p.diff")], cwd=work, check=True)
    assert (work / "b.txt").read_text(encoding="utf-8") == repair(work, "fix", str(SEED))


@needs_patch
@needs_git
def test_a_file_outside_the_directory_says_how_to_apply_it(tree):
    work = tree / "work"
    patch = repair(work, "diff", "../x/a.txt", "--color", "never")
    assert patch.startswith("# ../x/a.txt lies outside this directory, where patch -p0 will not write: "
                            "apply a patch of this file alone with `patch ../x/a.txt < PATCH`, "
                            "or use `git apply -p0 --unsafe-paths PATCH`\n")
    assert "\n--- ../x/a.txt\n+++ ../x/a.txt\n" in patch
    fixed = repair(work, "fix", str(SEED))
    subprocess.run(["patch", "-s", "../x/a.txt"], input=patch.encode("utf-8"), cwd=work, check=True)
    assert (tree / "x" / "a.txt").read_text(encoding="utf-8") == fixed
    shutil.copyfile(SEED, tree / "x" / "a.txt")
    (tree / "p.diff").write_text(patch, encoding="utf-8")
    subprocess.run(["git", "apply", "-p0", "--unsafe-paths", str(tree / "p.diff")], cwd=work, check=True)
    assert (tree / "x" / "a.txt").read_text(encoding="utf-8") == fixed


def test_absolute_path_inside_the_directory_is_made_relative(tree):
    work = tree / "work"
    patch = repair(work, "diff", str(work / "b.txt"), "--color", "never")
    assert "\n--- b.txt\n+++ b.txt\n" in patch and str(work) not in patch


def test_context_is_unchanged_lines_as_many_before_as_after():
    old = "a\nb x\nc\nd\ne x\nf\ng\nh\ni\nj\n"
    new = "a\nb y\nc\nd\ne y\nf\ng\nh\ni\nj\n"
    assert "".join(unified_diff([(old, new)], "f", "f")) == (
        "--- f\n+++ f\n@@ -1,4 +1,4 @@\n a\n-b x\n+b y\n c\n d\n"
        "--- f\n+++ f\n@@ -3,5 +3,5 @@\n c\n d\n-e x\n+e y\n f\n g\n"
    )


@needs_patch
@needs_git
@pytest.mark.parametrize("drop", [0, 1, 2])
def test_any_section_applies_without_the_others(tmp_path, drop):
    old = "one x\n\ntwo x\n\nthree x\nfour\n"
    new = old.replace(" x", " y")
    sections = split("".join(unified_diff([(old, new)], "f.txt", "f.txt")))
    assert len(sections) == 3
    kept = "".join(s for n, s in enumerate(sections) if n != drop)
    expected = "".join(line.replace(" x", " y") if n // 2 != drop else line
                       for n, line in enumerate(old.splitlines(keepends=True)))
    for tool in (["patch", "-s", "-F0", "-p0"], ["git", "apply", "-p0", "-"]):
        (tmp_path / "f.txt").write_text(old, encoding="utf-8")
        subprocess.run(tool, input=kept.encode(), cwd=tmp_path, check=True, capture_output=True)
        assert (tmp_path / "f.txt").read_text(encoding="utf-8") == expected, tool


def test_a_joined_line_stays_one_section():
    old = "one\ninva-\nsion here\nlast\n"
    new = "one\ninvasion here\nlast\n"
    patch = "".join(unified_diff([(old, new)], "f", "f"))
    assert patch == "--- f\n+++ f\n@@ -1,4 +1,3 @@\n one\n-inva-\n-sion here\n+invasion here\n last\n"

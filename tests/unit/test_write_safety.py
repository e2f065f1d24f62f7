"""Writes never end in a traceback or a stray file; a bad file in a list is skipped, not fatal."""

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from repair.cli import main
from repair.textio import TMP_MARK, AtomicWrite

OFF = ["--no-grammar", "--no-model"]
SAMPLE = "He came from the Allies .\nThe the report was late.\n"
FIXED = "He came from the Allies.\nThe report was late.\n"
REPO = Path(__file__).resolve().parents[2]


def cli(capsysbinary, *argv):
    code = main([*argv, *OFF])
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def stray(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or ".bak" in p.name)


@pytest.mark.parametrize("where, message", [
    ("folder", "is a directory"),
    ("missing/out.txt", "does not exist"),
])
def test_output_that_cannot_be_a_file_is_one_line(capsysbinary, sample, tmp_path, where, message):
    (tmp_path / "folder").mkdir()
    code, out, err = cli(capsysbinary, "fix", str(sample), "-o", str(tmp_path / where))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("repair: error: cannot write") and message in err
    assert stray(tmp_path) == [] and sample.read_text(encoding="utf-8") == SAMPLE


@pytest.mark.parametrize("failing, code_", [("mkstemp", errno.EROFS), ("fsync", errno.ENOSPC)])
def test_read_only_or_full_file_system_is_one_line(capsysbinary, sample, tmp_path, monkeypatch, failing, code_):
    """The file system's refusal, wherever it comes (creating the file, or flushing it)."""
    def refuse(*a, **k):
        raise OSError(code_, os.strerror(code_))

    monkeypatch.setattr("repair.textio.tempfile.mkstemp" if failing == "mkstemp" else "repair.textio.os.fsync", refuse)
    code, out, err = cli(capsysbinary, "fix", str(sample), "-o", str(tmp_path / "out.txt"))
    assert code == 2 and err.count("\n") == 1 and os.strerror(code_) in err
    assert not (tmp_path / "out.txt").exists() and stray(tmp_path) == []


def test_a_full_standard_output_is_one_line(sample):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "repair.cli", "fix", str(sample), *OFF],
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2
    assert done.stderr == "repair: error: cannot write to standard output: No space left on device\n"


def test_output_in_an_encoding_that_cannot_hold_the_text(capsysbinary, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("Caf\u00e9 \u2014 the the end.\n", encoding="utf-8")
    code, _, err = cli(capsysbinary, "fix", str(src), "-o", str(tmp_path / "out.txt"), "--encoding", "utf-8")
    assert code == 1
    with AtomicWrite(tmp_path / "latin.txt", "latin-1") as out:
        with pytest.raises(Exception) as caught:
            out.write("\u2014")
    assert "has no encoding there" in str(caught.value) and stray(tmp_path) == []


def test_in_place_on_a_symlink_edits_the_target_and_keeps_the_link(capsysbinary, sample, tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(sample)
    assert cli(capsysbinary, "fix", str(link), "--in-place")[0] == 1
    assert link.is_symlink() and link.resolve() == sample.resolve()
    assert sample.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "link.txt.bak").read_text(encoding="utf-8") == SAMPLE
    assert not (tmp_path / "link.txt.bak").is_symlink()


def test_no_backup_when_nothing_changed(capsysbinary, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Nothing is wrong here.\n", encoding="utf-8")
    before = clean.stat().st_mtime_ns
    assert cli(capsysbinary, "fix", str(clean), "--in-place")[0] == 0
    assert stray(tmp_path) == [] and clean.stat().st_mtime_ns == before


def test_in_place_keeps_the_mode(capsysbinary, sample):
    sample.chmod(0o640)
    assert cli(capsysbinary, "fix", str(sample), "--in-place")[0] == 1
    assert sample.stat().st_mode & 0o777 == 0o640


def _started_fix(out: Path, default_signals) -> subprocess.Popen:
    """``repair fix - -o OUT`` with its input still open: the temporary file exists, unfinished."""
    child = subprocess.Popen([sys.executable, "-m", "repair.cli", "fix", "-", "-o", str(out), *OFF],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, preexec_fn=default_signals)
    child.stdin.write(SAMPLE.encode() * 1000)
    child.stdin.flush()
    deadline = time.monotonic() + 60
    while not list(out.parent.glob(f".{out.name}{TMP_MARK}*.tmp")):
        assert time.monotonic() < deadline and child.poll() is None, child.stderr.read() if child.poll() else ""
        time.sleep(0.05)
    time.sleep(0.5)  # well inside the run, reading its input
    return child


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGINT"])
def test_a_terminated_fix_leaves_no_temporary_file(tmp_path, default_signals, signum):
    import signal

    out = tmp_path / "out.txt"
    child = _started_fix(out, default_signals)
    child.send_signal(getattr(signal, signum))
    child.wait(timeout=120)  # generous: a busy machine
    assert child.returncode != 0
    assert list(tmp_path.iterdir()) == []


def test_the_next_run_removes_what_a_killed_run_left(capsysbinary, tmp_path, default_signals):
    out = tmp_path / "out.txt"
    child = _started_fix(out, default_signals)
    child.kill()
    child.wait(timeout=120)  # generous: a busy machine
    left = list(tmp_path.glob(f".out.txt{TMP_MARK}*.tmp"))
    assert len(left) == 1  # SIGKILL cannot be caught ...
    src = tmp_path / "in.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    assert cli(capsysbinary, "fix", str(src), "-o", str(out))[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]  # ... the next write cleans up


def test_a_running_writers_temporary_file_is_left_alone(tmp_path):
    live = tmp_path / f".out.txt{TMP_MARK}{os.getppid()}-abc.tmp"
    live.write_text("busy")
    with AtomicWrite(tmp_path / "out.txt") as out:
        out.write("x")
        out.commit()
    assert live.exists() and (tmp_path / "out.txt").read_text() == "x"


def test_check_skips_bad_files_and_reports_them(capsysbinary, tmp_path, sample):
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\u00e9\n".encode("latin-1"))
    last = tmp_path / "z.txt"
    last.write_text("The the end.\n", encoding="utf-8")
    files = [str(sample), str(binary), str(tmp_path / "missing.txt"), str(latin), str(last)]
    code, out, err = cli(capsysbinary, "check", *files, "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert [e["file"] for e in data["edits"]] == [str(sample), str(sample), str(last)]
    assert [e["file"] for e in data["errors"]] == files[1:4]
    assert err.count("\n") == 3 and all(line.startswith("repair: error: ") for line in err.splitlines())
    code, out, err = cli(capsysbinary, "check", *files)
    assert code == 2 and out.count("\n") == 3 and out.splitlines()[-1].startswith(f"{last}:1:4: repeat")


def test_check_json_lists_no_errors_when_all_read(capsysbinary, sample):
    code, out, _ = cli(capsysbinary, "check", str(sample), "--format", "json")
    assert code == 1 and json.loads(out)["errors"] == []


def test_diff_skips_a_bad_file(capsysbinary, tmp_path, sample):
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01")
    code, out, err = cli(capsysbinary, "diff", str(binary), str(sample), "--color", "never")
    assert code == 2 and "looks binary" in err and f"+++ {sample}" in out

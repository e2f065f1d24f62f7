"""The command line: exit codes, exact output, bad input, and never losing data."""

import json
import os
import subprocess
import sys

import pytest

from repair.cli import main

OFF = ["--no-grammar", "--no-model"]
SAMPLE = "He came from the Allies .\nThe the report was late.\n"


def cli(capsysbinary, *argv):
    code = main([*argv, *OFF])
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_check_lists_edits_and_exits_1(capsysbinary, sample):
    code, out, _ = cli(capsysbinary, "check", str(sample))
    assert code == 1
    assert out.splitlines() == [
        f"{sample}:1:24: spacing [detector:spacing 0.90] ' ' -> '': no space belongs before '.'",
        f"{sample}:2:4: repeat [detector:repeat 0.90] ' the' -> '': 'the' is repeated",
    ]


def test_check_json_offsets_slice_the_input(capsysbinary, sample):
    code, out, _ = cli(capsysbinary, "check", str(sample), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["count"] == 2
    for e in data["edits"]:
        assert set(e) >= {"start", "end", "original", "replacement", "kind", "source", "confidence", "message"}
        assert SAMPLE[e["start"]:e["end"]] == e["original"]


def test_clean_text_exits_0(capsysbinary, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Nothing is wrong here.\n", encoding="utf-8")
    assert cli(capsysbinary, "check", str(path))[:2] == (0, "")
    assert cli(capsysbinary, "diff", str(path))[:2] == (0, "")
    assert cli(capsysbinary, "fix", str(path))[:2] == (0, "Nothing is wrong here.\n")


def test_fix_prints_and_never_touches_the_input(capsysbinary, sample):
    code, out, _ = cli(capsysbinary, "fix", str(sample))
    assert (code, out) == (1, "He came from the Allies.\nThe report was late.\n")
    assert sample.read_text(encoding="utf-8") == SAMPLE


def test_fix_output_file(capsysbinary, sample, tmp_path):
    out = tmp_path / "out.txt"
    assert cli(capsysbinary, "fix", str(sample), "-o", str(out))[0] == 1
    assert out.read_text(encoding="utf-8") == "He came from the Allies.\nThe report was late.\n"
    assert sample.read_text(encoding="utf-8") == SAMPLE


def test_fix_refuses_to_overwrite_input_with_o(capsysbinary, sample):
    code, _, err = cli(capsysbinary, "fix", str(sample), "-o", str(sample))
    assert code == 2 and "use --in-place" in err and err.count("\n") == 1
    assert sample.read_text(encoding="utf-8") == SAMPLE


def test_in_place_keeps_a_backup(capsysbinary, sample):
    assert cli(capsysbinary, "fix", str(sample), "--in-place")[0] == 1
    assert sample.read_text(encoding="utf-8") == "He came from the Allies.\nThe report was late.\n"
    assert (sample.parent / "a.txt.bak").read_text(encoding="utf-8") == SAMPLE
    cli(capsysbinary, "fix", str(sample), "--in-place")
    assert not (sample.parent / "a.txt.bak.1").exists()  # nothing changed: no backup
    sample.write_text(SAMPLE, encoding="utf-8")
    cli(capsysbinary, "fix", str(sample), "--in-place")
    assert (sample.parent / "a.txt.bak.1").exists()  # earlier backups are never overwritten


def test_diff_then_patch_reproduces_fix(capsysbinary, sample, tmp_path):
    code, patch, _ = cli(capsysbinary, "diff", str(sample), "--color", "never")
    assert code == 1 and patch.startswith("# ")
    _, fixed, _ = cli(capsysbinary, "fix", str(sample))
    subprocess.run(["patch", "-s", "-p0"], input=patch.encode(), check=True, cwd="/")
    assert sample.read_text(encoding="utf-8") == fixed


def test_crlf_and_bom_are_kept(capsysbinary, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffThe the end .\r\nNext line\r\n".encode("utf-8"))
    code, out, _ = cli(capsysbinary, "fix", str(path))
    assert code == 1 and out.encode("utf-8") == "\ufeffThe end.\r\nNext line\r\n".encode("utf-8")


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01binary\x00", "looks binary (NUL byte at offset 0)"),
    (b"caf\xe9 au lait\nsecond \xff line", "is not valid utf-8 at line 1, column 4 (byte 0xe9); pass --encoding"),
])
def test_bad_input_is_one_line_and_exit_2(capsysbinary, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    for command in ("check", "fix", "diff"):
        code, out, err = cli(capsysbinary, command, str(path))
        assert code == 2 and message in err and err.count("\n") == 1 and out == ""


def test_other_encodings_on_request(capsysbinary, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 the the end.\n".encode("latin-1"))
    code = main(["fix", str(path), "--encoding", "latin-1", *OFF])
    assert code == 1 and capsysbinary.readouterr().out == "Café the end.\n".encode("latin-1")


@pytest.mark.parametrize("argv, message", [
    (["check", "/no/such/file"], "'/no/such/file' does not exist"),
    (["check", "/tmp"], "is a directory"),
    (["check", "-", "--encoding", "klingon"], "unknown encoding 'klingon'"),
    (["check", "-", "--detectors", "glued,nope"], "unknown detector 'nope'"),
    (["check", "-", "--ignore-words", "/no/glossary"], "ignore-words file '/no/glossary' does not exist"),
    (["fix", "-", "--in-place"], "--in-place needs a file"),
    (["check", "-", "--profile", "essay"], "unknown profile 'essay'; choose from default, learner"),
])
def test_usage_errors(capsysbinary, argv, message):
    code, _, err = cli(capsysbinary, *argv)
    assert code == 2 and message in err and err.count("\n") == 1


def test_empty_input(capsysbinary, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert cli(capsysbinary, "check", str(path))[:2] == (0, "")
    assert cli(capsysbinary, "fix", str(path))[:2] == (0, "")


def test_stdin_and_pyproject_settings(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.repair]\ndisable_detectors = ["repeat"]\n')
    run = subprocess.run([sys.executable, "-m", "repair.cli", "fix", "-", *OFF], input=SAMPLE.encode(),
                         capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert run.returncode == 1
    assert run.stdout.decode() == "He came from the Allies.\nThe the report was late.\n"


def test_profile_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.repair]\nprofile = "essay"\n')
    run = subprocess.run([sys.executable, "-m", "repair.cli", "check", "-", *OFF], input=b"x",
                         capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert run.returncode == 2
    assert run.stderr == b"repair: error: unknown profile 'essay'; choose from default, learner, mt, ocr\n"


def test_bad_pyproject_setting(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.repair]\nmin_confidense = 0.3\n')
    run = subprocess.run([sys.executable, "-m", "repair.cli", "check", "-", *OFF], input=b"x",
                         capture_output=True, cwd=tmp_path)
    assert run.returncode == 2
    assert b"[tool.repair] min_confidense: unknown setting" in run.stderr
    assert run.stderr.count(b"\n") == 1


def test_train_rejects_a_non_positive_time_budget(capsysbinary, tmp_path):
    code = main(["train", "--out", str(tmp_path / "run"), "--max-minutes", "0"])
    err = capsysbinary.readouterr().err.decode("utf-8")
    assert code == 2
    assert err.strip().splitlines() == ["repair: error: --max-minutes must be positive"]
    assert not (tmp_path / "run").exists()


def test_train_init_must_be_an_exported_model(capsysbinary, tmp_path):
    code = main(["train", "--out", str(tmp_path / "run"), "--init", str(tmp_path)])
    err = capsysbinary.readouterr().err.decode("utf-8")
    assert code == 2
    assert err.strip().splitlines() == [
        f"repair: error: --init {str(tmp_path)!r} is not an exported model (no config.json there)"]
    assert not (tmp_path / "run").exists()


def test_train_init_without_weights_is_one_line(capsysbinary, tmp_path, monkeypatch):
    pytest.importorskip("torch")
    from repair.train import loop
    from repair.train.data import Corpus

    monkeypatch.setattr(loop, "load_corpus", lambda data_dir, max_hter, texts: Corpus(clean=["A line."]))
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    code = main(["train", "--out", str(tmp_path / "run"), "--init", str(model)])
    err = capsysbinary.readouterr().err.decode("utf-8")
    assert code == 2
    assert "Traceback" not in err  # the run's progress lines come first, then one error line
    assert err.strip().splitlines()[-1] == (f"repair: error: {model} has no model.safetensors "
                                            "(only safetensors weights are loaded)")


def test_timings_say_each_stages_share_on_stderr(capsysbinary, sample):
    code, out, err = cli(capsysbinary, "check", "--timings", str(sample))
    assert code == 1 and "no space belongs" in out
    lines = err.splitlines()
    assert lines[0].startswith("time by stage: ") and "words" in lines[0]
    stages = {line.split()[0] for line in lines[1:]}
    assert {"detector:ocr", "detector:spacing", "verify", "rank"} <= stages
    shares = [float(line.split()[-1].rstrip("%")) for line in lines[1:]]
    assert shares == sorted(shares, reverse=True) and abs(sum(shares) - 100) < 1


def test_no_timings_unless_asked(capsysbinary, sample):
    assert cli(capsysbinary, "check", str(sample))[2] == ""

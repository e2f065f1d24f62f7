"""repair languagetool start|status|stop|fetch without a server: exit codes and exact lines."""

import pytest

from repair.cli import main


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAIR_CACHE", str(tmp_path))
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_JARS", raising=False)
    return tmp_path


def run(capsys, *argv):
    code = main(["languagetool", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_status_when_nothing_runs(cache, capsys):
    assert run(capsys, "status") == (
        1, f"LanguageTool server not running; jars missing from {cache / 'languagetool-6.8'}\n", "")


def test_status_json(cache, capsys):
    code, out, _ = run(capsys, "status", "--format", "json")
    assert code == 1 and '"running": false' in out and '"jars_present": false' in out


def test_stop_when_nothing_runs(cache, capsys):
    assert run(capsys, "stop") == (0, "LanguageTool server not running\n", "")


def test_start_without_jars_is_one_line_and_exit_2(cache, capsys):
    code, out, err = run(capsys, "start")
    assert (code, out) == (2, "")
    assert err.startswith("repair: error: LanguageTool jars not found in ")
    assert "make languagetool" in err and err.count("\n") == 1


def test_start_refuses_a_bad_idle_timeout(cache, capsys):
    code, _, err = run(capsys, "start", "--idle-timeout", "0")
    assert code == 2 and "idle timeout 0.0 must be a positive number of minutes" in err


def test_fetch_without_maven(cache, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(cache))
    code, _, err = run(capsys, "fetch")
    assert code == 2 and err.startswith("repair: error: Maven (mvn) not found")

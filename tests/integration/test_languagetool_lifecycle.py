"""Server lifecycle with real JVMs: none outlives its run, a killed one is restarted once,
the persistent server is found, stopped, and stops itself when idle, all on loopback only.

Each test starts its own JVM (seconds to tens of seconds each on a small machine).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from repair.document import Document
from repair.errors import GrammarError
from repair.grammar import LanguageToolProposer
from repair.grammar.daemon import find_daemon, read_state, start_daemon, stop_daemon
from processes import gone, jvms_under

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

RUN = """
import sys, time
from repair.document import Document
from repair.grammar import LanguageToolProposer

p = LanguageToolProposer()
assert p.propose(Document("He go to school."))
print(p.server.local.pid, flush=True)
if sys.argv[1] == "exit":
    sys.exit(0)  # no close(): the exit itself must stop the server
time.sleep(600)
"""


def replacements_after_restart(p: LanguageToolProposer) -> list[str]:
    """Check a sentence that needs the restarted server; on failure, show what it logged."""
    try:
        return [e.replacement for e in p.propose(Document("She have a car."))]
    except GrammarError as exc:
        log = p.server.local.log_tail() if p.server.local else ""
        pytest.fail(f"{exc}\n--- server log ---\n{log}")


@pytest.mark.parametrize("ending", ["exit", signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=["exit", "ctrl-c", "sigterm", "sighup", "sigkill"])
def test_no_jvm_outlives_its_process(isolated_cache, ending, default_signals):
    child = subprocess.Popen([sys.executable, "-c", RUN, "exit" if ending == "exit" else "wait"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                             preexec_fn=default_signals)
    try:
        line = child.stdout.readline()
        assert line.strip().isdigit(), child.stderr.read()
        jvm = int(line)
        assert psutil.pid_exists(jvm)
        if ending != "exit":
            child.send_signal(ending)
        child.wait(timeout=30)
        assert gone(jvm), f"JVM {jvm} outlived its {ending} run"
    finally:
        if child.poll() is None:
            child.kill()
    assert not jvms_under(isolated_cache)


def test_no_jvm_outlives_a_repair_command(isolated_cache, tmp_path):
    text = tmp_path / "in.txt"
    text.write_text("She have a apple.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "repair.cli", "check", "--no-model", str(text)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "[languagetool 0.70] 'have' -> 'has'" in done.stdout
    time.sleep(0.5)
    assert not jvms_under(isolated_cache)


def test_a_killed_server_is_restarted_once(isolated_cache):
    p = LanguageToolProposer()
    try:
        assert p.propose(Document("He go to school."))
        first = p.server.local.pid
        os.kill(first, signal.SIGKILL)
        assert gone(first)
        assert replacements_after_restart(p) == ["has"]
        second = p.server.local.pid
        assert second != first and p.server.restarted
        os.kill(second, signal.SIGKILL)
        assert gone(second)
        with pytest.raises(GrammarError, match="failed"):
            p.propose(Document("He go to school."))
    finally:
        p.close()
    assert not jvms_under(isolated_cache)


def test_session_server_listens_on_loopback_only(languagetool_server):
    listening = [c for c in psutil.Process(languagetool_server.pid).net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening
    assert {c.laddr.ip for c in listening} <= {"127.0.0.1", "::ffff:127.0.0.1"}


def test_persistent_server_is_found_reused_and_stopped(isolated_cache, capsys):
    from repair.cli import main

    state, started = start_daemon(idle_timeout=3600)
    try:
        assert started and state.url.startswith("http://127.0.0.1:")
        assert start_daemon()[1] is False  # a second start finds it
        p = LanguageToolProposer()
        assert (p.server.mode, p.identity) == ("daemon", "6.8")
        assert [e.replacement for e in p.propose(Document("He go to school."))] == ["goes"]
        p.close()  # a run never stops the persistent server
        assert find_daemon() == state

        assert main(["languagetool", "status"]) == 0
        assert capsys.readouterr().out.startswith(f"LanguageTool 6.8 running at {state.url} (pid {state.pid})")
    finally:
        stop_daemon()
    assert gone(state.pid) and gone(state.supervisor)
    assert read_state() is None and not jvms_under(isolated_cache)


def test_a_run_outlives_the_persistent_server(isolated_cache):
    state, _ = start_daemon(idle_timeout=3600)
    p = LanguageToolProposer()
    try:
        assert p.server.mode == "daemon"
        assert p.propose(Document("He go to school."))
        stop_daemon()
        assert gone(state.pid)
        assert replacements_after_restart(p) == ["has"]
        assert p.server.mode == "local" and p.server.restarted
    finally:
        p.close()
        stop_daemon()
    assert not jvms_under(isolated_cache)


def test_persistent_server_stops_when_idle(isolated_cache):
    state, _ = start_daemon(idle_timeout=3)
    assert gone(state.pid, within=30) and gone(state.supervisor, within=10)
    assert read_state() is None
    assert "idle for 3 s; stopping" in (isolated_cache / "languagetool-server.log").read_text()

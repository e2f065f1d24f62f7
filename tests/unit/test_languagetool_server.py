"""Server lifecycle and the proposer's plumbing, without a JVM: settings, errors, retries,
timeouts, chunk offsets. The real server is exercised in tests/integration."""

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from repair.document import Document
from repair.edits import check_offsets
from repair.errors import GrammarError
from repair.grammar import LanguageToolProposer, ServerManager
from repair.grammar import daemon, install, process


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache: no jars, no persistent server."""
    monkeypatch.setenv("REPAIR_CACHE", str(tmp_path))
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_JARS", raising=False)
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_URL", raising=False)
    return tmp_path


# --- settings and setup errors ---------------------------------------------------------------

def test_pom_pins_the_version_as_a_property():
    pom = install.POM.read_text("utf-8")
    assert install.pinned_version() == "6.8"
    assert "<artifactId>languagetool-server</artifactId>" in pom
    assert "<artifactId>language-en</artifactId>" in pom
    assert pom.count("${languagetool.version}") >= 2


def test_jar_dir_follows_the_cache_and_the_override(cache, monkeypatch):
    assert install.jar_dir() == cache / "languagetool-6.8"
    monkeypatch.setenv("REPAIR_LANGUAGETOOL_JARS", str(cache / "elsewhere"))
    assert install.jar_dir() == cache / "elsewhere"
    assert install.fetch_command()[-1] == f"-DoutputDirectory={cache / 'elsewhere'}"


def test_missing_jars_name_the_setup_command(cache):
    with pytest.raises(GrammarError) as err:
        install.find_jars()
    message = str(err.value)
    assert "languagetool-6.8" in message and "make languagetool" in message and "--no-grammar" in message
    assert "\n" not in message


def test_missing_java_is_one_clear_line(cache, monkeypatch):
    monkeypatch.delenv("REPAIR_JAVA", raising=False)
    monkeypatch.setenv("JAVA_HOME", str(cache / "no-jdk"))
    with pytest.raises(GrammarError, match=r"Java not found at .*no-jdk.*JAVA_HOME"):
        install.find_java()
    monkeypatch.delenv("JAVA_HOME")
    monkeypatch.setenv("PATH", str(cache))
    with pytest.raises(GrammarError, match=r"Java not found; LanguageTool needs Java 17\+"):
        install.find_java()


def test_manager_fails_when_built_not_halfway_through_a_batch(cache):
    with pytest.raises(GrammarError, match="make languagetool"):
        LanguageToolProposer()


@pytest.mark.parametrize("given, used", [
    ("http://lt.example:8081", "http://lt.example:8081"),
    ("http://lt.example:8081/", "http://lt.example:8081"),
    ("http://lt.example:8081/v2/", "http://lt.example:8081"),
    ("https://lt.example/lt/v2", "https://lt.example/lt"),
])
def test_given_url_is_used_as_is(cache, given, used):
    m = ServerManager(given)
    assert (m.mode, m.url()) == ("url", used)


def test_url_from_the_environment(cache, monkeypatch):
    monkeypatch.setenv("REPAIR_LANGUAGETOOL_URL", "http://127.0.0.1:9")
    assert ServerManager().url() == "http://127.0.0.1:9"


def test_url_without_scheme_is_refused(cache):
    with pytest.raises(GrammarError, match="'localhost:8081' must start with http"):
        ServerManager("localhost:8081")


def test_server_is_started_on_loopback_never_public(cache):
    server = process.LocalServer("java", cache)
    cmd = server.command(8123)
    assert "--public" not in cmd and "--allow-origin" not in cmd
    assert cmd[cmd.index("--port") + 1] == "8123"
    assert "-Xmx1g" in cmd and install.MAIN_CLASS in cmd
    assert server.url.startswith("http://127.0.0.1:")
    config = (cache / "languagetool-server.properties").read_text()
    assert "maxTextLength=" in config and "maxCheckTimeMillis=" in config


def test_extra_properties_get_a_config_file_of_their_own(cache):
    plain = process.LocalServer("java", cache).command(8123)
    other = process.LocalServer("java", cache, properties=("maxSpellingSuggestions=-1",)).command(8124)
    plain_file = plain[plain.index("--config") + 1]
    other_file = other[other.index("--config") + 1]
    assert plain_file != other_file  # a measurement's server never rewrites the pipeline's config
    assert "maxSpellingSuggestions" not in open(plain_file).read()
    text = open(other_file).read()
    assert text.endswith("maxSpellingSuggestions=-1\n") and "maxTextLength=" in text


def test_stale_state_is_not_a_running_server(cache):
    state = daemon.DaemonState("http://127.0.0.1:9", 999_999_999, 999_999_998, "6.8", "", time.time(),
                           60.0, time.time(), "")
    daemon.write_state(state)
    assert daemon.read_state() == state
    assert daemon.find_daemon() is None
    assert daemon.stop_daemon() == state  # cleans the stale file, signals nothing
    assert daemon.read_state() is None


def test_the_supervisor_entry_point_runs_and_fails_in_one_line(cache):
    """``start_daemon`` runs ``python -m repair.grammar serve``; without jars it says why in one line."""
    done = subprocess.run([sys.executable, *daemon.SUPERVISOR, "--java", sys.executable],
                          capture_output=True, text=True, env={**os.environ})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("repair: error: LanguageTool jars not found in ")
    assert done.stderr.count("\n") == 1


def test_importing_repair_starts_nothing_and_stays_light():
    code = ("import sys, repair, repair.grammar, repair.cli.languagetool_cmd; "
            "print(sorted(m for m in ('language_tool_python', 'requests', 'psutil') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the proposer's plumbing, with a fake server and client -----------------------------------

class FakeServer:
    """Stands in for ServerManager: tracks restarts."""

    explicit_url = None
    local = None  # no JVM of its own, so no exit note to add
    version = "6.8"

    def __init__(self, down_after_failure=True, can_restart=True):
        self.restarts = 0
        self.down = down_after_failure
        self.can_restart = can_restart

    def url(self):
        return f"http://127.0.0.1:{9000 + self.restarts}"

    def is_down(self):
        return self.down

    def restart(self):
        if not self.can_restart or self.restarts:
            return False
        self.restarts += 1
        return True

    def close(self):
        pass


class FakeClient:
    """Finds 'teh' like LanguageTool would, UTF-16 offsets and all; fails on demand."""

    def __init__(self, failures=0):
        self.failures = failures
        self.texts = []

    def check(self, text):
        from language_tool_python.exceptions import LanguageToolError
        from language_tool_python.match import Match

        if self.failures:
            self.failures -= 1
            raise LanguageToolError("http://127.0.0.1:9000/v2/: Connection refused")
        self.texts.append(text)
        out, i = [], text.find("teh")
        while i >= 0:
            units = len(text[:i].encode("utf-16-le")) // 2
            raw = {"message": "Possible spelling mistake found.", "replacements": [{"value": "the"}],
                   "offset": units, "length": 3, "context": {"text": "", "offset": 0, "length": 3},
                   "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling",
                            "category": {"id": "TYPOS", "name": "Possible Typo"}}}
            out.append(Match(raw, text))
            i = text.find("teh", i + 1)
        return out


def proposer_with(client, server, **kw):
    return LanguageToolProposer(server=server, client_factory=lambda url: client, **kw)


def test_long_text_is_checked_in_chunks_with_offsets_shifted():
    text = "".join(f"Paragraph {i} 😀 has teh word in it. 𝒜nd teh other.\n\n" for i in range(30))
    client = FakeClient()
    p = proposer_with(client, FakeServer(), max_chunk=200)
    edits = p.propose(Document(text))
    assert len(client.texts) > 5 and all(len(t) <= 200 for t in client.texts)
    assert len(edits) == 60
    check_offsets(text, edits)
    assert {e.original for e in edits} == {"teh"}


def test_a_dead_server_is_restarted_once():
    client, server = FakeClient(failures=1), FakeServer()
    p = proposer_with(client, server)
    assert [e.replacement for e in p.propose(Document("I saw teh dog."))] == ["the"]
    assert server.restarts == 1


def test_a_second_death_is_an_error():
    client, server = FakeClient(failures=3), FakeServer()
    p = proposer_with(client, server)
    with pytest.raises(GrammarError, match="failed: .*Connection refused"):
        p.propose(Document("I saw teh dog."))
    assert server.restarts == 1


def test_a_server_that_is_up_but_failing_is_not_restarted():
    client, server = FakeClient(failures=1), FakeServer(down_after_failure=False)
    with pytest.raises(GrammarError):
        proposer_with(client, server).propose(Document("I saw teh dog."))
    assert server.restarts == 0


def test_blank_text_sends_nothing():
    client = FakeClient()
    assert proposer_with(client, FakeServer()).propose(Document("  \n\n ")) == []
    assert client.texts == []


class _SlowChecks(BaseHTTPRequestHandler):
    """Answers like LanguageTool, except that a check never comes back in time."""

    def do_GET(self):
        body = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        time.sleep(3)

    def log_message(self, *args):
        pass


def test_requests_time_out(cache):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _SlowChecks)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        p = LanguageToolProposer(url=url, timeout=0.5)
        began = time.monotonic()
        with pytest.raises(GrammarError, match=r"did not answer within 0.5 s"):
            p.propose(Document("I saw teh dog."))
        assert time.monotonic() - began < 2.5  # two tries of 0.5 s, not the client's default 300 s
    finally:
        httpd.shutdown()


def test_unreachable_url_is_one_line(cache):
    port = process.free_port()
    p = LanguageToolProposer(url=f"http://127.0.0.1:{port}")
    with pytest.raises(GrammarError) as err:
        p.propose(Document("I saw teh dog."))
    assert f"127.0.0.1:{port}" in str(err.value) and "\n" not in str(err.value)


def test_signal_cleanup_leaves_application_handlers_alone(default_signals):
    code = (
        "import signal\n"
        "mine = lambda *a: None\n"
        "signal.signal(signal.SIGTERM, mine)\n"
        "from repair.grammar import process\n"
        "process.install_cleanup()\n"
        "assert signal.getsignal(signal.SIGTERM) is mine\n"
        "assert signal.getsignal(signal.SIGHUP) is process.signal_handler\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ}, preexec_fn=default_signals)


@pytest.mark.parametrize("log_tail, expected", [
    ("Exception in thread \"main\" java.lang.UnsupportedClassVersionError: org/languagetool/server/HTTPServer "
     "has been compiled by a more recent version", "needs Java 17+ but '/old/java' is older"),
    ("Error: Could not find or load main class org.languagetool.server.HTTPServer\n"
     "Caused by: java.lang.ClassNotFoundException: org.languagetool.server.HTTPServer", "are incomplete"),
    ("something odd\nlast words\n", "exited with code 1 while starting: 'last words'"),
])
def test_a_failed_start_is_explained(cache, log_tail, expected):
    assert expected in install.diagnose_start(log_tail, "/old/java", 1)


def test_a_dead_local_server_says_why_in_the_error(tmp_path):
    log = tmp_path / "languagetool.log"
    log.write_text("starting\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n", "utf-8")
    local = process.LocalServer("java", tmp_path, log_path=log)
    local.process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    local.process.wait()
    server = FakeServer(can_restart=False)
    server.local = local
    p = proposer_with(FakeClient(failures=1), server)
    with pytest.raises(GrammarError, match=r"the server died: exit code 3, .*OutOfMemoryError"):
        p.propose(Document("teh cat"))


FAKE_JVM = '''#!{python}
"""Answers LanguageTool's health check; the first of its kind dies on its first check."""
import http.server, json, os, sys
port = int(sys.argv[sys.argv.index("--port") + 1])
first = not os.path.exists({marker!r})
open({marker!r}, "a").close()

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"OK")
    def do_POST(self):
        if first:
            print("Terminating due to java.lang.OutOfMemoryError: Java heap space", flush=True)
            os._exit(3)
        body = json.dumps({{"software": {{"version": "6.8"}}, "matches": []}}).encode()
        self.send_response(200); self.end_headers(); self.wfile.write(body)

http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
'''


def fake_java(directory, first_dies=True):
    """A stand-in for ``java`` that serves LanguageTool's HTTP API on the port it is given."""
    marker = directory / "started-once"
    if not first_dies:
        marker.touch()
    java = directory / "fake-java"
    java.write_text(FAKE_JVM.format(python=sys.executable, marker=str(marker)), "utf-8")
    java.chmod(0o755)
    return java


def test_a_server_that_dies_in_its_warm_up_is_started_again(cache, caplog):
    java = fake_java(cache)
    server = process.LocalServer(str(java), cache, startup_timeout=30)
    try:
        server.start()
        assert server.alive() and process.healthy(server.url)
    finally:
        server.stop()
    assert "stopped answering during its first check: exit code 3" in caplog.text
    assert "OutOfMemoryError" in caplog.text


def test_close_stops_the_runs_own_server_and_is_safe_twice(cache, monkeypatch):
    java = fake_java(cache, first_dies=False)
    jars = cache / "jars"
    jars.mkdir()
    for name in ("languagetool-server", "language-en", "languagetool-core"):
        (jars / f"{name}-6.8.jar").touch()
    monkeypatch.setenv("REPAIR_JAVA", str(java))
    monkeypatch.setenv("REPAIR_LANGUAGETOOL_JARS", str(jars))
    manager = ServerManager(use_daemon=False, startup_timeout=30)
    p = LanguageToolProposer(server=manager, client_factory=lambda url: FakeClient())
    try:
        assert [e.replacement for e in p.propose(Document("I saw teh dog."))] == ["the"]
        local = manager.local
        assert manager.mode == "local" and local is not None and local.alive()
        url = local.url
        assert process.healthy(url)
        p.close()
        assert manager.local is None and not local.alive() and not process.healthy(url, timeout=0.5)
        p.close()  # nothing left to stop; no error
        assert manager.local is None
    finally:
        manager.close()


def test_repairs_own_rules_come_first_on_the_class_path(cache):
    from xml.etree import ElementTree

    from repair.grammar.confidence import RULE_CONFIDENCE
    from repair.grammar.context import FUSED_CLAUSES_RULE

    cmd = process.LocalServer("java", cache).command(8123)
    first, jars = cmd[cmd.index("-cp") + 1].split(os.pathsep)
    assert Path(first) == install.RULES_DIR and jars == str(cache / "*")
    ids = {r.get("id") for r in ElementTree.parse(install.RULES_FILE).iter("rule")}
    assert FUSED_CLAUSES_RULE in ids and ids == {r for r in RULE_CONFIDENCE if r.startswith("REPAIR_")}
    assert len(install.rules_signature()) == 8


def test_a_persistent_server_with_other_rules_is_not_used(cache, monkeypatch):
    monkeypatch.setattr(daemon, "healthy", lambda url, timeout: True)
    mine = os.getpid()
    old = daemon.DaemonState("http://127.0.0.1:9", mine, mine, "6.8", "", time.time(), 60.0, time.time(), "")
    daemon.write_state(old)
    assert daemon.find_daemon() is None  # started by a version without these rules
    current = daemon.DaemonState(**{**asdict(old), "rules": daemon.rules_signature()})
    daemon.write_state(current)
    assert daemon.find_daemon() == current


def test_status_names_a_persistent_server_with_other_rules(cache, monkeypatch, capsys):
    from repair.cli import main

    monkeypatch.setattr(daemon, "healthy", lambda url, timeout: True)
    mine = os.getpid()
    daemon.write_state(daemon.DaemonState("http://127.0.0.1:9", mine, mine, "6.8", "", time.time(), 60.0,
                                          time.time(), ""))
    assert main(["languagetool", "status"]) == 1
    out = capsys.readouterr().out
    assert "started with other rules" in out and "repair languagetool start" in out

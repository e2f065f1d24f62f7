"""The persistent LanguageTool server (``repair languagetool start``) and its state file.

A supervisor process (``python -m repair.grammar serve``, see ``__main__.py``) runs one JVM, copies its
output to a log, notes when a check was served, and stops it after an idle timeout. It
leaves :class:`DaemonState` in the cache directory, where later runs find the server.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import GrammarError
from ..pids import pid_alive
from .install import MAIN_CLASS, cache_dir, find_jars, find_java, pinned_version, rules_signature
from .process import DEFAULT_HEAP, DEFAULT_STARTUP_TIMEOUT, LocalServer, healthy

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT = 30 * 60
STATE_NAME = "languagetool-server.json"
# How the supervisor is run, and how it shows on its command line: a pid whose command line
# shows none of these is not ours to signal (``repair.grammar.server`` ran it before).
SUPERVISOR = ("-m", "repair.grammar", "serve")
_OURS = ("\0".join(SUPERVISOR), "repair.grammar.server", MAIN_CLASS)


@dataclass(frozen=True)
class DaemonState:
    """What ``repair languagetool start`` leaves in the cache so later runs find the server."""

    url: str
    pid: int  # the JVM
    supervisor: int  # the Python process that watches it and enforces the idle timeout
    version: str
    jars: str
    started: float
    idle_timeout: float
    last_check: float
    log: str
    rules: str = ""  # install.rules_signature() of the rules it loaded ("": a server older than them)

    @property
    def idle_seconds(self) -> float:
        return max(0.0, time.time() - self.last_check)


def state_path() -> Path:
    return cache_dir() / STATE_NAME


def read_state() -> DaemonState | None:
    try:
        data = json.loads(state_path().read_text("utf-8"))
        return DaemonState(**data)
    except (OSError, ValueError, TypeError):
        return None


def write_state(state: DaemonState) -> None:
    path = state_path()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(state), indent=2), "utf-8")
    os.replace(tmp, path)


def _remove_state(supervisor: int) -> None:
    current = read_state()
    if current is None or current.supervisor == supervisor:
        with contextlib.suppress(FileNotFoundError):
            state_path().unlink()


def running_daemon() -> DaemonState | None:
    """The persistent server, if its state file exists and it answers, whatever its rules."""
    state = read_state()
    if state is None or not pid_alive(state.pid) or not healthy(state.url, timeout=2.0):
        return None
    return state


def find_daemon() -> DaemonState | None:
    """The persistent server this version may use: running, and with this version's rules
    (one started by an older version is left alone)."""
    state = running_daemon()
    if state is None:
        return None
    if state.rules != rules_signature():
        log.info("the persistent LanguageTool server runs other rules than this version's; not using it")
        return None
    return state


def start_daemon(idle_timeout: float = DEFAULT_IDLE_TIMEOUT, heap: str = DEFAULT_HEAP,
                 wait: float = DEFAULT_STARTUP_TIMEOUT) -> tuple[DaemonState, bool]:
    """Start the persistent server unless one runs; returns (state, started_now)."""
    running = find_daemon()
    if running:
        return running, False
    stop_daemon()  # one started by an older version, with other rules
    java, jars = find_java(), find_jars()  # fail here, in the user's terminal, not in the background
    log_path = cache_dir() / "languagetool-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as err:
        sup = subprocess.Popen(
            [sys.executable, *SUPERVISOR,
             "--idle-timeout", str(idle_timeout), "--heap", heap, "--java", java, "--jars", str(jars)],
            stdin=subprocess.DEVNULL, stdout=err, stderr=err, start_new_session=True,
        )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        state = read_state()
        if state and state.supervisor == sup.pid and healthy(state.url, timeout=1.0):
            return state, True
        code = sup.poll()
        if code is not None:
            other = find_daemon()  # lost a race with another `start`: use the winner
            if other:
                return other, False
            raise GrammarError(f"the LanguageTool server did not start (exit {code}); see {str(log_path)!r}")
        time.sleep(0.2)
    sup.terminate()
    raise GrammarError(f"the LanguageTool server did not answer within {wait:.0f} s; see {str(log_path)!r}")


def stop_daemon(timeout: float = 15.0) -> DaemonState | None:
    """Stop the persistent server; returns its state, or None when none ran."""
    state = read_state()
    if state is None:
        return None
    for pid in (state.supervisor, state.pid):
        if pid_alive(pid) and _is_ours(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(pid_alive(p) and _is_ours(p) for p in (state.supervisor, state.pid)):
        time.sleep(0.1)
    for pid in (state.pid, state.supervisor):
        if pid_alive(pid) and _is_ours(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(FileNotFoundError):
        state_path().unlink()
    return state


def _is_ours(pid: int) -> bool:
    """Guard against a recycled pid: only signal our supervisor or a LanguageTool JVM."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().decode("utf-8", "replace")
    except OSError:
        return sys.platform != "linux"  # no /proc: trust the state file
    if "\0" in cmd and any(mark in cmd for mark in _OURS):
        return True
    return False


def serve(idle_timeout: float, heap: str, java: str, jars: Path) -> int:
    """The supervisor: run one JVM, log its output, stop it after ``idle_timeout`` without checks."""
    import fcntl

    cache_dir().mkdir(parents=True, exist_ok=True)
    lock = open(cache_dir() / "languagetool-server.lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print("another LanguageTool server is starting", file=sys.stderr)
        return 1
    server = LocalServer(java, jars, heap=heap, jvm_options=())
    server.log_path = cache_dir() / "languagetool-server.log"
    last = {"check": time.time()}
    stopping = threading.Event()

    def on_term(signum, frame) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)

    read_fd, write_fd = os.pipe()
    pump = threading.Thread(target=_pump, args=(read_fd, server.log_path, last), daemon=True)
    pump.start()
    try:
        server.start(output=write_fd)
    finally:
        os.close(write_fd)
    last["check"] = time.time()
    state = DaemonState(server.url, server.pid or 0, os.getpid(), pinned_version(), str(jars),
                        time.time(), idle_timeout, last["check"], str(server.log_path), rules_signature())
    write_state(state)
    try:
        while not stopping.wait(min(5.0, max(0.5, idle_timeout / 10))):
            if not server.alive():
                print("LanguageTool server died; stopping", file=sys.stderr)
                break
            if time.time() - last["check"] > idle_timeout:
                print(f"idle for {idle_timeout:.0f} s; stopping", file=sys.stderr)
                break
            if last["check"] != state.last_check:
                state = DaemonState(**{**asdict(state), "last_check": last["check"]})
                write_state(state)
    finally:
        server.stop()
        _remove_state(os.getpid())
    return 0


def _pump(fd: int, path: Path, last: dict) -> None:
    """Copy the JVM's output to the log (kept under 5 MB) and note when a check was served."""
    out = open(path, "ab")
    with os.fdopen(fd, "rb") as src:
        for line in src:
            if b"/v2/check" in line or b"Check done" in line:
                last["check"] = time.time()
            out.write(line)
            out.flush()
            if out.tell() > 5_000_000:
                out.close()
                os.replace(path, path.with_suffix(".log.1"))
                out = open(path, "ab")
    out.close()

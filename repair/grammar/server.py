"""The LanguageTool server's lifecycle: find Java and the jars, start, wait, stop, restart.

Three ways to reach a server, tried in this order by :class:`ServerManager`:

1. a URL the user gave (``--languagetool URL`` or ``REPAIR_LANGUAGETOOL_URL``), used as is;
2. the persistent local server (``repair languagetool start``), found through its state
   file in the cache directory;
3. a JVM of our own, started on 127.0.0.1 and a free port, stopped when the run ends
   (normal exit, Ctrl-C, SIGTERM/SIGHUP, or the death of this process on Linux).

Nothing here imports ``language_tool_python``; the HTTP checks are plain ``urllib``.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Callable

from ..errors import GrammarError
from ..paths import cache_dir as _repair_cache_dir

log = logging.getLogger(__name__)

POM = Path(__file__).with_name("pom.xml")
MAIN_CLASS = "org.languagetool.server.HTTPServer"
HOST = "127.0.0.1"
JAVA_NEEDED = 17  # LanguageTool 6.8's classes are compiled for Java 17 (class file 61)
DEFAULT_HEAP = "1g"
# C1 only: on a small, busy machine it halves the first check (rule loading) and keeps
# short runs fast; the long-lived persistent server leaves the JIT at its default.
RUN_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1",)
DEFAULT_STARTUP_TIMEOUT = 120.0  # a cold start on a busy 2-core machine can take 30 s
DEFAULT_IDLE_TIMEOUT = 30 * 60
SETUP_COMMAND = "make languagetool"
STATE_NAME = "languagetool-server.json"


def pinned_version() -> str:
    """The LanguageTool version the pom pins (its ``languagetool.version`` property)."""
    m = re.search(r"<languagetool\.version>\s*([^<\s]+)\s*</languagetool\.version>", POM.read_text("utf-8"))
    if not m:
        raise GrammarError(f"no <languagetool.version> property in {str(POM)!r}")
    return m.group(1)


def cache_dir() -> Path:
    return _repair_cache_dir().expanduser()


def jar_dir() -> Path:
    """Where the jars live: ``REPAIR_LANGUAGETOOL_JARS`` or ``<cache>/languagetool-<version>``."""
    env = os.environ.get("REPAIR_LANGUAGETOOL_JARS")
    if env:
        return Path(env).expanduser()
    return cache_dir() / f"languagetool-{pinned_version()}"


def fetch_command(dest: Path | None = None) -> list[str]:
    """The Maven command that copies the pinned jars into ``dest`` (default: :func:`jar_dir`)."""
    return ["mvn", "-q", "-f", str(POM), "dependency:copy-dependencies",
            f"-DoutputDirectory={dest or jar_dir()}"]


def setup_hint() -> str:
    return (f"fetch them once with `{SETUP_COMMAND}` or `repair languagetool fetch` "
            f"(Maven, Java {JAVA_NEEDED}+), or run with --no-grammar")


def find_jars(directory: Path | None = None) -> Path:
    """The jar directory, checked to hold the server and the English rules."""
    d = directory or jar_dir()
    missing = [name for name in ("languagetool-server", "language-en", "languagetool-core")
               if not any(d.glob(f"{name}-*.jar"))]
    if missing:
        raise GrammarError(f"LanguageTool jars not found in {str(d)!r} (no {missing[0]}-*.jar); {setup_hint()}")
    return d


def find_java() -> str:
    """``$REPAIR_JAVA``, then ``$JAVA_HOME/bin/java``, then ``java`` on the PATH."""
    for candidate in (os.environ.get("REPAIR_JAVA"),
                      os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else None):
        if candidate:
            if os.access(candidate, os.X_OK):
                return candidate
            raise GrammarError(f"Java not found at {candidate!r}; LanguageTool needs Java {JAVA_NEEDED}+ "
                               f"(fix JAVA_HOME or REPAIR_JAVA), or run with --no-grammar")
    found = shutil.which("java")
    if not found:
        raise GrammarError(f"Java not found; LanguageTool needs Java {JAVA_NEEDED}+ on the PATH or in JAVA_HOME, "
                           f"and its jars ({setup_hint()})")
    return found


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _urlopen(url: str, data: bytes | None = None, timeout: float = 10.0):
    """Open ``url``; never through an HTTP proxy when the server is on this machine."""
    if is_loopback(url):
        return _NO_PROXY.open(url, data=data, timeout=timeout)
    return urllib.request.urlopen(url, data=data, timeout=timeout)


def healthy(url: str, timeout: float = 2.0) -> bool:
    """True when the server at ``url`` answers its health check."""
    try:
        with _urlopen(url.rstrip("/") + "/v2/healthcheck", timeout=timeout) as r:
            return r.status == 200
    except (OSError, ValueError):
        return False


def server_version(url: str, timeout: float = 10.0) -> str:
    """The version a running server reports (``software.version`` of an empty check)."""
    data = urllib.parse.urlencode({"language": "en-US", "text": ""}).encode()
    try:
        with _urlopen(url.rstrip("/") + "/v2/check", data=data, timeout=timeout) as r:
            return str(json.load(r)["software"]["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GrammarError(f"LanguageTool at {url!r} did not say its version: {exc}") from exc


# --- cleanup: no JVM outlives the process that started it ---------------------------------

_RUNNING: set["LocalServer"] = set()
_CLEANUP_INSTALLED = False
_LOCK = threading.Lock()


def stop_all() -> None:
    """Stop every server this process started and still runs (atexit and signals call it)."""
    for server in list(_RUNNING):
        server.stop()


def _on_signal(signum, frame) -> None:  # pragma: no cover - exercised through a subprocess in the tests
    stop_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_cleanup() -> None:
    global _CLEANUP_INSTALLED
    with _LOCK:
        if _CLEANUP_INSTALLED:
            return
        _CLEANUP_INSTALLED = True
    atexit.register(stop_all)
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            # Leave handlers the application installed alone.
            if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, _on_signal)


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the parent dies, even by SIGKILL (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort; atexit still covers normal exits
        pass


def _preexec() -> Callable[[], None] | None:
    # PR_SET_PDEATHSIG fires when the *thread* that forked exits, so only tie the JVM
    # to the main thread; servers started from worker threads rely on atexit.
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread():
        return _die_with_parent
    return None


# --- one JVM -------------------------------------------------------------------------------

def _server_config(timeout_s: float) -> Path:
    """The HTTPServer property file: text limit, per-check time limit, sentence cache."""
    path = cache_dir() / "languagetool-server.properties"
    body = (
        "# written by repair; see `java ... HTTPServer --help` for the keys\n"
        "maxTextLength=100000\n"
        f"maxCheckTimeMillis={int(max(60.0, 2 * timeout_s) * 1000)}\n"
        "cacheSize=2000\n"
        "pipelineCaching=true\n"
        "maxPipelinePoolSize=50\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text("utf-8") != body:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(body, "utf-8")
        os.replace(tmp, path)
    return path


def _diagnose(log_tail: str, java: str, code: int | None) -> str:
    if "UnsupportedClassVersionError" in log_tail:
        return (f"LanguageTool {pinned_version()} needs Java {JAVA_NEEDED}+ but {java!r} is older; "
                f"point JAVA_HOME or REPAIR_JAVA at a newer JDK")
    if "ClassNotFoundException" in log_tail or "NoClassDefFoundError" in log_tail:
        return f"LanguageTool jars in {str(jar_dir())!r} are incomplete; {setup_hint()}"
    last = next((line for line in reversed(log_tail.strip().splitlines()) if line.strip()), "")
    return f"LanguageTool server exited with code {code} while starting: {last[:200]!r}"


@dataclass(eq=False)
class LocalServer:
    """One LanguageTool JVM on 127.0.0.1 (never ``--public``), owned by this process."""

    java: str
    jars: Path
    heap: str = DEFAULT_HEAP
    startup_timeout: float = DEFAULT_STARTUP_TIMEOUT
    check_timeout: float = 30.0
    log_path: Path | None = None
    jvm_options: tuple[str, ...] = RUN_JVM_OPTIONS
    warm_up: bool = True

    def __post_init__(self) -> None:
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        self.start_seconds: float | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def command(self, port: int) -> list[str]:
        return [
            self.java, f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", *self.jvm_options,
            "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-cp", str(self.jars / "*"), MAIN_CLASS,
            "--config", str(_server_config(self.check_timeout)), "--port", str(port),
        ]

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def exit_note(self) -> str:
        """Why a dead server died, for error messages: its exit code and the log's last line."""
        code = self.process.poll() if self.process else None
        last = next((line for line in reversed(self.log_tail(2000).splitlines()) if line.strip()), "")
        return f"exit code {code}, log {str(self.log_path)!r}" + (f": {last.strip()[:200]}" if last else "")

    def start(self, output: int | IO | None = None) -> "LocalServer":
        """Start the JVM and wait until it answers; retry on another port if one was taken."""
        _install_cleanup()
        began = time.monotonic()
        for attempt in range(3):
            self.port = free_port()
            log_file, offset = self._open_log() if output is None else (None, 0)
            try:
                self.process = subprocess.Popen(
                    self.command(self.port),
                    stdin=subprocess.DEVNULL,
                    stdout=output if output is not None else log_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # Ctrl-C in the terminal reaches us, and we stop it
                    preexec_fn=_preexec(),
                )
            except OSError as exc:
                raise GrammarError(f"cannot run Java {self.java!r}: {exc}") from exc
            finally:
                if log_file:
                    log_file.close()
            _RUNNING.add(self)
            try:
                self._wait_ready(began + self.startup_timeout)
            except _PortTaken:
                self.stop()
                continue
            except BaseException:
                self.stop()
                raise
            if self.warm_up and not self._warm_up(began + self.startup_timeout) and not self._survived():
                # It answered, then died (or hung) loading the rules: say why and try again.
                log.warning("LanguageTool stopped answering during its first check: %s", self.exit_note())
                self.stop()
                continue
            self.start_seconds = time.monotonic() - began
            log.info("LanguageTool started at %s (pid %s) in %.1f s", self.url, self.pid, self.start_seconds)
            return self
        raise GrammarError("LanguageTool could not start on 127.0.0.1 after 3 tries "
                           f"(log: {str(self.log_path)!r})")

    def _open_log(self) -> tuple[IO, int]:
        path = self.log_path or cache_dir() / "languagetool.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if path.stat().st_size > 10_000_000:
                os.replace(path, path.with_suffix(".log.1"))
        self.log_path = path
        f = open(path, "ab")
        return f, f.tell()

    def log_tail(self, chars: int = 4000) -> str:
        if not self.log_path or not self.log_path.is_file():
            return ""
        with open(self.log_path, "rb") as f:
            f.seek(max(0, f.seek(0, 2) - chars))
            return f.read().decode("utf-8", "replace")

    def _wait_ready(self, deadline: float) -> None:
        assert self.process is not None
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                tail = self.log_tail()
                if "Address already in use" in tail or "BindException" in tail:
                    raise _PortTaken()
                raise GrammarError(_diagnose(tail, self.java, code))
            if healthy(self.url, timeout=1.0):
                return
            time.sleep(0.1)
        raise GrammarError(f"LanguageTool did not answer on {self.url} within {self.startup_timeout:.0f} s "
                           f"(log: {str(self.log_path)!r})")

    def _warm_up(self, deadline: float) -> bool:
        """Check one sentence: the first check loads the English rules (seconds to tens of
        seconds), which must not eat into the first real request's timeout."""
        data = urllib.parse.urlencode({"language": "en-US", "text": "This is a test."}).encode()
        try:
            with _urlopen(self.url + "/v2/check", data=data, timeout=max(5.0, deadline - time.monotonic())) as r:
                r.read()
            return True
        except OSError as exc:
            log.warning("LanguageTool warm-up check failed: %s", exc)
            return False

    def _survived(self, grace: float = 3.0) -> bool:
        """After a failed warm-up: still serving, or dying? A JVM on its way out can still
        look alive for a moment, so give it time to exit before trusting it."""
        assert self.process is not None
        try:
            self.process.wait(grace)
            return False
        except subprocess.TimeoutExpired:
            return healthy(self.url, timeout=2.0)

    def stop(self, timeout: float = 5.0) -> None:
        """Terminate the JVM (then kill it); safe to call twice."""
        _RUNNING.discard(self)
        p, self.process = self.process, None
        if p is None or p.poll() is not None:
            return
        p.terminate()
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout)


class _PortTaken(Exception):
    pass


# --- the persistent server -------------------------------------------------------------------

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


def _write_state(state: DaemonState) -> None:
    path = state_path()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(state), indent=2), "utf-8")
    os.replace(tmp, path)


def _remove_state(supervisor: int) -> None:
    current = read_state()
    if current is None or current.supervisor == supervisor:
        with contextlib.suppress(FileNotFoundError):
            state_path().unlink()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_daemon() -> DaemonState | None:
    """The persistent server, if its state file exists and it answers."""
    state = read_state()
    if state is None or not _pid_alive(state.pid) or not healthy(state.url, timeout=2.0):
        return None
    return state


def start_daemon(idle_timeout: float = DEFAULT_IDLE_TIMEOUT, heap: str = DEFAULT_HEAP,
                 wait: float = DEFAULT_STARTUP_TIMEOUT) -> tuple[DaemonState, bool]:
    """Start the persistent server unless one runs; returns (state, started_now)."""
    running = find_daemon()
    if running:
        return running, False
    java, jars = find_java(), find_jars()  # fail here, in the user's terminal, not in the background
    log_path = cache_dir() / "languagetool-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as err:
        sup = subprocess.Popen(
            [sys.executable, "-m", "repair.grammar.server", "serve",
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
        if _pid_alive(pid) and _is_ours(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_pid_alive(p) and _is_ours(p) for p in (state.supervisor, state.pid)):
        time.sleep(0.1)
    for pid in (state.pid, state.supervisor):
        if _pid_alive(pid) and _is_ours(pid):
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
    if "\0" in cmd and ("repair.grammar.server" in cmd or MAIN_CLASS in cmd):
        return True
    return False


def process_rss(pid: int) -> int | None:
    """Resident memory of a process in bytes (None when it cannot be read)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except Exception:  # noqa: BLE001 - psutil absent or process gone
        return None


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
                        time.time(), idle_timeout, last["check"], str(server.log_path))
    _write_state(state)
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
                _write_state(state)
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


# --- what a run uses ----------------------------------------------------------------------------

class ServerManager:
    """The one server a run (or a whole batch) talks to, and the one restart it may do."""

    def __init__(self, url: str | None = None, *, heap: str = DEFAULT_HEAP,
                 startup_timeout: float = DEFAULT_STARTUP_TIMEOUT, check_timeout: float = 30.0,
                 use_daemon: bool = True):
        url = url or os.environ.get("REPAIR_LANGUAGETOOL_URL") or None
        self.explicit_url = re.sub(r"/v2/?$", "", url.rstrip("/")) if url else None
        self.heap, self.startup_timeout, self.check_timeout = heap, startup_timeout, check_timeout
        self.local: LocalServer | None = None
        self.daemon: DaemonState | None = None
        self.restarted = False
        self._version: str | None = None
        if self.explicit_url:
            if not re.match(r"^https?://", self.explicit_url):
                raise GrammarError(f"LanguageTool URL {url!r} must start with http:// or https://")
            return
        self.daemon = find_daemon() if use_daemon else None
        if self.daemon is None:
            # Fail now, while the pipeline is built, not halfway through a batch.
            self.java, self.jars = find_java(), find_jars()

    @property
    def mode(self) -> str:
        return "url" if self.explicit_url else "daemon" if self.daemon else "local"

    def url(self) -> str:
        """The base URL, starting our own server on first use when needed."""
        if self.explicit_url:
            return self.explicit_url
        if self.daemon:
            return self.daemon.url
        if self.local is None:
            self._start_local()  # first use; a server that died later is only restarted by restart()
        assert self.local is not None
        return self.local.url

    def _start_local(self) -> None:
        if not hasattr(self, "java"):
            self.java, self.jars = find_java(), find_jars()
        self.local = LocalServer(self.java, self.jars, heap=self.heap,
                                 startup_timeout=self.startup_timeout, check_timeout=self.check_timeout)
        self.local.start()

    def is_down(self) -> bool:
        if self.local is not None and self.daemon is None and not self.explicit_url and not self.local.alive():
            return True
        # A JVM that has closed its port can take a moment to exit: ask whichever server it is.
        return not healthy(self.url(), timeout=5.0)

    def restart(self) -> bool:
        """Bring up a fresh server once per run; False when not ours to restart or already done."""
        if self.explicit_url or self.restarted:
            return False
        self.restarted = True
        log.warning("LanguageTool server stopped answering; restarting it once")
        if self.local is not None:
            self.local.stop()
            self.local = None
        self.daemon = None  # the persistent server is gone: carry on with our own
        self._start_local()
        return True

    @property
    def version(self) -> str:
        if self._version is None:
            if self.daemon:
                self._version = self.daemon.version
            elif self.explicit_url:
                self._version = server_version(self.explicit_url)
            else:
                self._version = pinned_version()
        return self._version

    def close(self) -> None:
        if self.local is not None:
            self.local.stop()
            self.local = None


def _main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m repair.grammar.server")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="run the persistent server in the foreground")
    s.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_TIMEOUT)
    s.add_argument("--heap", default=DEFAULT_HEAP)
    s.add_argument("--java")
    s.add_argument("--jars")
    args = p.parse_args(argv)
    try:
        return serve(args.idle_timeout, args.heap, args.java or find_java(),
                     Path(args.jars) if args.jars else find_jars())
    except GrammarError as exc:
        print(f"repair: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(_main())

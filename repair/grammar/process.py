"""One LanguageTool JVM owned by this process: start it on 127.0.0.1 and a free port, wait
until it answers, stop it; and the cleanup that keeps any such JVM from outliving its run
(normal exit, Ctrl-C, SIGTERM/SIGHUP, or the death of this process on Linux).

The HTTP probes (:func:`healthy`, :func:`server_version`) are plain ``urllib``; nothing here
imports ``language_tool_python``.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable

from ..errors import GrammarError
from .install import MAIN_CLASS, cache_dir, class_path, diagnose_start
from .speller import SERVER_PROPERTY, ensure_vocabulary

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_HEAP = "1g"
# C1 only: on a small, busy machine it halves the first check (rule loading) and keeps
# short runs fast; the long-lived persistent server leaves the JIT at its default.
RUN_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1",)
DEFAULT_STARTUP_TIMEOUT = 120.0  # a cold start on a busy 2-core machine can take 30 s


# --- ports and HTTP probes --------------------------------------------------------------------

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


def process_rss(pid: int) -> int | None:
    """Resident memory of a process in bytes (None when it cannot be read)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except Exception:  # noqa: BLE001 - psutil absent or process gone
        return None


# --- cleanup: no JVM outlives the process that started it ---------------------------------

_RUNNING: set["LocalServer"] = set()
_CLEANUP_INSTALLED = False
_LOCK = threading.Lock()


def stop_all() -> None:
    """Stop every server this process started and still runs (atexit and signals call it)."""
    for server in list(_RUNNING):
        server.stop()


def signal_handler(signum, frame) -> None:  # pragma: no cover - exercised through a subprocess in the tests
    stop_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def install_cleanup() -> None:
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
                signal.signal(sig, signal_handler)


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

def _server_config(timeout_s: float, extra: tuple[str, ...] = ()) -> Path:
    """The HTTPServer property file: text limit, per-check time limit, sentence cache, and
    ``extra`` "key=value" lines (measurements use them: ``maxSpellingSuggestions=-1``), which
    get a file of their own so that servers of both kinds can run at once."""
    name = "languagetool-server" + (f"-{zlib.crc32(repr(extra).encode()):08x}" if extra else "")
    path = cache_dir() / f"{name}.properties"
    body = (
        "# written by repair; see `java ... HTTPServer --help` for the keys\n"
        "maxTextLength=100000\n"
        f"maxCheckTimeMillis={int(max(60.0, 2 * timeout_s) * 1000)}\n"
        "cacheSize=2000\n"
        "pipelineCaching=true\n"
        "maxPipelinePoolSize=50\n"
    ) + "".join(f"{line}\n" for line in extra)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text("utf-8") != body:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(body, "utf-8")
        os.replace(tmp, path)
    return path


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
    properties: tuple[str, ...] = ()  # extra server properties ("key=value")
    # LanguageTool finds the misspelt words and repair searches their respellings
    # (repair.grammar.speller), when the dictionary's words could be printed
    own_suggestions: bool = True

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
        own = self.own_suggestions and ensure_vocabulary(self.java, self.jars) is not None
        properties = ((SERVER_PROPERTY,) if own else ()) + self.properties
        # The parallel collector: the speller's suggestion search allocates a lot, and on a
        # 2-core machine batch jobs ran 9-27% faster with it than with the serial one (three
        # paired runs, docs/batch.md), for about 200 MiB more resident memory.
        return [
            self.java, f"-Xmx{self.heap}", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError", *self.jvm_options,
            "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-cp", class_path(self.jars), MAIN_CLASS,
            "--config", str(_server_config(self.check_timeout, properties)), "--port", str(port),
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
        install_cleanup()
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
                raise GrammarError(diagnose_start(tail, self.java, code))
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


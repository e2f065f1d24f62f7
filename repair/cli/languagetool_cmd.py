"""repair languagetool start|status|stop|fetch: the persistent local LanguageTool server."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time

from ..errors import GrammarError
from ..grammar.daemon import DEFAULT_IDLE_TIMEOUT, find_daemon, read_state, running_daemon, start_daemon, stop_daemon
from ..grammar.install import POM, fetch_command, find_jars, jar_dir, pinned_version
from ..grammar.process import DEFAULT_HEAP, process_rss

EXIT_RUNNING, EXIT_NOT_RUNNING = 0, 1


def register(sub) -> None:
    p = sub.add_parser(
        "languagetool",
        help="manage the persistent local LanguageTool server that later runs reuse",
        description="Start, inspect or stop the LanguageTool server that repair runs find and reuse "
                    "(127.0.0.1 only), or fetch its pinned jars from Maven Central.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    start = actions.add_parser("start", help="start the server (if none runs) and return")
    start.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_TIMEOUT / 60, metavar="MINUTES",
                       help="stop after this many minutes without a check (default: %(default)g)")
    start.add_argument("--heap", default=DEFAULT_HEAP, help="JVM maximum heap (default: %(default)s)")
    start.set_defaults(handler=run_start)

    status = actions.add_parser("status", help="say whether it runs; exit 0 if it does, 1 if not")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(handler=run_status)

    stop = actions.add_parser("stop", help="stop it")
    stop.set_defaults(handler=run_stop)

    fetch = actions.add_parser("fetch", help="copy the pinned LanguageTool jars from Maven Central (needs mvn)")
    fetch.add_argument("--dest", metavar="DIR", help="jar directory (default: REPAIR_LANGUAGETOOL_JARS "
                                                     "or <cache>/languagetool-<version>)")
    fetch.set_defaults(handler=run_fetch)


def run_start(args: argparse.Namespace) -> int:
    if args.idle_timeout <= 0:
        raise GrammarError(f"idle timeout {args.idle_timeout!r} must be a positive number of minutes")
    state, started = start_daemon(idle_timeout=args.idle_timeout * 60, heap=args.heap)
    verb = "started at" if started else "already running at"
    print(f"LanguageTool {state.version} {verb} {state.url} (pid {state.pid}); "
          f"stops after {_duration(state.idle_timeout)} without a check")
    return EXIT_RUNNING


def run_status(args: argparse.Namespace) -> int:
    state = find_daemon()
    jars = jar_dir()
    if state is None:
        stale, other = read_state(), running_daemon()
        if args.format == "json":
            print(json.dumps({"running": False, "jars": str(jars), "jars_present": _jars_present(),
                              "other_rules_at": other.url if other else None}))
        elif other:
            print(f"LanguageTool {other.version} at {other.url} (pid {other.pid}) was started with other rules "
                  "(by another version of repair) and is not used; `repair languagetool start` replaces it")
        else:
            note = " (its state file was stale)" if stale else ""
            print(f"LanguageTool server not running{note}; jars {'in' if _jars_present() else 'missing from'} {jars}")
        return EXIT_NOT_RUNNING
    rss = process_rss(state.pid)
    if args.format == "json":
        record = {"running": True, **state.__dict__, "memory_bytes": rss,
                  "uptime_s": round(time.time() - state.started, 1), "idle_s": round(state.idle_seconds, 1)}
        print(json.dumps(record))
    else:
        memory = f", memory {rss / 2**20:.0f} MiB" if rss else ""
        print(f"LanguageTool {state.version} running at {state.url} (pid {state.pid}), "
              f"up {_duration(time.time() - state.started)}, idle {_duration(state.idle_seconds)} "
              f"of {_duration(state.idle_timeout)}{memory}")
    return EXIT_RUNNING


def run_stop(args: argparse.Namespace) -> int:
    state = stop_daemon()
    if state is None:
        print("LanguageTool server not running")
    else:
        print(f"stopped LanguageTool at {state.url} (pid {state.pid})")
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    mvn = shutil.which("mvn")
    if not mvn:
        raise GrammarError("Maven (mvn) not found; install it, or copy the jars of "
                           f"{str(POM)!r} into {str(jar_dir())!r} by other means")
    dest = Path(args.dest).expanduser() if args.dest else jar_dir()
    cmd = fetch_command(dest)
    cmd[0] = mvn
    print(f"fetching LanguageTool {pinned_version()} into {dest} ...", file=sys.stderr)
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        last = next((line for line in reversed(done.stdout.splitlines()) if line.strip()), "")
        raise GrammarError(f"mvn failed with exit {done.returncode}: {last.strip()[:300]!r}")
    find_jars(dest)
    print(f"LanguageTool {pinned_version()} jars in {dest}")
    return 0


def _jars_present() -> bool:
    try:
        find_jars()
        return True
    except GrammarError:
        return False


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"

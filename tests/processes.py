"""Helpers for tests that check no process outlives its run."""

import time
from pathlib import Path

import psutil

from repair.grammar.install import MAIN_CLASS


def jvms_under(cache: Path) -> list[psutil.Process]:
    """LanguageTool JVMs started with this cache (its config file is on their command line)."""
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        cmd = " ".join(proc.info["cmdline"] or ())
        if MAIN_CLASS in cmd and str(cache) in cmd and proc.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(proc)
    return found


def gone(pid: int, within: float = 20.0) -> bool:
    """True once ``pid`` has exited (or is a zombie) within ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False

"""Command line: thin subcommands over library calls.

Each module here defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading

from .._version import __version__
from ..errors import RepairError

COMMANDS = ("check", "fix", "diff", "review", "apply", "batch", "languagetool", "eval", "train")
EXIT_TROUBLE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repair",
        description="Find and fix machine-translation and OCR artefacts in English text.",
    )
    parser.add_argument("--version", action="version", version=f"repair {__version__}")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}_cmd").register(sub)
    return parser


def _terminated(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C: temporary files are removed, servers and workers stopped."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.handler(args)
    except RepairError as exc:
        if args.verbose:
            raise
        print(f"repair: error: {exc}", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        print("repair: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    sys.exit(main())

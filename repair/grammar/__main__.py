"""``python -m repair.grammar serve``: the persistent server's supervisor, as
:func:`~repair.grammar.daemon.start_daemon` runs it (``repair languagetool start``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GrammarError
from .daemon import DEFAULT_IDLE_TIMEOUT, serve
from .install import find_jars, find_java
from .process import DEFAULT_HEAP


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m repair.grammar")
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
    sys.exit(main())

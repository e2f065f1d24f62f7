"""repair apply: write the text a review decided, without a terminal (scripts, CI)."""

from __future__ import annotations

import argparse
import sys

from ..errors import ConfigError
from ..review import Decisions, apply_decisions, decisions_path, reviewed_path, summary
from ..textio import read_text
from .common import display_name, output_target, write_out, write_text


def register(sub) -> None:
    p = sub.add_parser("apply", help="apply a review's decisions file to FILE (default output FILE.reviewed)")
    p.add_argument("file", metavar="FILE", help="the text that was reviewed, or '-' for stdin")
    p.add_argument("--decisions", metavar="PATH", help="decisions file (default: FILE.decisions.json)")
    p.add_argument("--encoding", default="utf-8", help="input and output encoding (default: utf-8)")
    add_output_options(p)
    p.set_defaults(handler=run)


def add_output_options(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT",
                       help="write the reviewed text here (default: FILE.reviewed; '-' for stdout)")
    where.add_argument("--in-place", action="store_true", help="replace FILE, keeping FILE.bak")


def run(args: argparse.Namespace) -> int:
    if args.file == "-" and not args.decisions:
        raise ConfigError("reading stdin needs --decisions PATH")
    decisions = Decisions.load(args.decisions or decisions_path(args.file))
    text = read_text(args.file, args.encoding)
    reviewed = apply_decisions(text, decisions, display_name(args.file))
    to_stdout = args.output == "-" or (args.file == "-" and not args.output and not args.in_place)
    if to_stdout:
        write_out(reviewed, args.encoding)
    else:
        target = output_target(args.file, args.output, args.in_place, reviewed_path(args.file))
        write_text(target, [reviewed], args.encoding, args.in_place, args.file, lambda: reviewed != text)
        print(f"{summary(decisions)}; wrote {target}", file=sys.stderr)
    return 0

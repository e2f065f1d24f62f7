"""repair fix: print or write the repaired text."""

from __future__ import annotations

import argparse

from .common import EXIT_CHANGES, EXIT_CLEAN, open_pipeline, output_target, results, write_out, write_text
from .options import add_pipeline_options


def register(sub) -> None:
    p = sub.add_parser("fix", help="print the repaired text, or write it with -o / --in-place")
    p.add_argument("file", metavar="FILE", help="text file, or '-' for stdin")
    p.add_argument("--encoding", default="utf-8", help="input and output encoding (default: utf-8)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="write the repaired text here (atomically)")
    where.add_argument("--in-place", action="store_true",
                       help="replace FILE (a symlink's target), keeping FILE.bak when it changed")
    add_pipeline_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    target = output_target(args.file, args.output, args.in_place)
    changed = False
    with open_pipeline(args) as pipeline:

        def fixed_chunks():
            nonlocal changed
            for _, result in results(args, pipeline, args.file):
                changed = changed or bool(result.changes)
                yield result.fixed

        if target is None:
            for piece in fixed_chunks():
                write_out(piece, args.encoding)
        else:
            write_text(target, fixed_chunks(), args.encoding, args.in_place, args.file, lambda: changed)
    return EXIT_CHANGES if changed else EXIT_CLEAN

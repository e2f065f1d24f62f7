"""repair fix: print or write the repaired text."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from ..errors import ConfigError, InputError
from ..textio import backup_path, write_atomic
from .common import EXIT_CHANGES, EXIT_CLEAN, open_pipeline, results, write_out
from .options import add_pipeline_options


def register(sub) -> None:
    p = sub.add_parser("fix", help="print the repaired text, or write it with -o / --in-place")
    p.add_argument("file", metavar="FILE", help="text file, or '-' for stdin")
    p.add_argument("--encoding", default="utf-8", help="input and output encoding (default: utf-8)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="write the repaired text here (atomically)")
    where.add_argument("--in-place", action="store_true", help="replace FILE, keeping FILE.bak")
    add_pipeline_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    target = _target(args)
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
        elif args.in_place:
            # The original is touched only by the final rename, after its backup exists.
            backup = backup_path(target)
            shutil.copy2(target, backup)
            try:
                write_atomic(target, fixed_chunks(), args.encoding, like=backup)
            except BaseException:
                backup.unlink(missing_ok=True)
                raise
        else:
            write_atomic(target, fixed_chunks(), args.encoding, like=None if args.file == "-" else args.file)
    return EXIT_CHANGES if changed else EXIT_CLEAN


def _target(args: argparse.Namespace) -> Path | None:
    if args.in_place:
        if args.file == "-":
            raise ConfigError("--in-place needs a file, not stdin")
        if not Path(args.file).is_file():
            raise InputError(f"{args.file!r} does not exist or is not a file")
        return Path(args.file)
    if args.output:
        out = Path(args.output)
        if args.file != "-" and out.exists() and out.resolve() == Path(args.file).resolve():
            raise ConfigError(f"-o {args.output!r} is the input file; use --in-place to replace it")
        return out
    return None

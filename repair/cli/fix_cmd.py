"""repair fix: print or write the repaired text."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from ..errors import ConfigError, InputError, OutputError
from ..textio import AtomicWrite, backup_path, check_writable
from .common import EXIT_CHANGES, EXIT_CLEAN, open_pipeline, results, write_out
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
            return EXIT_CHANGES if changed else EXIT_CLEAN
        if not args.in_place and target.exists() and not target.is_file():
            return _write_special(target, fixed_chunks(), args.encoding, lambda: changed)
        like = target if args.in_place else None if args.file == "-" else args.file
        with AtomicWrite(target, args.encoding, like=like) as out:
            for piece in fixed_chunks():
                out.write(piece)
            if args.in_place:
                if not changed:
                    return EXIT_CLEAN  # nothing to replace: no backup, the temporary file goes
                # The original is touched only by the final rename, after its backup exists.
                backup = backup_path(args.file)
                try:
                    shutil.copy2(target, backup)
                except OSError as exc:
                    backup.unlink(missing_ok=True)
                    raise OutputError(f"cannot write the backup {str(backup)!r}: {exc.strerror}") from None
            out.commit()
    return EXIT_CHANGES if changed else EXIT_CLEAN


def _target(args: argparse.Namespace) -> Path | None:
    """Where the repaired text goes, checked before any work; a symlink's target for --in-place."""
    if args.in_place:
        if args.file == "-":
            raise ConfigError("--in-place needs a file, not stdin")
        if not Path(args.file).is_file():
            raise InputError(f"{args.file!r} does not exist or is not a file")
        target = Path(args.file).resolve()  # edit the target and keep the link
        check_writable(target)
        return target
    if args.output:
        out = Path(args.output)
        if args.file != "-" and out.exists() and out.resolve() == Path(args.file).resolve():
            raise ConfigError(f"-o {args.output!r} is the input file; use --in-place to replace it")
        if out.exists() and not out.is_file() and not out.is_dir():
            return out  # a device or a pipe (/dev/stdout): written as it is, not replaced
        if out.is_symlink() and out.resolve().is_file():
            out = out.resolve()  # write the link's target and keep the link
        check_writable(out)
        return out
    return None


def _write_special(target: Path, pieces, encoding: str, changed) -> int:
    """Write to a device or pipe directly: renaming over it would replace it with a file."""
    try:
        with open(target, "w", encoding=encoding, newline="") as out:
            for piece in pieces:
                out.write(piece)
    except OSError as exc:
        raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
    return EXIT_CHANGES if changed() else EXIT_CLEAN

"""repair diff: a unified diff (word-level and coloured on a terminal)."""

from __future__ import annotations

import argparse
import sys

from ..errors import InputError
from ..render.patch import outside, outside_note, patch, patch_name
from .common import EXIT_CHANGES, EXIT_CLEAN, EXIT_TROUBLE, display_name, open_pipeline, progress, results, write_out
from .options import add_pipeline_options


def register(sub) -> None:
    p = sub.add_parser("diff", help="show proposed edits as a unified diff; exit 1 when there are any")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files, or '-' for stdin")
    p.add_argument("--encoding", default="utf-8", help="input encoding (default: utf-8)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="word-level coloured review instead of a patch (auto: on a terminal)")
    add_pipeline_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    coloured = args.color == "always" or args.color == "auto" and sys.stdout.isatty()
    changed = failed = False
    with open_pipeline(args) as pipeline:
        for path in progress(args.files):
            render = _review if coloured else _patch
            try:
                changed |= render(args, pipeline, path)
            except InputError as exc:  # reported and skipped; the other files are still diffed
                sys.stdout.flush()
                print(f"repair: error: {exc}", file=sys.stderr)
                failed = True
    return EXIT_TROUBLE if failed else EXIT_CHANGES if changed else EXIT_CLEAN


def _patch(args: argparse.Namespace, pipeline, path: str) -> bool:
    """The patch of one file (see :mod:`repair.render.patch`), the one repair batch writes."""
    note = outside_note(path) if outside(path) else None
    wrote = False
    for piece in patch(patch_name(path), results(args, pipeline, path), args.encoding, note):
        write_out(piece, args.encoding)
        wrote = True
    return wrote


def _review(args: argparse.Namespace, pipeline, path: str) -> bool:
    from rich.console import Console

    from ..render.terminal import render_edits

    console = Console(force_terminal=args.color == "always" or None, highlight=False)
    changed = False
    for chunk, result in results(args, pipeline, path):
        if result.edits:
            render_edits(console, display_name(path), chunk.text, result.edits, chunk.line)
        changed |= bool(result.changes)
    return changed

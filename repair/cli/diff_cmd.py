"""repair diff: a unified diff (word-level and coloured on a terminal)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from ..errors import InputError
from ..render.listing import edit_line, locate
from ..render.unified import hunks
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
    """A patch section per changed line, each after the reasons for its edits ('#' lines,
    which patch and git apply skip). Flags on unchanged lines go with the next section."""
    name = patch_name(path)
    reasons: dict[int, list[str]] = {}  # 0-based line -> reasons of the edits there

    def pairs():
        for chunk, result in results(args, pipeline, path):
            for e in result.edits:
                line, _ = locate(chunk.text, e.start, chunk.line)
                reasons.setdefault(line - 1, []).append(edit_line(name, chunk.text, e, chunk.line))
            yield chunk.text, result.fixed

    def comment(text: str) -> str:  # in the patch's encoding, whatever the message holds
        return f"# {_one_line(text)}\n".encode(args.encoding, "replace").decode(args.encoding)

    def take(before: float) -> str:
        lines = sorted(k for k in reasons if k < before)
        return "".join(comment(r) for k in lines for r in reasons.pop(k))

    # A file's patch is held (spooled: memory stays bounded) until the whole file was read,
    # so a file that turns out unreadable halfway prints nothing.
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding=args.encoding, newline="") as out:
        wrote = False
        for hunk in hunks(pairs()):
            if not wrote and outside(path):
                out.write(comment(outside_note(path)))
            wrote = True
            out.write(take(hunk.line + max(1, hunk.changed)))
            out.writelines(hunk.lines(name, name))
        if not wrote:
            return False
        out.write(take(float("inf")))
        out.seek(0)
        while piece := out.read(1 << 16):
            write_out(piece, args.encoding)
    return True


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def patch_name(path: str) -> str:
    """The name a patch gives the file: relative to the working directory, as ``patch -p0``
    and ``git apply -p0`` look it up (``./a.txt`` -> ``a.txt``)."""
    if path == "-":
        return display_name(path)
    return os.path.normpath(path) if outside(path) else os.path.normpath(os.path.relpath(path))


def outside(path: str) -> bool:
    """True when ``path`` lies outside the working directory."""
    if path == "-":
        return False
    rel = os.path.relpath(path)
    return rel == os.pardir or rel.startswith(os.pardir + os.sep)


def outside_note(path: str) -> str:
    return (f"{patch_name(path)} lies outside this directory, where patch -p0 will not write: "
            f"apply a patch of this file alone with `patch {patch_name(path)} < PATCH`, "
            f"or use `git apply -p0 --unsafe-paths PATCH`")


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

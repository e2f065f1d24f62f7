"""repair check: list proposed edits (text or JSON)."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError
from ..render.listing import edit_line, edit_record
from .common import EXIT_CHANGES, EXIT_CLEAN, EXIT_TROUBLE, display_name, open_pipeline, progress, results
from .options import add_pipeline_options


def register(sub) -> None:
    p = sub.add_parser("check", help="list proposed edits; exit 1 when there are any, 2 when a file failed")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files, or '-' for stdin")
    p.add_argument("--encoding", default="utf-8", help="input encoding (default: utf-8)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_pipeline_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """A file that cannot be read is reported (stderr, and "errors" in JSON) and skipped.

    JSON is streamed, one edit record (``Edit.to_dict``, offsets into the whole file) at a time,
    so a large input never sits whole in memory: ``{"edits": [...], "count", "changes", "flags",
    "signature", "errors"}``."""
    found = flags = 0
    errors: list[dict] = []
    out = sys.stdout
    as_json = args.format == "json"
    with open_pipeline(args) as pipeline:
        if as_json:
            out.write('{"edits": [')
        signature = None
        for path in progress(args.files):
            name = display_name(path)
            try:
                for chunk, result in results(args, pipeline, path):
                    signature = result.signature
                    for edit in result.edits:
                        if as_json:
                            record = edit_record(edit, chunk.offset, name if len(args.files) > 1 else None)
                            out.write(("\n  " if found == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
                        else:
                            out.write(edit_line(name, chunk.text, edit, chunk.line) + "\n")
                        found += 1
                        flags += edit.is_flag
            except InputError as exc:
                out.flush()
                print(f"repair: error: {exc}", file=sys.stderr)
                errors.append({"file": name, "error": str(exc)})
        if as_json:
            tail = {"count": found, "changes": found - flags, "flags": flags,
                    "signature": str(signature or pipeline.signature()), "errors": errors}
            out.write(("\n" if found else "") + "], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    if errors:
        return EXIT_TROUBLE
    return EXIT_CHANGES if found else EXIT_CLEAN

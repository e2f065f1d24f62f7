"""repair review: accept or reject each proposed edit on a terminal, then write the text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ConfigError, InputError
from ..review import (Decisions, apply_decisions, batch_documents, check_fresh, decisions_path, reviewed_path,
                      summary, text_digest)
from ..textio import read_text
from .apply_cmd import add_output_options
from .common import open_pipeline, output_target, results, write_text
from .options import add_pipeline_options


def register(sub) -> None:
    p = sub.add_parser("review", help="decide edit by edit (like git add -p), then write FILE.reviewed")
    p.add_argument("file", metavar="FILE", nargs="?", help="the text file to review")
    p.add_argument("--decisions", metavar="PATH",
                   help="where decisions are kept after every key (default: FILE.decisions.json)")
    p.add_argument("--restart", action="store_true", help="forget earlier decisions and review afresh")
    p.add_argument("--batch", metavar="DIR",
                   help="review the documents of a `repair batch` output folder one after another "
                        "(decisions in DIR/review/, texts in DIR/reviewed/)")
    p.add_argument("--field", default="text", help="with --batch: the JSONL field the batch read (default: text)")
    p.add_argument("--encoding", default="utf-8", help="input and output encoding (default: utf-8)")
    add_output_options(p)
    add_pipeline_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.batch:
        if args.file or args.in_place or args.output or args.decisions:
            raise ConfigError("--batch DIR reviews the batch's documents: give no FILE, -o, --in-place or "
                              "--decisions with it")
        return review_batch(args)
    if not args.file:
        raise ConfigError("give a FILE to review (or --batch DIR)")
    if args.file == "-":
        raise ConfigError("review reads keys from the terminal; give a file, not stdin")
    if not Path(args.file).is_file():
        raise InputError(f"{args.file!r} does not exist or is not a file")
    store = Path(args.decisions) if args.decisions else decisions_path(args.file)
    target = output_target(args.file, args.output, args.in_place, reviewed_path(args.file))
    text = read_text(args.file, args.encoding)
    decisions = _resume(args, store, text)
    if decisions is None:
        decisions = _propose(args, text)
        decisions.save(store)
    return review_file(args, decisions, text, store, target)


def _resume(args: argparse.Namespace, store: Path, text: str) -> Decisions | None:
    if args.restart or not store.exists():
        return None
    saved = Decisions.load(store)
    if saved.sha256 != text_digest(text):
        check_fresh(text, saved, args.file)
        raise InputError(f"{args.file!r} changed since {str(store)!r} was written; "
                         f"--restart reviews it afresh, `repair apply` writes the decisions as they are")
    print(f"resuming: {summary(saved)} (from {store})", file=sys.stderr)
    return saved


def _propose(args: argparse.Namespace, text: str) -> Decisions:
    edits, signature = [], ""
    with open_pipeline(args) as pipeline:
        for chunk, result in results(args, pipeline, args.file):
            edits += [e.shifted(chunk.offset) for e in result.edits]
            signature = str(result.signature)
    return Decisions.start(args.file, text, edits, signature)


def review_file(args: argparse.Namespace, decisions: Decisions, text: str, store: Path, target: Path) -> int:
    from ..interactive import Keys, console_for, review

    outcome = review(decisions, text, args.file, lambda d: d.save(store), Keys(), console_for())
    if not outcome.finished:
        print(f"stopped; {summary(outcome.decisions)}.\nDecisions are in {store}: `repair review "
              f"{args.file}` resumes,\n`repair apply {args.file}` writes what is decided.", file=sys.stderr)
        return 0
    reviewed = apply_decisions(text, outcome.decisions, args.file)
    write_text(target, [reviewed], args.encoding, args.in_place, args.file, lambda: reviewed != text)
    print(f"{summary(outcome.decisions)}; wrote {target}", file=sys.stderr)
    return 0


def review_batch(args: argparse.Namespace) -> int:
    """Every document of a batch output with edits, in the report's order; each resumes from
    its own decisions file, and a finished one is passed over."""
    from ..interactive import Keys, console_for, review

    docs = batch_documents(args.batch, args.field, args.encoding)
    keys, console = Keys(), console_for()
    for n, doc in enumerate(docs, 1):
        where = f"document {n}/{len(docs)}: {doc.id}"
        if doc.problem:
            print(f"{where}: skipped: {doc.problem}", file=sys.stderr)
            continue
        decisions = Decisions.start(doc.id, doc.text, doc.edits, doc.signature)
        if doc.decisions.exists():
            saved = Decisions.load(doc.decisions)
            if saved.sha256 == decisions.sha256:
                decisions = saved
        if decisions.complete and doc.reviewed.exists():
            continue
        print(where, file=sys.stderr)
        doc.decisions.parent.mkdir(parents=True, exist_ok=True)
        decisions.save(doc.decisions)
        outcome = review(decisions, doc.text, doc.id, lambda d, p=doc.decisions: d.save(p), keys, console)
        if not outcome.finished:
            print(f"stopped at {where}; {summary(outcome.decisions)}.\n"
                  f"`repair review --batch {args.batch}` resumes.", file=sys.stderr)
            return 0
        doc.reviewed.parent.mkdir(parents=True, exist_ok=True)
        write_text(doc.reviewed, [apply_decisions(doc.text, outcome.decisions, doc.id)], args.encoding, False, "-")
        print(f"{summary(outcome.decisions)}; wrote {doc.reviewed}", file=sys.stderr)
    print(f"{len(docs)} documents with edits; reviewed texts in {Path(args.batch) / 'reviewed'}", file=sys.stderr)
    return 0

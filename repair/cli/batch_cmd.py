"""repair batch: repair many documents into an output folder, resumably, in parallel."""

from __future__ import annotations

import argparse
import sys

from ..batch import BatchOptions, Progress, run_batch, summary_lines
from ..timing import stage_table
from ..batch.inputs import DEFAULT_GLOB
from ..batch.work import DEFAULT_MAX_BYTES
from .options import add_pipeline_options, pipeline_config


def register(sub) -> None:
    p = sub.add_parser(
        "batch", help="repair files, folders or JSONL into --out (resumable; exit 2 if a document failed)",
        description="Repair many documents into --out: the repaired text and a patch per document, "
                    "report.jsonl and summary.json. Run the same command again to finish an interrupted job.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text files, folders (recursive), JSONL files (.jsonl), or '-' for JSONL on stdin")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (new, empty, or an earlier job's)")
    p.add_argument("--glob", action="append", metavar="PATTERN",
                   help=f"files to take from folders (repeatable; default {DEFAULT_GLOB[0]!r})")
    p.add_argument("--field", default="text", help="JSONL: the field holding the text (default: text)")
    p.add_argument("--id-field", metavar="NAME", help="JSONL: the field naming each document (default: line number)")
    p.add_argument("--encoding", default="utf-8", help="text file encoding, kept in the output (default: utf-8)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help=f"larger documents fail instead of being read (default {DEFAULT_MAX_BYTES:,})")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--batch-size", type=int, default=4, metavar="N", help="documents sent to a worker at once")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local worker processes, or a Ray cluster (pip install 'repair[ray]')")
    p.add_argument("--address", metavar="HOST:PORT|auto",
                   help="Ray: the cluster to join (default: start a local Ray instance)")
    p.add_argument("--restart", action="store_true",
                   help="start over when --out holds a job with other options or inputs")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary")
    add_pipeline_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = BatchOptions(
        inputs=tuple(args.inputs), out=args.out, config=pipeline_config(args),
        globs=tuple(args.glob) if args.glob else DEFAULT_GLOB, field=args.field, id_field=args.id_field,
        encoding=args.encoding, max_bytes=args.max_bytes, jobs=args.jobs, batch_size=args.batch_size,
        engine=args.engine, address=args.address, restart=args.restart,
    )
    outcome = run_batch(options, Progress("quiet" if args.quiet else "auto"))
    if not args.quiet:
        print("\n".join(summary_lines(outcome.summary, args.out)), file=sys.stdout, flush=True)
    if args.timings:  # the documents' time by stage, as check/fix/diff print a run's
        print("\n".join(stage_table(outcome.summary["seconds_by_stage"], outcome.summary["words"])), file=sys.stderr)
    return outcome.exit_code

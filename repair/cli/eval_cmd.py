"""repair eval: every system on every evaluation suite, side by side."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..errors import ConfigError


def register(subparsers) -> None:
    from ..eval.suites import SUITES
    from ..eval.systems import SYSTEMS

    p = subparsers.add_parser(
        "eval",
        help="measure repair and the tools people use today on real data",
        description="Run the systems side by side on the evaluation suites and print the scores. "
                    "With --out, also write results.md, results.json and results.png there.",
    )
    p.add_argument("--suite", action="append", metavar="NAME",
                   help=f"suite to run, repeatable: {', '.join(SUITES)} or all (default: all)")
    p.add_argument("--systems", metavar="A,B",
                   help=f"systems to compare (default: all of {','.join(SYSTEMS)}; unchanged is always included)")
    p.add_argument("--data", metavar="DIR", help="data folder (default: ../shared/data)")
    p.add_argument("--split", metavar="NAME",
                   help="split to read, e.g. dev, test, train, smh_dataset2 (default: each suite's own, "
                        "dev where the set has one)")
    p.add_argument("--limit", type=int, metavar="N",
                   help="items per suite part, a fixed random sample (default: each suite's own; 0: every item)")
    p.add_argument("--out", metavar="DIR", help="write results.md, results.json and results.png into DIR")
    p.add_argument("--update", metavar="FILE", action="append", default=[],
                   help="refresh the summary table between the repair-eval markers in FILE (e.g. README.md)")
    p.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    p.add_argument("--samples", type=int, default=12, metavar="N",
                   help="changes on clean news to print per system for a human to judge (default: 12)")
    p.add_argument("--in-process", action="store_true",
                   help="run the systems in this process (faster start, but memory figures then overlap)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--model", metavar="DIR",
                   help="checkpoint the model and pipeline rows use (default: the shipped model)")
    p.set_defaults(handler=run)


def _suites(args: argparse.Namespace) -> list[str]:
    from ..eval.suites import SUITES

    chosen = args.suite or ["all"]
    if "all" in chosen:
        return list(SUITES)
    names = []
    for entry in chosen:
        names += [s.strip() for s in entry.split(",") if s.strip()]
    return names


def _command(args: argparse.Namespace) -> str:
    """The command line that reproduces this run, for the report's header."""
    words = ["repair", "eval"]
    for suite in args.suite or ():
        words += ["--suite", suite]
    for flag in ("systems", "data", "split", "limit", "out"):
        value = getattr(args, flag)
        if value is not None:
            words += [f"--{flag}", str(value)]
    for target in args.update:
        words += ["--update", target]
    return " ".join(words)


def run(args: argparse.Namespace) -> int:
    if args.model:
        # Systems run in fresh interpreters; the environment carries the choice to them.
        os.environ["REPAIR_MODEL"] = str(Path(args.model).resolve())
    from ..eval.harness import evaluate
    from ..eval.report import render_markdown, render_samples, update_between_markers, write_all

    if args.limit is not None and args.limit < 0:
        raise ConfigError(f"--limit {args.limit!r} must be 0 (every item) or a positive number")
    systems = [s.strip() for s in args.systems.split(",") if s.strip()] if args.systems else None
    say = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    ev = evaluate(_suites(args), systems, data=args.data, split=args.split, limit=args.limit,
                  isolate=not args.in_process, progress=not args.quiet and sys.stderr.isatty(),
                  samples=args.samples, log=say)
    command = _command(args)
    if args.out:
        for path in write_all(ev, Path(args.out), command):
            say(f"wrote {path}")
    for target in args.update:
        update_between_markers(Path(target), ev, command)
        say(f"updated the summary in {target}")
    if args.json:
        print(json.dumps(ev.to_dict(), indent=1, ensure_ascii=False))
    else:
        print(render_markdown(ev, command))
        samples = render_samples(ev)
        if samples:
            print(samples)
    return 0

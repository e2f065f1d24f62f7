"""A batch job from start to end: discover, check the folder, repair what is left, report."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Sequence

from .. import __version__
from ..errors import ConfigError
from ..pipeline import PipelineConfig
from ..textio import write_atomic
from .inputs import DEFAULT_GLOB, STDIN, DocRef, discover, input_fingerprint, spool_stdin
from .progress import Progress
from .state import REPORT, SUMMARY, Layout, Manifest
from .work import DEFAULT_MAX_BYTES, WorkSettings, error_record

ENGINES = ("local", "ray")
EXIT_CLEAN, EXIT_EDITS, EXIT_FAILED = 0, 1, 2
FAILURES_LISTED = 100  # in summary.json; report.jsonl has them all


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    out: str
    config: PipelineConfig
    globs: tuple[str, ...] = DEFAULT_GLOB
    field: str = "text"
    id_field: str | None = None
    encoding: str = "utf-8"
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int | None = None  # None: one per core
    batch_size: int = 4
    engine: str = "local"
    address: str | None = None  # Ray: HOST:PORT, "auto", or None for a local instance
    restart: bool = False

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine {self.engine!r}; choose from {', '.join(ENGINES)}")
        if self.jobs is not None and self.jobs < 1:
            raise ConfigError(f"--jobs {self.jobs!r} must be at least 1")
        if self.max_bytes < 1:
            raise ConfigError(f"--max-bytes {self.max_bytes!r} must be positive")

    def options_signature(self) -> str:
        """What decides the outputs (not how many workers or which engine)."""
        config = asdict(self.config)
        config["glossary"] = sorted(config["glossary"])
        body = {"version": __version__, "config": config, "globs": list(self.globs), "field": self.field,
                "id_field": self.id_field, "encoding": self.encoding, "max_bytes": self.max_bytes}
        return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class BatchOutcome:
    summary: dict
    exit_code: int


def check_folders(inputs: Sequence[str], out: str) -> None:
    """Never write into the input tree, and never read the job's own outputs as input."""
    out_real = Path(out).resolve()
    for given in inputs:
        if given == STDIN:
            continue
        real = Path(given).resolve()
        if real.is_dir() and (out_real == real or real in out_real.parents):
            raise ConfigError(f"--out {out!r} lies inside the input folder {given!r}; "
                              f"repair batch never writes into its input")
        if out_real == real or out_real in real.parents:
            raise ConfigError(f"input {given!r} lies inside --out {out!r}; choose another --out")


def run_batch(opts: BatchOptions, progress: Progress | None = None, stdin=None) -> BatchOutcome:
    progress = progress or Progress("quiet")
    check_folders(opts.inputs, opts.out)
    layout = Layout(opts.out)
    began = time.monotonic()
    manifest = Manifest(layout)
    stdin_copy = layout.state / "stdin.jsonl"
    if STDIN in opts.inputs:
        layout.state.mkdir(parents=True, exist_ok=True)
        spool_stdin(stdin or sys.stdin.buffer, stdin_copy)
    docs = discover(opts.inputs, opts.globs, opts.field, opts.id_field, stdin_copy)
    signature = {"options": opts.options_signature(),
                 "inputs": input_fingerprint(docs, by_content=[str(stdin_copy)])}
    manifest.open(signature, restart=opts.restart)
    stats = {"first": None, "words": 0, "documents": 0}
    try:
        todo = [d for d in docs if d.key not in manifest]
        progress.start(len(docs), len(docs) - len(todo))

        def on_record(doc: DocRef, record: dict) -> None:
            manifest.append(doc.key, record)
            if stats["first"] is None:
                stats["first"] = time.monotonic() - began
            stats["words"] += record["words"]
            stats["documents"] += 1
            progress.update(record["words"])

        refused = [d for d in todo if d.error or d.rel is None]
        for doc in refused:
            on_record(doc, error_record(doc, doc.error or "refused"))
        work = [d for d in todo if not (d.error or d.rel is None)]
        if work:
            _run_engine(opts, work, on_record)
    finally:
        progress.close()
        try:
            summary = _write_reports(layout, manifest, docs, opts, stats, time.monotonic() - began)
        finally:
            manifest.close()
    failed = summary["failed"]
    code = EXIT_FAILED if failed else EXIT_EDITS if summary["changes"] or summary["flags"] else EXIT_CLEAN
    return BatchOutcome(summary, code)


def _settings(opts: BatchOptions) -> WorkSettings:
    return WorkSettings(str(Path(opts.out).resolve()), opts.encoding, opts.field, opts.max_bytes)


def _run_engine(opts: BatchOptions, work: list[DocRef], on_record) -> None:
    if opts.engine == "ray":
        from .ray_engine import RayEngine

        RayEngine(opts.config, _settings(opts), address=opts.address, jobs=opts.jobs,
                  batch_size=opts.batch_size).run(work, on_record)
        return
    from .local import LocalEngine

    config, server = shared_languagetool(opts.config)
    try:
        LocalEngine(config, _settings(opts), jobs=opts.jobs, batch_size=opts.batch_size).run(work, on_record)
    finally:
        if server is not None:
            server.close()


def shared_languagetool(config: PipelineConfig):
    """One LanguageTool server for every worker of the job: the URL given, else the
    persistent server, else a JVM this process starts (and stops; it dies with us).
    Returns the configuration that names it, and the object whose ``close`` stops it."""
    if not config.grammar:
        return config, None
    from ..grammar import ServerManager

    manager = ServerManager(config.languagetool_url)
    if manager.mode != "local":
        return replace(config, languagetool_url=manager.url()), manager
    return replace(config, languagetool_url=start_languagetool(manager).url), manager


def start_languagetool(manager):
    """A JVM for a whole job, with the JIT at its default (like the persistent server): a
    short run's C1-only JVM answers its first check sooner, but is several times slower
    over thousands of documents."""
    from ..grammar.process import LocalServer

    manager.local = LocalServer(manager.java, manager.jars, heap=manager.heap,
                                startup_timeout=manager.startup_timeout, check_timeout=manager.check_timeout,
                                jvm_options=()).start()
    return manager.local


def _write_reports(layout: Layout, manifest: Manifest, docs: list[DocRef], opts: BatchOptions,
                   stats: dict, wall: float) -> dict:
    """report.jsonl in input order (identical however often the job was resumed), summary.json."""
    counts: dict[str, Counter] = {k: Counter() for k in ("changes_by_kind", "flags_by_kind",
                                                          "changes_by_source", "flags_by_source")}
    totals = Counter()
    failures: list[dict] = []
    signature = None
    stages: Counter = Counter()  # seconds per pipeline stage over every document done

    def lines():
        nonlocal signature
        with manifest.reader() as reader:
            for doc in docs:
                if doc.key not in manifest:
                    continue
                line = manifest.record_json(doc.key, reader)
                record = json.loads(line)
                totals["done"] += 1
                totals["words"] += record["words"]
                stages.update(record.get("stage_seconds") or {})
                signature = signature or record.get("signature")
                if record.get("error"):
                    totals["failed"] += 1
                    if len(failures) < FAILURES_LISTED:
                        failures.append({"id": record["id"], "path": record["path"], "error": record["error"]})
                for e in record["edits"]:
                    flag = e["replacement"] == e["original"]
                    source = e.get("source") or "+".join(e.get("sources", ()))
                    counts["flags_by_kind" if flag else "changes_by_kind"][e["kind"]] += 1
                    counts["flags_by_source" if flag else "changes_by_source"][source] += 1
                    totals["flags" if flag else "changes"] += 1
                yield line + "\n"

    write_atomic(layout.out / REPORT, lines())
    summary = {
        "documents": len(docs), "done": totals["done"], "failed": totals["failed"], "words": totals["words"],
        "changes": totals["changes"], "flags": totals["flags"],
        **{k: dict(c.most_common()) for k, c in counts.items()},
        "failures": failures,
        "seconds_by_stage": {k: round(v, 3) for k, v in stages.most_common()},
        "this_run": {
            "documents": stats["documents"], "words": stats["words"], "wall_seconds": round(wall, 3),
            "words_per_second": round(stats["words"] / wall, 1) if wall > 0 else None,
            "first_document_seconds": None if stats["first"] is None else round(stats["first"], 3),
            "engine": opts.engine, "jobs": opts.jobs,
        },
        "signature": signature,
        "report": REPORT,
    }
    write_atomic(layout.out / SUMMARY, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary


def summary_lines(summary: dict, out: str) -> list[str]:
    run = summary["this_run"]
    first = run["first_document_seconds"]
    lines = [
        f"repair batch: {summary['done']:,} of {summary['documents']:,} documents done, "
        f"{summary['failed']:,} failed; {summary['words']:,} words",
        f"this run: {run['documents']:,} documents, {run['words']:,} words in {run['wall_seconds']:.1f} s "
        f"({run['words_per_second'] or 0:,.0f} words/s" + (f"; first document after {first:.1f} s)" if first is not None else ")"),
    ]
    for what in ("changes", "flags"):
        kinds = ", ".join(f"{k} {n:,}" for k, n in summary[f"{what}_by_kind"].items())
        sources = ", ".join(f"{k} {n:,}" for k, n in summary[f"{what}_by_source"].items())
        lines.append(f"{what}: {summary[what]:,}" + (f" by kind: {kinds}; by source: {sources}" if kinds else ""))
    stages = summary.get("seconds_by_stage") or {}
    if stages:
        total = sum(stages.values())
        lines.append("time by stage: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in list(stages.items())[:6]))
    for f in summary["failures"][:10]:
        where = f["path"] if f["path"] in f["error"] or not f["path"].endswith((".jsonl", ".ndjson")) else f["id"]
        lines.append(f"failed: {f['error']}" if where in f["error"] else f"failed: {where}: {f['error']}")
    if summary["failed"] > 10:
        lines.append(f"... and {summary['failed'] - 10:,} more failures (see {REPORT})")
    lines.append(f"report: {os.path.join(out, REPORT)}, summary: {os.path.join(out, SUMMARY)}")
    return lines

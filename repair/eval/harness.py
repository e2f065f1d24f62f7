"""Run every system over every suite once, measure speed and memory, and score it all.

Each system runs in a fresh interpreter of its own (``multiprocessing`` spawn), so its
peak memory is its own and not what an earlier system left behind; the harness sends it
the items of every part and gets the outputs back. Memory is the resident set size of
that process plus its children (the LanguageTool JVM when the system starts one),
sampled every 50 ms with psutil; ``ru_maxrss`` of the process itself is kept too.
Speed is input words divided by the seconds spent in ``run`` (start-up is reported
separately).
"""

from __future__ import annotations

import datetime as _dt
import math
import multiprocessing
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from .._version import __version__
from ..errors import DataError
from ..signature import Signature
from . import metrics
from .suites import SUITES, Output, Part, Suite, edit_samples, get_suite
from .systems import SYSTEMS, Unavailable, get_system

REFERENCE_FIGURES: dict[tuple[str, str, str], dict[str, float]] = {
    # The unchanged input on the whole split: published, or measured once with the same
    # definitions (see docs/evaluation.md, "The unchanged input reproduces the published
    # figures"). The report prints each beside the figure measured now.
    ("jfleg", "jfleg", "dev"): {"gleu": 38.21},
    ("jfleg", "jfleg", "test"): {"gleu": 40.54},
    ("mlqe-pe", "ru-en", "dev"): {"ter": 19.29, "chrf": 84.78},
    ("mlqe-pe", "et-en", "dev"): {"ter": 32.78, "chrf": 73.85},
    ("mlqe-pe", "ro-en", "dev"): {"ter": 23.05, "chrf": 80.71},
    ("mlqe-pe", "ne-en", "dev"): {"ter": 75.12, "chrf": 41.37},
    ("mlqe-pe", "si-en", "dev"): {"ter": 71.13, "chrf": 48.99},
    ("bln600", "bln600", "train"): {"cer": 6.22, "wer": 20.49},
    ("overproof", "overproof", "smh_dataset2"): {"cer": 8.35, "wer": 25.84},
    ("icdar2017", "icdar2017", "all"): {"cer": 2.87, "wer": 12.49},
}


@dataclass
class SystemRun:
    name: str
    title: str
    available: bool
    note: str = ""
    timed: bool = True  # False for systems that do no work (the input itself, a peer's shipped output)
    info: dict = field(default_factory=dict)
    outputs: dict[str, list[Output]] = field(default_factory=dict)  # part key -> outputs
    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    first_error: str = ""
    start_seconds: float = 0.0
    rss_before_mb: float = math.nan
    peak_rss_mb: float = math.nan
    maxrss_mb: float = math.nan

    def words_per_second(self, parts: Sequence[Part]) -> float:
        done = [p for p in parts if p.key in self.seconds]
        secs = sum(self.seconds[p.key] for p in done)
        words = sum(p.words for p in done)
        return words / secs if secs > 0 else math.nan


class _MemorySampler:
    """Peak RSS of this process and its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def current() -> int:
        import psutil

        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.current())
            except Exception:  # noqa: BLE001 - a vanished child between listing and reading
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> "_MemorySampler":
        self.peak = self.current()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.peak = max(self.peak, self.current())
        self._stop.set()
        self._thread.join()


def run_system(name: str, parts: Sequence[Part], progress: bool = False) -> SystemRun:
    """Start one system, repair every item of every part it applies to, close it."""
    import resource

    system = get_system(name)
    run = SystemRun(name, system.title, True, timed=system.does_work)
    mib = 1024 * 1024
    run.rss_before_mb = _MemorySampler.current() / mib
    with _MemorySampler() as mem:
        began = time.perf_counter()
        try:
            system.start()
        except Unavailable as exc:
            run.available, run.note = False, str(exc)
            system.close()
            return run
        run.start_seconds = time.perf_counter() - began
        run.info = system.info()
        try:
            for part in parts:
                if not system.applies(part):
                    continue
                items = part.items
                if progress:
                    from tqdm import tqdm

                    items = tqdm(items, desc=f"{name:>12} {part.label}", unit="item", file=sys.stderr,
                                 leave=False, mininterval=1.0)
                outs, errors, spent = [], 0, 0.0
                for item in items:
                    t = time.perf_counter()
                    try:
                        out = system.run(item)
                    except Exception as exc:  # noqa: BLE001 - one bad item must not sink the run
                        errors += 1
                        run.first_error = run.first_error or f"{item.id}: {type(exc).__name__}: {exc}"
                        out = Output(item.text, error=f"{type(exc).__name__}: {exc}")
                    spent += time.perf_counter() - t
                    outs.append(out)
                run.outputs[part.key] = outs
                run.seconds[part.key] = spent
                run.errors[part.key] = errors
        finally:
            system.close()
    run.peak_rss_mb = mem.peak / mib
    run.maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return run


def _run_isolated(name: str, parts: Sequence[Part], progress: bool) -> SystemRun:
    light = [replace(p, full=()) for p in parts]  # the worker needs only the sampled items
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        try:
            return pool.submit(run_system, name, light, progress).result()
        except BrokenProcessPool as exc:
            return SystemRun(name, name, False, f"the worker process died ({exc})")


@dataclass
class Evaluation:
    signature: Signature
    suites: list[str]
    parts: list[Part]
    absent: list[str]
    systems: list[SystemRun]
    scores: dict[str, dict[str, dict]]  # part key -> system -> scores
    full_baseline: dict[str, dict]  # part key -> unchanged input's scores on the whole part
    reference: dict[str, dict[str, float]]  # part key -> expected full-set figures
    samples: dict[str, dict[str, list[str]]]  # part key -> system -> sampled changes
    seconds: float

    def to_dict(self) -> dict:
        def clean(v):
            if isinstance(v, float):
                return None if math.isnan(v) else round(v, 4)
            if isinstance(v, dict):
                return {k: clean(x) for k, x in v.items()}
            if isinstance(v, (list, tuple)):
                return [clean(x) for x in v]
            return v

        return clean({
            "signature": self.signature.to_dict(),
            "suites": self.suites,
            "absent": self.absent,
            "parts": [{"key": p.key, "suite": p.suite, "name": p.name, "split": p.split, "files": list(p.files),
                       "items": len(p.items), "total": p.total, "words": p.words,
                       "signature": str(self.signature.with_fields(suites=p.suite, part=p.name, split=p.split,
                                                                   items=f"{len(p.items)}/{p.total}"))}
                      for p in self.parts],
            "systems": [{"name": s.name, "title": s.title, "available": s.available, "note": s.note, "timed": s.timed,
                         "info": s.info, "start_seconds": s.start_seconds,
                         "words_per_second": s.words_per_second(self.parts),
                         "seconds": s.seconds, "errors": s.errors, "first_error": s.first_error,
                         "rss_before_mb": s.rss_before_mb, "peak_rss_mb": s.peak_rss_mb,
                         "maxrss_mb": s.maxrss_mb} for s in self.systems],
            "scores": self.scores,
            "full_baseline": self.full_baseline,
            "reference": self.reference,
            "seconds": self.seconds,
        })


def load_parts(suite_names: Sequence[str], data: Path, split: str | None, limit: int | None,
               limits_default: bool = True) -> tuple[list[Part], list[str]]:
    """Load the suites; an absent set is an error when named alone, a note otherwise."""
    parts, absent = [], []
    for name in suite_names:
        suite = get_suite(name)
        lim = limit if limit is not None else (suite.default_limit if limits_default else None)
        try:
            parts += suite.load(data, split, lim)
        except DataError as exc:
            if len(suite_names) == 1:
                raise
            absent.append(str(exc))
    return parts, absent


def evaluate(suite_names: Sequence[str] | None = None, system_names: Sequence[str] | None = None,
             data: Path | str | None = None, split: str | None = None, limit: int | None = None,
             isolate: bool = True, progress: bool = False, samples: int = 12,
             log=None) -> Evaluation:
    """The whole comparison: every system on every part of every suite.

    ``limit`` None means each suite's default sample size; 0 means every item.
    """
    from .suites import default_data_dir

    began = time.perf_counter()
    suite_names = list(suite_names or SUITES)
    system_names = list(system_names or SYSTEMS)
    if "unchanged" not in system_names:
        system_names.insert(0, "unchanged")  # every score is read against it
    for name in system_names:
        get_system(name)  # unknown names fail before any work
    data = Path(data) if data is not None else default_data_dir()
    parts, absent = load_parts(suite_names, data, split, limit)
    if not parts:
        raise DataError(f"no data found under {str(data)!r}: " + "; ".join(absent))
    say = log or (lambda msg: None)
    for note in absent:
        say(f"absent: {note}")

    runs = []
    for name in system_names:
        say(f"running {name} on {sum(len(p.items) for p in parts)} items ...")
        run = _run_isolated(name, parts, progress) if isolate else run_system(name, parts, progress)
        speed = f"{run.words_per_second(parts):,.0f} words/s, " if run.timed else ""
        say(f"  {name}: " + (f"{speed}peak {run.peak_rss_mb:,.0f} MiB" if run.available
                             else f"not measured: {run.note}"))
        runs.append(run)

    base = next(r for r in runs if r.name == "unchanged")
    scores: dict[str, dict[str, dict]] = {}
    full: dict[str, dict] = {}
    reference: dict[str, dict[str, float]] = {}
    sampled: dict[str, dict[str, list[str]]] = {}
    for part in parts:
        suite: Suite = SUITES[part.suite]
        baseline = base.outputs[part.key]
        scores[part.key] = {}
        for run in runs:
            if run.available and part.key in run.outputs:
                scores[part.key][run.name] = suite.score(part, run.outputs[part.key], baseline)
                if part.suite == "news" and run.name != "unchanged":
                    sampled.setdefault(part.key, {})[run.name] = edit_samples(part, run.outputs[part.key], samples)
        if len(part.items) == part.total:
            full[part.key] = scores[part.key]["unchanged"]
        else:
            full[part.key] = suite.baseline_full(part)
        ref = REFERENCE_FIGURES.get((part.suite, part.name, part.split))
        if ref:
            reference[part.key] = ref

    lt = next((r.info.get("languagetool") for r in runs if r.info.get("languagetool")), None)
    model = next((r.info.get("model") for r in runs if r.info.get("model")), None)
    signature = Signature.of(
        repair=__version__,
        model=model or "off",
        languagetool=lt or "off",
        suites=",".join(suite_names),
        split=split or "default",
        limit="default" if limit is None else ("all" if limit <= 0 else str(limit)),
        sacrebleu=metrics.sacrebleu_version(),
        date=_dt.date.today().isoformat(),
    )
    return Evaluation(signature, suite_names, parts, absent, runs, scores, full, reference, sampled,
                      time.perf_counter() - began)


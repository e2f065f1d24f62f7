"""The local engine: ``--jobs N`` worker processes, each holding one Pipeline.

Documents go out in small batches on a queue per worker, so when a worker dies (a crash in
native code, the OOM killer) the parent knows which document it held: that one is recorded
as failed, the rest of its batch goes to the others, and a fresh worker takes its place.
Workers ignore Ctrl-C (the parent stops them), and die with the parent however it ends:
``PR_SET_PDEATHSIG`` on Linux, and a thread that watches the parent's pid everywhere.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from typing import Callable, Iterable

from ..errors import RepairError
from ..detect import build_detectors
from ..grammar import speller
from ..pipeline import PipelineConfig
from .inputs import DocRef
from .work import DocWorker, WorkSettings, error_record

MAX_RESPAWNS_PER_WORKER = 3


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001 - the watcher thread below still covers it
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="repair-parent-watch", daemon=True).start()


def share_cores(threads: int) -> None:
    """Give this worker's math libraries (torch's intra-op pool) ``threads`` threads: each
    worker taking every core made two workers with the model twice as slow as one."""
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    if "torch" in sys.modules:  # already loaded before the fork
        sys.modules["torch"].set_num_threads(threads)


def preload_tables(config: PipelineConfig) -> None:
    """Load the detectors' tables (word frequencies, the OCR channel and bigrams) and the
    speller's dictionary once in the parent: forked workers share them instead of each
    building its own copy."""
    for detector in build_detectors(config.detector_names()):
        detector.prefetch()
    if config.grammar:
        speller.preload()


def _worker_main(wid: int, config: PipelineConfig, settings: WorkSettings, inbox, outbox, parent: int,
                 threads: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    share_cores(threads)
    try:
        worker = DocWorker(config, settings)
    except RepairError as exc:
        outbox.put(("fatal", wid, str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - reported by the parent as one line
        outbox.put(("fatal", wid, f"a worker could not start: {type(exc).__name__}: {exc}"))
        return
    # The tables (inherited from the parent's preload, or just loaded by the pipeline) live
    # as long as the worker: moved out of the collector's generations, they are never walked
    # again, and a full collection no longer writes to (so copies) the pages they share with
    # the parent and the other workers.
    gc.freeze()
    try:
        while True:
            batch = inbox.get()
            if batch is None:
                break
            for doc in batch:
                outbox.put(("done", wid, (doc.key, worker.process(doc))))
    except RepairError as exc:  # the job cannot go on (LanguageTool went away)
        outbox.put(("fatal", wid, str(exc)))
    finally:
        worker.close()


class LocalEngine:
    def __init__(self, config: PipelineConfig, settings: WorkSettings, jobs: int | None = None,
                 batch_size: int = 4):
        self.config, self.settings = config, settings
        self.jobs = max(1, jobs or default_jobs())
        self.batch_size = max(1, batch_size)
        self._ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self._workers: dict[int, tuple] = {}  # wid -> (process, inbox, deque of assigned docs)
        self._next_wid = 0
        self._respawns = 0
        self._outbox = None  # created when the workers start

    def _start_worker(self) -> None:
        wid, self._next_wid = self._next_wid, self._next_wid + 1
        inbox = self._ctx.Queue()
        proc = self._ctx.Process(target=_worker_main, name=f"repair-batch-{wid}",
                                 args=(wid, self.config, self.settings, inbox, self._outbox, os.getpid(),
                                       max(1, default_jobs() // self.jobs)),
                                 daemon=True)
        proc.start()
        self._workers[wid] = (proc, inbox, deque())

    @property
    def pids(self) -> list[int]:
        return [p.pid for p, _, _ in self._workers.values() if p.pid]

    def run(self, docs: Iterable[DocRef], on_record: Callable[[DocRef, dict], None]) -> None:
        pending = deque(docs)
        self._outbox = self._ctx.Queue()
        if self._ctx.get_start_method() == "fork" and self.jobs > 1:
            preload_tables(self.config)
        for _ in range(min(self.jobs, max(1, len(pending)))):
            self._start_worker()
        try:
            self._loop(pending, on_record)
            for _, inbox, _ in self._workers.values():
                inbox.put(None)
            for proc, _, _ in self._workers.values():
                proc.join(30)
        finally:
            self.stop()

    def _loop(self, pending: deque, on_record) -> None:
        while pending or any(assigned for _, _, assigned in self._workers.values()):
            for proc, inbox, assigned in self._workers.values():
                while pending and len(assigned) < 2 * self.batch_size:
                    batch = [pending.popleft() for _ in range(min(self.batch_size, len(pending)))]
                    assigned.extend(batch)
                    inbox.put(batch)
            try:
                kind, wid, payload = self._outbox.get(timeout=0.5)
            except queue.Empty:
                self._check_deaths(pending, on_record)
                continue
            if kind == "fatal":
                raise RepairError(payload)
            key, record = payload
            assigned = self._workers[wid][2] if wid in self._workers else deque()
            doc = next((d for d in assigned if d.key == key), None)
            if doc is not None:
                assigned.remove(doc)
                on_record(doc, record)

    def _check_deaths(self, pending: deque, on_record) -> None:
        for wid, (proc, _, assigned) in list(self._workers.items()):
            if proc.exitcode is None:
                continue
            del self._workers[wid]
            if assigned:
                lost = assigned.popleft()
                on_record(lost, error_record(lost, f"the worker process died (exit code {proc.exitcode}) "
                                                   f"while repairing it"))
                pending.extendleft(reversed(assigned))
            if pending or not self._workers:
                self._respawns += 1
                if self._respawns > MAX_RESPAWNS_PER_WORKER * self.jobs:
                    raise RepairError(f"worker processes keep dying (last exit code {proc.exitcode}); stopping")
                self._start_worker()

    def stop(self) -> None:
        """Stop every worker now (normal end, error, Ctrl-C, SIGTERM); safe to call twice."""
        procs = [p for p, _, _ in self._workers.values()]
        for p in procs:
            if p.is_alive():
                p.terminate()
        deadline = time.monotonic() + 5
        for p in procs:
            p.join(max(0.1, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join(5)
        for _, inbox, _ in self._workers.values():
            inbox.cancel_join_thread()
            inbox.close()
        self._workers.clear()
        if self._outbox is not None:
            self._outbox.cancel_join_thread()
            self._outbox.close()

"""The Ray engine: the same job on a Ray cluster (or a local Ray instance).

Each actor holds one Pipeline (through a :class:`~repair.batch.work.DocWorker`) and gets
documents in small batches; the driver keeps the manifest, so outputs, report and resume
are the local engine's. With grammar on, every node runs one LanguageTool server (an actor
pinned to it, on 127.0.0.1), shared by the pipeline actors pinned to the same node.
Inputs and ``--out`` must be on storage every node sees at the same path.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import replace
from typing import Callable

from ..errors import ConfigError, RepairError
from ..pipeline import PipelineConfig
from .inputs import DocRef
from .work import DocWorker, WorkSettings


def _ray():
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'repair[ray]'") from None
    return ray


class _PipelineActor:
    """One Pipeline for the actor's life; documents in, report records out."""

    def __init__(self, config: PipelineConfig, settings: WorkSettings, cwd: str):
        if os.path.isdir(cwd):
            os.chdir(cwd)  # relative input paths read as on the driver (shared storage)
        self.worker = DocWorker(config, settings)

    def process(self, docs: list[DocRef]) -> list[tuple[str, dict]]:
        return [(d.key, self.worker.process(d)) for d in docs]

    def close(self) -> None:
        self.worker.close()


class _LanguageToolActor:
    """The node's LanguageTool server: the persistent one if it runs, else a JVM of its own."""

    def __init__(self, url: str | None):
        from ..grammar import ServerManager

        from .job import start_languagetool

        self.manager = ServerManager(url)
        self._url = self.manager.url() if self.manager.mode != "local" else start_languagetool(self.manager).url

    def url(self) -> str:
        return self._url

    def close(self) -> None:
        self.manager.close()


class RayEngine:
    def __init__(self, config: PipelineConfig, settings: WorkSettings, address: str | None = None,
                 jobs: int | None = None, batch_size: int = 4):
        self.config, self.settings = config, settings
        self.address, self.jobs, self.batch_size = address, jobs, max(1, batch_size)

    def run(self, docs: list[DocRef], on_record: Callable[[DocRef, dict], None]) -> None:
        ray = _ray()
        started = not ray.is_initialized()
        if started:
            try:
                ray.init(address=self.address, num_cpus=self.jobs if self.address is None else None,
                         include_dashboard=False, log_to_driver=False, configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Ray cluster at {self.address!r}: {exc}") from None
        servers, actors = [], []
        try:
            servers, actors = self._start(ray)
            self._dispatch(ray, actors, deque(docs), on_record)
        finally:
            for handle in actors + servers:
                try:
                    ray.get(handle.close.remote(), timeout=30)
                except Exception:  # noqa: BLE001 - a dead actor has nothing left to close
                    pass
                ray.kill(handle)
            if started:
                ray.shutdown()

    def _start(self, ray) -> tuple[list, list]:
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        nodes = [n for n in ray.nodes() if n.get("Alive")]
        cpus = {n["NodeID"]: max(1, int(n.get("Resources", {}).get("CPU", 1))) for n in nodes}
        wanted = self.jobs or sum(cpus.values())
        share = _spread(wanted, cpus)
        server_cls = ray.remote(num_cpus=0)(_LanguageToolActor)
        actor_cls = ray.remote(num_cpus=1)(_PipelineActor)
        servers, actors = [], []
        for node, count in share.items():
            if not count:
                continue
            pin = NodeAffinitySchedulingStrategy(node_id=node, soft=False)
            config = self.config
            if config.grammar:
                server = server_cls.options(scheduling_strategy=pin).remote(config.languagetool_url)
                servers.append(server)
                config = replace(config, languagetool_url=ray.get(server.url.remote()))
            for _ in range(count):
                actors.append(actor_cls.options(scheduling_strategy=pin, num_cpus=min(1, cpus[node] / count))
                              .remote(config, self.settings, os.getcwd()))
        return servers, actors

    def _dispatch(self, ray, actors: list, pending: deque, on_record) -> None:
        in_flight: dict = {}  # future -> (actor, docs)
        idle = deque(a for a in actors for _ in range(2))  # two batches in flight per actor
        dead: set[int] = set()

        def submit() -> None:
            nonlocal idle
            while pending and idle:
                actor = idle.popleft()
                batch = [pending.popleft() for _ in range(min(self.batch_size, len(pending)))]
                in_flight[actor.process.remote(batch)] = (actor, batch)

        submit()
        while in_flight:
            ready, _ = ray.wait(list(in_flight), num_returns=1)
            actor, batch = in_flight.pop(ready[0])
            by_key = {d.key: d for d in batch}
            try:
                results = ray.get(ready[0])
            except ray.exceptions.RayActorError as exc:
                # The actor is gone (it could not start, or its node left): others take its documents.
                pending.extendleft(reversed(batch))
                idle = deque(a for a in idle if a is not actor)
                dead.add(id(actor))
                if len(dead) == len(actors):
                    raise RepairError(f"every Ray actor died; the last said: {_first_line(exc)}") from None
                submit()
                continue
            except ray.exceptions.RayTaskError as exc:
                raise RepairError(f"a Ray worker failed: {_first_line(exc)}") from None
            for key, record in results:
                on_record(by_key[key], record)
            idle.append(actor)
            submit()


def _spread(total: int, cpus: dict[str, int]) -> dict[str, int]:
    """Actors per node, in proportion to its CPUs (at least one on the first nodes)."""
    whole = sum(cpus.values())
    share = {n: (total * c) // whole for n, c in cpus.items()}
    for n in sorted(cpus, key=lambda n: -cpus[n]):
        if sum(share.values()) >= total:
            break
        share[n] += 1
    return share


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1][:300] if text else type(exc).__name__

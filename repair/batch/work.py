"""What a worker does with one document: read, repair, write its outputs, report it.

A worker holds one :class:`~repair.pipeline.Pipeline` for the whole job (one LanguageTool
client, one model at most); the local engine's processes and the Ray actors both use it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from ..errors import GrammarError, InputError, RepairError
from ..pipeline import Pipeline, PipelineConfig
from ..render.patch import outside, outside_note, patch, patch_name
from ..result import Result
from ..textio import Chunk, iter_chunks, split_chunks
from .inputs import DocRef, read_jsonl_text
from .state import Layout

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class WorkSettings:
    """Everything a worker needs besides the pipeline's configuration."""

    out: str
    encoding: str = "utf-8"
    field: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES


def error_record(doc: DocRef, error: str, seconds: float = 0.0) -> dict:
    return {"id": doc.id, "path": doc.path, "line": doc.line, "output": None, "patch": None, "words": 0,
            "edits": [], "changes": 0, "flags": 0, "signature": None, "seconds": round(seconds, 4),
            "stage_seconds": {}, "error": error}


class DocWorker:
    def __init__(self, config: PipelineConfig, settings: WorkSettings, pipeline: Pipeline | None = None):
        self.settings = settings
        self.layout = Layout(settings.out)
        self.pipeline = pipeline or Pipeline(config)

    def close(self) -> None:
        self.pipeline.close()

    def process(self, doc: DocRef) -> dict:
        """The document's report record; a failure is recorded in it, never raised."""
        began = time.perf_counter()
        if doc.error or doc.rel is None:
            return error_record(doc, doc.error or "refused")
        try:
            return self._process(doc, began)
        except GrammarError as exc:
            if self._grammar_down():
                raise  # not this document's fault: the job stops, and a rerun resumes it
            return error_record(doc, str(exc), time.perf_counter() - began)
        except RepairError as exc:
            return error_record(doc, str(exc), time.perf_counter() - began)
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - a crash in one document must not stop the job
            return error_record(doc, f"{type(exc).__name__}: {exc}", time.perf_counter() - began)

    def _grammar_down(self) -> bool:
        from ..grammar import LanguageToolProposer

        return any(p.server.is_down() for p in self.pipeline.proposers if isinstance(p, LanguageToolProposer))

    def _chunks(self, doc: DocRef) -> list[Chunk]:
        s = self.settings
        if doc.is_jsonl:
            if (doc.length or 0) > s.max_bytes:
                raise InputError(f"{doc.id!r} is too large ({doc.length:,} bytes; the limit is {s.max_bytes:,})")
            return list(split_chunks(read_jsonl_text(doc, s.field)))
        try:
            size = os.stat(doc.path).st_size
        except OSError as exc:
            raise InputError(f"cannot read {doc.path!r}: {exc.strerror}") from None
        if size > s.max_bytes:
            raise InputError(f"{doc.path!r} is too large ({size:,} bytes; the limit is {s.max_bytes:,}, "
                             f"--max-bytes)")
        return list(iter_chunks(doc.path, s.encoding))

    def _process(self, doc: DocRef, began: float) -> dict:
        s = self.settings
        chunks = self._chunks(doc)
        before = dict(self.pipeline.clock.seconds)
        pieces = [(c, self.pipeline.run(c.text)) for c in chunks]
        stage_seconds = self.pipeline.clock.since(before)
        text = "".join(c.text for c in chunks)
        edits = tuple(e.shifted(c.offset) for c, r in pieces for e in r.edits)
        whole = Result(text, edits, pieces[0][1].signature if pieces else self.pipeline.signature())
        encoding = "utf-8" if doc.is_jsonl else s.encoding
        fixed = "".join(r.fixed for _, r in pieces)
        try:
            data = fixed.encode(encoding)
        except UnicodeEncodeError as exc:
            raise InputError(f"the repaired text has {exc.object[exc.start:exc.end]!r}, which {encoding} "
                             f"cannot hold") from None
        if doc.is_jsonl:
            name, note = doc.rel, None
        else:  # named as `repair diff` run from the same folder names it
            name, note = patch_name(doc.path), outside_note(doc.path) if outside(doc.path) else None
        patch_bytes = "".join(patch(name, pieces, encoding, note)).encode(encoding)
        text_rel, patch_rel = self.layout.text_rel(doc.rel), self.layout.patch_rel(doc.rel)
        self.layout.write(text_rel, data)
        if patch_bytes:
            self.layout.write(patch_rel, patch_bytes)
        else:
            self.layout.remove(patch_rel)
        return {"id": doc.id, "path": doc.path, "line": doc.line, "output": text_rel,
                "patch": patch_rel if patch_bytes else None, "words": len(text.split()),
                **whole.to_dict(), "seconds": round(time.perf_counter() - began, 4),
                "stage_seconds": stage_seconds, "error": None}

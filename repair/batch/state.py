"""The output folder of a job: where each output goes, and the manifest that makes it resumable.

Like datatrove's completion markers: every finished document (repaired or failed) gets one
completion record in ``.repair-batch/done.jsonl``, appended after its outputs were written
under temporary names and renamed into place. A rerun skips what the manifest holds; a
record torn by ``kill -9`` is dropped and its document done again. The manifest also keeps
the job's signature (options and inputs), and a rerun with another one is refused.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from ..errors import ConfigError, OutputError
from .inputs import unsafe_reason

STATE = ".repair-batch"
TEXT, PATCH = "text", "patch"
REPORT, SUMMARY = "report.jsonl", "summary.json"


class Layout:
    """Paths under ``--out``; every write is atomic and stays inside the folder."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.real = self.out.resolve()
        self.state = self.out / STATE
        self.tmp = self.state / "tmp"
        self._checked: set[Path] = set()  # folders already made and found inside ``out``

    def text_rel(self, rel: str) -> str:
        return f"{TEXT}/{rel}"

    def patch_rel(self, rel: str) -> str:
        return f"{PATCH}/{rel}.patch"

    def write(self, rel: str, data: bytes) -> None:
        """Write ``out/rel`` through a temporary file and a rename; refuse to leave ``out``."""
        reason = unsafe_reason(rel)
        if reason:
            raise OutputError(f"output path {rel!r} {reason}; refused")
        target = self.out / rel
        try:
            if target.parent not in self._checked:
                self._check_inside(target.parent)
                target.parent.mkdir(parents=True, exist_ok=True)
                self._check_inside(target.parent)
                self._checked.add(target.parent)
            fd, tmp = tempfile.mkstemp(dir=self.tmp, prefix="doc-", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove(self, rel: str) -> None:
        target = self.out / rel
        if target.is_file() and not target.is_symlink():
            self._check_inside(target.parent)
            target.unlink()

    def _check_inside(self, folder: Path) -> None:
        """The deepest existing folder on the way must resolve inside ``out`` (no link out)."""
        probe = folder
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        real = probe.resolve()
        if real != self.real and self.real not in real.parents:
            raise OutputError(f"{str(folder)!r} leads outside {str(self.out)!r} (a link?); refused")


class Manifest:
    """``job.json`` (the signature) and ``done.jsonl`` (one completion record per document)."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.path = layout.state / "done.jsonl"
        self.job_path = layout.state / "job.json"
        self._lock = None
        self._out = None
        self.index: dict[str, tuple[int, int]] = {}  # key -> (offset, length) of its record

    def open(self, signature: dict, restart: bool = False) -> "Manifest":
        """Lock the folder, check the signature (or start over), and read what is done."""
        out = self.layout.out
        if out.exists() and not out.is_dir():
            raise OutputError(f"--out {str(out)!r} is a file; name a folder")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create --out {str(out)!r}: {exc.strerror or exc}") from None
        if not self.job_path.is_file() and any(p.name != STATE for p in out.iterdir()):
            raise ConfigError(f"--out {str(out)!r} is not empty and holds no batch job; "
                              f"choose a new or empty folder")
        try:
            self.layout.state.mkdir(exist_ok=True)
            self._lock = open(self.layout.state / "lock", "w")
        except OSError as exc:
            raise OutputError(f"cannot write in --out {str(out)!r}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ConfigError(f"another repair batch is writing to {str(out)!r}") from None
        previous = self._read_job()
        if previous is not None and previous.get("signature") != signature:
            if not restart:
                changed = [k for k in signature if previous.get("signature", {}).get(k) != signature[k]]
                raise ConfigError(f"--out {str(out)!r} holds a job with other {' and '.join(changed) or 'settings'}; "
                                  f"rerun with --restart to start it over, or choose another --out")
        if restart:
            self._clear()
        shutil.rmtree(self.layout.tmp, ignore_errors=True)  # what a killed run was writing
        self.layout.tmp.mkdir(parents=True, exist_ok=True)
        if previous is None or restart or previous.get("signature") != signature:
            self._write_job(signature)
        self._load()
        self._out = open(self.path, "ab")
        return self

    def _read_job(self) -> dict | None:
        try:
            return json.loads(self.job_path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}

    def _write_job(self, signature: dict) -> None:
        tmp = self.job_path.with_name("job.json.part")
        tmp.write_text(json.dumps({"signature": signature, "created": time.time()}, indent=2), "utf-8")
        os.replace(tmp, self.job_path)

    def _clear(self) -> None:
        out = self.layout.out
        for name in (TEXT, PATCH):
            shutil.rmtree(out / name, ignore_errors=True)
        for name in (REPORT, SUMMARY):
            (out / name).unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)
        self.job_path.unlink(missing_ok=True)

    def _load(self) -> None:
        """Index the completion records; a torn last record (kill -9) is cut off."""
        self.index = {}
        if not self.path.is_file():
            return
        good = 0
        with open(self.path, "rb") as f:
            offset = 0
            for line in f:
                if not line.endswith(b"\n"):
                    break
                try:
                    key_json, _ = line.split(b"\t", 1)
                    key = json.loads(key_json)
                except ValueError:
                    break
                self.index[key] = (offset, len(line))
                offset += len(line)
                good = offset
        if good != self.path.stat().st_size:
            with open(self.path, "r+b") as f:
                f.truncate(good)

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def append(self, key: str, record: dict) -> None:
        line = json.dumps(key, ensure_ascii=False).encode() + b"\t" + \
            json.dumps(record, ensure_ascii=False).encode() + b"\n"
        assert self._out is not None
        offset = self._out.tell()
        self._out.write(line)
        self._out.flush()
        self.index[key] = (offset, len(line))

    def record_json(self, key: str, reader) -> str:
        offset, length = self.index[key]
        reader.seek(offset)
        line = reader.read(length).decode("utf-8")
        return line.split("\t", 1)[1].rstrip("\n")

    def reader(self):
        return open(self.path, "rb")

    def close(self) -> None:
        for f in (self._out, self._lock):
            if f is not None:
                with contextlib.suppress(OSError):
                    f.close()
        self._out = self._lock = None
        shutil.rmtree(self.layout.tmp, ignore_errors=True)

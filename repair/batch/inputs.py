"""What a batch job reads: files, folders (recursive, ``--glob``) and JSONL files or stdin.

Discovery only lists documents (their key, where their text is, where their output goes);
the text itself is read by the worker that repairs it, so a corpus never sits in memory.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence

from ..errors import InputError

DEFAULT_GLOB = ("*.txt",)
STDIN = "-"


@dataclass(frozen=True)
class DocRef:
    """One document of a job.

    ``key`` is unique in the job and names it in the manifest; ``rel`` is where its outputs
    go under ``--out`` (None when refused; ``error`` then says why). A text file has ``path``;
    a JSONL line has ``path`` (the JSONL file), ``offset`` and ``length`` in bytes.
    """

    key: str
    id: str
    path: str
    rel: str | None
    offset: int | None = None
    length: int | None = None
    line: int | None = None
    error: str | None = None

    @property
    def is_jsonl(self) -> bool:
        return self.offset is not None


def unsafe_reason(rel: str) -> str | None:
    """Why ``rel`` would escape the output folder, or None when it stays inside."""
    if "\0" in rel:
        return "contains a NUL character"
    if not rel or rel.strip() in ("", "."):
        return "is empty"
    if rel.startswith(("/", "\\")) or PurePosixPath(rel).is_absolute() or (len(rel) > 1 and rel[1] == ":"):
        return "is an absolute path"
    parts = rel.replace("\\", "/").split("/")
    if any(p == ".." for p in parts):
        return "climbs out with '..'"
    if any(p in ("", ".") for p in parts):
        return "has an empty or '.' path segment"
    if parts[0].startswith(".repair-batch"):
        return "names the job's own state folder"
    return None


def _matches(rel: str, globs: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel if "/" in g else name, g) for g in globs)


def _walk(root: Path, globs: Sequence[str]) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` matching a glob, sorted; hidden names and linked folders skipped."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = base / name
            rel = path.relative_to(root).as_posix()
            if _matches(rel, globs):
                yield path, rel


def _is_jsonl(path: str) -> bool:
    return path == STDIN or path.endswith((".jsonl", ".jsonl.txt", ".ndjson"))


def _root(inputs: Sequence[str]) -> Path:
    """Keys are relative to this folder: the one input folder, else the inputs' common parent."""
    real = [Path(p).resolve() for p in inputs if p != STDIN]
    if len(real) == 1 and real[0].is_dir():
        return real[0]
    parents = [p if p.is_dir() else p.parent for p in real]
    return Path(os.path.commonpath(parents)) if parents else Path.cwd()


def discover(inputs: Sequence[str], globs: Sequence[str] = DEFAULT_GLOB, field: str = "text",
             id_field: str | None = None, stdin_copy: Path | None = None) -> list[DocRef]:
    """Every document of the job, in a stable order (inputs as given, folders sorted)."""
    if not inputs:
        raise InputError("no inputs; give files, folders, JSONL files or '-' for stdin")
    root = _root(inputs)
    docs: list[DocRef] = []
    seen: set[str] = set()

    def add(doc: DocRef) -> None:
        if doc.key in seen:
            if doc.is_jsonl:  # a repeated id: recorded as a failure under a key of its own
                doc = DocRef(f"{doc.key}#line{doc.line}", doc.id, doc.path, None, doc.offset, doc.length,
                             doc.line, f"id {doc.id!r} appears more than once")
            else:
                return  # the same file named twice
        seen.add(doc.key)
        docs.append(doc)

    for given in inputs:
        if given == STDIN or _is_jsonl(given):
            source = stdin_copy if given == STDIN else Path(given)
            if source is None:
                raise InputError("'-' needs a place to keep standard input")
            if given != STDIN and not source.is_file():
                raise InputError(f"{given!r} does not exist or is not a file")
            prefix = "stdin" if given == STDIN else _key_of(Path(given), root)
            prefix = prefix[:-len(Path(prefix).suffix)] if Path(prefix).suffix else prefix
            for doc in _jsonl_docs(source, given, prefix, field, id_field):
                add(doc)
            continue
        path = Path(given)
        if path.is_dir():
            real_root = path.resolve()
            for file, rel in _walk(path, globs):
                key = _key_of(file, root)
                error = None
                if file.is_symlink() and not _inside(file.resolve(), real_root):
                    error = f"{str(file)!r} is a link pointing outside {given!r}; refused"
                add(DocRef(key, key, str(file), None if error else key, error=error))
        elif path.is_file():
            key = _key_of(path, root)
            add(DocRef(key, key, given, key))
        elif path.is_symlink() or not path.exists():
            add(DocRef(given, given, given, None, error=f"{given!r} does not exist"))
        else:
            add(DocRef(given, given, given, None, error=f"{given!r} is not a regular file"))
    return docs


def _key_of(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root).as_posix()
    except ValueError:
        return path.resolve().relative_to(root).as_posix()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _jsonl_docs(source: Path, given: str, prefix: str, field: str, id_field: str | None) -> Iterator[DocRef]:
    """One document per non-blank line; a line that is not a JSON object with the text field
    becomes a failed document (the job goes on)."""
    shown = "<stdin>" if given == STDIN else given
    with open(source, "rb") as f:
        offset = 0
        for number, raw in enumerate(f, 1):
            here, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            doc_id, error = str(number), None
            try:
                obj = json.loads(raw)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                if id_field:
                    if id_field not in obj:
                        raise ValueError(f"no {id_field!r} field")
                    doc_id = str(obj[id_field])
                if not isinstance(obj.get(field), str):
                    raise ValueError(f"no text field {field!r} (a string); pass --field")
            except (ValueError, UnicodeDecodeError) as exc:
                error = f"{shown} line {number}: {exc}"
            rel = f"{prefix}/{doc_id}.txt"
            if error is None:
                reason = unsafe_reason(doc_id) or unsafe_reason(rel)
                if reason:
                    error = f"{shown} line {number}: id {doc_id!r} {reason}; refused"
            key = rel if error is None else f"{prefix}#line{number}"
            yield DocRef(key, doc_id, str(source), None if error else rel, here, len(raw), number, error)


def read_jsonl_text(doc: DocRef, field: str) -> str:
    with open(doc.path, "rb") as f:
        f.seek(doc.offset or 0)
        raw = f.read(doc.length or 0)
    return json.loads(raw)[field]


def spool_stdin(stream, dest: Path) -> None:
    """Keep standard input in the job's folder, so a resumed job reads the same documents."""
    tmp = dest.with_name(dest.name + ".part")
    with open(tmp, "wb") as out:
        while block := stream.read(1 << 20):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, dest)


def input_fingerprint(docs: Sequence[DocRef], by_content: Sequence[str] = ()) -> str:
    """Changes when a document is added, removed, or its file changes (size or time; the
    content for the files in ``by_content``, such as a copy of standard input)."""
    h = hashlib.sha256()
    stats: dict[str, str] = {}
    for d in docs:
        if d.path not in stats:
            try:
                if d.path in by_content:
                    stats[d.path] = _content_hash(d.path)
                else:
                    st = os.stat(d.path)
                    stats[d.path] = f"{st.st_size}:{st.st_mtime_ns}"
            except OSError:
                stats[d.path] = "missing"
        h.update(json.dumps([d.key, d.path, d.rel, d.offset, stats[d.path]]).encode())
        h.update(b"\n")
    return h.hexdigest()


def _content_hash(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()

"""Reading input as text without losing a byte, and writing output atomically.

Input is decoded exactly (BOM and CRLF kept as characters), streamed in chunks that
end at paragraph or line boundaries, so a 50 MB file never sits whole in memory.
"""

from __future__ import annotations

import codecs
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import ConfigError, InputError, OutputError
from .pids import pid_alive

CHUNK_CHARS = 200_000
_READ_BYTES = 1 << 20
_BINARY_SNIFF = 8192


@dataclass(frozen=True)
class Chunk:
    """A piece of the input: its text and where it starts (code points, 0-based line)."""

    text: str
    offset: int
    line: int


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path!r} is a directory; give a text file or '-' for stdin")
    try:
        return p.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path!r} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror}") from None


def _decoder(encoding: str):
    try:
        return codecs.getincrementaldecoder(encoding)(errors="strict")
    except LookupError:
        raise ConfigError(f"unknown encoding {encoding!r}; try utf-8, latin-1 or cp1252") from None


def iter_chunks(path: str, encoding: str = "utf-8", size: int = CHUNK_CHARS) -> Iterator[Chunk]:
    """Decode ``path`` (or stdin for '-') and yield chunks ending at paragraph breaks."""
    decoder = _decoder(encoding)
    stream = _open(path)
    name = "stdin" if path == "-" else path
    consumed = lines_before = 0
    last_newline = -1  # byte offset of the last newline seen, for error columns
    buffer, offset, line = "", 0, 0
    try:
        while True:
            block = stream.read(_READ_BYTES)
            if consumed == 0 and b"\x00" in block[:_BINARY_SNIFF]:
                at = block.index(b"\x00")
                raise InputError(f"{name!r} looks binary (NUL byte at offset {at}); repair reads text")
            try:
                buffer += decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                bad = consumed + exc.start
                prefix = block[:exc.start]
                line_no = lines_before + prefix.count(b"\n") + 1
                nl = prefix.rfind(b"\n")
                column = exc.start - nl if nl >= 0 else bad - last_newline
                raise InputError(
                    f"{name!r} is not valid {encoding} at line {line_no}, column {column} "
                    f"(byte 0x{block[exc.start]:02x}); pass --encoding, e.g. --encoding latin-1"
                ) from None
            if block.rfind(b"\n") >= 0:
                last_newline = consumed + block.rfind(b"\n")
            lines_before += block.count(b"\n")
            consumed += len(block)
            while len(buffer) > size:
                cut = _cut_point(buffer, size)
                piece, buffer = buffer[:cut], buffer[cut:]
                yield Chunk(piece, offset, line)
                offset += len(piece)
                line += piece.count("\n")
            if not block:
                break
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if buffer or offset == 0:
        yield Chunk(buffer, offset, line)


def split_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[Chunk]:
    """A text already in memory, cut where :func:`iter_chunks` would cut it."""
    offset = line = 0
    while len(text) - offset > size:
        cut = _cut_point(text[offset:offset + size], size)
        piece = text[offset:offset + cut]
        yield Chunk(piece, offset, line)
        offset += cut
        line += piece.count("\n")
    if offset < len(text) or offset == 0:
        yield Chunk(text[offset:], offset, line)


def _cut_point(text: str, size: int) -> int:
    """Where to end a chunk: after a blank line, else a line end, else a space."""
    window = text[size // 2:size]
    for sep in ("\n\n", "\r\n\r\n", "\n", " "):
        at = window.rfind(sep)
        if at >= 0:
            return size // 2 + at + len(sep)
    return size


def read_text(path: str, encoding: str = "utf-8") -> str:
    """The whole input as one string (for small files and the library API)."""
    return "".join(c.text for c in iter_chunks(path, encoding))


TMP_MARK = ".repair-"  # temporary files are named .<name>.repair-<pid>-<random>.tmp


def _write_failure(path: Path, exc: OSError) -> OutputError:
    """One line for any failure to write ``path``."""
    where = str(path)
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return OutputError(f"cannot write {where!r}: it is a directory; name a file")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return OutputError(f"cannot write {where!r}: folder {str(parent)!r} does not exist")
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"cannot write {where!r}: {reason}")


def check_writable(path: str | Path) -> None:
    """Fail early, before any work, when ``path`` clearly cannot be written."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"cannot write {str(path)!r}: it is a directory; name a file")
    if not parent.is_dir():
        raise OutputError(f"cannot write {str(path)!r}: folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {str(path)!r}: folder {str(parent)!r} is not writable")


def remove_stale_temporaries(path: str | Path) -> list[Path]:
    """Remove the temporary files a killed run left beside ``path`` (their writer is gone)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    removed = []
    try:
        candidates = list(directory.glob(f".{glob_escape(path.name)}{TMP_MARK}*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        pid_part = tmp.name[len(path.name) + 1 + len(TMP_MARK):].split("-", 1)[0]
        if pid_part.isdigit() and int(pid_part) != os.getpid() and not pid_alive(int(pid_part)):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


class AtomicWrite:
    """A text file written beside ``path`` under a temporary name, renamed into place by
    :meth:`commit`; closed without a commit (an error, Ctrl-C, SIGTERM), it is removed.

    Every failure to write raises :class:`OutputError` (one line). Temporary files carry
    the writer's pid, so the next write to the same path removes those of a killed run.
    """

    def __init__(self, path: str | Path, encoding: str = "utf-8", like: str | Path | None = None):
        self.path = Path(path)
        self.encoding = encoding
        self.like = like
        self.tmp: Path | None = None
        self._file = None

    def __enter__(self):
        directory = self.path.parent if str(self.path.parent) else Path(".")
        if self.path.is_dir():
            raise OutputError(f"cannot write {str(self.path)!r}: it is a directory; name a file")
        remove_stale_temporaries(self.path)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}{TMP_MARK}{os.getpid()}-", suffix=".tmp",
                                       dir=directory)
            self.tmp = Path(tmp)
            self._file = io.open(fd, "w", encoding=self.encoding, newline="")
        except OSError as exc:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            raise _write_failure(self.path, exc) from None
        except BaseException:  # Ctrl-C or SIGTERM before the with-block began: __exit__ won't run
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            raise
        return self

    def write(self, text: str) -> None:
        try:
            self._file.write(text)
        except OSError as exc:
            raise _write_failure(self.path, exc) from None
        except UnicodeEncodeError as exc:
            raise OutputError(f"cannot write {str(self.path)!r} in {self.encoding}: "
                              f"{exc.object[exc.start:exc.end]!r} has no encoding there; pass --encoding utf-8") from None

    def commit(self) -> None:
        assert self._file is not None and self.tmp is not None
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            if self.like is not None and Path(self.like).exists():
                shutil.copymode(self.like, self.tmp)
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise _write_failure(self.path, exc) from None
        self.tmp = None

    def discard(self) -> None:
        if self._file is not None and not self._file.closed:
            try:
                self._file.close()
            except OSError:
                pass
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None

    def __exit__(self, *exc) -> None:
        self.discard()


def write_atomic(path: str | Path, chunks: Iterator[str] | str, encoding: str = "utf-8",
                 like: str | Path | None = None) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    with AtomicWrite(path, encoding, like) as out:
        for piece in [chunks] if isinstance(chunks, str) else chunks:
            out.write(piece)
        out.commit()


def backup_path(path: str | Path) -> Path:
    """``FILE.bak``, or ``FILE.bak.N`` when earlier backups exist (never overwritten)."""
    path = Path(path)
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate

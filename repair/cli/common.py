"""What check, fix and diff share: run the pipeline over each input, chunk by chunk."""

from __future__ import annotations

import argparse
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import ConfigError, InputError, OutputError
from ..pipeline import Pipeline
from ..result import Result
from ..textio import AtomicWrite, Chunk, backup_path, check_writable, iter_chunks
from .options import pipeline_config

EXIT_CLEAN, EXIT_CHANGES, EXIT_TROUBLE = 0, 1, 2


def display_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def results(args: argparse.Namespace, pipeline: Pipeline, path: str) -> Iterator[tuple[Chunk, Result]]:
    for chunk in iter_chunks(path, args.encoding):
        yield chunk, pipeline.run(chunk.text)


@contextmanager
def open_pipeline(args: argparse.Namespace) -> Iterator[Pipeline]:
    """The pipeline for a command, closed at the end; with ``--timings`` its time by stage
    goes to stderr when the command has run."""
    with Pipeline(pipeline_config(args)) as pipeline:
        yield pipeline
        if args.timings:
            print("\n".join(pipeline.clock.table()), file=sys.stderr)


def progress(paths: list[str]):
    """A progress bar over many files, on an interactive stderr only."""
    if len(paths) < 2 or not sys.stderr.isatty():
        return paths
    from tqdm import tqdm

    return tqdm(paths, unit="file", file=sys.stderr)


def write_out(text: str, encoding: str) -> None:
    """Write to stdout in the input's encoding without translating line endings."""
    try:
        sys.stdout.buffer.write(text.encode(encoding))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None
    except UnicodeEncodeError as exc:
        raise OutputError(f"cannot write {exc.object[exc.start:exc.end]!r} in {encoding}; "
                          f"pass --encoding utf-8") from None


def output_target(source: str, output: str | None, in_place: bool, default: str | Path | None = None) -> Path | None:
    """Where a command's text goes (``-o OUT``, the input with ``--in-place``, else
    ``default``; None: stdout), checked before any work; a symlink's target is written and
    the link kept. Never the input without ``--in-place``."""
    if in_place:
        if source == "-":
            raise ConfigError("--in-place needs a file, not stdin")
        if not Path(source).is_file():
            raise InputError(f"{source!r} does not exist or is not a file")
        target = Path(source).resolve()  # edit the target and keep the link
        check_writable(target)
        return target
    if output or default:
        out = Path(output or default)
        if source != "-" and out.exists() and out.resolve() == Path(source).resolve():
            raise ConfigError(f"-o {str(out)!r} is the input file; use --in-place to replace it")
        if out.exists() and not out.is_file() and not out.is_dir():
            return out  # a device or a pipe (/dev/stdout): written as it is, not replaced
        if out.is_symlink() and out.resolve().is_file():
            out = out.resolve()  # write the link's target and keep the link
        check_writable(out)
        return out
    return None


def write_text(target: Path, pieces: Iterable[str], encoding: str, in_place: bool, source: str,
               changed: Callable[[], bool] = lambda: True) -> None:
    """Write ``pieces`` to ``target`` atomically. In place, the original is touched only by
    the final rename, after its backup (``FILE.bak``, never overwritten) exists, and not at
    all when ``changed()`` says nothing changed once the pieces are written."""
    if not in_place and target.exists() and not target.is_file():
        _write_special(target, pieces, encoding)
        return
    like = target if in_place else None if source == "-" else source
    with AtomicWrite(target, encoding, like=like) as out:
        for piece in pieces:
            out.write(piece)
        if in_place:
            if not changed():
                return  # nothing to replace: no backup, the temporary file goes
            backup = backup_path(source)
            try:
                shutil.copy2(target, backup)
            except OSError as exc:
                backup.unlink(missing_ok=True)
                raise OutputError(f"cannot write the backup {str(backup)!r}: {exc.strerror}") from None
        out.commit()


def _write_special(target: Path, pieces: Iterable[str], encoding: str) -> None:
    """Write to a device or pipe directly: renaming over it would replace it with a file."""
    try:
        with open(target, "w", encoding=encoding, newline="") as out:
            for piece in pieces:
                out.write(piece)
    except OSError as exc:
        raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None

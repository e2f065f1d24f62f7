"""What check, fix and diff share: run the pipeline over each input, chunk by chunk."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..pipeline import Pipeline
from ..errors import ConfigError, InputError
from ..result import Result
from ..textio import Chunk, backup_path, iter_chunks, write_atomic
from .options import pipeline_config

EXIT_CLEAN, EXIT_CHANGES = 0, 1


def display_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def results(args: argparse.Namespace, pipeline: Pipeline, path: str) -> Iterator[tuple[Chunk, Result]]:
    for chunk in iter_chunks(path, args.encoding):
        yield chunk, pipeline.run(chunk.text)


def open_pipeline(args: argparse.Namespace) -> Pipeline:
    return Pipeline(pipeline_config(args))


def progress(paths: list[str]):
    """A progress bar over many files, on an interactive stderr only."""
    if len(paths) < 2 or not sys.stderr.isatty():
        return paths
    from tqdm import tqdm

    return tqdm(paths, unit="file", file=sys.stderr)


def write_out(text: str, encoding: str) -> None:
    """Write to stdout in the input's encoding without translating line endings."""
    sys.stdout.buffer.write(text.encode(encoding))
    sys.stdout.buffer.flush()


def output_target(source: str, output: str | None, in_place: bool, default: Path | None = None) -> Path | None:
    """Where to write a command's text: ``-o OUT``, the input itself with ``--in-place``,
    else ``default`` (None: stdout). Never the input without ``--in-place``."""
    if in_place:
        if source == "-":
            raise ConfigError("--in-place needs a file, not stdin")
        if not Path(source).is_file():
            raise InputError(f"{source!r} does not exist or is not a file")
        return Path(source)
    out = Path(output) if output else default
    if out is not None and source != "-" and out.exists() and out.resolve() == Path(source).resolve():
        raise ConfigError(f"-o {str(out)!r} is the input file; use --in-place to replace it")
    return out


def write_output(target: Path, pieces: Iterable[str] | str, encoding: str, in_place: bool,
                 source: str) -> None:
    """Write atomically. In place, the original is touched only by the final rename, after
    its backup (``FILE.bak``, never overwritten) exists."""
    if in_place:
        backup = backup_path(target)
        shutil.copy2(target, backup)
        try:
            write_atomic(target, pieces, encoding, like=backup)
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
    else:
        write_atomic(target, pieces, encoding, like=None if source == "-" else source)

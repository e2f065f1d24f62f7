"""What check, fix and diff share: run the pipeline over each input, chunk by chunk."""

from __future__ import annotations

import argparse
import sys
from typing import Iterator

from ..errors import OutputError
from ..pipeline import Pipeline
from ..result import Result
from ..textio import Chunk, iter_chunks
from .options import pipeline_config

EXIT_CLEAN, EXIT_CHANGES, EXIT_TROUBLE = 0, 1, 2


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

"""What the MT flagger adds to the time of ``--no-model``.

    python bench/mt_flagger.py [--items 150] [--head models/mt-flagger] [--data ../shared/data] [--float]

Runs the pipeline without the model (detectors + LanguageTool, as ``repair fix --no-model``)
and the flagger alone over the same texts (clean news paragraphs and MQM TED segments),
item by item in turn so that both see the same machine load, and prints the seconds of
each and the ratio. The flagger's load (the encoder and its head) is timed apart, as the
harness times start-up apart. ``--float``: the encoder layers in float, as before they
ran in 8-bit integers.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from repair.paths import DEFAULT_DATA_DIR


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=150, help="items of each set")
    ap.add_argument("--head", default=None, help="flagger folder (default: models/mt-flagger)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--float", action="store_true", help="the encoder layers in float, not 8-bit integers")
    args = ap.parse_args()

    from repair.document import Document
    from repair.eval.suites import get_suite
    from repair.mtqe import MTFlagger
    from repair.pipeline import Pipeline, PipelineConfig

    texts = []
    for suite in ("news", "mqm"):
        for part in get_suite(suite).load(args.data, None, args.items):
            texts += [i.text for i in part.items]
    words = sum(len(t.split()) for t in texts)
    flagger = MTFlagger(head=args.head, int8=not args.float)
    t = time.perf_counter()
    flagger.propose(Document("This are a short text to load everything before the clock starts."))
    load = time.perf_counter() - t
    spent = {"nomodel": 0.0, "flagger": 0.0}
    flags = 0
    with Pipeline(PipelineConfig(model=None)) as pipeline:
        pipeline.run("This are a short text to start LanguageTool before the clock starts.")
        for text in texts:
            t = time.perf_counter()
            pipeline.run(text)
            spent["nomodel"] += time.perf_counter() - t
            t = time.perf_counter()
            flags += len(flagger.propose(Document(text)))
            spent["flagger"] += time.perf_counter() - t
    print(f"{len(texts)} texts, {words:,} words; flagger load {load:.1f} s")
    print(f"--no-model pipeline: {spent['nomodel']:.1f} s ({words / spent['nomodel']:,.0f} words/s)")
    print(f"flagger:             {spent['flagger']:.1f} s ({words / spent['flagger']:,.0f} words/s), {flags} flags")
    print(f"flagger / --no-model: {100 * spent['flagger'] / spent['nomodel']:.0f}%")


if __name__ == "__main__":
    sys.exit(main())

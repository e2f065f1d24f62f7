"""The OCR detector as a judge of LanguageTool's speller: measured on the dev halves.

    python bench/ocr_speller.py [--suite overproof --suite bln600 ...] [--half B] [--limit N]

Runs the ``--no-model`` pipeline's detectors and LanguageTool on every line
(LanguageTool's proposals are cached under $REPAIR_CACHE/bench-ocr-speller, keyed by the
text: delete the folder after changing LanguageTool or its mapping), then
verifies and ranks them twice: with the OCR detector's judgement of the speller
(``OcrConfusions.verify``) and without it. Prints, per suite and half, the score of both
and the lines the judgement made better and worse, and with ``--show`` every line it
changed. The OCR suites' dev samples are split into half A (even-numbered lines: tuning)
and half B (odd-numbered: held out); the other suites (news, JFLEG, MLQE-PE) are scored
whole on their default sample, or ``--limit`` items of it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from pathlib import Path

from repair.document import Document
from repair.edits import Edit, apply_edits
from repair.eval import metrics
from repair.eval.suites import get_suite
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig
from repair.sources import DETECTOR

OCR_SUITES = ("bln600", "overproof", "icdar2017")


def cache_dir() -> Path:
    root = Path(os.environ.get("REPAIR_CACHE", Path.home() / ".cache" / "repair"))
    path = root / "bench-ocr-speller"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Proposals:
    """The detectors' edits (computed each time) and LanguageTool's (cached by text)."""

    def __init__(self, pipeline: Pipeline, name: str):
        self.pipeline = pipeline
        self.path = cache_dir() / f"{name}.jsonl"
        self.known: dict[str, list[dict]] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                self.known[row["key"]] = row["edits"]

    def __call__(self, text: str) -> list[Edit]:
        key = hashlib.sha1(text.encode()).hexdigest()
        doc = self.pipeline.document(text)
        detected = self.pipeline.detect(doc)
        if key not in self.known:
            edits = self.pipeline.propose(doc, detected)[len(detected):]
            self.known[key] = [e.to_dict() for e in edits]
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"key": key, "edits": self.known[key]}) + "\n")
        return detected + [Edit.from_dict(r) for r in self.known[key] if not r["source"].startswith(DETECTOR)]


def fixed(pipeline: Pipeline, text: str, proposed: list[Edit], judge: bool) -> str:
    doc = pipeline.document(text)
    edits = pipeline.verify(doc, proposed) if judge else _verify_without(pipeline, doc, proposed)
    return apply_edits(text, [e for e in pipeline.rank(doc, edits) if not e.is_flag])


def _verify_without(pipeline: Pipeline, doc: Document, proposed: list[Edit]) -> list[Edit]:
    from repair.proposers import Bars
    from repair.sources import LANGUAGETOOL

    c = pipeline.config.min_confidence
    bars = Bars(c, pipeline.profile.bar((LANGUAGETOOL,), c))
    out = list(proposed)
    for p in pipeline.proposers:
        out = p.verify(doc, out, bars)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--suite", action="append", help="default: the three OCR suites")
    ap.add_argument("--half", choices=("A", "B", "all"), default="all", help="OCR suites: which half")
    ap.add_argument("--limit", type=int, default=None, help="other suites: items scored (default: the suite's own; 0: all)")
    ap.add_argument("--show", action="store_true", help="print every line the judgement changed")
    args = ap.parse_args()

    pipeline = Pipeline(PipelineConfig(model=None))
    try:
        for name in args.suite or OCR_SUITES:
            suite = get_suite(name)
            proposals = Proposals(pipeline, name)
            ocr = name in OCR_SUITES
            limit = suite.default_limit if ocr or args.limit is None else args.limit
            for part in suite.load(args.data, limit=limit):
                halves = ("A", "B") if args.half == "all" else (args.half,)
                for half in halves if ocr else ("-",):
                    items = [it for k, it in enumerate(part.items)
                             if not ocr or (k % 2 == 0) == (half == "A")]
                    report(pipeline, proposals, part.label, half, items, ocr, args.show)
    finally:
        pipeline.close()


def report(pipeline, proposals, label, half, items, ocr, show) -> None:
    refs, src, before, after = [], [], [], []
    better = worse = 0
    for it in items:
        proposed = proposals(it.text)
        a = fixed(pipeline, it.text, proposed, judge=False)
        b = fixed(pipeline, it.text, proposed, judge=True)
        src.append(it.text)
        before.append(a)
        after.append(b)
        refs.append(it.references[0] if it.references else it.text)
        if a != b:
            if it.references:
                ea, eb = metrics.char_errors(it.references[0], a), metrics.char_errors(it.references[0], b)
                better += eb < ea
                worse += eb > ea
            if show:
                print(f"  [{it.id}]\n    was: {a!r}\n    now: {b!r}\n    ref: {refs[-1]!r}")
    changed = sum(a != b for a, b in zip(before, after))
    if ocr:
        print(f"{label} half {half} ({len(items)} lines): CER unchanged {metrics.cer(refs, src):.2f}, "
              f"pipeline-nomodel {metrics.cer(refs, before):.2f} -> {metrics.cer(refs, after):.2f} "
              f"with the judgement; lines better {better} / worse {worse}")
    else:
        words = sum(metrics.count_words(t) for t in src)
        ch_a = sum(metrics.word_errors(s, a) for s, a in zip(src, before))
        ch_b = sum(metrics.word_errors(s, b) for s, b in zip(src, after))
        has_refs = any(it.references for it in items)
        extra = (f"; CER vs reference {metrics.cer(refs, before):.2f} -> {metrics.cer(refs, after):.2f}, "
                 f"lines better {better} / worse {worse}") if has_refs else ""
        print(f"{label} ({len(items)} items, {words} words): word changes per 1k words "
              f"{1000 * ch_a / words:.2f} -> {1000 * ch_b / words:.2f}; items the judgement changed {changed}{extra}")


if __name__ == "__main__":
    main()

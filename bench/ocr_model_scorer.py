"""Does the shipped seq2seq model, scoring a reading in its whole sentence, tell a right OCR
reading from a wrong one better than the bigram model does?

    python bench/ocr_model_scorer.py [--suites bln600,overproof,icdar2017] [--limit 600]

Over each OCR suite's sample, every reading the OCR detector weighs (its best candidate for
a word, whether it clears the margin or not, odds above ``--min-odds``) is scored two ways:

- the bigram model's log10 odds, as the detector decides (``Reading.odds``);
- the model's forced-decoding preference: log P(sentence with the candidate | sentence) -
  log P(sentence as printed | sentence), with the printed sentence as the source
  (``Scorer.rewriter.score_candidates``), the question the model answers when it rewrites.

A reading is right when applying it alone lowers the item's character errors against its
transcription, wrong when it raises them (unchanged readings are left out). Reported per
suite and half (even and odd items): the area under the ROC curve of each score, and what a
rule "the bigram's decision, overruled where the model disagrees by more than T" would
apply. Needs torch (``pip install 'repair[model]'``); CPU only, a few minutes.
"""

from __future__ import annotations

import argparse
import sys
from typing import NamedTuple

from repair.document import Document
from repair.errors import RepairError
from repair.eval import metrics
from repair.eval.suites import default_data_dir, get_suite
from repair.detect.ocr import OcrConfusions


class Weighed(NamedTuple):
    """One reading the detector weighed, and what applying it alone did."""

    half: int  # 0: an even-numbered item, 1: odd
    right: bool  # it lowered the item's character errors (else it raised them)
    odds: float  # the bigram model's log10 odds
    decided: bool  # the detector applies it
    sentence: str  # the sentence as printed ...
    candidate: str  # ... and with the reading
    delta: int  # character errors it adds (negative: it removes them)


def readings(suite_name: str, limit: int, min_odds: float):
    """Every reading the detector weighs on the suite's sample (see the module)."""
    detector = OcrConfusions()
    suite = get_suite(suite_name)
    for part in suite.load(default_data_dir(), None, limit):
        for k, item in enumerate(part.items):
            doc = Document(item.text)
            words = doc.words
            starts = {s.start for s in doc.sentences}
            ref = item.references[0]
            before = metrics.char_errors(ref, item.text)
            for i, tok in enumerate(words):
                r = detector.reading(doc, words, i, starts)
                if r is None or r.odds < min_odds:
                    continue
                alone = item.text[:tok.start] + r.candidate + item.text[tok.end:]
                delta = metrics.char_errors(ref, alone) - before
                if delta == 0:
                    continue
                span = doc.sentence_at(tok.start)
                if span.start == span.end:  # no sentence holds it: the whole item
                    span = type(span)(0, len(item.text))
                sentence = item.text[span.start:span.end]
                candidate = sentence[:tok.start - span.start] + r.candidate + sentence[tok.end - span.start:]
                yield Weighed(k % 2, delta < 0, r.odds, r.decided, sentence, candidate, delta)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suites", default="bln600,overproof,icdar2017")
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--min-odds", type=float, default=-1.0, help="readings whose bigram odds are at least this")
    ap.add_argument("--gains", type=_numbers, default="0,1,2,3,4",
                    help="model preferences (nats) to report undecided readings above")
    args = ap.parse_args()
    try:
        from repair.model.scorer import Scorer
    except ImportError as exc:
        print(f"bench: the model needs torch ({exc})", file=sys.stderr)
        return 2
    try:
        return report(args, Scorer())
    except RepairError as exc:  # an unknown suite, data or model weights missing
        print(f"bench: {exc}", file=sys.stderr)
        return 2


def _numbers(text: str) -> list[float]:
    try:
        return [float(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None


def preferences(scorer, rows) -> list[float]:
    """The model's preference for each reading, in nats: one forced-decoding pass over every
    distinct (sentence, candidate) pair, the copy of each sentence scored once."""
    pairs = list(dict.fromkeys(p for r in rows for p in ((r.sentence, r.sentence), (r.sentence, r.candidate))))
    scores = dict(zip(pairs, scorer.rewriter.score_pairs([s for s, _ in pairs], [t for _, t in pairs])))
    return [scores[(r.sentence, r.candidate)] - scores[(r.sentence, r.sentence)] for r in rows]


def report(args, scorer) -> int:
    print("| suite | half | readings (right / wrong) | AUC bigram | AUC model | AUC sum | "
          "decided: right / wrong | decided, model agrees: right / wrong | undecided, model for: right / wrong |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.suites.split(","):
        rows = list(readings(name, args.limit, args.min_odds))
        prefs = preferences(scorer, rows)
        for half in (0, 1):
            sel = [(r, p) for r, p in zip(rows, prefs) if r.half == half]
            pos = [(r.odds, p) for r, p in sel if r.right]
            neg = [(r.odds, p) for r, p in sel if not r.right]
            dec = [(r.right, p) for r, p in sel if r.decided]
            und = [(r.right, p) for r, p in sel if not r.decided]
            print(f"| {name} | {'even' if half == 0 else 'odd'} | {len(pos)} / {len(neg)} | "
                  f"{metrics.roc_auc([o for o, _ in pos], [o for o, _ in neg]):.2f} | "
                  f"{metrics.roc_auc([p for _, p in pos], [p for _, p in neg]):.2f} | "
                  f"{metrics.roc_auc([o + p / 2.3026 for o, p in pos], [o + p / 2.3026 for o, p in neg]):.2f} | "
                  f"{sum(r for r, _ in dec)} / {sum(not r for r, _ in dec)} | "
                  f"{sum(r for r, p in dec if p > 0)} / {sum(not r for r, p in dec if p > 0)} | "
                  f"{sum(r for r, p in und if p > 0)} / {sum(not r for r, p in und if p > 0)} |")
        for gain in args.gains:
            for half in (0, 1):
                lifted = [r for r, p in zip(rows, prefs) if r.half == half and not r.decided and p > gain]
                print(f"    {name} {'even' if half == 0 else 'odd'}: undecided readings the model prefers by more "
                      f"than {gain:g} nats: {sum(r.right for r in lifted)} right / {sum(not r.right for r in lifted)} wrong, "
                      f"character errors {sum(r.delta for r in lifted):+d}")
    scorer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of the OCR stage (confusion table + bigram context), on OCR text and on clean prose.

    python bench/ocr.py [--data ../shared/data] [--languagetool]

Measures, in CPU seconds of this process (one core):

* the OCR detector alone on OCR lines (BLN600, Overproof, ICDAR 2017 dev samples, joined
  into pages): words per second, tables loaded beforehand, candidate cache cold; then with
  the flags for garbled words (``unreadable``, which asks the OCR detector for readings);
* the OCR detector alone on clean news paragraphs, against the rest of the
  ``--no-model`` pipeline on the same paragraphs (every other detector, and with
  ``--languagetool`` the LanguageTool stage too, whose time is the server's wall time):
  the share the OCR stage adds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from repair.detect import DEFAULT_DETECTORS, build_detectors
from repair.detect.ocr import OcrConfusions
from repair.detect.ocr_channel import ConfusionModel
from repair.detect.unreadable import Unreadable
from repair.document import WORD_RE, Document
from repair.eval.suites import get_suite
from repair.lexicon import zipf
from repair.lm import NgramModel
from repair.paths import DEFAULT_DATA_DIR

NEWS = ("bbc-news/bbc_paragraphs.txt", "ag-news/ag_news_test_descriptions.txt")


def ocr_pages(data: Path, lines_per_page: int = 40) -> list[str]:
    pages = []
    for name in ("bln600", "overproof", "icdar2017"):
        suite = get_suite(name)
        for part in suite.load(data, limit=suite.default_limit):
            texts = [i.text for i in part.items]
            pages += ["\n".join(texts[k:k + lines_per_page]) for k in range(0, len(texts), lines_per_page)]
    return pages


def news(data: Path, limit: int) -> list[str]:
    out = []
    for rel in NEWS:
        path = data / rel
        if not path.is_file():
            sys.exit(f"bench: {path} is absent; pass --data DIR")
        out += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    return out


def cpu(fn, texts: list[str]) -> float:
    started = time.process_time()
    for t in texts:
        fn(t)
    return time.process_time() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--news", type=int, default=1000, help="paragraphs of each news source")
    ap.add_argument("--languagetool", action="store_true", help="time the LanguageTool stage too (starts Java)")
    args = ap.parse_args()

    started = time.process_time()
    confusions, lm = ConfusionModel.load(), NgramModel.load()
    zipf("warm")
    print(f"tables loaded in {time.process_time() - started:.2f} s CPU "
          f"({len(confusions.rows):,} confusions, {len(lm):,} bigram rows)")
    ocr = OcrConfusions(confusions, lm)
    ocr.propose(Document("A warm-up line, so that nothing is loaded in the timed loop."))

    pages = ocr_pages(args.data)
    words = sum(len(WORD_RE.findall(p)) for p in pages)
    seconds = cpu(lambda t: ocr.propose(Document(t)), pages)
    print(f"OCR text: {words:,} words in {len(pages)} pages, OCR stage {words / seconds:,.0f} words/s")
    # the flags for what it cannot read ask the OCR detector for a reading: its caches are warm now
    unreadable = Unreadable()
    flagged = cpu(lambda t: unreadable.propose(Document(t)), pages)
    print(f"  and with its flags for review (unreadable) {words / (seconds + flagged):,.0f} words/s")

    paragraphs = news(args.data, args.news)
    words = sum(len(WORD_RE.findall(p)) for p in paragraphs)
    others = build_detectors([d for d in DEFAULT_DETECTORS if d != "ocr"])
    docs = [Document(p) for p in paragraphs]
    for d in docs:  # tokenise and find protected spans once, outside both clocks
        d.words, d.protected
    t_ocr = cpu(lambda d: ocr.propose(d), docs)
    t_rest = cpu(lambda d: [x.propose(d) for x in others], docs)
    line = f"clean news: {words:,} words; OCR stage {words / t_ocr:,.0f} words/s ({t_ocr:.2f} s), " \
           f"other detectors {t_rest:.2f} s"
    if args.languagetool:
        from repair.grammar import LanguageToolProposer

        lt = LanguageToolProposer()
        lt.propose(Document("This are a warm-up."), [])
        wall = time.perf_counter()
        for d in docs:
            lt.propose(d, [])
        t_lt = time.perf_counter() - wall
        lt.close()
        line += f", LanguageTool {t_lt:.2f} s; the OCR stage adds {100 * t_ocr / (t_rest + t_lt):.1f}% " \
                "to the rest of --no-model"
    else:
        line += f"; the OCR stage is {100 * t_ocr / t_rest:.0f}% of the other detectors' time"
    print(line)


if __name__ == "__main__":
    main()

"""What LanguageTool costs on each kind of text, with and without its spelling rule, and
with the speller asked only about words it could be trusted on, and with the speller finding
misspelt words without searching for their suggestions.

    python bench/languagetool_cost.py [--docs 40] [--warm 120] [--modes full,no-speller,speller-lowercase,no-suggestions]

Each mode gets a JVM of its own (a fresh server on a free port, full JIT), warmed on
documents kept apart from the measured ones, then times one request per document, one at a
time, on the batch benchmark's corpus (bench/batch.py builds it). A fresh JVM per mode
matters: the server caches results per sentence and the speller caches its suggestions per
word, so a second request about the same words is several times cheaper and would make any
variant measured after the first look fast.

Modes:
  full               every rule, LanguageTool's suggestion search included (what the
                     pipeline sent before it searched respellings itself)
  no-speller         MORFOLOGIK_RULE_EN_US disabled
  speller-lowercase  the other rules on the text, then the speller alone on the text with
                     every capitalised word inside a sentence masked: what skipping
                     suggestions for names (which the pipeline trusts only when they split a
                     glued word) would save
  no-suggestions     every rule, the server started with maxSpellingSuggestions=-1: the
                     speller still flags each word it does not know, with "(suggestion limit
                     reached)" for suggestion: the cost of finding the words without
                     LanguageTool's suggestion search: what repair's servers now do
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import build_corpus  # noqa: E402  (the corpus of bench/batch.py)

from repair.document import Document  # noqa: E402
from repair.errors import RepairError  # noqa: E402
from repair.grammar.install import find_jars, find_java  # noqa: E402
from repair.grammar.process import LocalServer  # noqa: E402
from repair.paths import DEFAULT_DATA_DIR, REPO_ROOT  # noqa: E402

SPELLER = "MORFOLOGIK_RULE_EN_US"
KINDS = ("bbc", "ag", "mt", "ocr")
MODES = ("full", "no-speller", "speller-lowercase", "no-suggestions")
# LanguageTool gives suggestions to this many speller matches per sentence; fewer than none: none
NO_SUGGESTIONS = ("maxSpellingSuggestions=-1",)
_NAME = regex.compile(r"\b\p{Lu}[\p{Ll}\p{M}]+\b")
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def check(url: str, text: str, **params: str) -> list:
    data = urllib.parse.urlencode({"text": text, "language": "en-US", **params}).encode()
    return json.load(_NO_PROXY.open(url + "/v2/check", data=data, timeout=300))["matches"]


def masked_names(text: str) -> str:
    """Capitalised words inside a sentence as digits (which the speller skips), same length."""
    doc = Document(text)
    chars = list(text)
    for m in _NAME.finditer(text):
        if not doc.starts_sentence(m.start()):
            chars[m.start():m.end()] = "0" * (m.end() - m.start())
    return "".join(chars)


def run_mode(url: str, mode: str, text: str) -> None:
    if mode in ("full", "no-suggestions"):
        check(url, text)
    elif mode == "no-speller":
        check(url, text, disabledRules=SPELLER)
    else:  # speller-lowercase
        check(url, text, disabledRules=SPELLER)
        check(url, masked_names(text), enabledRules=SPELLER, enabledOnly="true")


def measure(mode: str, warm: list[Path], docs: dict[str, list[Path]]) -> dict[str, float]:
    properties = NO_SUGGESTIONS if mode == "no-suggestions" else ()
    # every mode but no-suggestions runs LanguageTool's own suggestion search, as before
    # repair searched respellings itself (repair.grammar.speller)
    server = LocalServer(find_java(), find_jars(), jvm_options=(), properties=properties,
                         own_suggestions=False).start()
    try:
        for p in warm:
            run_mode(server.url, mode, p.read_text("utf-8"))
        rates = {}
        for kind, paths in docs.items():
            texts = [p.read_text("utf-8") for p in paths]
            began = time.perf_counter()
            for t in texts:
                run_mode(server.url, mode, t)
            rates[kind] = sum(len(t.split()) for t in texts) / (time.perf_counter() - began)
        return rates
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--work", type=Path, default=REPO_ROOT / "runs" / "batch-bench")
    ap.add_argument("--docs", type=int, default=40, help="measured documents per kind")
    ap.add_argument("--warm", type=int, default=120, help="warm-up documents (BBC and MT, not measured)")
    ap.add_argument("--modes", default=",".join(MODES), help="some of %(default)s, comma-separated")
    args = ap.parse_args()
    modes = args.modes.split(",")
    if unknown := [m for m in modes if m not in MODES]:
        ap.error(f"unknown mode {unknown[0]!r} (known: {', '.join(MODES)})")
    corpus = build_corpus(args.data, args.work / "corpus")
    by_kind = {k: [p for p in corpus if p.parent.name == k] for k in KINDS}
    docs = {k: v[:args.docs] for k, v in by_kind.items()}
    half = args.warm // 2
    warm = by_kind["bbc"][-half:] + by_kind["mt"][-(args.warm - half):]
    print(f"{sum(len(v) for v in docs.values())} documents, {len(warm)} for warm-up; words/s of one client", flush=True)
    print("| mode | " + " | ".join(KINDS) + " |\n|---|" + "---:|" * len(KINDS))
    for mode in modes:
        try:
            rates = measure(mode, warm, docs)
        except RepairError as exc:  # no Java, no jars, a server that did not start
            sys.exit(f"bench: {exc}")
        print(f"| {mode} | " + " | ".join(f"{rates[k]:,.0f}" for k in KINDS) + " |", flush=True)


if __name__ == "__main__":
    main()

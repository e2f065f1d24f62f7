"""LanguageTool beside the deterministic stage: server start, memory, words per second.

    python bench/languagetool.py [--data ../shared/data] [--paragraphs 200] [--jit c1|full] [--url URL]

Starts its own server (unless --url), as a `repair` run would, and reports:
  * JVM start until the server answers, then the first check (English rules load lazily);
  * the JVM's resident memory after warming up and after the benchmark;
  * words/s with a warm server, one request per paragraph (short documents) and batched
    (all paragraphs as one text, sent in 10,000-character chunks);
  * the deterministic detectors on the same paragraphs (wall and CPU time);
  * LanguageTool's edits per 1,000 words of clean news at the default threshold (0.5).
Warm-up uses other paragraphs than the timed ones: the server caches sentences it has seen.
Times are wall-clock: the work happens in the JVM, not in this process.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from repair.document import WORD_RE, Document
from repair.grammar import LanguageToolProposer, ServerManager
from repair.grammar.install import find_jars, find_java
from repair.grammar.process import LocalServer, process_rss
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig

SOURCE = "bbc-news/bbc_paragraphs.txt"
JIT = {"c1": ("-XX:TieredStopAtLevel=1",), "full": ()}


def load(data: Path, n: int, warm: int) -> tuple[list[str], list[str]]:
    path = data / SOURCE
    if not path.is_file():
        sys.exit(f"bench: {path} is absent; pass --data DIR holding {SOURCE}")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(lines) < n + warm:
        sys.exit(f"bench: {path} has {len(lines)} paragraphs; {n + warm} needed")
    return lines[:n], lines[n:n + warm]


def words_in(texts: list[str]) -> int:
    return sum(len(WORD_RE.findall(t)) for t in texts)


def mib(n: int | None) -> str:
    return f"{n / 2**20:,.0f} MiB" if n else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--paragraphs", type=int, default=200, help="timed paragraphs (default 200)")
    ap.add_argument("--warm", type=int, default=40, help="other paragraphs used to warm the server up")
    ap.add_argument("--jit", choices=sorted(JIT), default="c1",
                    help="c1: what a repair run starts (default); full: the persistent server's JIT")
    ap.add_argument("--heap", default="1g")
    ap.add_argument("--url", help="measure this running server instead of starting one")
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args()

    timed, warm = load(args.data, args.paragraphs, args.warm)
    words = words_in(timed)
    numbers: dict = {"paragraphs": len(timed), "words": words, "jit": args.jit, "heap": args.heap}

    server = None
    if args.url:
        manager = ServerManager(args.url)
        pid = None
    else:
        server = LocalServer(find_java(), find_jars(), heap=args.heap, jvm_options=JIT[args.jit], warm_up=False)
        began = time.monotonic()
        server.start()
        numbers["start_s"] = round(time.monotonic() - began, 2)
        pid = server.pid
        manager = ServerManager(server.url)
    proposer = LanguageToolProposer(server=manager)
    try:
        began = time.monotonic()
        proposer.propose(Document("This is a test."))
        numbers["first_check_s"] = round(time.monotonic() - began, 2)
        for p in warm:
            proposer.propose(Document(p))
        numbers["rss_warm_bytes"] = process_rss(pid) if pid else None

        began = time.monotonic()
        edits = [e for p in timed for e in proposer.propose(Document(p))]
        seconds = time.monotonic() - began
        numbers["lt_words_per_s_paragraphs"] = round(words / seconds)

        joined = "\n\n".join(timed[::-1])  # reversed: fewer hits in the server's sentence cache
        began = time.monotonic()
        proposer.propose(Document(joined))
        seconds = time.monotonic() - began
        numbers["lt_words_per_s_batched"] = round(words / seconds)
        numbers["rss_after_bytes"] = process_rss(pid) if pid else None
        numbers["version"] = proposer.identity
    finally:
        proposer.close()
        if server:
            server.stop()

    kept = [e for e in edits if e.confidence >= 0.5 and not e.is_flag]
    numbers["lt_changes_per_1000_words"] = round(1000 * len(kept) / words, 2)
    numbers["lt_changes_by_kind"] = dict(Counter(e.kind for e in kept).most_common())

    pipeline = Pipeline(PipelineConfig(grammar=False, model=None))
    pipeline.run(warm[0])
    began, cpu = time.monotonic(), time.process_time()
    for p in timed:
        pipeline.run(p)
    numbers["detectors_words_per_s"] = round(words / (time.monotonic() - began))
    numbers["detectors_words_per_s_cpu"] = round(words / (time.process_time() - cpu))

    print(f"LanguageTool {numbers['version']} ({'--url' if args.url else 'own server'}, JIT {args.jit}, "
          f"-Xmx{args.heap}); {len(timed)} paragraphs, {words:,} words of clean BBC news")
    rows = []
    if "start_s" in numbers:
        rows.append(("JVM start until it answers", f"{numbers['start_s']:.1f} s"))
    rows += [
        ("first check (rules load)", f"{numbers['first_check_s']:.1f} s"),
        ("JVM memory (RSS), warm", mib(numbers["rss_warm_bytes"])),
        ("JVM memory (RSS), after the run", mib(numbers["rss_after_bytes"])),
        ("LanguageTool, one request per paragraph", f"{numbers['lt_words_per_s_paragraphs']:,} words/s"),
        ("LanguageTool, batched", f"{numbers['lt_words_per_s_batched']:,} words/s"),
        ("deterministic detectors (wall / CPU)",
         f"{numbers['detectors_words_per_s']:,} / {numbers['detectors_words_per_s_cpu']:,} words/s"),
        ("LanguageTool changes on clean news", f"{numbers['lt_changes_per_1000_words']} per 1,000 words"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print(f"  changes by kind: {numbers['lt_changes_by_kind']}")
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

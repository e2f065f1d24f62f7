"""repair batch throughput: words/s for detectors only, the default pipeline and the model,
with 1 and 2 workers, the time to the first document apart, and a shell loop of `repair fix`.

    nice python bench/batch.py [--data ../shared/data] [--work runs/batch-bench]
        [--docs N] [--model-docs N] [--loop-docs 100] [--systems detectors,default,model]
        [--jobs 1,2] [--breakdown] [--json bench/batch.json]

The corpus (1,050 documents by default, written once under --work, which git ignores):
BBC paragraphs three to a document, AG News descriptions five to a document, MLQE-PE MT
output (dev, five language pairs) ten sentences to a document, and Overproof OCR lines
grouped by article. Words/s is counted after the first document (the JVM and model start,
reported apart as "first doc"). --breakdown times the model's jobs (sentence rewrites,
verify: veto and speller chooser, adjudication) over the model documents in one process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from repair.paths import DEFAULT_DATA_DIR, REPO_ROOT

# The default has no model (docs/model.md says why); "model" is the opt-in `--model default`.
SYSTEMS = {
    "detectors": ["--no-grammar"],
    "default": [],
    "model": ["--model", "default"],
}
TARGETS = {"detectors": "40,000", "default": "2,500 (and 1,000 with every learned component it runs)",
           "model": "none: opt-in"}


def build_corpus(data: Path, dest: Path) -> list[Path]:
    """The documents, written once; returns them in a stable order."""
    marker = dest / ".complete"
    if marker.is_file():
        return sorted(p for p in dest.rglob("*.txt"))
    shutil.rmtree(dest, ignore_errors=True)
    groups: dict[str, list[str]] = {}

    def lines(rel: str) -> list[str]:
        path = data / rel
        if not path.is_file():
            sys.exit(f"bench: {path} is absent; pass --data DIR (see ../shared/data/README.md)")
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def chunked(items: list[str], size: int, count: int, sep: str) -> list[str]:
        return [sep.join(items[i:i + size]) + "\n" for i in range(0, size * count, size) if items[i:i + size]]

    groups["bbc"] = chunked(lines("bbc-news/bbc_paragraphs.txt"), 3, 400, "\n\n")
    groups["ag"] = chunked(lines("ag-news/ag_news_test_descriptions.txt"), 5, 200, "\n\n")
    mt: list[str] = []
    for pair in ("et-en", "ne-en", "ro-en", "ru-en", "si-en"):
        with open(data / "mlqe-pe" / f"{pair}.dev.tsv", encoding="utf-8", newline="") as f:
            sentences = [row["mt"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
        mt += chunked(sentences, 10, 60, " ")
    groups["mt"] = mt
    articles: dict[str, list[str]] = defaultdict(list)
    for line in (data / "overproof" / "smh_dataset2.lines.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["article_id"]].append(row["ocr"])
    groups["ocr"] = ["\n".join(v) + "\n" for v in list(articles.values())[:150] if len(v) >= 3]
    for name, docs in groups.items():
        (dest / name).mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(docs):
            (dest / name / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    marker.write_text("")
    return sorted(p for p in dest.rglob("*.txt"))


def subset(corpus: list[Path], n: int | None, dest: Path) -> Path:
    """The first documents of each source, in proportion, as a folder of links."""
    if n is None or n >= len(corpus):
        return corpus[0].parent.parent
    shutil.rmtree(dest, ignore_errors=True)
    by_source: dict[str, list[Path]] = defaultdict(list)
    for p in corpus:
        by_source[p.parent.name].append(p)
    for name, docs in by_source.items():
        take = max(1, round(n * len(docs) / len(corpus)))
        (dest / name).mkdir(parents=True)
        for p in docs[:take]:
            shutil.copy(p, dest / name / p.name)
    return dest


def run_batch(inputs: Path, out: Path, system: str, jobs: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "repair.cli", "batch", str(inputs), "--out", str(out), "-q",
           "-j", str(jobs), *SYSTEMS[system]]
    cpu_before = _children_cpu()
    began = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT)
    wall = time.monotonic() - began
    cpu = _children_cpu() - cpu_before
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    by_kind: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for line in (out / "report.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        kind = Path(record["path"]).parent.name  # bbc, ag, mt or ocr
        by_kind[kind][0] += record["words"]
        by_kind[kind][1] += record["seconds"]
    run = summary["this_run"]
    first = run["first_document_seconds"] or 0.0
    steady = run["wall_seconds"] - first
    return {"system": system, "jobs": jobs, "documents": summary["done"], "words": summary["words"],
            "wall_s": round(wall, 2), "first_doc_s": round(first, 2),
            "words_per_s": round(summary["words"] / steady) if steady > 0 else None,
            "words_per_s_overall": round(summary["words"] / wall),
            "cpu_s": round(cpu, 2), "words_per_cpu_s": round(summary["words"] / cpu) if cpu else None,
            "changes": summary["changes"], "flags": summary["flags"], "failed": summary["failed"],
            # words per second a worker spends on one document, by source: what each kind of text costs
            "words_per_worker_s": {k: round(w / s) for k, (w, s) in sorted(by_kind.items()) if s}}


def _children_cpu() -> float:
    """CPU seconds of every finished child (and its children: workers, the JVM)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def shell_loop(docs: list[Path], out: Path, system: str) -> dict:
    """`for f in docs; do repair fix $f -o out/$f; done`, one process per file."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    words = sum(len(p.read_text("utf-8").split()) for p in docs)
    began = time.monotonic()
    for i, p in enumerate(docs):
        subprocess.run([sys.executable, "-m", "repair.cli", "fix", str(p), "-o", str(out / f"{i:04d}.txt"),
                        *SYSTEMS[system]], capture_output=True, cwd=REPO_ROOT, check=False)
    wall = time.monotonic() - began
    return {"system": system, "documents": len(docs), "words": words, "wall_s": round(wall, 2),
            "words_per_s": round(words / wall)}


def breakdown(docs: list[Path]) -> dict:
    """Seconds spent in each of the model's jobs over ``docs``, in one process."""
    from repair.paths import SHIPPED_MODEL
    from repair.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline(PipelineConfig(model=SHIPPED_MODEL))
    model = next(p for p in pipeline.proposers if p.source == "model")
    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t
        return wrapper

    for obj, attr, name in ((model, "propose", "model: sentence rewrites"),
                            (model.verifier, "veto", "model: verify, veto of casing/spacing"),
                            (model.verifier, "choose_spellings", "model: verify, speller chooser"),
                            (model.scorer, "adjudicate", "model: adjudication (in rank)"),
                            (pipeline, "detect", "detectors"),
                            (pipeline, "rank", "rank, adjudication included")):
        setattr(obj, attr, timed(name, getattr(obj, attr)))
    lt = next((p for p in pipeline.proposers if p.source == "languagetool"), None)
    if lt is not None:
        lt.propose = timed("languagetool", lt.propose)
    texts = [p.read_text("utf-8") for p in docs]
    began = time.perf_counter()
    pipeline.run(texts[0])
    first = time.perf_counter() - began
    spent.clear()
    began = time.perf_counter()
    for t in texts[1:]:
        pipeline.run(t)
    total = time.perf_counter() - began
    pipeline.close()
    words = sum(len(t.split()) for t in texts[1:])
    return {"documents": len(texts) - 1, "words": words, "first_doc_s": round(first, 2), "total_s": round(total, 2),
            "words_per_s": round(words / total), "seconds": {k: round(v, 2) for k, v in sorted(spent.items())}}


def table(rows: list[dict]) -> str:
    out = ["| pipeline | workers | documents | words | words/s | words per CPU-s | first doc (s) | wall (s) | target |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r['system']} | {r['jobs']} | {r['documents']:,} | {r['words']:,} | {r['words_per_s']:,} "
                   f"| {r['words_per_cpu_s']:,} | {r['first_doc_s']} | {r['wall_s']} | {TARGETS[r['system']]} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--work", type=Path, default=REPO_ROOT / "runs" / "batch-bench")
    ap.add_argument("--docs", type=int, help="documents for the default pipeline (default: all; detectors always see all)")
    ap.add_argument("--model-docs", type=int, default=100, help="documents for the pipeline with the model")
    ap.add_argument("--loop-docs", type=int, default=100, help="documents for the shell loop (0: skip)")
    ap.add_argument("--loop-system", default="default", choices=tuple(SYSTEMS))
    ap.add_argument("--systems", default="detectors,default,model")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--breakdown", action="store_true", help="time the model's jobs on the model documents")
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args()
    corpus = build_corpus(args.data, args.work / "corpus")
    print(f"corpus: {len(corpus):,} documents, {sum(len(p.read_text('utf-8').split()) for p in corpus):,} words "
          f"in {args.work / 'corpus'}", flush=True)
    results: dict = {"runs": [], "loop": None, "breakdown": None, "cpus": os.cpu_count(),
                     "load_before": os.getloadavg()}
    for system in args.systems.split(","):
        n = args.model_docs if system == "model" else args.docs if system == "default" else None
        inputs = subset(corpus, n, args.work / f"subset-{system}")
        for jobs in (int(j) for j in args.jobs.split(",")):
            row = run_batch(inputs, args.work / f"out-{system}-{jobs}", system, jobs)
            results["runs"].append(row)
            print(json.dumps(row), flush=True)
    if args.loop_docs:
        docs = sorted((subset(corpus, args.loop_docs, args.work / "subset-loop")).rglob("*.txt"))
        loop = shell_loop(docs, args.work / "out-loop", args.loop_system)
        same = run_batch(args.work / "subset-loop", args.work / "out-loop-batch", args.loop_system, 2)
        loop["batch_words_per_s"] = round(same["words"] / same["wall_s"])
        loop["speedup"] = round(same["words"] and (loop["wall_s"] / same["wall_s"]), 1)
        results["loop"] = loop
        print(json.dumps(loop), flush=True)
    if args.breakdown:
        docs = sorted(subset(corpus, args.model_docs, args.work / "subset-model").rglob("*.txt"))
        results["breakdown"] = breakdown(docs)
        print(json.dumps(results["breakdown"]), flush=True)
    results["load_after"] = os.getloadavg()
    print()
    print(table(results["runs"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

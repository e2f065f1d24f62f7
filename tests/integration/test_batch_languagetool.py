"""repair batch with the real LanguageTool: one server for all workers, gone when the job ends."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from processes import gone, jvms_under

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


def corpus(root: Path, n: int) -> None:
    root.mkdir()
    for i in range(n):
        (root / f"{i:03d}.txt").write_text(f"She have a apple number {i}. The committee met on Tuesday.\n",
                                           encoding="utf-8")


def start(inputs: Path, out: Path, preexec=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "repair.cli", "batch", str(inputs), "--out", str(out),
                             "--no-model", "-j", "2", "--batch-size", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, preexec_fn=preexec)


def wait_for_records(out: Path, child: subprocess.Popen, at_least: int) -> None:
    done = out / ".repair-batch" / "done.jsonl"
    deadline = time.monotonic() + 240
    while not done.is_file() or done.read_bytes().count(b"\n") < at_least:
        assert child.poll() is None, child.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_workers_share_one_server_that_ends_with_the_job(isolated_cache, tmp_path):
    corpus(tmp_path / "in", 40)
    out = tmp_path / "out"
    child = start(tmp_path / "in", out)
    wait_for_records(out, child, 1)
    jvms = jvms_under(isolated_cache)
    assert len(jvms) == 1 and jvms[0].ppid() == child.pid  # started by the job, not per worker
    stdout, stderr = child.communicate(timeout=300)
    assert child.returncode == 1, stderr
    assert gone(jvms[0].pid) and not jvms_under(isolated_cache)
    records = [json.loads(line) for line in (out / "report.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 40 and all(r["error"] is None for r in records)
    assert all(any(e["source"] == "languagetool" and e["replacement"] == "has" for e in r["edits"]) for r in records)
    assert "languagetool:" in records[0]["signature"] and "languagetool:off" not in records[0]["signature"]


def test_kill_9_of_the_job_takes_the_server_and_workers_with_it(isolated_cache, tmp_path, default_signals):
    corpus(tmp_path / "in", 400)
    out = tmp_path / "out"
    child = start(tmp_path / "in", out, default_signals)
    wait_for_records(out, child, 3)
    jvm = jvms_under(isolated_cache)[0].pid
    workers = [p.pid for p in psutil.Process(child.pid).children() if p.pid != jvm]
    assert len(workers) == 2
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    assert gone(jvm), "the LanguageTool JVM outlived its killed job"
    assert all(gone(pid) for pid in workers), "a worker outlived its killed job"


def test_ray_actors_share_the_nodes_server(isolated_cache, tmp_path):
    ray = pytest.importorskip("ray", reason="the ray extra: pip install 'repair[ray]' (make setup installs it)")
    from repair.batch import BatchOptions, run_batch
    from repair.pipeline import PipelineConfig

    corpus(tmp_path / "in", 12)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        outcome = run_batch(BatchOptions((str(tmp_path / "in"),), str(tmp_path / "out"),
                                         PipelineConfig(model=None), engine="ray"))
    finally:
        ray.shutdown()
    assert outcome.exit_code == 1 and outcome.summary["failed"] == 0
    records = [json.loads(line) for line in (tmp_path / "out" / "report.jsonl").read_text("utf-8").splitlines()]
    assert all(any(e["source"] == "languagetool" and e["replacement"] == "has" for e in r["edits"]) for r in records)
    assert not jvms_under(isolated_cache)

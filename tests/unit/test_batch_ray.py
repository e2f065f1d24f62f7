"""The Ray engine on a local Ray instance gives the local engine's outputs, and resumes alike."""

import json
import shutil
from pathlib import Path

import pytest

from repair.batch import BatchOptions, run_batch
from repair.pipeline import PipelineConfig

ray = pytest.importorskip("ray", reason="the ray extra: pip install 'repair[ray]' (make setup installs it)")

CONFIG = PipelineConfig(grammar=False, model=None)


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def corpus(root: Path) -> list[str]:
    (root / "sub").mkdir(parents=True)
    for i in range(30):
        (root / ("sub" if i % 2 else ".") / f"{i:02d}.txt").write_text(
            f"Report {i} came from the Allies .\nThe the vote was late.\nNothing else.\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"\x00binary")
    jsonl = root.parent / "docs.jsonl"
    jsonl.write_text("".join(json.dumps({"id": f"j{i}", "text": f"Line {i} is is here ."}) + "\n" for i in range(10))
                     + json.dumps({"id": "../out", "text": "x"}) + "\n", encoding="utf-8")
    return [str(root), str(jsonl)]


def comparable(out: Path) -> tuple:
    records = [json.loads(line) for line in (out / "report.jsonl").read_text("utf-8").splitlines()]
    for r in records:
        r.pop("seconds"), r.pop("stage_seconds")  # timings differ from run to run
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    summary.pop("this_run"), summary.pop("seconds_by_stage")
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file() and ".repair-batch" not in p.parts and p.name not in ("report.jsonl", "summary.json")}
    return files, records, summary


def test_ray_gives_the_local_engines_output_and_resumes(local_ray, tmp_path):
    inputs = corpus(tmp_path / "in")
    local = run_batch(BatchOptions(tuple(inputs), str(tmp_path / "local"), CONFIG, jobs=2, id_field="id"))
    on_ray = run_batch(BatchOptions(tuple(inputs), str(tmp_path / "ray"), CONFIG, engine="ray", id_field="id",
                                    batch_size=3))
    assert local.exit_code == on_ray.exit_code == 2
    assert on_ray.summary["done"] == 42 and on_ray.summary["failed"] == 2
    assert comparable(tmp_path / "ray") == comparable(tmp_path / "local")
    # A job cut short (a torn last record, outputs of half the documents): Ray finishes it.
    cut = tmp_path / "cut"
    shutil.copytree(tmp_path / "local", cut)
    done = cut / ".repair-batch" / "done.jsonl"
    lines = done.read_bytes().splitlines(keepends=True)
    done.write_bytes(b"".join(lines[:20]) + lines[20][:15])
    resumed = run_batch(BatchOptions(tuple(inputs), str(cut), CONFIG, engine="ray", id_field="id"))
    assert resumed.summary["this_run"]["documents"] == 22
    assert comparable(cut) == comparable(tmp_path / "local")

"""repair batch on real worker processes (detectors only): outputs, failures, resume, safety."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from repair.batch import BatchOptions, run_batch
from repair.batch.inputs import unsafe_reason
from repair.batch.state import Layout
from repair.batch.work import DocWorker, WorkSettings
from repair.cli import main
from repair.edits import Edit
from repair.errors import OutputError
from repair.pipeline import Pipeline, PipelineConfig
from repair.proposers import Proposer
from processes import gone

OFF = ["--no-grammar", "--no-model"]
REPO = Path(__file__).resolve().parents[2]
SAMPLE = "He came from the Allies .\nThe the report was late.\n"
FIXED = "He came from the Allies.\nThe report was late.\n"
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def cli(capsysbinary, *argv):
    code = main([*argv, *OFF])
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


def report(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "report.jsonl").read_text("utf-8").splitlines()]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (root / "sub" / "b.txt").write_text("Nothing is wrong here.\n", encoding="utf-8")
    (root / "sub" / "c.md").write_text("Not a .txt file.\n", encoding="utf-8")
    return root


def test_outputs_mirror_the_inputs(capsysbinary, corpus, tmp_path):
    out = tmp_path / "out"
    code, printed, _ = cli(capsysbinary, "batch", str(corpus), "--out", str(out), "-j", "2")
    assert code == 1
    assert (out / "text" / "a.txt").read_text("utf-8") == FIXED
    assert (out / "text" / "sub" / "b.txt").read_text("utf-8") == "Nothing is wrong here.\n"
    assert not (out / "text" / "sub" / "c.md").exists()  # --glob '*.txt' by default
    assert not (out / "patch" / "sub" / "b.txt.patch").exists()  # nothing changed, no patch
    # The patch is the one `repair diff` prints for the same file.
    diff_code, diff_out, _ = cli(capsysbinary, "diff", str(corpus / "a.txt"), "--color", "never")
    assert (out / "patch" / "a.txt.patch").read_text("utf-8") == diff_out
    records = report(out)
    assert [r["id"] for r in records] == ["a.txt", "sub/b.txt"]
    a = records[0]
    assert a["path"] == str(corpus / "a.txt") and a["output"] == "text/a.txt" and a["words"] == 11
    assert a["changes"] == 2 and a["flags"] == 0 and a["error"] is None and a["seconds"] >= 0
    fields = set(Edit(0, 1, "a", "b", "k", ("s",), 0.5, "m").to_dict())
    assert all(set(e) == fields for e in a["edits"])
    assert [SAMPLE[e["start"]:e["end"]] for e in a["edits"]] == [e["original"] for e in a["edits"]]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert (summary["documents"], summary["done"], summary["failed"], summary["words"]) == (2, 2, 0, 15)
    assert summary["changes_by_kind"] == {"spacing": 1, "repeat": 1}
    assert summary["changes_by_source"] == {"detector:spacing": 1, "detector:repeat": 1}
    assert "2 of 2 documents done, 0 failed" in printed and "words/s" in printed


def test_a_failing_document_in_the_middle(capsysbinary, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "1.txt").write_text("The the first.\n", encoding="utf-8")
    (root / "2.txt").write_bytes(b"binary\x00data")
    (root / "3.txt").write_bytes("caf\u00e9\n".encode("latin-1"))
    (root / "4.txt").write_text("x" * 200 + "\n", encoding="utf-8")
    (root / "5.txt").write_text("The the last.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, printed, _ = cli(capsysbinary, "batch", str(root), "--out", str(out), "--max-bytes", "100")
    assert code == 2
    errors = {r["id"]: r["error"] for r in report(out)}
    assert errors["1.txt"] is None and errors["5.txt"] is None
    assert "looks binary" in errors["2.txt"] and "not valid utf-8" in errors["3.txt"]
    assert "too large" in errors["4.txt"]
    assert (out / "text" / "5.txt").read_text("utf-8") == "The last.\n"
    assert not (out / "text" / "2.txt").exists()
    assert "3 failed" in printed


class Boom(Proposer):
    name = source = "boom"

    def propose(self, doc, prior=()):
        if "boom" in doc.text:
            raise RuntimeError("the proposer crashed")
        return []


def test_a_crash_in_a_proposer_fails_that_document_only(tmp_path):
    from repair.batch.inputs import DocRef

    for name, text in (("a.txt", "boom"), ("b.txt", "fine")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    worker = DocWorker(PipelineConfig(grammar=False, model=None), WorkSettings(str(tmp_path / "out")),
                       pipeline=Pipeline(PipelineConfig(grammar=False, model=None), proposers=[Boom()]))
    (tmp_path / "out" / ".repair-batch" / "tmp").mkdir(parents=True)
    bad = worker.process(DocRef("a.txt", "a.txt", str(tmp_path / "a.txt"), "a.txt"))
    good = worker.process(DocRef("b.txt", "b.txt", str(tmp_path / "b.txt"), "b.txt"))
    assert bad["error"] == "RuntimeError: the proposer crashed" and good["error"] is None


def test_jsonl_input_with_ids_and_stdin(capsysbinary, tmp_path):
    lines = [{"id": "x1", "text": SAMPLE}, {"id": "x2", "text": "Fine.", "other": 1}, {"id": "x3", "body": "?"}]
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = cli(capsysbinary, "batch", str(source), "--out", str(out), "--id-field", "id", "-q")
    assert code == 2
    assert (out / "text" / "docs" / "x1.txt").read_text("utf-8") == FIXED
    assert (out / "text" / "docs" / "x2.txt").read_text("utf-8") == "Fine."
    records = report(out)
    assert [(r["id"], r["line"]) for r in records] == [("x1", 1), ("x2", 2), ("x3", 3)]
    assert "no text field 'text'" in records[2]["error"]
    # The same lines on stdin, numbered by line; the stdin copy makes the job resumable.
    out2 = tmp_path / "out2"
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "repair.cli", "batch", "-", "--out", str(out2), *OFF],
                              input=source.read_bytes(), capture_output=True, cwd=tmp_path, env=ENV)
        assert done.returncode == 2, done.stderr
    assert (out2 / "text" / "stdin" / "1.txt").read_text("utf-8") == FIXED
    assert "3 of 3 documents done" in done.stdout.decode() and "this run: 0 documents" in done.stdout.decode()


@pytest.mark.parametrize("doc_id, reason", [
    ("../x", "climbs out"), ("a/../../x", "climbs out"), ("/etc/passwd", "absolute"),
    ("a\0b", "NUL"), ("", "empty"), (".repair-batch/done", "state folder"),
])
def test_ids_that_would_escape_are_refused(capsysbinary, tmp_path, doc_id, reason):
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": doc_id, "text": "The the end."}) + "\n"
                      + json.dumps({"id": "ok", "text": "The the end."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli(capsysbinary, "batch", str(source), "--out", str(out), "--id-field", "id", "-q")[0] == 2
    records = report(out)
    assert reason in records[0]["error"] and records[0]["output"] is None
    assert records[1]["error"] is None
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
                  and ".repair-batch" not in p.parts) == ["docs.jsonl", "out/patch/docs/ok.txt.patch",
                                                          "out/report.jsonl", "out/summary.json",
                                                          "out/text/docs/ok.txt"]


def test_unsafe_reason_accepts_plain_relative_paths():
    assert unsafe_reason("a/b c/d.txt") is None and unsafe_reason("x..y.txt") is None


def test_links_pointing_out_are_refused(capsysbinary, tmp_path, corpus):
    outside = tmp_path / "secret.txt"
    outside.write_text("The the secret.\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    out = tmp_path / "out"
    assert cli(capsysbinary, "batch", str(corpus), "--out", str(out), "-q")[0] == 2
    link = next(r for r in report(out) if r["id"] == "link.txt")
    assert "pointing outside" in link["error"] and not (out / "text" / "link.txt").exists()
    # A link inside --out that leads out is never written through.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "text" / "evil").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="leads outside"):
        Layout(out).write("text/evil/x.txt", b"data")
    assert list(elsewhere.iterdir()) == []


def test_never_writes_into_the_input_tree(capsysbinary, corpus, tmp_path):
    code, _, err = cli(capsysbinary, "batch", str(corpus), "--out", str(corpus / "out"))
    assert code == 2 and "never writes into its input" in err and err.count("\n") == 1
    assert not (corpus / "out").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep")
    code, _, err = cli(capsysbinary, "batch", str(corpus), "--out", str(tmp_path / "full"))
    assert code == 2 and "not empty" in err


def test_rerun_skips_what_is_done_and_refuses_other_options(capsysbinary, corpus, tmp_path):
    out = tmp_path / "out"
    assert cli(capsysbinary, "batch", str(corpus), "--out", str(out), "-q")[0] == 1
    first = (report(out), tree(out / "text"))
    code, printed, _ = cli(capsysbinary, "batch", str(corpus), "--out", str(out))
    assert code == 1 and "this run: 0 documents" in printed
    assert (report(out), tree(out / "text")) == first
    code, _, err = cli(capsysbinary, "batch", str(corpus), "--out", str(out), "--disable-detector", "repeat")
    assert code == 2 and err.count("\n") == 1 and "other options" in err and "--restart" in err
    (corpus / "new.txt").write_text("New.\n")
    code, _, err = cli(capsysbinary, "batch", str(corpus), "--out", str(out))
    assert code == 2 and "other inputs" in err
    code, _, _ = cli(capsysbinary, "batch", str(corpus), "--out", str(out), "--disable-detector", "repeat",
                     "--restart", "-q")
    assert code == 1 and (out / "text" / "a.txt").read_text("utf-8") == "He came from the Allies.\nThe the report was late.\n"


CLEAN = ("The committee met on Tuesday to discuss the budget for next year. Several members asked "
         "for more time to read the proposals before a vote. ")


def _corpus(root: Path, n: int) -> None:
    """Documents of a few hundred words with one or two artefacts each."""
    root.mkdir()
    for i in range(n):
        (root / f"{i:04d}.txt").write_text(f"Report {i} came from the Allies .\n" + CLEAN * 8 + "\n"
                                           + ("The the vote was late.\n" if i % 3 else ""), encoding="utf-8")


def _batch(argv, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "repair.cli", "batch", *argv, *OFF],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=ENV, **kw)


def _wait_for_records(out: Path, child: subprocess.Popen, at_least: int) -> None:
    done = out / ".repair-batch" / "done.jsonl"
    deadline = time.monotonic() + 120
    while not done.is_file() or done.read_bytes().count(b"\n") < at_least:
        assert child.poll() is None, child.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _comparable(out: Path) -> tuple:
    records = report(out)
    for r in records:
        r.pop("seconds"), r.pop("stage_seconds")  # timings differ from run to run
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    summary.pop("this_run"), summary.pop("seconds_by_stage")
    return tree(out / "text"), tree(out / "patch"), records, summary


def test_resume_after_kill_9_gives_the_uninterrupted_output(tmp_path, default_signals):
    _corpus(tmp_path / "in", 600)
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    assert _batch([str(tmp_path / "in"), "--out", str(whole), "-q", "-j", "2"]).wait(300) == 1
    child = _batch([str(tmp_path / "in"), "--out", str(resumed), "-j", "2", "--batch-size", "1"],
                   preexec_fn=default_signals)
    _wait_for_records(resumed, child, 20)
    workers = [p.pid for p in psutil.Process(child.pid).children()]
    assert len(workers) == 2
    child.kill()
    child.wait(30)
    assert all(gone(pid) for pid in workers), "a worker outlived its killed job"
    finished = (resumed / ".repair-batch" / "done.jsonl").read_bytes().count(b"\n")
    assert 20 <= finished < 600, "the job was not killed midway"
    again = _batch([str(tmp_path / "in"), "--out", str(resumed), "-j", "2"])
    stdout, stderr = again.communicate(timeout=300)
    assert again.returncode == 1, stderr
    assert f"this run: {600 - finished:,} documents" in stdout.decode()
    assert _comparable(resumed) == _comparable(whole)
    assert not (resumed / ".repair-batch" / "tmp").exists()
    assert not [p for p in resumed.rglob("*") if p.name.endswith((".tmp", ".part"))]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_no_worker_outlives_an_interrupted_job(tmp_path, default_signals, signum):
    _corpus(tmp_path / "in", 600)
    out = tmp_path / "out"
    child = _batch([str(tmp_path / "in"), "--out", str(out), "-j", "2", "--batch-size", "1"],
                   preexec_fn=default_signals)
    _wait_for_records(out, child, 5)
    workers = [p.pid for p in psutil.Process(child.pid).children()]
    child.send_signal(signum)
    child.wait(30)
    assert child.returncode == (130 if signum == signal.SIGINT else 128 + signal.SIGTERM)
    assert workers and all(gone(pid) for pid in workers)
    # What was done is kept and reported; nothing temporary is left.
    assert 5 <= len(report(out)) < 600
    assert not (out / ".repair-batch" / "tmp").exists()


def test_run_batch_is_a_library_call(tmp_path, corpus):
    outcome = run_batch(BatchOptions((str(corpus),), str(tmp_path / "out"), PipelineConfig(grammar=False, model=None), jobs=1))
    assert outcome.exit_code == 1 and outcome.summary["changes"] == 2


def test_a_languagetool_server_that_is_gone_stops_the_job_without_failing_documents(tmp_path, corpus):
    """Not the documents' fault: nothing is recorded as failed, and a rerun picks the job up."""
    from repair.grammar.process import free_port

    dead = f"http://127.0.0.1:{free_port()}"
    done = subprocess.run([sys.executable, "-m", "repair.cli", "batch", str(corpus), "--out", str(tmp_path / "out"),
                           "--no-model", "--languagetool", dead, "-j", "1"],
                          capture_output=True, text=True, cwd=REPO, env=ENV, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("repair: error: LanguageTool at") and "Traceback" not in done.stderr
    assert (tmp_path / "out" / "report.jsonl").read_text() == ""


def test_each_worker_gets_its_share_of_the_cores(monkeypatch):
    from types import SimpleNamespace

    from repair.batch.local import share_cores

    asked = []
    monkeypatch.setitem(sys.modules, "torch", SimpleNamespace(set_num_threads=asked.append))
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    monkeypatch.setenv("MKL_NUM_THREADS", "8")  # restored after the test
    share_cores(1)
    assert os.environ["OMP_NUM_THREADS"] == "1" and os.environ["MKL_NUM_THREADS"] == "1"
    assert asked == [1]


def test_the_report_and_summary_say_where_the_time_went(tmp_path):
    _corpus(tmp_path / "in", 3)
    assert main(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "-j", "1",
                 "--no-grammar"]) in (0, 1)
    records = report(tmp_path / "out")
    assert all("detector:ocr" in r["stage_seconds"] and "rank" in r["stage_seconds"] for r in records)
    stages = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["seconds_by_stage"]
    assert set(stages) >= {"detector:ocr", "detector:glued", "verify", "rank"} and "languagetool" not in stages
    assert abs(sum(stages.values()) - sum(sum(r["stage_seconds"].values()) for r in records)) < 0.01


def test_batch_timings_print_the_documents_time_by_stage(tmp_path, capsys):
    _corpus(tmp_path / "in", 2)
    main(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "-j", "1", "--no-grammar",
          "--timings"])
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("time by stage: ") and any(line.split()[0] == "detector:ocr" for line in err[1:])

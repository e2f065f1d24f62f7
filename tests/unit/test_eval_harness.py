"""The harness, the report and `repair eval` on a tiny data folder."""

import argparse
import json

import pytest

from repair.errors import DataError
from repair.eval import report
from repair.eval.harness import evaluate, run_system
from repair.eval.suites import Output
from repair.eval.systems import SYSTEMS, System, Unavailable



class _Upper(System):
    name = "upper"
    title = "upper-cases everything (a test system)"

    def run(self, item):
        return Output(item.text.upper(), ((0, len(item.text), item.text.upper()),))


class _Missing(System):
    name = "missing"
    title = "never starts"

    def start(self):
        raise Unavailable("ModelError: no weights yet")

    def run(self, item):  # pragma: no cover
        raise AssertionError


class _Flaky(System):
    name = "flaky"
    title = "fails on one item"

    def run(self, item):
        if "dog" in item.text:
            raise RuntimeError("boom")
        return Output(item.text)


@pytest.fixture
def systems(monkeypatch):
    for cls in (_Upper, _Missing, _Flaky):
        monkeypatch.setitem(SYSTEMS, cls.name, cls)


def test_evaluate_side_by_side(data, systems):  # noqa: F811
    ev = evaluate(["bln600", "overproof", "seed"], ["unchanged", "upper", "missing", "flaky", "overproof"],
                  data=data, isolate=False)
    assert [s.name for s in ev.systems] == ["unchanged", "upper", "missing", "flaky", "overproof"]
    missing = next(s for s in ev.systems if s.name == "missing")
    assert not missing.available and "no weights" in missing.note
    flaky = next(s for s in ev.systems if s.name == "flaky")
    assert flaky.errors["bln600/bln600/train"] == 1 and "boom" in flaky.first_error
    bln = ev.scores["bln600/bln600/train"]
    assert set(bln) == {"unchanged", "upper", "flaky"}  # overproof applies to Overproof only
    assert bln["unchanged"]["cer"] == pytest.approx(100 / 12)
    assert ev.scores["overproof/overproof/smh_dataset2"]["overproof"]["cer"] == 0.0
    assert ev.full_baseline["bln600/bln600/train"]["cer"] == pytest.approx(100 / 12)
    assert ev.signature["repair"] and ev.signature["suites"] == "bln600,overproof,seed"
    d = ev.to_dict()
    json.dumps(d)  # plain JSON, no NaN
    assert d["systems"][0]["peak_rss_mb"] > 0


def test_absent_set_is_an_error_alone_and_a_note_among_others(data, systems):  # noqa: F811
    with pytest.raises(DataError, match="jfleg: no split 'test'"):
        evaluate(["jfleg"], ["unchanged"], data=data, split="test", isolate=False)
    ev = evaluate(["jfleg", "bln600"], ["unchanged"], data=data, split="train", isolate=False)
    assert [p.suite for p in ev.parts] == ["bln600"] and "jfleg" in ev.absent[0]


def test_unknown_system_fails_before_any_work(data):  # noqa: F811
    with pytest.raises(Exception, match="unknown system 'nope'"):
        evaluate(["bln600"], ["nope"], data=data, isolate=False)


def test_run_system_in_its_own_process(data):  # noqa: F811
    ev = evaluate(["bln600"], ["unchanged", "detectors"], data=data, isolate=True)
    det = ev.systems[1]
    assert det.available and det.peak_rss_mb > det.rss_before_mb * 0.5
    assert "detectors" in ev.scores["bln600/bln600/train"]


def test_report_files(data, systems, tmp_path):  # noqa: F811
    ev = evaluate(["bln600", "seed", "news"], ["unchanged", "upper", "missing"], data=data, isolate=False)
    md = report.render_markdown(ev, "repair eval --out bench")
    assert "Signature: `repair:" in md and "|date:" in md
    assert "| suite | split | items | measure | unchanged | upper | missing |" in md
    assert "| bln600 | train | 2 | CER ↓ | **8.33** | 83.33 | – |" in md
    assert "| seed | all | 1 | artefacts fixed ↑ | **0/10** | **0/10** | – |" in md
    assert "| all |  |  | words/s | – | " in md  # the unchanged input has no speed
    assert "not measured: ModelError: no weights yet" in md
    assert "Signature: `repair:" in md and "|suite:bln600|part:bln600|split:train|items:2/2|" in md
    paths = report.write_all(ev, tmp_path / "bench")
    assert [p.name for p in paths] == ["results.md", "results.json", "results.png"]
    assert (tmp_path / "bench" / "results.png").read_bytes()[:4] == b"\x89PNG"
    assert json.loads((tmp_path / "bench" / "results.json").read_text())["signature"]["suites"] == "bln600,seed,news"
    assert "[Shares -> SHARES" in report.render_samples(ev) or "SHARES" in report.render_samples(ev)


def _cli(argv):
    from repair.cli import eval_cmd

    parser = argparse.ArgumentParser(prog="repair")
    eval_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_cli_json_and_out(data, tmp_path, capsys):  # noqa: F811
    code = _cli(["eval", "--suite", "bln600", "--systems", "unchanged", "--data", str(data), "--json",
                 "--in-process", "--quiet", "--out", str(tmp_path / "b")])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scores"]["bln600/bln600/train"]["unchanged"]["cer"] == pytest.approx(100 / 12, abs=1e-4)
    assert "--suite bln600" in (tmp_path / "b" / "results.md").read_text()


def test_cli_absent_set_exits_2_with_one_line(data, capsys):  # noqa: F811
    from repair.cli import COMMANDS, main

    if "eval" not in COMMANDS:
        with pytest.raises(DataError):
            _cli(["eval", "--suite", "jfleg", "--data", str(data / "none"), "--quiet", "--in-process"])
        return
    assert main(["eval", "--suite", "jfleg", "--data", str(data / "none"), "--quiet", "--in-process"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("repair: error: jfleg: no split 'dev'")


def test_cli_rejects_negative_limit(data):  # noqa: F811
    from repair.errors import ConfigError

    with pytest.raises(ConfigError, match="--limit -1"):
        _cli(["eval", "--limit", "-1", "--data", str(data)])


def test_run_system_unavailable_keeps_the_reason(monkeypatch, data):  # noqa: F811
    monkeypatch.setitem(SYSTEMS, "missing", _Missing)
    from repair.eval.suites import SUITES

    run = run_system("missing", SUITES["bln600"].load(data))
    assert not run.available and run.outputs == {}


def test_update_fills_the_markers_only(data, tmp_path):  # noqa: F811
    from repair.errors import InputError

    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n<!-- repair-eval:begin -->\nold table\n<!-- repair-eval:end -->\n\nafter\n")
    ev = evaluate(["bln600"], ["unchanged"], data=data, isolate=False)
    report.update_between_markers(readme, ev, "repair eval --out bench --update README.md")
    text = readme.read_text()
    assert "old table" not in text and text.startswith("# x\n\n<!-- repair-eval:begin -->\nMeasured with `repair eval")
    assert "| bln600 | train | 2 | CER ↓ | 8.33 |" in text and text.endswith("<!-- repair-eval:end -->\n\nafter\n")
    (tmp_path / "plain.md").write_text("no markers")
    with pytest.raises(InputError, match="no <!-- repair-eval:begin -->"):
        report.update_between_markers(tmp_path / "plain.md", ev)

"""Decisions files, repair apply, and the review loop driven line by line."""

import io
import json

import pytest
from rich.console import Console

from repair.cli import main
from repair.edits import Edit
from repair.interactive import Keys, review
from repair.review import (
    Decisions,
    StaleDecisionsError,
    apply_decisions,
    decisions_path,
    reviewed_path,
)

TEXT = "He came from the Allies .\nThe the report was late. Alexander Lukashenkothe leader spoke.\n"


def edit(start, end, replacement, kind="spacing", source="detector:spacing", alternatives=(), confidence=0.9):
    return Edit(start, end, TEXT[start:end], replacement, kind, tuple(source.split("+")), confidence, f"fix {TEXT[start:end]!r}",
                alternatives=alternatives)


SPACE = edit(23, 24, "")
REPEAT = edit(29, 33, "", kind="repeat", source="detector:repeat")
GLUED = edit(61, 74, "Lukashenko the", kind="glued-word", source="detector:glued",
             alternatives=("Lukashenko, the", "Lukashenko-the"))
FLAG = edit(51, 60, "Alexander", kind="consistency", source="detector:consistency")


def test_offsets_slice_the_text():
    assert [e.original for e in (SPACE, REPEAT, GLUED, FLAG)] == [" ", " the", "Lukashenkothe", "Alexander"]


@pytest.fixture
def decisions():
    return Decisions.start("a.txt", TEXT, [GLUED, REPEAT, FLAG, SPACE], "sig")


def test_items_in_text_order_and_nothing_decided(decisions):
    assert [i.edit for i in decisions.items] == [SPACE, REPEAT, FLAG, GLUED]
    assert decisions.pending == (0, 1, 2, 3) and not decisions.complete
    assert apply_decisions(TEXT, decisions) == TEXT  # nothing decided, nothing changed


def test_accept_reject_alternative_custom(decisions):
    d = decisions.decide(0, "accept").decide(1, "reject").decide(3, "alternative", "Lukashenko, the")
    assert apply_decisions(TEXT, d) == TEXT.replace("Allies .", "Allies.").replace("Lukashenkothe", "Lukashenko, the")
    d = d.decide(2, "custom", "Aleksandr").decide(3, "accept")
    assert apply_decisions(TEXT, d) == ("He came from the Allies.\nThe the report was late. "
                                        "Aleksandr Lukashenko the leader spoke.\n")
    assert d.complete and d.counts() == {"accept": 2, "reject": 1, "alternative": 0, "custom": 1, "pending": 0}


def test_invalid_decisions_are_refused(decisions):
    with pytest.raises(ValueError, match="not one of the alternatives"):
        decisions.decide(3, "alternative", "Lukashenko the")
    with pytest.raises(ValueError, match="nothing to accept|no replacement"):
        decisions.decide(2, "accept")
    with pytest.raises(ValueError, match="unknown decision"):
        decisions.decide(0, "maybe")


def test_overlapping_typed_fix_is_refused(decisions):
    overlapping = Edit(66, 78, TEXT[66:78], TEXT[66:78], "flag", ("detector:x",), 0.5, "m")
    d = Decisions.start("a.txt", TEXT, [GLUED, overlapping]).decide(0, "accept")
    with pytest.raises(ValueError, match="overlaps edit 1"):
        d.decide(1, "custom", "x")


def test_file_round_trip(tmp_path, decisions):
    d = decisions.decide(0, "accept").decide(3, "alternative", "Lukashenko-the").decide(2, "custom", "Al")
    path = tmp_path / "d.json"
    d.save(path)
    assert Decisions.load(path) == d
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "repair-decisions" and data["version"] == 1
    assert data["items"][0] == {"edit": SPACE.to_dict() | {"alternatives": []}, "decision": "accept",
                                "replacement": ""}
    assert [i["decision"] for i in data["items"]] == ["accept", None, "custom", "alternative"]
    assert not list(tmp_path.glob(".*tmp"))  # the atomic write left nothing behind


def test_hand_written_accept_needs_no_replacement(tmp_path, decisions):
    data = decisions.to_dict()
    data["items"][3]["decision"] = "accept"
    d = Decisions.from_dict(data)
    assert d.items[3].replacement == "Lukashenko the"


def test_stale_decisions_are_named_in_one_line(decisions):
    d = decisions.decide(1, "reject").decide(3, "accept")
    changed = TEXT.replace("The the", "A the").replace("Lukashenkothe", "Lukashenko")
    with pytest.raises(StaleDecisionsError) as err:
        apply_decisions(changed, d, "a.txt")
    message = str(err.value)
    assert "\n" not in message
    assert message == ("2 decisions no longer match 'a.txt' (was it changed since the review?): "
                       "#2 at 2:4 ' the', #4 at 2:36 'Lukashenkothe'")
    # Undecided edits are not checked: they change nothing.
    assert apply_decisions(changed, decisions) == changed


def test_default_paths():
    assert str(decisions_path("x/a.txt")) == "x/a.txt.decisions.json"
    assert str(reviewed_path("x/a.txt")) == "x/a.txt.reviewed"


def run_review(decisions, typed, start=None):
    saved = []
    out = io.StringIO()
    keys = Keys(io.StringIO(typed), out)
    console = Console(file=out, width=80, color_system=None)
    outcome = review(decisions, TEXT, "a.txt", saved.append, keys, console, start)
    return outcome, saved, out.getvalue()


def test_review_card_reads_without_colour(decisions):
    _, _, shown = run_review(decisions, "")
    assert shown.splitlines()[1:5] == [
        "a.txt:1:24  edit 1/4  spacing  detector:spacing  0.90",
        "  He came from the Allies[-␣-].",
        "  why: fix ' '",
        "(1/4) Decide [y,n,e,a,d,A,D,k,s,q,?]? ",
    ]
    assert "\x1b[" not in shown
    assert all(len(line) <= 80 for line in shown.splitlines())


def test_review_keys_decide_and_save_after_each(decisions):
    outcome, saved, shown = run_review(decisions, "y\nn\ne\nAleksandr\n2\n")
    assert outcome.finished and outcome.decisions.complete
    assert [s.counts()["pending"] for s in saved] == [3, 2, 1, 0]
    assert [i.decision for i in outcome.decisions.items] == ["accept", "reject", "custom", "alternative"]
    assert "  Alexander [-Lukashenkothe-]{+Lukashenko the+} leader spoke." in shown
    assert "  or:  1) 'Lukashenko, the'  2) 'Lukashenko-the'" in shown
    assert "flagged for review" in shown


def test_quit_then_resume_where_it_stopped(decisions):
    outcome, saved, _ = run_review(decisions, "y\nq\n")
    assert not outcome.finished and outcome.decisions.pending == (1, 2, 3)
    outcome, _, shown = run_review(saved[-1], "s\nn\ny\n")
    assert "edit 1/4" not in shown and "edit 2/4" in shown
    assert [i.decision for i in outcome.decisions.items] == ["accept", None, "reject", "accept"]


def test_back_shows_the_decision_and_can_change_it(decisions):
    outcome, _, shown = run_review(decisions, "y\nk\nn\nq\n")
    assert "decided: accepted" in shown
    assert outcome.decisions.items[0].decision == "reject"


def test_all_of_a_kind_or_source(decisions):
    more = Edit(0, 2, "He", "She", "spacing", ("languagetool",), 0.6, "m")
    d = Decisions.start("a.txt", TEXT, [SPACE, REPEAT, FLAG, GLUED, more])
    outcome, saved, _ = run_review(d, "a\nq\n")  # more (spacing) comes first
    assert [i.decision for i in outcome.decisions.items] == ["accept", "accept", None, None, None]
    outcome, _, _ = run_review(d, "s\nD\n")  # every detector:spacing edit from here on
    assert [i.decision for i in outcome.decisions.items] == [None, "reject", None, None, None]


def test_flag_cannot_be_accepted_and_unknown_keys_explain(decisions):
    outcome, _, shown = run_review(decisions, "s\ns\ny\nz\n9\nq\n")
    assert "a flag has nothing to accept" in shown
    assert "unknown key 'z'" in shown and "there is no alternative 9" in shown
    assert outcome.decisions.pending == (0, 1, 2, 3)


@pytest.fixture
def reviewed_file(tmp_path, decisions):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    decisions.decide(0, "accept").decide(3, "alternative", "Lukashenko, the").save(decisions_path(path))
    return path


EXPECTED = TEXT.replace("Allies .", "Allies.").replace("Lukashenkothe", "Lukashenko, the")


def test_apply_writes_file_reviewed(capsys, reviewed_file):
    assert main(["apply", str(reviewed_file)]) == 0
    assert reviewed_path(reviewed_file).read_text(encoding="utf-8") == EXPECTED
    assert reviewed_file.read_text(encoding="utf-8") == TEXT
    err = capsys.readouterr().err
    assert err == (f"4 edits: 1 accepted, 1 alternative chosen, 0 rejected, 2 undecided; "
                   f"wrote {reviewed_path(reviewed_file)}\n")


def test_apply_in_place_keeps_a_backup(reviewed_file):
    assert main(["apply", str(reviewed_file), "--in-place"]) == 0
    assert reviewed_file.read_text(encoding="utf-8") == EXPECTED
    assert reviewed_file.with_name("a.txt.bak").read_text(encoding="utf-8") == TEXT
    # Applied twice: the decisions no longer match, and nothing is written.
    assert main(["apply", str(reviewed_file), "--in-place"]) == 2
    assert not reviewed_file.with_name("a.txt.bak.1").exists()
    assert reviewed_file.read_text(encoding="utf-8") == EXPECTED


def test_apply_refuses_stale_decisions_in_one_line(capsys, reviewed_file):
    reviewed_file.write_text(TEXT.replace("Lukashenkothe", "Lukashenko"), encoding="utf-8")
    assert main(["apply", str(reviewed_file), "-o", str(reviewed_file.with_name("out.txt"))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 decision no longer matches" in err and "'Lukashenkothe'" in err
    assert not reviewed_file.with_name("out.txt").exists()


def test_apply_stdout_and_stdin(capsysbinary, monkeypatch, reviewed_file):
    assert main(["apply", str(reviewed_file), "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == EXPECTED
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    assert main(["apply", "-", "--decisions", str(decisions_path(reviewed_file))]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == EXPECTED


@pytest.mark.parametrize("content, message", [
    ("{", "is not valid JSON (line 1, column 2"),
    ('{"format": "other"}', "is not a repair decisions file"),
    ('{"format": "repair-decisions", "version": 9, "items": []}', "format version 9"),
    ('{"format": "repair-decisions", "version": 1, "items": [{"edit": {"start": 1}, "decision": "accept"}]}',
     "item 1: the edit's 'end' is missing or not an integer"),
    ('{"format": "repair-decisions", "version": 1, "items": [{"edit": {}, "decision": "perhaps"}]}',
     "unknown decision 'perhaps'"),
])
def test_bad_decisions_files_are_one_line(capsys, tmp_path, content, message):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.json").write_text(content, encoding="utf-8")
    assert main(["apply", str(tmp_path / "a.txt"), "--decisions", str(tmp_path / "d.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("repair: error: ") and err.count("\n") == 1 and message in err


def test_apply_output_over_the_input_is_refused(capsys, reviewed_file):
    assert main(["apply", str(reviewed_file), "-o", str(reviewed_file)]) == 2
    assert "use --in-place" in capsys.readouterr().err
    assert main(["apply", str(reviewed_file.with_name("missing.txt"))]) == 2


def review_cli(monkeypatch, capsys, path, typed, *extra):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(typed.encode("utf-8"))))
    code = main(["review", str(path), "--no-grammar", "--no-model", *extra])
    return code, capsys.readouterr()


def test_review_cli_resume_refuses_a_changed_file_until_restart(monkeypatch, capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out = review_cli(monkeypatch, capsys, path, "y\nq\n")
    assert code == 0 and "stopped; 2 edits: 1 accepted, 0 rejected, 1 undecided" in out.err
    path.write_text(TEXT.replace("late", "early"), encoding="utf-8")
    code, out = review_cli(monkeypatch, capsys, path, "y\n")
    assert code == 2 and out.err.count("\n") == 1 and "changed since" in out.err and "--restart" in out.err
    code, out = review_cli(monkeypatch, capsys, path, "n\nn\n", "--restart")
    assert code == 0 and "2 edits: 0 accepted, 2 rejected, 0 undecided" in out.err
    assert reviewed_path(path).read_text(encoding="utf-8") == TEXT.replace("late", "early")


def test_review_cli_of_a_clean_file_writes_it_unchanged(monkeypatch, capsys, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Nothing is wrong here.\n", encoding="utf-8")
    code, out = review_cli(monkeypatch, capsys, path, "")
    assert code == 0 and out.err == f"0 edits: 0 accepted, 0 rejected, 0 undecided; wrote {reviewed_path(path)}\n"
    assert reviewed_path(path).read_text(encoding="utf-8") == "Nothing is wrong here.\n"
    code, out = review_cli(monkeypatch, capsys, path, "", "--in-place")
    assert code == 0 and not path.with_name("clean.txt.bak").exists()


@pytest.mark.parametrize("argv, message", [
    (["review", "-"], "give a file, not stdin"),
    (["review", "missing.txt"], "does not exist"),
    (["review"], "give a FILE to review"),
    (["review", "x", "--batch", "out"], "--batch DIR reviews the batch's documents"),
    (["apply", "-"], "reading stdin needs --decisions"),
])
def test_review_and_apply_usage_errors_are_one_line(capsys, argv, message):
    assert main([*argv, "--no-grammar", "--no-model"] if argv[0] == "review" else argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_review_batch_walks_the_documents_and_resumes(monkeypatch, capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text("Nothing wrong here.\n", encoding="utf-8")
    (corpus / "c.txt").write_text("The the end.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "corpus", "--out", "out", "--no-grammar", "--no-model", "--quiet"]) == 1
    capsys.readouterr()

    def review_batch(typed):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(typed.encode("utf-8"))))
        code = main(["review", "--batch", "out"])
        return code, capsys.readouterr().err

    code, err = review_batch("y\nn\nq\n")  # a.txt decided, quit at c.txt
    assert code == 0 and "document 1/2: a.txt" in err and "stopped at document 2/2: c.txt" in err
    assert (tmp_path / "out" / "reviewed" / "a.txt").read_text(encoding="utf-8") == TEXT.replace("Allies .", "Allies.")
    code, err = review_batch("y\n")
    assert code == 0 and "a.txt" not in err and "document 2/2: c.txt" in err
    assert (tmp_path / "out" / "reviewed" / "c.txt").read_text(encoding="utf-8") == "The end.\n"
    assert not (tmp_path / "out" / "reviewed" / "b.txt").exists()  # nothing to review there
    assert Decisions.load(tmp_path / "out" / "review" / "c.txt.decisions.json").complete
    # A source changed since the batch is named and passed over.
    (corpus / "a.txt").write_text("changed\n", encoding="utf-8")
    (tmp_path / "out" / "review" / "a.txt.decisions.json").unlink()
    code, err = review_batch("")
    assert code == 0 and "document 1/2: a.txt: skipped: 'corpus/a.txt' changed since the batch ran" in err


def test_review_batch_needs_a_batch_output(capsys, tmp_path):
    assert main(["review", "--batch", str(tmp_path)]) == 2
    assert "has no report.jsonl" in capsys.readouterr().err

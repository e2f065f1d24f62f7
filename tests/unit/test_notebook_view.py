"""The notebook view of a Result (parsed HTML, the edit table) and the review widget."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from repair.edits import Edit
from repair.pipeline import Pipeline, PipelineConfig
from repair.result import Result
from repair.signature import Signature
from repair.review import Decisions

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_f15f1aa9a78ce15d.txt"


@pytest.fixture(scope="module")
def seed_result():
    with Pipeline(PipelineConfig(grammar=False, model=None)) as p:
        return p.run(SEED.read_text(encoding="utf-8"))


def test_every_edit_of_the_seed_once_with_number_kind_and_reason(seed_result, every_edit_once):
    assert len(seed_result.edits) == 6
    every_edit_once(seed_result._repr_html_(), seed_result.edits)


def test_html_escapes_everything_from_the_document(every_edit_once):
    text = "<script>alert(1)</script> the the end & <b>"
    edit = Edit(25, 29, " the", "", "repeat", ("detector:repeat",), 0.9, "'the' <is> repeated",
                alternatives=("<i>",))
    html = Result(text, (edit,), Signature.of(detectors="repeat"))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html.split("</style>")[1]
    assert "&lt;is&gt;" in html and "&#x27;&lt;i&gt;&#x27;" in html
    every_edit_once(html, [edit])


def test_colours_are_tints_that_read_on_light_and_dark(seed_result):
    html = seed_result._repr_html_()
    style = html[html.index("<style>"):html.index("</style>")]
    assert "rgba(" in style and "color:#" not in style  # text keeps the theme's own colour


def test_table_and_pandas(seed_result):
    rows = seed_result.table()
    assert [r["n"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0] | {} == {**rows[0], "line": 3, "column": 11, "kind": "glued-word", "original": "Lukashenkothe",
                            "replacement": "Lukashenko the", "flag": False, "source": "detector:glued"}
    assert rows[2]["flag"] and rows[2]["kind"] == "consistency"
    pd = pytest.importorskip("pandas")
    frame = seed_result.to_pandas()
    assert isinstance(frame, pd.DataFrame) and list(frame.index) == [1, 2, 3, 4, 5, 6]
    assert frame.loc[2, "original"] == "In" and frame.loc[2, "message"] == rows[1]["message"]


def test_review_widget_buttons_filters_and_decisions_file(seed_result, tmp_path):
    pytest.importorskip("ipywidgets")
    from repair.notebook import review

    path = tmp_path / "seed.txt.decisions.json"
    w = review(seed_result, path=path, name="seed.txt")
    assert len(w.rows.children) == 6
    buttons = {b.description: b for b in w.rows.children[0].children[1].children if hasattr(b, "on_click")}
    buttons["accept"].click()
    assert json.loads(path.read_text(encoding="utf-8"))["items"][0]["decision"] == "accept"
    w.reject(2)
    w.type(3, "maneuver")
    w.kind.value = "consistency"
    assert len(w.rows.children) == 2
    w.reject_shown.click()  # only the undecided consistency flag
    w.kind.value = "all"
    w.min_confidence.value = 0.85
    assert [r.children[0].value.split("</b>")[0] for r in w.rows.children] == ["<b>1/6", "<b>4/6"]
    w.min_confidence.value = 0.0
    w.show.value = "undecided"
    assert len(w.rows.children) == 2
    expected = (seed_result.text.replace("Lukashenkothe", "Lukashenko the")
                .replace("for manoeuvre", "for maneuver"))
    assert w.text == expected
    decisions = Decisions.load(path)
    assert [i.decision for i in decisions.items] == ["accept", "reject", "custom", None, "reject", None]
    # The file is the terminal's: repair apply writes the same text, repair review resumes it.
    source = tmp_path / "seed.txt"
    source.write_text(seed_result.text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "repair.cli", "apply", str(source), "--decisions", str(path)],
                   check=True, capture_output=True, cwd=REPO)
    assert (tmp_path / "seed.txt.reviewed").read_text(encoding="utf-8") == expected
    # A new widget on the same result resumes from the file.
    again = review(seed_result, path=path)
    assert again.decisions == decisions
    assert "1 accepted, 1 typed, 2 rejected, 2 undecided" in again.status.value


def test_review_widget_alternatives(tmp_path):
    pytest.importorskip("ipywidgets")
    from repair.notebook import review

    text = "Katia Glod said so."
    edit = Edit(6, 10, "Glod", "Good", "spelling", ("languagetool",), 0.3, "Possible spelling mistake found.",
                alternatives=("God", "Gold"))
    w = review(Result(text, (edit,), Signature.of(languagetool="6.8")))
    labels = [b.description for b in w.rows.children[0].children[1].children if hasattr(b, "description")]
    assert labels[:4] == ["accept", "reject", "use 'God'", "use 'Gold'"]
    w.rows.children[0].children[1].children[3].click()
    assert w.text == "Katia Gold said so."
    with pytest.raises(ValueError, match="not one of the alternatives"):
        w.choose(1, "Glad")
    with pytest.raises(ValueError, match="there is no edit 2"):
        w.accept(2)
    with pytest.raises(Exception, match="needs a path"):
        w.save()
    assert Decisions.load(w.save(tmp_path / "d.json")).items[0].replacement == "Gold"

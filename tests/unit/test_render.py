"""Renderers over one Result: exact strings at a fixed width."""

import io
import re

from rich.console import Console

from repair.edits import Edit

from repair.pipeline import Pipeline, PipelineConfig
from repair.render.terminal import render_edits
from repair.render.unified import unified_diff

TEXT = "Intro line.\nAlexander Lukashenkothe leader met Lukashenko.\nHe said no.\n"


def result():
    with Pipeline(PipelineConfig(grammar=False, model=None)) as p:
        return p.run(TEXT)


def test_terminal_review_shows_each_change_with_its_reason():
    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False)
    render_edits(console, "a.txt", TEXT, result().edits)
    assert console.file.getvalue() == (
        "a.txt:2\n"
        "  Alexander [-Lukashenkothe-]{+Lukashenko the+} leader met Lukashenko.\n"
        "    glued-word [detector:glued 0.85] 'Lukashenkothe' -> 'Lukashenko the': "
        "'Lukashenkothe' looks like\n'Lukashenko' and 'the' run together\n"
    )


def test_terminal_review_colours_deletions_and_insertions():
    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system="standard")
    render_edits(console, "a.txt", TEXT, result().edits)
    out = console.file.getvalue()
    assert "\x1b[9;31mLukashenkothe" in out and "\x1b[1;32mLukashenko the" in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "[-Lukashenkothe-]{+Lukashenko the+}" in plain  # never run together


def test_a_deleted_space_is_a_visible_marker():
    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False)
    text = "from the Allies .\n"
    edit = Edit(15, 16, " ", "", "spacing", ("detector:spacing",), 0.9, "no space belongs before '.'")
    render_edits(console, "a.txt", text, [edit])
    assert console.file.getvalue().splitlines()[1] == "  from the Allies[-␣-]."


def test_unified_diff_exact():
    r = result()
    assert "".join(unified_diff([(r.text, r.fixed)], "a.txt", "a.txt")) == (
        "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n Intro line.\n"
        "-Alexander Lukashenkothe leader met Lukashenko.\n"
        "+Alexander Lukashenko the leader met Lukashenko.\n He said no.\n"
    )


def test_missing_final_newline_is_marked():
    patch = "".join(unified_diff([("a the the", "a the")], "f", "f"))
    assert patch.endswith("-a the the\n\\ No newline at end of file\n+a the\n\\ No newline at end of file\n")


def test_notebook_html_escapes_and_marks_edits():
    html = result()._repr_html_()
    assert "<del" in html and "Lukashenkothe</del>" in html and "<ins" in html


def test_listing_names_up_to_three_other_suggestions():
    from repair.edits import Edit
    from repair.render.listing import edit_line

    e = Edit(8, 12, "yong", "Yong", "spelling", ("languagetool",), 0.4, "Possible spelling mistake found.",
             alternatives=("long", "young", "song", "Kong"))
    assert edit_line("a.txt", "I think yong people", e) == (
        "a.txt:1:9: spelling [languagetool 0.40] 'yong' -> 'Yong' (or 'long', 'young', 'song'): "
        "Possible spelling mistake found.")

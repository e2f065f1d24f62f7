"""docs/cli.md carries every command's --help; it must not drift from the parsers."""

import argparse
import sys

import pytest

from repair.cli import COMMANDS
from repair.cli import reference


@pytest.mark.skipif(sys.version_info[:2] != reference.PYTHON_VERSION,
                    reason="docs/cli.md is generated with Python 3.11, whose argparse layout it holds")
def test_docs_cli_md_matches_the_parsers_help():
    assert reference.current() == reference.render(), (
        f"docs/cli.md differs from the parsers' --help; regenerate it with `{reference.REGENERATE}`")


def test_every_command_and_action_has_a_section():
    rendered = reference.render()
    for name in COMMANDS:
        assert f"### `repair {name}`\n" in rendered
    for action in ("start", "status", "stop", "fetch"):
        assert f"#### `repair languagetool {action}`\n" in rendered


def test_the_reference_does_not_depend_on_the_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    narrow = reference.render()
    monkeypatch.setenv("COLUMNS", "250")
    assert reference.render() == narrow
    assert max(len(line) for line in narrow.splitlines() if not line.startswith("<!--")) <= reference.WIDTH


def test_check_names_the_regenerate_command_when_out_of_date(tmp_path, capsys):
    page = tmp_path / "cli.md"
    page.write_text(f"# x\n{reference.MARK_BEGIN}\nstale\n{reference.MARK_END}\n", encoding="utf-8")
    assert reference.main(["--check", "--file", str(page)]) == 1
    assert reference.REGENERATE in capsys.readouterr().err
    assert reference.main(["--file", str(page)]) == 0
    assert reference.main(["--check", "--file", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# x\n") and text.endswith(reference.MARK_END + "\n")


def test_a_new_command_is_picked_up(monkeypatch):
    """A command added to COMMANDS gets its section without touching the generator."""
    import importlib

    def register(sub):
        p = sub.add_parser("frobnicate", help="a command added later")
        p.add_argument("--level", help="how much to frobnicate")

    real_import = importlib.import_module
    monkeypatch.setattr("repair.cli.COMMANDS", (*COMMANDS, "frobnicate"))
    monkeypatch.setattr(reference, "COMMANDS", (*COMMANDS, "frobnicate"))
    monkeypatch.setattr(importlib, "import_module", lambda name: argparse.Namespace(register=register)
                        if name == "repair.cli.frobnicate_cmd" else real_import(name))
    rendered = reference.render()
    section = rendered[rendered.index("### `repair frobnicate`\n"):]
    assert "usage: repair frobnicate [-h] [--level LEVEL]" in section
    assert "how much to frobnicate" in section

"""Where the shipped model is found: a checkout, an installed wheel, REPAIR_MODEL; and a missing one is said."""

import pytest

from repair import paths
from repair.cli import main, options

SAMPLE = "He came from the Allies .\n"


def weights(directory):
    directory.mkdir(parents=True)
    (directory / paths.WEIGHTS).write_bytes(b"")
    return directory


@pytest.fixture
def layout(tmp_path, monkeypatch):
    """An empty installed package (site/repair/_models) beside an empty checkout (src/models)."""
    monkeypatch.setattr(paths, "PACKAGED_MODELS_DIR", tmp_path / "site" / "repair" / "_models")
    monkeypatch.setattr(paths, "MODELS_DIR", tmp_path / "src" / "models")
    monkeypatch.delenv("REPAIR_MODEL", raising=False)
    return tmp_path


def test_this_checkout_finds_models_at_the_top():
    assert paths.SHIPPED_MODEL_DIR == paths.REPO_ROOT / "models" / "repair-small"
    assert (paths.SHIPPED_MODEL_DIR / "config.json").is_file()


def test_an_installed_wheel_finds_its_own_copy(layout):
    packaged = weights(layout / "site" / "repair" / "_models" / "repair-small")
    assert paths.find_shipped_model() == packaged


def test_a_checkout_without_a_wheel_copy_finds_models(layout):
    checkout = weights(layout / "src" / "models" / "repair-small")
    assert paths.find_shipped_model() == checkout


def test_nowhere_names_the_checkout_and_both_places(layout, monkeypatch):
    assert paths.find_shipped_model() == layout / "src" / "models" / "repair-small"
    monkeypatch.setattr(paths, "SHIPPED_MODEL_DIR", paths.find_shipped_model())
    reason = paths.model_unavailable_reason()
    assert reason.startswith("the shipped model is not installed")
    assert str(layout / "site" / "repair" / "_models" / "repair-small") in reason
    assert str(layout / "src" / "models" / "repair-small") in reason


def test_repair_model_overrides(tmp_path, monkeypatch):
    other = weights(tmp_path / "other")
    monkeypatch.setenv("REPAIR_MODEL", str(other))
    assert paths.default_model_dir() == other
    assert paths.shipped_model_available()
    monkeypatch.setenv("REPAIR_MODEL", str(tmp_path / "empty"))
    assert paths.model_unavailable_reason() == f"REPAIR_MODEL={str(tmp_path / 'empty')!r} holds no model.safetensors"


def test_missing_packages_are_named(monkeypatch):
    monkeypatch.delenv("REPAIR_MODEL", raising=False)
    monkeypatch.setattr(paths.importlib.util, "find_spec", lambda name: None)
    assert paths.model_unavailable_reason() == "the model needs pip install 'repair[model]' (torch, transformers missing)"


def test_a_missing_model_is_said_once_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPAIR_MODEL", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(options, "_NOTED", set())
    text = tmp_path / "a.txt"
    text.write_text(SAMPLE, encoding="utf-8")
    assert main(["check", "--no-grammar", "--mt-flags", str(text)]) == 1  # the flagger asks for the model
    assert main(["fix", "--no-grammar", "--mt-flags", str(text)]) == 1
    out, err = capsys.readouterr()
    assert "no space belongs before '.'" in out and out.endswith("He came from the Allies.\n")
    note = (f"repair: note: REPAIR_MODEL={str(tmp_path / 'nothing-here')!r} holds no model.safetensors; "
            f"running without the model\n")
    assert err == note


def test_the_default_run_has_no_model_and_says_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPAIR_MODEL", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(options, "_NOTED", set())
    text = tmp_path / "a.txt"
    text.write_text(SAMPLE, encoding="utf-8")
    assert main(["check", "--no-grammar", "--format", "json", str(text)]) == 1
    out, err = capsys.readouterr()
    assert err == "" and "|model:off|" in out


def test_no_model_is_silent(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPAIR_MODEL", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(options, "_NOTED", set())
    text = tmp_path / "a.txt"
    text.write_text(SAMPLE, encoding="utf-8")
    assert main(["check", "--no-grammar", "--no-model", str(text)]) == 1
    assert capsys.readouterr().err == ""

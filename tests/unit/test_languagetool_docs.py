"""docs/languagetool.md's confidence tables are generated from repair/grammar/confidence.py."""

import pytest

from repair.grammar import confidence, tables
from repair.grammar.confidence import Case


def test_the_page_shows_the_tables_of_the_code():
    shown = tables.between_markers(tables.DOC.read_text("utf-8"))
    assert shown is not None, f"{tables.DOC} has lost its {tables.MARK_BEGIN} ... {tables.MARK_END} markers"
    assert shown == tables.render(), (f"docs/languagetool.md's tables differ from repair/grammar/confidence.py; "
                                      f"regenerate them with `{tables.COMMAND}`")


def test_every_entry_of_every_table_is_rendered():
    page = tables.render()
    for name in (*confidence.CATEGORY_KIND, *confidence.ISSUE_KIND, *confidence.RULE_KIND,
                 *confidence.RULE_CONFIDENCE, *confidence.SPELLER, *confidence.CONTEXT):
        assert f"`{name}`" in page, name
    for pattern, _ in confidence.RULE_PATTERN_CONFIDENCE:
        assert f"`{pattern.pattern}`" in page


def test_a_changed_confidence_shows_on_the_page(monkeypatch):
    monkeypatch.setitem(confidence.RULE_CONFIDENCE, "EN_A_VS_AN", Case(0.12, "changed"))
    assert "| `EN_A_VS_AN` | 0.12 | changed |" in tables.render()


def test_update_rewrites_only_between_the_markers(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"before\n{tables.MARK_BEGIN}\nstale\n{tables.MARK_END}\nafter\n", "utf-8")
    assert tables.update(page) is True
    text = page.read_text("utf-8")
    assert text.startswith(f"before\n{tables.MARK_BEGIN}\n<!-- generated") and text.endswith(f"{tables.MARK_END}\nafter\n")
    assert tables.main([str(page), "--check"]) == 0
    assert tables.update(page) is False


def test_a_page_without_markers_is_refused(tmp_path):
    from repair.errors import InputError

    page = tmp_path / "page.md"
    page.write_text("no markers\n", "utf-8")
    with pytest.raises(InputError, match="markers"):
        tables.update(page)
    assert page.read_text("utf-8") == "no markers\n"

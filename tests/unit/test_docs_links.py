"""README.md stays a front page, and every relative link in it, CONTRIBUTING.md and docs/ leads somewhere."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, flags=re.M)}


def links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [m.group(1) for m in LINK.finditer(text) if not re.match(r"[a-z]+:", m.group(1))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    broken = []
    for link in links(page):
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            broken.append(f"{link}: no {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        elif anchor and target.suffix == ".md" and anchor not in anchors(target):
            broken.append(f"{link}: no heading #{anchor} in {target.name}")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_slug_follows_github():
    assert slug("Settings in pyproject.toml") == "settings-in-pyprojecttoml"
    assert slug("Add a detector: a worked example") == "add-a-detector-a-worked-example"
    assert slug("The `repair` command") == "the-repair-command"


def test_the_readme_is_a_front_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 250, "README.md is a front page: move details to docs/"
    from repair.eval.report import MARK_BEGIN, MARK_END

    assert text.count(MARK_BEGIN) == 1 and text.count(MARK_END) == 1
    table = text[text.index(MARK_BEGIN):text.index(MARK_END)]
    assert "Signature: `repair:" in table and "| suite | split | items | measure |" in table


def test_contributing_lists_every_benchmark_script():
    root = Path(__file__).resolve().parents[2]
    listed = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted((root / "bench").glob("*.py")) if f"bench/{p.name}" not in listed]
    assert not missing, f"CONTRIBUTING.md's benchmark table lacks {missing}"

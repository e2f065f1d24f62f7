"""Settings from ``[tool.repair]`` in pyproject.toml, a glossary file and flags.

Flags win over pyproject, which wins over the defaults.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import ConfigError

_KEYS = {
    "ignore_words": list, "ignore_words_file": str, "detectors": list, "disable_detectors": list,
    "disabled_rules": list, "disabled_categories": list, "min_confidence": float,
    "grammar": bool, "model": (str, bool), "languagetool_url": str, "profile": str,
    "mt_flags": bool,
}


def find_pyproject(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(pyproject: Path | None) -> dict[str, Any]:
    """The ``[tool.repair]`` table, checked key by key."""
    if pyproject is None:
        return {}
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {str(pyproject)!r}: {exc}") from None
    table = data.get("tool", {}).get("repair", {})
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{pyproject} -> [tool.repair] {key}: unknown setting; known: {', '.join(_KEYS)}")
        if isinstance(value, float) is False and _KEYS[key] is float and isinstance(value, int):
            continue
        if not isinstance(value, _KEYS[key]):
            raise ConfigError(f"{pyproject} -> [tool.repair] {key}: {value!r} has the wrong type")
    if "ignore_words_file" in table:
        table = {**table, "ignore_words_file": str((pyproject.parent / table["ignore_words_file"]))}
    return table


def read_glossary(path: str | Path) -> frozenset[str]:
    """One word or phrase per line; '#' starts a comment. Phrases add each word."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"ignore-words file {str(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read ignore-words file {str(path)!r}: {exc}") from None
    words: set[str] = set()
    for line in lines:
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.update(entry.split())
    return frozenset(words)

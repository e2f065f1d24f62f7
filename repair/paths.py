"""Where repair keeps what it ships and what it downloads."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
MODELS_DIR = REPO_ROOT / "models"  # a checkout's models/: the shipped checkpoint and the training recipes
PACKAGED_MODELS_DIR = PACKAGE_DIR / "_models"  # the copy of models/<name> an installed wheel carries (setup.py)
SHIPPED_MODEL_NAME = "repair-small"  # the shipped checkpoint's folder
# The name that means "the shipped model" (or $REPAIR_MODEL) wherever a model is chosen.
SHIPPED_MODEL = "default"
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
WEIGHTS = "model.safetensors"


def shipped_model_dirs() -> tuple[Path, ...]:
    """Where the shipped checkpoint may be, in order: inside an installed wheel, in a checkout."""
    return PACKAGED_MODELS_DIR / SHIPPED_MODEL_NAME, MODELS_DIR / SHIPPED_MODEL_NAME


def find_shipped_model() -> Path:
    """The first of ``shipped_model_dirs()`` that holds weights, else the checkout's (to name in messages)."""
    found = [d for d in shipped_model_dirs() if (d / WEIGHTS).is_file()]
    return found[0] if found else MODELS_DIR / SHIPPED_MODEL_NAME


SHIPPED_MODEL_DIR = find_shipped_model()


def cache_dir() -> Path:
    return Path(os.environ.get("REPAIR_CACHE") or Path.home() / ".cache" / "repair")


def default_model_dir() -> Path:
    """The model "default" names: ``$REPAIR_MODEL`` (a checkpoint directory), else the shipped one."""
    override = os.environ.get("REPAIR_MODEL")
    return Path(override).expanduser() if override else SHIPPED_MODEL_DIR


def shipped_model_available() -> bool:
    return (default_model_dir() / WEIGHTS).is_file()


def model_unavailable_reason() -> str | None:
    """None when the default model can be loaded; otherwise why not, in one line.

    Reads no weights and imports nothing heavy: the packages are only looked up.
    """
    override = os.environ.get("REPAIR_MODEL")
    if not shipped_model_available():
        if override:
            return f"REPAIR_MODEL={override!r} holds no {WEIGHTS}"
        where = " or ".join(str(d) for d in shipped_model_dirs())
        return f"the shipped model is not installed (no {WEIGHTS} in {where})"
    missing = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is None]
    if missing:
        return f"the model needs pip install 'repair[model]' ({', '.join(missing)} missing)"
    return None

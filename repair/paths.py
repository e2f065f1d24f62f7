"""Where repair keeps what it ships and what it downloads."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO_ROOT / "models"
SHIPPED_MODEL_DIR = MODELS_DIR / "repair-small"
# The name that means "the shipped model" (or $REPAIR_MODEL) wherever a model is chosen.
SHIPPED_MODEL = "default"
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"


def cache_dir() -> Path:
    return Path(os.environ.get("REPAIR_CACHE") or Path.home() / ".cache" / "repair")


def default_model_dir() -> Path:
    """The model "default" names: ``$REPAIR_MODEL`` (a checkpoint directory), else the shipped one."""
    override = os.environ.get("REPAIR_MODEL")
    return Path(override).expanduser() if override else SHIPPED_MODEL_DIR


def shipped_model_available() -> bool:
    return (default_model_dir() / "model.safetensors").is_file()

"""Training recipe for the repair seq2seq model.

Importing this package does not import torch; :func:`train` does, when called.

    repair train --config models/train.toml --out runs/repair-small [--resume]
    python -m repair.train.export runs/repair-small models/repair-small
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

__all__ = ["train", "export"]


def train(config_path: Optional[str | Path], out_dir: str | Path,
          data_dir: Optional[str | Path] = None, resume: bool = False,
          max_minutes: Optional[float] = None, init: Optional[str | Path] = None) -> Path:
    """Train from ``config_path`` into ``out_dir`` (resuming from its latest
    checkpoint when ``resume``, starting from the exported model ``init`` when given,
    stopping after ``max_minutes`` when given); returns the last checkpoint directory."""
    from repair.train.loop import train as _train

    return _train(config_path, out_dir, data_dir=data_dir, resume=resume, max_minutes=max_minutes, init=init)


def export(run_dir: str | Path, model_dir: str | Path) -> Path:
    """Copy the latest checkpoint of ``run_dir`` into a loadable model directory."""
    from repair.train.export import export as _export

    return _export(run_dir, model_dir)

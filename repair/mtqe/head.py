"""The flagger's head: a small MLP from a word's features to P(a post-editor changes it),
and the turning of word probabilities into flagged spans.

Saved as ``head.safetensors`` + ``config.json`` in a model folder (``models/mt-flagger``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..document import Token
from ..errors import ModelError


@dataclass(frozen=True)
class HeadConfig:
    read: tuple[int, ...]  # encoder layers read (see features.Encoder)
    dim: int  # input features
    hidden: int
    threshold: float  # a word with P(BAD) at or above this is flagged
    feature_mean: tuple[float, ...] = ()
    feature_std: tuple[float, ...] = ()
    window: int = 0  # the features of this many words either side are appended to each word's
    lm: bool = False  # the bigram model's features (features.lm_features) follow the encoder's
    tuned_layers: int = 0  # encoder layers fine-tuned with the head (``encoder.safetensors``; see net.py)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)


class Head:
    def __init__(self, config: HeadConfig, mlp):
        """``config.dim`` is the width of one word's features; the MLP reads (1 + 2 * window) of them."""
        self.config = config
        self.mlp = mlp.eval()
        self._mean = np.asarray(config.feature_mean, dtype=np.float32)
        self._std = np.asarray(config.feature_std, dtype=np.float32)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        import torch

        if len(features) == 0:
            return np.zeros(0, dtype=np.float32)
        from .features import windowed

        x = (features - self._mean) / self._std
        if self.config.window:
            x = np.concatenate([x, windowed(x, self.config.window)], axis=1)
        with torch.inference_mode():
            return torch.sigmoid(self.mlp(torch.from_numpy(x.astype(np.float32)))[:, 0]).numpy()

    def probabilities_each(self, features: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:meth:`probabilities` of several sentences' words, in one pass of the MLP (the
        window never reaches across sentences)."""
        if not features:
            return []
        if self.config.window:
            return [self.probabilities(f) for f in features]
        probs = self.probabilities(np.concatenate(features))
        return np.split(probs, np.cumsum([len(f) for f in features])[:-1])

    @property
    def tuned(self) -> bool:
        return self.config.tuned_layers > 0

    def save(self, folder: Path) -> None:
        from safetensors.torch import save_file

        folder.mkdir(parents=True, exist_ok=True)
        save_file({k: v.contiguous() for k, v in self.mlp.state_dict().items()}, str(folder / "head.safetensors"))
        (folder / "config.json").write_text(self.config.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "Head":
        from safetensors.torch import load_file

        from .net import build_mlp

        try:
            raw = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            config = HeadConfig(**{**raw, "read": tuple(raw["read"]), "feature_mean": tuple(raw["feature_mean"]),
                                   "feature_std": tuple(raw["feature_std"])})
            mlp = build_mlp(config.dim * (1 + 2 * config.window), config.hidden)
            mlp.load_state_dict(load_file(str(folder / "head.safetensors")))
        except (OSError, KeyError, TypeError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load the MT flagger from {str(folder)!r}: {exc}") from None
        return cls(config, mlp)


def flagged_runs(toks: Sequence[Token], probs: Sequence[float], threshold: float) -> list[tuple[int, int]]:
    """Maximal runs of consecutive words at or above the threshold, as word index ranges."""
    runs, start = [], None
    for i, p in enumerate(probs):
        if p >= threshold:
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(probs)))
    return runs

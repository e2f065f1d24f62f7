"""Load and run a trained function-word tagger (a folder `repair.tagger.train` wrote).

The tuned encoder layers run through :class:`repair.mtqe.features.Encoder` (the same
pieces, batching and threads as the MT flagger); the heads of :mod:`repair.tagger.net`
read each word's state. Scores are log10 probabilities of every class.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ModelError
from .labels import INSERT, REPLACE


@dataclass(frozen=True)
class TaggerConfig:
    layers: int
    hidden: int
    margins: dict[str, float]  # log10 odds each operation needs (bench/tagger_margins.py)


@dataclass(frozen=True)
class Scores:
    """One sentence: per word (``mtqe.labels.words``), log10 P of each REPLACE class and of
    each INSERT class (what is missing before the word)."""

    replace: np.ndarray  # (words, len(REPLACE))
    insert: np.ndarray  # (words, len(INSERT))


class Tagger:
    def __init__(self, folder: Path, loaded: Any):
        import torch
        from safetensors.torch import load_file

        from ..mtqe.features import Encoder
        from .net import heads

        try:
            raw = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            if tuple(raw["replace"]) != REPLACE or tuple(raw["insert"]) != INSERT:
                raise ValueError("its classes are not this version's")
            self.config = TaggerConfig(int(raw["layers"]), int(raw["hidden"]), dict(raw.get("margins", {})))
            self._heads = heads(loaded.model.config.d_model, self.config.hidden)
            self._heads.load_state_dict(load_file(str(folder / "heads.safetensors")))
        except (OSError, KeyError, TypeError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load the function-word tagger from {str(folder)!r}: {exc}") from None
        self._heads.eval()
        self._torch = torch
        self._encoder = Encoder(loaded, read=(self.config.layers,), tuned=folder / "encoder.safetensors")

    def scores(self, sentences: Sequence[str]) -> list[Scores]:
        from .net import head_logits

        torch = self._torch
        d = self._encoder.d_model
        out = []
        feats = self._encoder.encode(list(sentences))
        with torch.inference_mode():
            for f in feats:
                r, g = head_logits(self._heads, torch.from_numpy(np.ascontiguousarray(f[:, :d])))
                out.append(Scores((torch.log_softmax(r, -1) / np.log(10)).numpy(),
                                  (torch.log_softmax(g, -1) / np.log(10)).numpy()))
        return out

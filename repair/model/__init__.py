"""The seq2seq proposer. Importing this package does not import torch; loading a
model (the first ``propose``, or :func:`load`) does.

    from repair.model import ModelProposer, load, Rewriter
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Change, align
from .guard import check_change, sentence_budget_ok
from .load import SHIPPED, LoadedModel, load, resolve, unload
from .proposer import ModelProposer, confidence_from_gain, edit_kind

if TYPE_CHECKING:  # pragma: no cover
    from .rewrite import Rewriter

__all__ = ["SHIPPED", "Change", "LoadedModel", "ModelProposer", "Rewriter", "align", "check_change",
           "confidence_from_gain", "edit_kind", "load", "resolve", "sentence_budget_ok", "unload"]


def __getattr__(name: str):
    if name == "Rewriter":
        from .rewrite import Rewriter

        return Rewriter
    raise AttributeError(name)

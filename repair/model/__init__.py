"""The seq2seq model: load it, propose rewrites, judge other proposers' edits. Importing this
package does not import torch; loading a model (the first use, or :func:`load`) does.

    from repair.model import ModelProposer, Scorer, Verifier, load, Rewriter
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Change, align
from .guard import check_change, sentence_budget_ok
from .load import LoadedModel, load, resolve, unload
from .proposer import ModelProposer, Proposal, confidence_from_gain, edit_kind
from .scorer import Scorer
from .verify import Verifier

if TYPE_CHECKING:  # pragma: no cover
    from .rewrite import Rewriter

__all__ = ["Change", "LoadedModel", "ModelProposer", "Proposal", "Rewriter", "Scorer", "Verifier", "align",
           "check_change", "confidence_from_gain", "edit_kind", "load", "resolve", "sentence_budget_ok", "unload"]


def __getattr__(name: str):
    if name == "Rewriter":
        from .rewrite import Rewriter

        return Rewriter
    raise AttributeError(name)

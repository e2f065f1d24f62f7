"""Word-level quality estimation of machine translation: which words a post-editor
would change. Importing this package does not import torch; the flagger loads the
model's encoder and its head on first use.

    from repair.mtqe import word_labels, MTFlagger
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .labels import WordLabels, bad_spans, word_labels, words

if TYPE_CHECKING:  # pragma: no cover
    from .flagger import MTFlagger

__all__ = ["MTFlagger", "WordLabels", "bad_spans", "word_labels", "words"]


def __getattr__(name: str):
    if name == "MTFlagger":
        from .flagger import MTFlagger

        return MTFlagger
    raise AttributeError(name)

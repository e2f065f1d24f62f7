"""Batched, deterministic rewriting and forced-decoding scores."""

from __future__ import annotations

import math
from typing import Sequence

from .load import LoadedModel


def _batches(idx: list[int], size: int) -> list[list[int]]:
    return [idx[i:i + size] for i in range(0, len(idx), size)]


class Rewriter:
    """Wraps a loaded model. Inputs are single sentences (or short windows)."""

    def __init__(self, loaded: LoadedModel, batch_size: int = 16, num_beams: int | None = None):
        self.m = loaded
        self.batch_size = batch_size
        self.num_beams = num_beams or loaded.num_beams

    # ------------------------------------------------------------------ helpers
    def n_tokens(self, text: str) -> int:
        return len(self.m.tokenizer(text, add_special_tokens=True)["input_ids"])

    def fits(self, text: str) -> bool:
        return self.n_tokens(text) <= self.m.max_input_tokens

    def _encode(self, texts: Sequence[str]):
        # No token_type_ids: some tokenizers return them and seq2seq generate() refuses them.
        return self.m.tokenizer(list(texts), return_tensors="pt", padding=True, truncation=True,
                                max_length=self.m.max_input_tokens,
                                return_token_type_ids=False).to(self.m.device)

    # ------------------------------------------------------------------ rewrite
    def rewrite(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """Beam-search rewrite of each sentence: (text, mean log-prob per token).

        Sentences longer than the model's input limit come back unchanged with
        score ``-inf``. The order of the output matches the input.
        """
        import torch

        out: list[tuple[str, float]] = [(s, -math.inf) for s in sentences]
        todo = [i for i, s in enumerate(sentences) if s.strip() and self.fits(s)]
        todo.sort(key=lambda i: len(sentences[i]))
        tok = self.m.tokenizer
        for batch in _batches(todo, self.batch_size):
            texts = [sentences[i] for i in batch]
            enc = self._encode(texts)
            longest = int(enc["attention_mask"].sum(1).max())
            max_new = min(self.m.max_output_tokens, int(longest * 1.5) + 8)
            with torch.inference_mode():
                gen = self.m.model.generate(
                    **enc, num_beams=self.num_beams, do_sample=False, max_new_tokens=max_new,
                    early_stopping=True, num_return_sequences=1)
            hyps = tok.batch_decode(gen, skip_special_tokens=True, clean_up_tokenization_spaces=False)
            hyps = [h.strip() for h in hyps]
            scores = self.score_pairs(texts, hyps, per_token=True)
            for i, h, s in zip(batch, hyps, scores):
                out[i] = (h, s)
        return out

    # ------------------------------------------------------------------ scoring
    def score_pairs(self, sources: Sequence[str], targets: Sequence[str], per_token: bool = False) -> list[float]:
        """log P(target | source) by forced decoding: the sum over target tokens
        (including the end token), or its mean when ``per_token``."""
        import torch

        assert len(sources) == len(targets)
        res = [0.0] * len(sources)
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]) + len(targets[i]))
        tok = self.m.tokenizer
        model = self.m.model
        for batch in _batches(order, self.batch_size):
            enc = self._encode([sources[i] for i in batch])
            lab = tok([targets[i] for i in batch], return_tensors="pt", padding=True, truncation=True,
                      max_length=self.m.max_output_tokens)["input_ids"].to(self.m.device)
            mask = lab != tok.pad_token_id
            labels = lab.masked_fill(~mask, -100)
            with torch.inference_mode():
                logits = model(**enc, labels=labels).logits.float()
            logp = torch.log_softmax(logits, dim=-1)
            tok_lp = logp.gather(-1, lab.unsqueeze(-1)).squeeze(-1) * mask
            sums = tok_lp.sum(1)
            counts = mask.sum(1).clamp(min=1)
            vals = (sums / counts) if per_token else sums
            for i, v in zip(batch, vals.tolist()):
                res[i] = float(v)
        return res

    def score_candidates(self, sentence: str, candidates: Sequence[str]) -> list[float]:
        """Total log-probability of each candidate rewrite of ``sentence`` (higher is
        likelier); the copy of ``sentence`` may be one of the candidates."""
        if not candidates:
            return []
        return self.score_pairs([sentence] * len(candidates), list(candidates))

    def copy_scores(self, sentences: Sequence[str]) -> list[float]:
        """Mean log-prob per token of copying each sentence unchanged: low means the
        model thinks something in it needs repair."""
        ok = [i for i, s in enumerate(sentences) if self.fits(s)]
        vals = self.score_pairs([sentences[i] for i in ok], [sentences[i] for i in ok], per_token=True)
        out = [0.0] * len(sentences)
        for i, v in zip(ok, vals):
            out[i] = v
        return out


def rewrite(loaded: LoadedModel, sentences: Sequence[str]) -> list[tuple[str, float]]:
    return Rewriter(loaded).rewrite(sentences)


def score_candidates(loaded: LoadedModel, sentence: str, candidates: Sequence[str]) -> list[float]:
    return Rewriter(loaded).score_candidates(sentence, candidates)

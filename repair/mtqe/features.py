"""Per-word features for the flagger: the shipped seq2seq model's encoder states.

Each sentence is encoded once by the encoder of the repair model (``repair.model.load``);
a word's vector is the mean of the states of the subword pieces that overlap it, read
from the encoder layers named in ``read``, followed by a few surface features
(frequency, capitalisation, function word, digits, pieces per word, position). The
encoder runs only up to the deepest layer read, so reading layers 2 and 4 costs half
of the whole encoder, and reading layer 0 alone (the embeddings) almost nothing: the
head then sees each word's neighbours through a window (``windowed``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

import numpy as np

from ..document import Token
from ..errors import ModelError
from ..lexicon import FUNCTION_WORDS, zipf
from .labels import words
from .net import SURFACE

log = logging.getLogger(__name__)

MAX_TOKENS = 126  # the model has 128 positions; </s> takes one
# The encoder runs on one sentence or a few at a time: a second thread gains little on such
# small matrices and, on a machine whose cores are busy, waiting for it made the flagger
# about ten times slower (26 against 300-370 words/s on MQM segments, 2 shared cores).
THREADS = 1


@dataclass
class Encoder:
    """Wraps a loaded repair model (``repair.model.load``). With ``tuned`` (a fine-tuned
    flagger's ``encoder.safetensors``, see :mod:`repair.mtqe.net`) the layers run are copies
    holding the tuned weights; the embeddings stay the model's. ``int8``: the layers' matrix
    products in 8-bit integers (:func:`int8_layers`), for inference only: training and
    calibration read the float states the head learnt from."""

    loaded: Any
    read: tuple[int, ...] = (2, 4)
    batch_size: int = 32
    tuned: Optional[Path] = None
    int8: bool = False

    def __post_init__(self) -> None:
        import torch

        from .net import cut_encoder

        enc = self.loaded.model.get_encoder()
        n = len(enc.layers)
        if not self.read or not all(0 <= r <= n for r in self.read):
            raise ValueError(f"encoder layers to read {self.read!r} must lie in 0..{n} (0: the embeddings)")
        self._torch = torch
        # a shallow copy of the encoder that runs only the layers needed
        self._cut = cut_encoder(enc, max(self.read), own=self.tuned is not None)
        if self.tuned is not None:
            self._load_tuned(self.tuned)
        if self.int8:
            self._cut = int8_layers(self._cut)
        self.d_model = enc.config.d_model
        self.dim = len(self.read) * self.d_model + SURFACE

    def _load_tuned(self, path: Path) -> None:
        from safetensors.torch import load_file

        try:
            weights = load_file(str(path))
            self._cut.layers.load_state_dict({k.removeprefix("layers."): v for k, v in weights.items()})
        except (OSError, RuntimeError, ValueError) as exc:
            raise ModelError(f"cannot load the flagger's tuned encoder layers from {str(path)!r}: {exc}") from None

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        """States of the layers read, concatenated: (batch, tokens, len(read) * d_model)."""
        torch = self._torch
        width = max(len(x) for x in ids)
        pad = self.loaded.tokenizer.pad_token_id
        input_ids = torch.tensor([x + [pad] * (width - len(x)) for x in ids])
        mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x in ids])
        threads = torch.get_num_threads()
        torch.set_num_threads(THREADS)
        try:
            with torch.inference_mode():
                out = self._cut(input_ids=input_ids, attention_mask=mask, output_hidden_states=True)
                states = torch.cat([out.hidden_states[r] for r in self.read], dim=-1)
        finally:
            torch.set_num_threads(threads)  # the seq2seq model keeps its own setting
        return states.float().numpy()

    def encode(self, texts: Sequence[str]) -> list[np.ndarray]:
        """One ``(words, dim)`` float32 array per text (words as :func:`labels.words` finds them)."""
        tok = self.loaded.tokenizer
        pieces = []  # per text: chunks of (ids + </s>, offsets)
        encoded = tok(list(texts), return_offsets_mapping=True, add_special_tokens=True) if texts else None
        for n in range(len(texts)):
            ids, offs = encoded["input_ids"][n], encoded["offset_mapping"][n]
            body = list(zip(ids[:-1], offs[:-1]))
            eos = ids[-1]
            chunks = [body[i:i + MAX_TOKENS] for i in range(0, len(body), MAX_TOKENS)] or [[]]
            pieces.append([([i for i, _ in c] + [eos], [tuple(o) for _, o in c]) for c in chunks])
        flat = [(t, c) for t, chunks in enumerate(pieces) for c in range(len(chunks))]
        order = sorted(range(len(flat)), key=lambda k: len(pieces[flat[k][0]][flat[k][1]][0]))
        states: dict[tuple[int, int], np.ndarray] = {}
        for b in range(0, len(order), self.batch_size):
            batch = [flat[k] for k in order[b:b + self.batch_size]]
            out = self._run([pieces[t][c][0] for t, c in batch])
            for row, (t, c) in enumerate(batch):
                states[(t, c)] = out[row, :len(pieces[t][c][1])]
        result = []
        for t, text in enumerate(texts):
            offs = [o for _, chunk_offs in pieces[t] for o in chunk_offs]
            st = np.concatenate([states[(t, c)] for c in range(len(pieces[t]))])
            result.append(word_vectors(text, words(text), offs, st))
        return result


def int8_layers(module: Any) -> Any:
    """``module`` with its linear layers run in 8-bit integers (PyTorch's dynamic
    quantisation: weights stored as int8, activations quantised as they come). On the
    flagger's encoder layers it runs 2.4 times as fast on a CPU, and the head's word
    probabilities move by 0.002 on average (6 decisions of 7,397 on news and MQM segments:
    docs/mt-flags.md#cost). Where this PyTorch cannot (a build without the quantised
    kernels), the layers stay in float."""
    import warnings

    import torch

    try:
        with warnings.catch_warnings():
            # the eager quantisation API warns that it is deprecated in favour of torchao;
            # the pinned torch (<3) still ships it, and the fallback below covers its removal
            warnings.simplefilter("ignore")
            return torch.ao.quantization.quantize_dynamic(module, {torch.nn.Linear}, dtype=torch.qint8)
    except (AttributeError, RuntimeError, NotImplementedError) as exc:
        log.info("the flagger's encoder layers stay in float: %s", exc)
        return module


def piece_spans(toks: Sequence[Token], offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each word, the range ``[j, k)`` of the pieces that overlap it (empty if none)."""
    out = []
    j = 0
    for t in toks:
        while j < len(offsets) and offsets[j][1] <= t.start:
            j += 1
        k = j
        while k < len(offsets) and offsets[k][0] < t.end:
            k += 1
        out.append((j, k))
    return out


def tokenised(texts: Sequence[str], tokenizer) -> Iterator[tuple[int, list[int], list[tuple[int, int]]]]:
    """For each text that fits the model's positions: its index, token ids (with </s>) and
    each word's piece range (``piece_spans``). Longer texts are left out."""
    for n, text in enumerate(texts):
        enc = tokenizer(text, return_offsets_mapping=True, add_special_tokens=True)
        if len(enc["input_ids"]) <= MAX_TOKENS + 1:
            yield n, enc["input_ids"], piece_spans(words(text), [tuple(o) for o in enc["offset_mapping"][:-1]])


def word_vectors(text: str, toks: Sequence[Token], offsets: Sequence[tuple[int, int]],
                 states: np.ndarray) -> np.ndarray:
    """Mean state of the pieces overlapping each word, then its surface features."""
    d = states.shape[1]
    out = np.zeros((len(toks), d + SURFACE), dtype=np.float32)
    spans = np.asarray(piece_spans(toks, offsets), dtype=np.int64).reshape(-1, 2)
    n = spans[:, 1] - spans[:, 0]
    has = n > 0
    # every word's mean at once, from running sums over the pieces (float64: no drift)
    sums = np.concatenate([np.zeros((1, d)), np.cumsum(states, axis=0, dtype=np.float64)])
    out[has, :d] = (sums[spans[has, 1]] - sums[spans[has, 0]]) / n[has, None]
    for w in range(len(toks)):
        out[w, d:] = surface(text, toks, w, int(n[w]))
    return out


def surface(text: str, toks: Sequence[Token], w: int, n_pieces: int) -> list[float]:
    t = toks[w].text
    before = text[toks[w - 1].end:toks[w].start].strip() if w else ""
    first = w == 0 or before[-1:] in (".", "!", "?", ":", "\"", "“")
    return [
        zipf(t) / 7.0,
        float(t[:1].isupper() and not first),
        float(t.lower() in FUNCTION_WORDS),
        float(any(c.isdigit() for c in t)),
        min(n_pieces, 6) / 6.0,
        w / max(1, len(toks) - 1),
    ]


def windowed(x: np.ndarray, k: int) -> np.ndarray:
    """Each row followed by the rows ``k`` before and after it (zeros past the ends)."""
    if k <= 0:
        return x
    n, d = x.shape
    padded = np.concatenate([np.zeros((k, d), x.dtype), x, np.zeros((k, d), x.dtype)])
    return np.concatenate([padded[k + o:k + o + n] for o in range(-k, k + 1) if o != 0], axis=1,
                          dtype=x.dtype) if n else np.zeros((0, d * 2 * k), x.dtype)


LM_FEATURES = 4


def lm_features(text: str, toks: Sequence[Token]) -> np.ndarray:
    """Per word, from the bigram model of ``repair.lm``: log10 P(word | previous word),
    log10 P(next word | word), and each minus the unigram log-probability of the predicted
    word (how much the neighbour makes the word likelier, or less likely). Scaled by 1/10."""
    from ..lm import BOS, EOS, NgramModel, normalize

    lm = _lm()
    ws = [normalize(t.text) for t in toks]
    out = np.zeros((len(ws), LM_FEATURES), dtype=np.float32)
    for i, w in enumerate(ws):
        prev = ws[i - 1] if i else BOS
        nxt = ws[i + 1] if i + 1 < len(ws) else EOS
        left = lm.logprob(prev, w)
        right = lm.logprob(w, nxt)
        out[i] = (left, right, left - NgramModel.unigram(w), right - NgramModel.unigram(nxt) if nxt != EOS else 0.0)
    return out / 10.0


def _lm():
    from ..lm import NgramModel

    global _LM
    if _LM is None:
        _LM = NgramModel.load()
    return _LM


_LM = None

"""A trigram scorer over the clean text repair.lm.build reads, interpolated with the shipped
bigram table (Witten-Bell), for bench/slips_tune.py --trigram: is it a better judge of
article and preposition candidates than the bigram table alone?"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from repair.lm import BOS, EOS, NgramModel, tokens


class Trigram:
    def __init__(self, bigram: NgramModel, sentences, min_count: int = 1):
        self.bigram = bigram
        tri: Counter = Counter()
        for s in sentences:
            w = [BOS, BOS, *tokens(s), EOS]
            if len(w) > 3:
                tri.update(zip(w, w[1:], w[2:]))
        self.tri = {k: c for k, c in tri.items() if c >= min_count}
        ctx = defaultdict(lambda: [0, 0])
        for (u, v, _), c in self.tri.items():
            ctx[(u, v)][0] += c
            ctx[(u, v)][1] += 1
        self.ctx = dict(ctx)

    def logprob(self, u: str, v: str, w: str) -> float:
        p2 = self.bigram.logprob(v if v != BOS else BOS, w)
        n, t = self.ctx.get((u, v), (0, 0))
        if not n:
            return p2
        c = self.tri.get((u, v, w), 0)
        return math.log10((c + t * 10 ** p2) / (n + t))

    def __call__(self, seq, lo, hi, new):
        """log10 odds of seq[lo+1:hi+1] -> new (seq holds <s> ... </s>, word i at i+1)."""
        pre = [BOS] + list(seq)  # a second <s>
        # positions in pre: word i at i+2
        before = pre[lo:hi + 2 + 2 + 1]
        after = pre[lo:lo + 2] + list(new) + pre[hi + 2:hi + 2 + 3]
        return self._chain(after, 2, 2 + len(new) + 2) - self._chain(before, 2, 2 + (hi - lo) + 2)

    def _chain(self, words, first, stop):
        stop = min(stop, len(words))
        return sum(self.logprob(words[k - 2], words[k - 1], words[k]) for k in range(first, stop))

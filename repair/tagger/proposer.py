"""FunctionWords: articles and prepositions chosen by the learned tagger.

The same places, confusion sets, protections and edits as the ``slips`` detector
(:mod:`repair.detect.slips`: runs of words between single spaces, names, numbers, quotes
and protected spans never edited), but each candidate's odds come from the tagger, which
reads the whole sentence: log10 P(candidate) - log10 P(the text as written) at that word
or gap. A candidate is proposed only when its operation's margin (in the tagger's
config, chosen by ``bench/tagger_margins.py``) is cleared.

Measured and not shipped (docs/slips.md): no trained tagger made JFLEG better without
making machine translation worse, so the pipeline does not build this proposer; it
serves the benchmark and a notebook that trains one (``FunctionWords(folder=...)``).
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import regex

from ..detect.slips import ARTICLES, CALQUES, OFF, PREPOSITIONS, Candidate, Reading, Slips, best_readings, indefinite
from ..document import Document, Token
from ..edits import Edit
from ..mtqe.labels import words
from ..proposers import Proposer
from ..sources import TAGGER
from .labels import DELETE, INSERT, KEEP, NONE, REPLACE
from .model import Scores, Tagger

OPERATIONS = ("swap-article", "delete-article", "insert-article", "calque", "swap-preposition",
              "delete-preposition", "insert-preposition")


def candidates(run_words: Sequence[str], editable: Sequence[bool], rows: Sequence[tuple[int, Scores]]) -> list[Candidate]:
    """The candidates of one run (its lowercased words, which may be edited) from the
    tagger's scores: ``rows[i]`` is (word index in its sentence, that sentence's scores)."""
    out: list[Candidate] = []
    n = len(run_words)
    keep, delete, none = REPLACE.index(KEEP), REPLACE.index(DELETE), INSERT.index(NONE)
    for i, w in enumerate(run_words):
        k, s = rows[i]
        nxt = run_words[i + 1] if i + 1 < n else ""
        rep = s.replace[k]
        if editable[i] and (w in ARTICLES or w in CALQUES or w in PREPOSITIONS):
            kind = "preposition" if w in PREPOSITIONS else "article"
            for c in REPLACE[2:]:
                new = indefinite(nxt) if c == "a" and nxt else c
                if new == w or (kind == "preposition") != (c in PREPOSITIONS):
                    continue
                op = "calque" if w in CALQUES else f"swap-{kind}"
                out.append(Candidate(i, i + 1, (new,), op, float(rep[REPLACE.index(c)] - rep[keep])))
            if w not in CALQUES and 0 < i and i + 1 < n and editable[i + 1]:
                out.append(Candidate(i, i + 1, (), f"delete-{kind}", float(rep[delete] - rep[keep])))
        if 0 < i and editable[i - 1] and run_words[i - 1] not in ARTICLES and w not in ARTICLES \
                and run_words[i - 1] not in PREPOSITIONS:
            ins = s.insert[k]
            for c in INSERT[1:]:
                if c in PREPOSITIONS and w not in PREPOSITIONS:
                    out.append(Candidate(i, i, (c,), "insert-preposition", float(ins[INSERT.index(c)] - ins[none])))
                elif c not in PREPOSITIONS and editable[i]:
                    out.append(Candidate(i, i, (indefinite(w) if c == "a" else c,), "insert-article",
                                         float(ins[INSERT.index(c)] - ins[none])))
    return out


@dataclass(frozen=True)
class Run:
    tokens: tuple[Token, ...]
    words: tuple[str, ...]
    editable: tuple[bool, ...]


def _with_number(doc: Document, run) -> Run:
    """The run, and the number right after it as context (a preposition may be missing
    before it: ``approval last week [for] 16,000``). Numbers are protected, so ``Slips``
    ends its runs before them."""
    tokens, words_, editable = tuple(run.tokens), tuple(run.words), tuple(run.editable)
    end = tokens[-1].end
    m = _NUMBER_AFTER.match(doc.text, end)
    if m:
        tok = Token(m.start(1), m.end(1), m.group(1))
        tokens, words_, editable = tokens + (tok,), words_ + (tok.text,), editable + (False,)
    return Run(tokens, words_, editable)


_NUMBER_AFTER = regex.compile(r" (\d+)")


class FunctionWords(Proposer):
    name = "function-words"
    source = TAGGER

    def __init__(self, folder: Path | str, model: Optional[str] = "default", allow_network: bool = False,
                 margins: dict[str, float] | None = None):
        self.spec = model  # the model whose encoder the tagger was trained on
        self.folder = Path(folder)
        self.allow_network = allow_network
        self.margins_override = margins
        self._lock = threading.Lock()
        self._tagger: Tagger | None = None

    @property
    def identity(self) -> str:
        return self.folder.name

    def prefetch(self) -> None:
        threading.Thread(target=self._ready, daemon=True).start()

    def _ready(self) -> Tagger:
        with self._lock:
            if self._tagger is None:
                from ..model.load import load

                self._tagger = Tagger(self.folder, load(self.spec, self.allow_network))
            return self._tagger

    @property
    def margins(self) -> dict[str, float]:
        m = self.margins_override if self.margins_override is not None else self._ready().config.margins
        return {op: float(m.get(op, OFF)) for op in OPERATIONS}

    def readings(self, doc: Document) -> list[tuple[object, list[Reading]]]:
        """Each run of ``doc`` (``Slips.runs``) with its readings, whatever the margins."""
        slips = Slips(margins={op: 0.0 for op in OPERATIONS})
        runs = slips.runs(doc)
        if not runs:
            return []
        sentences = [(s.start, doc.text[s.start:s.end]) for s in doc.sentences]
        scores = self._ready().scores([t for _, t in sentences])
        where: dict[int, tuple[int, Scores]] = {}
        for (start, text), sc in zip(sentences, scores):
            for k, tok in enumerate(words(text)):
                where[start + tok.start] = (k, sc)
        out = []
        for run in (_with_number(doc, r) for r in runs):
            rows = [where.get(t.start) for t in run.tokens]
            if any(r is None for r in rows):
                continue
            out.append((run, best_readings(candidates(run.words, run.editable, rows), support=False,
                                                   with_text=False)))
        return out

    def edits(self, doc: Document, readings, margins: dict[str, float]) -> list[Edit]:
        slips = Slips(margins=margins)
        out = []
        for run, rs in readings:
            for c in slips.select(rs):
                e = slips.edit_for(doc, run.tokens, c)
                if e is not None:
                    out.append(dataclasses.replace(e, sources=(f"{self.source}:{self.name}",), rule=self.name))
        return out

    def propose(self, doc: Document, prior: Sequence[Edit] = ()) -> list[Edit]:
        margins = self.margins
        if all(m >= OFF for m in margins.values()):
            return []
        return self.edits(doc, self.readings(doc), margins)

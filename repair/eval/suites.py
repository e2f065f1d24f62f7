"""Evaluation suites: where each data set lives, how it is read, and how it is scored.

A suite reads its files from the data folder (``../shared/data`` by default, laid out as
its SOURCE.md files describe) and yields one or more *parts* (MLQE-PE yields one per
language pair). Every part is a list of items: the text a system sees, the gold
standard, and any peer system's output shipped with the data. Scoring takes the
outputs of every system at once, so "made worse" can compare each against the
unchanged input.
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Iterable, Sequence

from ..errors import DataError
from . import metrics
from ..mtqe.labels import bad_spans, f1_bad, word_labels, words
from .seed import SEED_PATH, check_artefacts

SAMPLE_SEED = 13


@dataclass(frozen=True)
class Item:
    """One unit a system repairs."""

    id: str
    text: str
    references: tuple[str, ...] = ()
    peers: tuple[tuple[str, str], ...] = ()  # (system name, its output) shipped with the data
    tokens: str = ""  # JFLEG: the source as tokenized in the data set
    marks: tuple[tuple[int, int, str, str], ...] = ()  # MQM: (start, end, category, severity) raters marked

    def peer(self, name: str) -> str | None:
        return dict(self.peers).get(name)

    @property
    def words(self) -> int:
        return metrics.count_words(self.text)


@dataclass(frozen=True)
class Output:
    """What a system made of one item: the text, and the spans it touched."""

    fixed: str
    edits: tuple[tuple[int, int, str], ...] = ()  # (start, end, replacement); flags keep the original
    error: str | None = None


@dataclass(frozen=True)
class Part:
    suite: str
    name: str
    split: str
    files: tuple[str, ...]
    items: tuple[Item, ...]
    total: int  # items in the whole file(s), before any limit
    full: tuple[Item, ...] = field(default=(), repr=False, compare=False)  # every item, for the full-set baseline

    @property
    def key(self) -> str:
        return f"{self.suite}/{self.name}/{self.split}"

    @property
    def label(self) -> str:
        return self.name if self.name == self.suite else f"{self.suite} {self.name}"

    @property
    def words(self) -> int:
        return sum(i.words for i in self.items)

    def has_peer(self, name: str) -> bool:
        return bool(self.items) and self.items[0].peer(name) is not None


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    higher_is_better: bool | None  # None: not a quality measure (counts, shares of change)
    fmt: str = "{:.2f}"


class Suite(ABC):
    name: ClassVar[str]
    title: ClassVar[str]
    folder: ClassVar[str]
    default_split: ClassVar[str]
    default_limit: ClassVar[int | None]
    metrics: ClassVar[tuple[Metric, ...]]
    headline: ClassVar[str]  # the metric key the summary table shows
    about: ClassVar[str]

    @abstractmethod
    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        """Read the split (``None``: the suite's default); raise DataError if absent."""

    @abstractmethod
    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        """Scores of one system's outputs; ``baseline`` holds the unchanged input's."""

    def baseline_full(self, part: Part) -> dict:
        """The unchanged input scored on every item of the part (a check of the scorer)."""
        items = part.full or part.items
        unchanged = [Output(i.text) for i in items]
        return self.score(_replace_items(part, items), unchanged, unchanged)

    # helpers
    def _split(self, split: str | None) -> str:
        return split or self.default_split

    def _file(self, data: Path, name: str, split: str, hint: str = "") -> Path:
        path = data / self.folder / name
        if not path.is_file():
            present = sorted(p.name for p in (data / self.folder).glob("*")) if (data / self.folder).is_dir() else []
            have = f"; present there: {', '.join(present)}" if present else "; the folder is missing"
            raise DataError(f"{self.name}: no split {split!r}: {str(path)!r} not found{have}{hint}")
        return path


def _replace_items(part: Part, items: Sequence[Item]) -> Part:
    return Part(part.suite, part.name, part.split, part.files, tuple(items), part.total, tuple(items))


def sample(items: Sequence[Item], limit: int | None) -> tuple[Item, ...]:
    """A fixed pseudo-random sample of ``limit`` items, kept in file order."""
    if limit is None or limit <= 0 or limit >= len(items):
        return tuple(items)
    keep = sorted(random.Random(SAMPLE_SEED).sample(range(len(items)), limit))
    return tuple(items[i] for i in keep)


def _part(suite: str, name: str, split: str, files: Sequence[Path], items: Sequence[Item],
          limit: int | None) -> Part:
    return Part(suite, name, split, tuple(str(f) for f in files), sample(items, limit), len(items), tuple(items))


def _jsonl(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{str(path)!r} line {n} is not JSON: {exc}") from None


def _fields(row: dict, path: Path, *names: str) -> list[str]:
    missing = [n for n in names if n not in row]
    if missing:
        raise DataError(f"{str(path)!r}: rows lack the field(s) {', '.join(map(repr, missing))}")
    return [row[n] for n in names]


def _share(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return 100 * sum(flags) / len(flags) if flags else math.nan


# ============================================================================ JFLEG

_CLITICS = ("n't", "'s", "'m", "'re", "'ll", "'ve", "'d")


def detokenize(tokens: str) -> str:
    """JFLEG's tokenized text as a writer would have typed it (best effort)."""
    t = " ".join(tokens.split())
    t = re.sub(r" (n't|'s|'m|'re|'ll|'ve|'d)(?= |$)", r"\1", t, flags=re.I)
    t = re.sub(r" (\.\.\.|[.,;:?!%)\]}])(?= |$)", r"\1", t)
    t = re.sub(r"(?:(?<= )|^)([(\[{$]) ", r"\1", t)
    # straight double quotes stand alone in JFLEG: glue them to the words they enclose
    out, opened = [], False
    for tok in t.split(" "):
        if tok == '"':
            if opened and out:
                out[-1] += '"'
            else:
                out.append('"\0')
            opened = not opened
        elif out and out[-1].endswith("\0"):
            out[-1] = out[-1][:-1] + tok
        else:
            out.append(tok)
    return " ".join(o.replace("\0", "") for o in out)


_ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "etc.", "e.g.", "i.e.", "vs.", "jr.", "sr."})
_OPENERS = "\"([{$"
_CLOSERS = ".,;:!?%)]}\""


def _split_chunk(chunk: str) -> list[str]:
    head: list[str] = []
    while len(chunk) > 1 and chunk[0] in _OPENERS:
        head.append(chunk[0])
        chunk = chunk[1:]
    tail: list[str] = []
    while len(chunk) > 1 and chunk[-1] in _CLOSERS:
        if chunk.endswith("..."):
            tail.insert(0, "...")
            chunk = chunk[:-3]
        elif chunk[-1] == "." and (chunk.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", chunk)):
            break
        elif chunk[-1] == ";" and re.fullmatch(r"&\w+;", chunk):  # an HTML entity left in the data
            break
        elif chunk[-1] == ")" and "(" in chunk:  # heat(energy)
            break
        else:
            tail.insert(0, chunk[-1])
            chunk = chunk[:-1]
    core = re.match(r"(.+?)(n't|'s|'m|'re|'ll|'ve|'d)?$", chunk, flags=re.I) if chunk else None
    body = [t for t in (core.groups() if core else ()) if t]
    return head + body + tail


def tokenize(text: str) -> str:
    """Split a system's output the way JFLEG's references are split (PTB-like)."""
    return " ".join(t for chunk in text.split() for t in _split_chunk(chunk))


class Jfleg(Suite):
    name = "jfleg"
    title = "JFLEG (fluency edits, GLEU)"
    folder = "jfleg"
    default_split = "dev"
    default_limit = None
    headline = "gleu"
    metrics = (
        Metric("gleu", "GLEU", True),
        Metric("worse", "% sentences worse", False, "{:.1f}"),
        Metric("changed", "% sentences changed", None, "{:.1f}"),
    )
    about = ("Learner English with four fluency rewrites per sentence. Systems see the "
             "sentence detokenized (as a writer typed it); their output is tokenized back "
             "(an unchanged sentence keeps its original tokens) and scored with GLEU against "
             "all four references. Worse: sentence GLEU below the unchanged sentence's.")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        split = self._split(split)
        path = self._file(data, f"{split}.jsonl", split)
        items = []
        for n, row in enumerate(_jsonl(path)):
            src, refs = _fields(row, path, "src", "refs")
            items.append(Item(f"{split}:{n}", detokenize(src), tuple(refs), tokens=" ".join(src.split())))
        return [_part(self.name, self.name, split, [path], items, limit)]

    @staticmethod
    def hypothesis(item: Item, out: Output) -> str:
        return item.tokens if out.fixed == item.text else tokenize(out.fixed)

    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        items = part.items
        srcs = [i.tokens for i in items]
        refs = [i.references for i in items]
        g = metrics.gleu(srcs, [self.hypothesis(i, o) for i, o in zip(items, outputs)], refs)
        if outputs is baseline:
            base = g
        else:
            base = metrics.gleu(srcs, [self.hypothesis(i, o) for i, o in zip(items, baseline)], refs)
        return {
            "gleu": g.score,
            "gleu_std": g.std,
            "worse": _share(a < b - 1e-9 for a, b in zip(g.sentence, base.sentence)),
            "changed": _share(o.fixed != i.text for i, o in zip(items, outputs)),
        }


# ============================================================================ MLQE-PE

MLQE_PAIRS = ("ru-en", "et-en", "ro-en", "ne-en", "si-en")


class MlqePe(Suite):
    name = "mlqe-pe"
    title = "MLQE-PE (MT output vs human post-edit)"
    folder = "mlqe-pe"
    default_split = "dev"
    default_limit = 200
    headline = "ter"
    metrics = (
        Metric("ter", "TER", False),
        Metric("chrf", "chrF", True),
        Metric("worse", "% sentences worse", False, "{:.1f}"),
        Metric("better", "% sentences better", True, "{:.1f}"),
        Metric("changed", "% sentences changed", None, "{:.1f}"),
        Metric("bad_f1", "word F1 (BAD)", True),
        Metric("bad_f1_all", "word F1, all BAD", None),
    )
    about = ("Machine translation into English with a human post-edit of each sentence. "
             "TER and chrF of the output against the post-edit (sacrebleu defaults: TER "
             "ignores case). Worse/better: sentence TER above/below the unchanged MT's. "
             "Word F1 (BAD): the MT words a system's edits and flags touch, against the words "
             "the post-editor replaced or deleted (word-level edit-distance alignment, "
             "repair.mtqe.labels); 'all BAD' is the baseline that marks every word.")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        split = self._split(split)
        parts = []
        for pair in MLQE_PAIRS:
            path = data / self.folder / f"{pair}.{split}.tsv"
            if not path.is_file():
                continue
            items = []
            with open(path, encoding="utf-8", newline="") as f:
                rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                for n, row in enumerate(rows):
                    mt, pe = _fields(row, path, "mt", "pe")
                    items.append(Item(f"{pair}.{split}:{n}", mt, (pe,)))
            parts.append(_part(self.name, pair, split, [path], items, limit))
        if not parts:
            self._file(data, f"<pair>.{split}.tsv", split, f" (pairs: {', '.join(MLQE_PAIRS)})")
        return parts

    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        refs = [i.references[0] for i in part.items]
        hyps = [o.fixed for o in outputs]
        worse = better = 0
        for hyp, base, ref in zip(hyps, baseline, refs):
            if hyp != base.fixed:
                a, b = metrics.sentence_ter(hyp, ref), metrics.sentence_ter(base.fixed, ref)
                worse += a > b
                better += a < b
        n = len(hyps)
        gold = [word_labels(i.text, r).bad for i, r in zip(part.items, refs)]
        marked = [bad_spans(i.text, [(s, e) for s, e, _ in o.edits]) for i, o in zip(part.items, outputs)]
        return {
            "bad_f1": f1_bad(gold, marked)[2],
            "bad_f1_all": f1_bad(gold, [(True,) * len(g) for g in gold])[2],
            "ter": metrics.ter(hyps, refs),
            "chrf": metrics.chrf(hyps, refs),
            "worse": 100 * worse / n if n else math.nan,
            "better": 100 * better / n if n else math.nan,
            "changed": _share(h != b.fixed for h, b in zip(hyps, baseline)),
        }



# ============================================================================ WMT MQM

class Mqm(Suite):
    name = "mqm"
    title = "WMT MQM TED zh-en (error spans marked by expert raters)"
    folder = "wmt-mqm-zhen"
    default_split = "all"
    default_limit = 300
    headline = "fluency"
    metrics = (
        Metric("fluency", "Fluency recall %", True, "{:.1f}"),
        Metric("accuracy_major", "Accuracy/Major recall %", True, "{:.1f}"),
        Metric("all", "all spans recall %", True, "{:.1f}"),
        Metric("precision", "precision %", True, "{:.1f}"),
        Metric("random_precision", "random-word precision %", None, "{:.1f}"),
        Metric("unmarked_per_kw", "marks /1k words, unmarked segments", None),
        Metric("marks", "marks", None, "{:.0f}"),
    )
    about = ("English translations of TED talks by 15 systems (two of them human references), "
             "with the target-side error spans expert raters marked (Freitag et al. 2021; "
             "Apache-2.0). A system's edits and flags are its marks. Recall: the share of marked "
             "spans a mark touches, by category and severity; precision: the share of marks that "
             "touch a marked span; random-word precision: as many marks per segment on random "
             "words (the chance level); marks per 1,000 words of segments no rater marked. "
             "Splits: 'all' (default), 'tune' and 'heldout' (two halves by source segment, every "
             "system's translation of a segment in one; the MT flagger is trained and tuned "
             "on 'tune' only).")
    splits = ("all", "tune", "heldout")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        from ..mtqe.data import MQM_FILE, read_mqm

        split = self._split(split)
        if split not in self.splits:
            raise DataError(f"mqm: no split {split!r}; choose {', '.join(self.splits)}")
        path = self._file(data, MQM_FILE.name, split)
        segments = read_mqm(data)
        if split != "all":
            segments = [s for s in segments if s.half == self.splits.index(split) - 1]
        items = [Item(s.id, s.text, marks=s.spans) for s in segments]
        return [_part(self.name, self.name, split, [path], items, limit)]

    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        sc = metrics.span_scores([i.marks for i in part.items],
                                 [[(s, e) for s, e, _ in o.edits] for o in outputs],
                                 [[(t.start, t.end) for t in words(i.text)] for i in part.items])
        out = {
            "all": sc.recall.get("all", math.nan),
            "fluency": sc.recall.get("Fluency", math.nan),
            "accuracy_major": sc.recall.get("Accuracy/Major", math.nan),
            "precision": sc.precision,
            "random_precision": sc.random_precision,
            "unmarked_per_kw": sc.unmarked_flags_per_kw,
            "marks": sc.flags,
            "flags": sum(1 for i, o in zip(part.items, outputs) for s, e, r in o.edits if r == i.text[s:e]),
        }
        out.update({f"recall:{k}": v for k, v in sc.recall.items()})
        out.update({f"marked:{k}": v for k, v in sc.marked.items()})
        return out

# ============================================================================ OCR

class _Ocr(Suite):
    headline = "cer"
    metrics = (
        Metric("cer", "CER", False),
        Metric("wer", "WER", False),
        Metric("worse", "% lines worse", False, "{:.1f}"),
        Metric("better", "% lines better", True, "{:.1f}"),
        Metric("changed", "% lines changed", None, "{:.1f}"),
        Metric("flag_precision", "% flags on a misread word", True, "{:.1f}"),
        Metric("flagged", "% misread words flagged", True, "{:.1f}"),
    )
    peer_field: ClassVar[str | None] = None

    def _items(self, path: Path, split: str) -> list[Item]:
        items = []
        for n, row in enumerate(_jsonl(path)):
            ocr, gt = _fields(row, path, "ocr", "gt")
            peers = ((self.peer_field, row[self.peer_field]),) if self.peer_field and self.peer_field in row else ()
            items.append(Item(f"{path.stem}:{n}", ocr, (gt,), peers))
        return items

    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        refs = [i.references[0] for i in part.items]
        chars = [metrics.char_errors(r, o.fixed) for r, o in zip(refs, outputs)]
        base = [metrics.char_errors(r, o.fixed) for r, o in zip(refs, baseline)]
        counts = metrics.error_counts(refs, [o.fixed for o in outputs])
        flags = FlagCounts()
        for item, out, ref in zip(part.items, outputs, refs):
            flags.add(item.text, out, ref)
        return {
            "cer": counts.cer,
            "wer": counts.wer,
            "worse": _share(a > b for a, b in zip(chars, base)),
            "better": _share(a < b for a, b in zip(chars, base)),
            "changed": _share(o.fixed != b.fixed for o, b in zip(outputs, baseline)),
            "flag_precision": 100 * flags.on_misread / flags.flagged if flags.flagged else math.nan,
            "flagged": 100 * flags.on_misread / flags.misread if flags.misread else math.nan,
        }


@dataclass
class FlagCounts:
    """Flags for review, judged in the output: a word the transcription does not have there
    (word-level alignment, repair.mtqe.labels) is misread. Words flagged, flagged words
    misread, words misread."""

    flagged: int = 0
    on_misread: int = 0
    misread: int = 0

    def add(self, text: str, out: Output, reference: str) -> list[tuple[int, int]]:
        """Count one item; returns where its flags stand in the output (``flag_spans``)."""
        spans = flag_spans(text, out.edits)
        misread = word_labels(out.fixed, reference).bad
        flagged = bad_spans(out.fixed, spans)
        self.flagged += sum(flagged)
        self.on_misread += sum(m and f for m, f in zip(misread, flagged))
        self.misread += sum(misread)
        return spans


def flag_spans(text: str, edits: Iterable[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Where the flags among ``edits`` (spans of ``text`` kept as they are) stand in the
    output, after the changes are applied."""
    changes = [(s, e, len(r) - (e - s)) for s, e, r in edits if r != text[s:e]]
    out = []
    for s, e, r in edits:
        if r == text[s:e]:
            before = sum(d for cs, ce, d in changes if ce <= s)
            inside = sum(d for cs, ce, d in changes if s <= cs < e and ce <= e and ce > s)
            out.append((s + before, e + before + inside))
    return out


class Bln600(_Ocr):
    name = "bln600"
    title = "BLN600 (19th-c. newspaper OCR vs transcription)"
    folder = "bln600-ocr"
    default_split = "train"
    default_limit = 300
    about = ("British Library 19th-century newspaper sentences, Gale's OCR against a human "
             "transcription. Evaluation-only data (its host asks that it not be used for "
             "training), so its larger 'train' part is the default split.")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        split = self._split(split)
        path = self._file(data, f"sentences.{split}.jsonl", split)
        return [_part(self.name, self.name, split, [path], self._items(path, split), limit)]


class Overproof(_Ocr):
    name = "overproof"
    title = "Overproof (Sydney Morning Herald OCR lines)"
    folder = "overproof"
    default_split = "smh_dataset2"
    default_limit = 400
    peer_field = "overproof"
    about = ("Printed column lines of the Sydney Morning Herald (1842-1954): Trove's OCR "
             "against a human correction, with the overProof corrector's output as a peer "
             "system. Splits are the data set names (smh_dataset2, loc_chronam_dataset3).")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        split = self._split(split)
        path = self._file(data, f"{split}.lines.jsonl", split)
        return [_part(self.name, self.name, split, [path], self._items(path, split), limit)]


class Icdar2017(_Ocr):
    name = "icdar2017"
    title = "ICDAR 2017 post-OCR (English monographs and periodicals)"
    folder = "icdar2017-en"
    default_split = "all"
    default_limit = 150
    about = ("The English evaluation part of the ICDAR 2017 post-OCR competition, cut into "
             "aligned segments. Split 'all' (default) joins eng_monograph and eng_periodical; "
             "either can be named alone.")
    parts_of_all = ("eng_monograph", "eng_periodical")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        split = self._split(split)
        names = self.parts_of_all if split == "all" else (split,)
        paths = [self._file(data, f"{n}.segments.jsonl", split) for n in names]
        items = [item for p in paths for item in self._items(p, split)]
        return [_part(self.name, self.name, split, paths, items, limit)]


# ============================================================================ clean news

NEWS_FILES = (("bbc", "bbc-news", "bbc_paragraphs.txt"), ("ag", "ag-news", "ag_news_test_descriptions.txt"))


class News(Suite):
    name = "news"
    title = "Clean news prose (false alarms)"
    folder = "bbc-news"
    default_split = "all"
    default_limit = 150
    headline = "edits_per_kw"
    metrics = (
        Metric("edits_per_kw", "changes /1k words", None),
        Metric("flags_per_kw", "flags /1k words", None),
        Metric("changed", "% paragraphs changed", None, "{:.1f}"),
        Metric("flagged", "% paragraphs flagged", None, "{:.1f}"),
    )
    about = ("Published, edited news paragraphs (BBC 2004-05 and AG's newswire). Every "
             "change proposed here is a false alarm or a real slip in the source, so lower "
             "is better unless the sample printed by the command shows real errors. Split "
             "'all' (default), 'bbc' or 'ag'.")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        split = self._split(split)
        chosen = [f for f in NEWS_FILES if split in ("all", f[0])]
        if not chosen:
            raise DataError(f"news: no split {split!r}; choose all, bbc or ag")
        parts = []
        for short, folder, name in chosen:
            path = data / folder / name
            if not path.is_file():
                if split != "all":
                    raise DataError(f"news: {str(path)!r} not found")
                continue
            with open(path, encoding="utf-8") as f:
                items = [Item(f"{short}:{n}", line.strip()) for n, line in enumerate(f) if line.strip()]
            parts.append(_part(self.name, short, split, [path], items, limit))
        if not parts:
            raise DataError(f"news: none of {', '.join(repr(str(data / f / n)) for _, f, n in NEWS_FILES)} found")
        return parts

    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        words = sum(i.words for i in part.items) or 1
        changes = sum(1 for i, o in zip(part.items, outputs) for s, e, r in o.edits if r != i.text[s:e])
        flags = sum(len(o.edits) for o in outputs) - changes
        return {
            "edits_per_kw": 1000 * changes / words,
            "flags_per_kw": 1000 * flags / words,
            "changed": _share(o.fixed != i.text for i, o in zip(part.items, outputs)),
            "flagged": _share(any(r == i.text[s:e] for s, e, r in o.edits) for i, o in zip(part.items, outputs)),
            "changes": changes,
            "flags": flags,
            "words": words,
        }


def edit_samples(part: Part, outputs: Sequence[Output], k: int, context: int = 40) -> list[str]:
    """``k`` edits drawn at random (fixed seed), each with some context, for a human to judge."""
    found = []
    for item, out in zip(part.items, outputs):
        for s, e, r in out.edits:
            o = item.text[s:e]
            left = item.text[max(0, s - context):s]
            right = item.text[e:e + context]
            change = f"{o} -> {r}" if r != o else f"{o} (flag)"
            found.append(f"[{item.id}] …{left}[{change}]{right}…")
    if len(found) > k:
        found = random.Random(SAMPLE_SEED).sample(found, k)
    return found


# ============================================================================ seed article

class Seed(Suite):
    name = "seed"
    title = "Seed article (known artefacts)"
    folder = "seeds"
    default_split = "all"
    default_limit = None
    headline = "fixed"
    metrics = (
        Metric("flagged", "artefacts flagged", True, "{:.0f}"),
        Metric("fixed", "artefacts fixed", True, "{:.0f}"),
        Metric("other_edits", "other edits", None, "{:.0f}"),
    )
    about = ("A machine-translated news article from the repository's seeds with a list of "
             "its known artefacts (repair/eval/seed.py). Flagged: an edit overlaps the "
             "artefact; fixed: the output contains an accepted repair and not the artefact. "
             "Other edits: edits that touch no listed artefact (false alarms or unlisted errors).")

    def load(self, data: Path, split: str | None = None, limit: int | None = None) -> list[Part]:
        if not SEED_PATH.is_file():
            raise DataError(f"seed: {str(SEED_PATH)!r} not found")
        text = SEED_PATH.read_text(encoding="utf-8")
        item = Item(SEED_PATH.stem, text)
        shown = f"{SEED_PATH.parent.name}/{SEED_PATH.name}"  # repository-relative, for the report
        return [Part(self.name, self.name, "all", (shown,), (item,), 1, (item,))]

    def score(self, part: Part, outputs: Sequence[Output], baseline: Sequence[Output]) -> dict:
        (item,), (out,) = part.items, outputs
        checks = check_artefacts(item.text, out.fixed, [(s, e) for s, e, _ in out.edits])
        return {
            "flagged": sum(c.flagged for c in checks),
            "fixed": sum(bool(c.fixed) for c in checks),
            "fixable": sum(c.fixed is not None for c in checks),
            "artefacts": len(checks),
            "other_edits": sum(1 for s, e, _ in out.edits
                               if not any(c.overlaps(s, e) for c in checks)),
            "checks": [c.to_dict() for c in checks],
        }


SUITES: dict[str, Suite] = {s.name: s for s in (Jfleg(), MlqePe(), Mqm(), Bln600(), Overproof(), Icdar2017(), News(),
                                                 Seed())}


def get_suite(name: str) -> Suite:
    try:
        return SUITES[name]
    except KeyError:
        raise DataError(f"unknown suite {name!r}; choose from {', '.join(SUITES)} or all") from None


def default_data_dir() -> Path:
    """``../shared/data`` from the working directory, else beside the source checkout."""
    here = Path("../shared/data")
    if here.is_dir():
        return here
    beside = Path(__file__).resolve().parents[3] / "shared" / "data"
    return beside if beside.is_dir() else here


__all__ = ["Item", "Metric", "Output", "Part", "SUITES", "Suite", "default_data_dir",
           "detokenize", "edit_samples", "get_suite", "sample", "tokenize"]

"""Human review: a decision per edit, kept in a plain JSON file, and applied to the text.

A review walks the edits of one text. What the reviewer decides for each is kept in a
*decisions file* (``FILE.decisions.json``), rewritten atomically after every decision so an
interrupted review resumes where it stopped. ``apply_decisions`` turns a text and its
decisions into the reviewed text; a decision names its edit by offsets *and* original
text, so a decision that no longer matches the file is refused, never applied blindly.

The file, one JSON object::

    {"format": "repair-decisions", "version": 1,
     "file": "article.txt", "sha256": "<of the text reviewed>", "signature": "repair:0.2.0|...",
     "items": [{"edit": {<Edit.to_dict()>}, "decision": "accept", "replacement": "Lukashenko the"},
               {"edit": {...}, "decision": "reject", "replacement": null},
               {"edit": {...}, "decision": null, "replacement": null}]}

``decision`` is one of ``accept`` (the edit's replacement), ``reject`` (leave the text),
``alternative`` (one of the edit's alternatives), ``custom`` (text the reviewer typed) or
``null`` (not decided yet: left unchanged when applied). ``replacement`` is the text that
takes the place of ``edit.original``; for ``reject`` and ``null`` it is ``null``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .document import Document
from .edits import Edit, apply_edits
from .errors import InputError
from .render.listing import locate
from .textio import read_text, write_atomic

FORMAT = "repair-decisions"
VERSION = 1
ACTIONS = ("accept", "reject", "alternative", "custom")
CHANGING = ("accept", "alternative", "custom")
NAMED_IN_ERRORS = 5


class StaleDecisionsError(InputError):
    """Decisions that no longer match the text they are applied to."""


def decisions_path(path: str | Path) -> Path:
    """Where a review of ``path`` keeps its decisions by default: ``FILE.decisions.json``."""
    path = Path(path)
    return path.with_name(path.name + ".decisions.json")


def reviewed_path(path: str | Path) -> Path:
    """Where a review of ``path`` writes its text by default: ``FILE.reviewed``."""
    path = Path(path)
    return path.with_name(path.name + ".reviewed")


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def source_of(edit: Edit) -> str:
    """Who proposed an edit, as the JSON shows it ("detector:glued+languagetool")."""
    return edit.source


def edit_from_dict(data: dict, where: str = "decisions") -> Edit:
    """The inverse of ``Edit.to_dict()`` (JSON lists back to tuples), checked field by field."""
    types = {"start": (int, "an integer"), "end": (int, "an integer"), "original": (str, "text"),
             "replacement": (str, "text"), "kind": (str, "text"), "confidence": ((int, float), "a number"),
             "message": (str, "text")}
    for key, (kind, name) in types.items():
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise InputError(f"{where}: the edit's {key!r} is missing or not {name}")
    if not isinstance(data.get("source"), str) or not data["source"]:
        raise InputError(f"{where}: the edit's 'source' is missing or not text")
    try:
        return Edit.from_dict(data)
    except TypeError as exc:
        raise InputError(f"{where}: the edit is malformed ({exc})") from None


@dataclass(frozen=True)
class Item:
    """One edit and what the reviewer decided about it (``decision`` None: not yet)."""

    edit: Edit
    decision: str | None = None
    replacement: str | None = None

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def changes(self) -> bool:
        """True when applying this decision changes the text."""
        return self.decision in CHANGING and self.replacement != self.edit.original

    def decide(self, action: str | None, replacement: str | None = None) -> "Item":
        """A new item with this decision. ``accept`` takes the edit's own replacement;
        ``alternative`` needs one of its alternatives; ``custom`` any text."""
        e = self.edit
        if action is None or action == "reject":
            return replace(self, decision=action, replacement=None)
        if action == "accept":
            if e.is_flag and replacement is None:
                raise ValueError("a flag has no replacement to accept; reject it or type a fix")
            return replace(self, decision="accept", replacement=e.replacement)
        if action == "alternative":
            if replacement not in e.alternatives:
                raise ValueError(f"{replacement!r} is not one of the alternatives {list(e.alternatives)!r}")
            return replace(self, decision="alternative", replacement=replacement)
        if action == "custom":
            if replacement is None:
                raise ValueError("a custom decision needs the replacement text")
            return replace(self, decision="custom", replacement=replacement)
        raise ValueError(f"unknown decision {action!r}; use one of {', '.join(ACTIONS)}")

    def to_dict(self) -> dict:
        return {"edit": self.edit.to_dict(), "decision": self.decision, "replacement": self.replacement}

    @classmethod
    def from_dict(cls, data: dict, where: str) -> "Item":
        if not isinstance(data, dict) or not isinstance(data.get("edit"), dict):
            raise InputError(f"{where}: each item needs an 'edit' object")
        decision, replacement = data.get("decision"), data.get("replacement")
        if decision is not None and decision not in ACTIONS:
            raise InputError(f"{where}: unknown decision {decision!r}; use one of {', '.join(ACTIONS)} or null")
        if decision in ("alternative", "custom") and not isinstance(replacement, str):
            raise InputError(f"{where}: decision {decision!r} needs a 'replacement' string")
        edit = edit_from_dict(data["edit"], where)
        if decision == "accept" and not isinstance(replacement, str):
            replacement = edit.replacement  # hand-written files may leave it out
        if decision in ("reject", None):
            replacement = None
        return cls(edit, decision, replacement)


@dataclass(frozen=True)
class Decisions:
    """Every edit of one text, in text order, with the reviewer's decisions so far."""

    file: str
    sha256: str
    signature: str
    items: tuple[Item, ...] = field(default=())

    @classmethod
    def start(cls, file: str, text: str, edits: Iterable[Edit], signature: str = "") -> "Decisions":
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        return cls(str(file), text_digest(text), str(signature), tuple(Item(e) for e in ordered))

    def __len__(self) -> int:
        return len(self.items)

    @property
    def pending(self) -> tuple[int, ...]:
        """Indexes of the edits not decided yet."""
        return tuple(i for i, item in enumerate(self.items) if not item.decided)

    @property
    def complete(self) -> bool:
        return all(item.decided for item in self.items)

    def next_pending(self, after: int = -1) -> int | None:
        """The first undecided index after ``after``, wrapping round; None when all are decided."""
        n = len(self.items)
        for k in range(1, n + 1):
            i = (after + k) % n
            if not self.items[i].decided:
                return i
        return None

    def decide(self, index: int, action: str | None, replacement: str | None = None) -> "Decisions":
        item = self.items[index].decide(action, replacement)
        for j, other in enumerate(self.items):
            if j != index and item.changes and other.changes and _conflict(item, other):
                raise ValueError(f"it overlaps edit {j + 1}, which changes the same text; reject that one first")
        items = self.items[:index] + (item,) + self.items[index + 1:]
        return replace(self, items=items)

    def decide_where(self, action: str, match, start: int = 0) -> "Decisions":
        """Decide every undecided edit from ``start`` on for which ``match(edit)`` holds.

        Flags are left alone by ``accept`` (they have nothing to accept)."""
        out = self
        for i in range(start, len(self.items)):
            item = out.items[i]
            if item.decided or not match(item.edit):
                continue
            if action == "accept" and item.edit.is_flag:
                continue
            try:
                out = out.decide(i, action)
            except ValueError:
                continue  # overlaps a change already decided: left for the reviewer
        return out

    def counts(self) -> dict[str, int]:
        out = {a: 0 for a in ACTIONS}
        out["pending"] = 0
        for item in self.items:
            out[item.decision or "pending"] += 1
        return out

    # The file.
    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "file": self.file, "sha256": self.sha256,
                "signature": self.signature, "items": [item.to_dict() for item in self.items]}

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def save(self, path: str | Path) -> None:
        """Rewrite the decisions file atomically (a crash leaves the old one or the new one)."""
        write_atomic(path, self.dumps(), "utf-8")

    @classmethod
    def from_dict(cls, data, where: str = "decisions") -> "Decisions":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"{where!r} is not a repair decisions file (no \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise InputError(f"{where!r} has decisions format version {data.get('version')!r}; "
                             f"this repair reads version {VERSION}")
        items = data.get("items")
        if not isinstance(items, list):
            raise InputError(f"{where!r} has no 'items' list")
        parsed = tuple(Item.from_dict(item, f"{where}: item {n}") for n, item in enumerate(items, 1))
        return cls(str(data.get("file", "")), str(data.get("sha256", "")), str(data.get("signature", "")),
                   parsed)

    @classmethod
    def load(cls, path: str | Path) -> "Decisions":
        path = Path(path)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"decisions file {str(path)!r} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read decisions file {str(path)!r}: {exc}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{str(path)!r} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                             f"{exc.msg})") from None
        return cls.from_dict(data, str(path))


def _conflict(a: Item, b: Item) -> bool:
    return a.edit.conflicts(b.edit) or (a.edit.start, a.edit.end) == (b.edit.start, b.edit.end)


def stale(text: str, decisions: Decisions) -> list[int]:
    """Indexes of decided items whose edit no longer slices ``text``."""
    return [i for i, item in enumerate(decisions.items) if item.decided and not slices(text, item.edit)]


def slices(text: str, edit: Edit) -> bool:
    """True when ``text[edit.start:edit.end]`` is still the edit's original."""
    return 0 <= edit.start <= edit.end <= len(text) and text[edit.start:edit.end] == edit.original


def check_fresh(text: str, decisions: Decisions, name: str) -> None:
    """Raise StaleDecisionsError, one line naming them, when decisions no longer match."""
    bad = stale(text, decisions)
    if not bad:
        return
    named = []
    for i in bad[:NAMED_IN_ERRORS]:
        e = decisions.items[i].edit
        line, column = locate(text, min(e.start, len(text)))
        named.append(f"#{i + 1} at {line}:{column} {e.original!r}")
    more = f" and {len(bad) - NAMED_IN_ERRORS} more" if len(bad) > NAMED_IN_ERRORS else ""
    noun = "decision no longer matches" if len(bad) == 1 else "decisions no longer match"
    raise StaleDecisionsError(f"{len(bad)} {noun} {name!r} (was it changed since the review?): "
                              f"{', '.join(named)}{more}")


def sentence_context(doc: Document, start: int, end: int, most: int = 400) -> tuple[int, int]:
    """The sentence (or sentences) around [start, end), at most about ``most`` characters."""
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    s, t = min(first.start, start), max(last.end, end)
    if t - s > most:
        half = max(0, (most - (end - start)) // 2)
        s = max(s, doc.text.rfind(" ", 0, max(s, start - half)) + 1)
        cut = doc.text.find(" ", min(t, end + half))
        t = min(t, cut if cut >= 0 else t)
    return s, t


def chosen_edits(decisions: Decisions) -> list[Edit]:
    """The edits as decided: each changing decision as an edit writing its replacement."""
    return [replace(item.edit, replacement=item.replacement) for item in decisions.items if item.changes]


def apply_decisions(text: str, decisions: Decisions, name: str = "the text") -> str:
    """The reviewed text: accepted, chosen and typed replacements applied, nothing else.

    Refuses (StaleDecisionsError) when any decision no longer matches ``text``."""
    check_fresh(text, decisions, name)
    edits = chosen_edits(decisions)
    for a, b in zip(edits, edits[1:]):
        if a.conflicts(b) or (a.start, a.end) == (b.start, b.end):
            raise InputError(f"decisions at {a.start}:{a.end} and {b.start}:{b.end} both change "
                             f"{text[a.start:b.end]!r}; reject one of them")
    return apply_edits(text, edits)


def summary(decisions: Decisions) -> str:
    """``17 edits: 9 accepted, 1 alternative chosen, 5 rejected, 2 undecided``"""
    c = decisions.counts()
    parts = [f"{c['accept']} accepted"]
    if c["alternative"]:
        parts.append(f"{c['alternative']} alternative{'s' if c['alternative'] > 1 else ''} chosen")
    if c["custom"]:
        parts.append(f"{c['custom']} typed")
    parts += [f"{c['reject']} rejected", f"{c['pending']} undecided"]
    return f"{len(decisions)} edit{'s' if len(decisions) != 1 else ''}: {', '.join(parts)}"


# Reviewing a `repair batch` output, document by document.
REPORT = "report.jsonl"  # what repair batch writes (repair.batch.state.REPORT)


@dataclass(frozen=True)
class BatchDocument:
    """One document of a batch output that has edits to review, and where its review goes:
    ``DIR/review/<path>.decisions.json`` and ``DIR/reviewed/<path>`` (``<path>`` as under
    ``DIR/text/``). ``problem`` says why it cannot be reviewed (its source is gone or changed)."""

    id: str
    text: str
    edits: tuple[Edit, ...]
    signature: str
    decisions: Path
    reviewed: Path
    problem: str | None = None


def batch_documents(directory: str | Path, field: str = "text", encoding: str = "utf-8") -> list[BatchDocument]:
    """The documents of ``DIR/report.jsonl`` with edits, in the report's order. The original
    text is read from where the batch read it (a text file, or a JSONL line's ``field``)."""
    directory = Path(directory)
    report = directory / REPORT
    try:
        lines = report.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{str(directory)!r} has no {REPORT}; give the --out folder of a finished "
                         f"`repair batch`") from None
    out = []
    for n, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            if record.get("error") or not record.get("edits"):
                continue
            rel = Path(record["output"]).relative_to(Path(record["output"]).parts[0])
            edits = tuple(edit_from_dict(e, f"{report}: line {n}") for e in record["edits"])
            doc_id, path, signature = str(record["id"]), record["path"], str(record.get("signature") or "")
            jsonl_line = record.get("line")
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise InputError(f"{str(report)!r} line {n} is not a repair batch record ({exc})") from None
        text, problem = _batch_source(path, jsonl_line, field, encoding)
        if text is not None and not all(slices(text, e) for e in edits):
            text, problem = None, f"{path!r} changed since the batch ran"
        out.append(BatchDocument(doc_id, text or "", edits, signature,
                                 directory / "review" / rel.with_name(rel.name + ".decisions.json"),
                                 directory / "reviewed" / rel, problem))
    return out


def _batch_source(path: str, line: int | None, field: str, encoding: str) -> tuple[str | None, str | None]:
    try:
        if line is None:
            return read_text(path, encoding), None
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                if n == line:
                    return json.loads(raw)[field], None
        return None, f"{path!r} has no line {line}"
    except InputError as exc:
        return None, f"{exc} (run the review from where the batch ran)"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"cannot read line {line} of {path!r}: {exc}"

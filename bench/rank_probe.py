"""Probe ranking policies offline: what if some LanguageTool edits were trusted more?

    python bench/rank_probe.py [--data ../shared/data] [--suite jfleg ...] [--cache runs/proposals.json]
                               [--by-rule | --model default | --choose default]

Collects every proposal of the detectors and LanguageTool (no model) for every item of each
suite's whole split, once (BLN600's 10,400 lines take about 20 minutes; the cache keeps them
for later runs, and a part it lacks is collected and added),
then ranks them as the pipeline does and again under each probe policy, and prints each
part's headline score and its change. A policy lifts some sub-threshold LanguageTool edits to
the threshold before ranking; nothing here changes what `repair` ships. Two of them lift the
weak speller edits whose suggestion a reference has, or that no reference has: what a right
and a wrong respelling are each worth to the measure. With ``--by-rule``
each LanguageTool rule (at each confidence it was given) is probed alone: its weak edits
lifted to the threshold, or its kept edits dropped below it. With ``--model`` the seq2seq
model scores each weak LanguageTool edit (its sentence with the edit against the unchanged
sentence, by forced decoding) and the edits it endorses by at least a given gain are lifted. With ``--choose`` the model picks, for each weak speller edit, the suggestion whose
sentence it finds likeliest, and edits whose choice gains at least a given margin are lifted
with it (the pipeline does this at CHOOSE_GAIN, in repair/model/proposer.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from repair.document import Document
from repair.edits import Edit, apply_edits
from repair.errors import RepairError
from repair.eval.suites import Output, Part, get_suite, tokenize
from repair.paths import DEFAULT_DATA_DIR
from repair.pipeline import Pipeline, PipelineConfig
from repair.rank import rank
from repair.textio import write_atomic

THRESHOLD = 0.5
DEFAULT_SUITES = ("jfleg", "mlqe-pe", "bln600", "overproof", "icdar2017", "news")
Policy = Callable[[Document, Sequence[Edit]], list[Edit]]


def _weak_lt(e: Edit, floor: float) -> bool:
    return e.source == "languagetool" and floor <= e.confidence < THRESHOLD and not e.is_flag


def lift_in_faulty_sentences(floor: float, sure_source: str | None = None) -> Policy:
    """A sentence that holds one sure edit (of ``sure_source``, or any) is likelier to hold
    more: its weak LanguageTool edits are lifted to the threshold."""
    def policy(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        sure = [x for x in edits if x.confidence >= THRESHOLD and not x.is_flag
                and (sure_source is None or x.source == sure_source)]
        out = []
        for e in edits:
            if _weak_lt(e, floor):
                s = doc.sentence_at(e.start)
                if any(x is not e and s.start <= x.start < s.end for x in sure):
                    e = replace(e, confidence=THRESHOLD)
            out.append(e)
        return out
    return policy


def lift_all(floor: float, rule_part: str = "") -> Policy:
    def policy(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        return [replace(e, confidence=THRESHOLD) if _weak_lt(e, floor) and rule_part in e.rule else e
                for e in edits]
    return policy


POLICIES: dict[str, Policy] = {
    "every LanguageTool edit >= 0.3": lift_all(0.3),
    "comma rules (0.4)": lift_all(0.4, "COMMA"),
    "faulty sentence, >= 0.3": lift_in_faulty_sentences(0.3),
    "faulty sentence, >= 0.4": lift_in_faulty_sentences(0.4),
    "sentence with a sure LanguageTool edit, >= 0.3": lift_in_faulty_sentences(0.3, "languagetool"),
}


def _agrees(e: Edit, refs: list[set[str]]) -> bool:
    suggested = tokenize(e.replacement).split()
    return any(all(w in r for w in suggested) for r in refs)


def lift_speller_by_reference(words: dict[str, list[set[str]]], in_reference: bool) -> Policy:
    """Lift the weak speller edits whose suggestion some reference has (or none has), to see
    what a right and a wrong respelling are each worth to the measure (``words``: each
    document's references as sets of tokens)."""
    from repair.sources import is_speller_rule

    def policy(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        refs = words.get(doc.text, [])
        out = []
        for e in edits:
            if _weak_lt(e, 0.3) and is_speller_rule(e.rule) and _agrees(e, refs) == in_reference:
                e = replace(e, confidence=THRESHOLD)
            out.append(e)
        return out
    return policy


def by_rule(key: tuple[str, float], lift: bool) -> Policy:
    """Lift the weak edits of one (rule, confidence) class, or drop its kept ones."""
    def policy(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        out = []
        for e in edits:
            if e.source == "languagetool" and not e.is_flag and (e.rule, e.confidence) == key:
                e = replace(e, confidence=THRESHOLD if lift else 0.0)
            out.append(e)
        return out
    return policy


def lift_endorsed(gains: dict[str, dict[tuple[int, int, str], float]], least: float) -> Policy:
    """Lift weak LanguageTool edits whose sentence the model finds likelier by ``least`` nats
    (``gains``: per document text, per edit, as :func:`model_gains` returns them)."""
    def policy(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        scored = gains.get(doc.text, {})
        return [replace(e, confidence=THRESHOLD)
                if _weak_lt(e, 0.3) and scored.get((e.start, e.end, e.replacement), -1e9) >= least else e
                for e in edits]
    return policy


def model_gains(model_name: str, parts: Sequence[Part], docs: dict[str, list[Document]],
                rows: dict[str, list[list[Edit]]]) -> dict[str, dict[tuple[int, int, str], float]]:
    """The model's gain (nats) for every weak LanguageTool edit, keyed by the document's text."""
    from repair.model import Scorer

    model = Scorer(model_name)
    out: dict[str, dict[tuple[int, int, str], float]] = {}
    for part in parts:
        print(f"scoring {part.key} ...", file=sys.stderr, flush=True)
        for doc, edits in zip(docs[part.key], rows[part.key]):
            weak = [e for e in edits if _weak_lt(e, 0.3)]
            if weak:
                scored = out.setdefault(doc.text, {})
                for e, g in zip(weak, model.gains(doc, weak)):
                    if g is not None:
                        scored[(e.start, e.end, e.replacement)] = g
    return out


def choice_gains(model_name: str, parts: Sequence[Part], docs: dict[str, list[Document]],
                 rows: dict[str, list[list[Edit]]]) -> dict[str, dict[tuple[int, int], tuple[str, float]]]:
    """For every weak speller edit: the suggestion the model likes best and its gain (nats)
    over the unchanged sentence, keyed by the document's text (as the pipeline chooses)."""
    from repair.model import Scorer, Verifier
    from repair.model.verify import is_weak_speller_edit

    model = Verifier(Scorer(model_name))
    out: dict[str, dict[tuple[int, int], tuple[str, float]]] = {}
    for part in parts:
        print(f"scoring {part.key} ...", file=sys.stderr, flush=True)
        for doc, edits in zip(docs[part.key], rows[part.key]):
            weak = [e for e in edits if is_weak_speller_edit(e, THRESHOLD)]
            for e, choice in zip(weak, model.best_choices(doc, weak) if weak else []):
                if choice:
                    out.setdefault(doc.text, {})[(e.start, e.end)] = choice
    return out


def lift_chosen(chosen: dict[str, dict[tuple[int, int], tuple[str, float]]], least: float) -> Policy:
    """Lift weak speller edits, with the model's choice of suggestion, where it gains ``least`` nats."""
    def policy(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
        scored = chosen.get(doc.text, {})
        out = []
        for e in edits:
            choice = scored.get((e.start, e.end)) if e.source == "languagetool" else None
            if choice and choice[1] >= least and e.confidence < THRESHOLD:
                e = replace(e, replacement=choice[0], confidence=THRESHOLD)
            out.append(e)
        return out
    return policy


def rule_classes(rows: dict[str, list[list[Edit]]], least: int) -> list[tuple[str, float]]:
    """(rule, confidence) classes of LanguageTool edits seen at least ``least`` times."""
    seen = Counter((e.rule, e.confidence) for part in rows.values() for row in part for e in row
                   if e.source == "languagetool" and not e.is_flag)
    return sorted(k for k, n in seen.items() if n >= least)


def collect(parts: Sequence[Part]) -> dict[str, list[list[dict]]]:
    """Each part's proposals, item by item, as Edit dicts."""
    out = {}
    with Pipeline(PipelineConfig(model=None)) as pipeline:
        for part in parts:
            print(f"collecting {part.key} ({len(part.items)} items) ...", file=sys.stderr, flush=True)
            rows = []
            for item in part.items:
                doc = pipeline.document(item.text)
                rows.append([e.to_dict() for e in pipeline.propose(doc, pipeline.detect(doc))])
            out[part.key] = rows
    return out


def _edits(rows: list[list[dict]]) -> list[list[Edit]]:
    return [[Edit(**{**d, "alternatives": tuple(d["alternatives"])}) for d in row] for row in rows]


def headline(part: Part, docs: list[Document], rows: list[list[Edit]], policy: Policy | None) -> float:
    suite = get_suite(part.suite)
    outputs = []
    for doc, edits in zip(docs, rows):
        kept = rank(doc, policy(doc, edits) if policy else edits, THRESHOLD)
        outputs.append(Output(apply_edits(doc.text, kept), tuple((e.start, e.end, e.replacement) for e in kept)))
    unchanged = [Output(i.text) for i in part.items]
    return suite.score(part, outputs, unchanged)[suite.headline]


def _touches(docs: list[Document], rows: list[list[Edit]], policy: Policy) -> bool:
    """Whether the policy changes any proposal of the part (else its score cannot move)."""
    return any(policy(doc, edits) != edits for doc, edits in zip(docs, rows) if edits)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--suite", action="append", help="repeatable (default: jfleg, mlqe-pe, the OCR sets, news)")
    probe = ap.add_mutually_exclusive_group()
    probe.add_argument("--by-rule", action="store_true", help="probe each LanguageTool rule alone")
    probe.add_argument("--model", help="score weak LanguageTool edits with this model (default: the shipped one)")
    probe.add_argument("--choose", metavar="MODEL",
                       help="let this model choose among the speller's suggestions for its weak edits")
    ap.add_argument("--least", type=int, default=5, help="with --by-rule: skip rules seen fewer times")
    ap.add_argument("--cache", type=Path, default=Path("runs/proposals.json"))
    args = ap.parse_args(argv)
    try:
        parts = [part for name in args.suite or DEFAULT_SUITES
                 for part in get_suite(name).load(args.data, limit=0)]
    except RepairError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    try:
        cached = json.loads(args.cache.read_text(encoding="utf-8")) if args.cache.is_file() else {}
    except (OSError, ValueError) as exc:
        print(f"bench: {args.cache} is not a proposals cache ({exc}); delete it to collect again", file=sys.stderr)
        return 2
    missing = [p for p in parts if len(cached.get(p.key, ())) != len(p.items)]
    if missing:
        cached.update(collect(missing))
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(args.cache, json.dumps(cached))
    rows = {p.key: _edits(cached[p.key]) for p in parts}
    # Built once: each policy ranks every item again, and a document's sentences are cached.
    docs = {p.key: [Document(i.text) for i in p.items] for p in parts}
    base = {p.key: headline(p, docs[p.key], rows[p.key], None) for p in parts}
    policies = dict(POLICIES)
    # JFLEG's references are tokenized; the MT post-edits are compared as they are.
    words = {i.text: [set(r.split()) for r in i.references] for p in parts for i in p.items}
    policies["weak speller edits a reference agrees with"] = lift_speller_by_reference(words, True)
    policies["weak speller edits no reference agrees with"] = lift_speller_by_reference(words, False)
    if args.by_rule:
        policies = {f"{'lift' if c < THRESHOLD else 'drop'} {rule} ({c:g})": by_rule((rule, c), c < THRESHOLD)
                    for rule, c in rule_classes(rows, args.least)}
    try:
        if args.model:
            gains = model_gains(args.model, parts, docs, rows)
            policies = {f"model endorses by >= {g:g} nats": lift_endorsed(gains, g) for g in (-1.0, 0.0, 1.0, 2.0, 4.0)}
        if args.choose:
            chosen = choice_gains(args.choose, parts, docs, rows)
            policies = {f"model's choice gains >= {g:g} nats": lift_chosen(chosen, g)
                        for g in (1.0, 2.0, 3.0, 4.0, 6.0)}
    except RepairError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print("| policy | " + " | ".join(p.name for p in parts) + " |")
    print("|---|" + "---:|" * len(parts))
    print("| as shipped | " + " | ".join(f"{base[p.key]:.2f}" for p in parts) + " |")
    for name, policy in policies.items():
        cells = [f"{headline(p, docs[p.key], rows[p.key], policy) - base[p.key]:+.2f}"
                 if _touches(docs[p.key], rows[p.key], policy) else "·" for p in parts]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    if not (args.by_rule or args.model or args.choose):
        from repair.sources import is_speller_rule

        for p in parts:
            weak = [_agrees(e, words.get(doc.text, [])) for doc, row in zip(docs[p.key], rows[p.key])
                    for e in row if _weak_lt(e, 0.3) and is_speller_rule(e.rule)]
            print(f"{p.name}: {len(weak)} weak speller edits, {sum(weak)} of them a reference agrees with")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

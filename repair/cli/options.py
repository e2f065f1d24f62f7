"""Flags shared by check, fix and diff, and their merge with ``[tool.repair]``."""

from __future__ import annotations

import argparse
import os
import sys

from ..config import find_pyproject, load_settings, read_glossary
from ..detect import DEFAULT_DETECTORS, OPT_IN, check_names
from ..paths import SHIPPED_MODEL, model_unavailable_reason
from ..pipeline import MT_FLAGS_DEFAULT, PipelineConfig
from ..profiles import PROFILES


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("pipeline")
    g.add_argument("--no-grammar", action="store_true", help="skip LanguageTool (no Java needed)")
    g.add_argument("--languagetool", metavar="URL",
                   help="use this LanguageTool server instead of starting one (env REPAIR_LANGUAGETOOL_URL)")
    g.add_argument("--disable-rule", action="append", default=[], metavar="ID", help="LanguageTool rule to skip")
    g.add_argument("--disable-category", action="append", default=[], metavar="ID",
                   help="LanguageTool category to skip")
    g.add_argument("--model", metavar="NAME",
                   help=f"add a seq2seq model: '{SHIPPED_MODEL}' (the shipped one), a checkpoint folder or "
                        "a hub id (off by default: on a CPU it makes a run about 20 times slower; "
                        "docs/model.md)")
    g.add_argument("--no-model", action="store_true",
                   help="no seq2seq model even where pyproject.toml asks for one (never imports torch)")
    g.add_argument("--mt-flags", action=argparse.BooleanOptionalAction, default=None,
                   help="flag words of machine translation a post-editor would likely change "
                        "(a learned detector on the model's encoder: loads the model; off with "
                        "--no-model; see docs/mt-flags.md)")
    g.add_argument("--allow-network", action="store_true", help="let --model download from the Hugging Face hub")
    g.add_argument("--detectors", metavar="A,B",
                   help=f"detectors to run (default: {','.join(DEFAULT_DETECTORS)}; "
                        f"off unless named: {','.join(sorted(OPT_IN))})")
    g.add_argument("--disable-detector", action="append", default=[], metavar="NAME", help="detector to skip")
    g.add_argument("--min-confidence", type=float, metavar="X", help="drop edits below this confidence (default 0.5)")
    g.add_argument("--profile", metavar="KIND",
                   help="the kind of text: " + "; ".join(f"{p.name} ({p.description})" for p in PROFILES.values()))
    g.add_argument("--ignore-words", metavar="FILE", help="glossary: words and names never to change")
    g.add_argument("--timings", action="store_true",
                   help="at the end, print on stderr the seconds each stage took (each detector, "
                        "LanguageTool, the model, verify, rank) and its share")


def pipeline_config(args: argparse.Namespace) -> PipelineConfig:
    settings = load_settings(find_pyproject())
    detectors = _detectors(args, settings)
    glossary = frozenset(settings.get("ignore_words", ()))
    for path in filter(None, [settings.get("ignore_words_file"), args.ignore_words]):
        glossary |= read_glossary(path)
    mt_flags = args.mt_flags if args.mt_flags is not None else settings.get("mt_flags", MT_FLAGS_DEFAULT)
    model = _model(args, settings, mt_flags)
    return PipelineConfig(
        detectors=detectors,
        grammar=not args.no_grammar and settings.get("grammar", True),
        languagetool_url=args.languagetool or os.environ.get("REPAIR_LANGUAGETOOL_URL")
        or settings.get("languagetool_url"),
        disabled_rules=tuple(settings.get("disabled_rules", ())) + tuple(args.disable_rule),
        disabled_categories=tuple(settings.get("disabled_categories", ())) + tuple(args.disable_category),
        model=model,
        allow_network=args.allow_network,
        min_confidence=args.min_confidence if args.min_confidence is not None
        else settings.get("min_confidence", 0.5),
        profile=args.profile or settings.get("profile", "default"),
        glossary=glossary,
        mt_flags=mt_flags and model is not None,
    )


def _detectors(args: argparse.Namespace, settings: dict) -> tuple[str, ...]:
    chosen = [d.strip() for d in args.detectors.split(",") if d.strip()] if args.detectors \
        else settings.get("detectors", list(DEFAULT_DETECTORS))
    off = set(args.disable_detector) | set(settings.get("disable_detectors", ()))
    check_names([*chosen, *off])
    return tuple(d for d in chosen if d not in off)


def _model(args: argparse.Namespace, settings: dict, mt_flags: bool) -> str | None:
    """The model to load: none unless ``--model``, ``model = true`` (or a path) in
    pyproject.toml, or ``--mt-flags`` (the flagger reads the model's encoder) asks for one."""
    if args.no_model:
        return None
    if args.model:
        return args.model
    configured = settings.get("model", False)
    if isinstance(configured, str):
        return configured
    if configured is not True and not mt_flags:
        return None
    reason = model_unavailable_reason()
    if reason is None:
        return SHIPPED_MODEL
    _note_once(f"repair: note: {reason}; running without the model")
    return None


_NOTED: set[str] = set()


def _note_once(message: str) -> None:
    """Say a message on stderr once per process, however many pipelines are built."""
    if message not in _NOTED:
        _NOTED.add(message)
        print(message, file=sys.stderr)

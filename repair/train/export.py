"""Turn the latest training checkpoint into a self-contained model directory.

    python -m repair.train.export runs/repair-small models/repair-small

Writes config.json, generation_config.json (beam search, bounded length),
model.safetensors, tokenizer.json + tokenizer_config.json and README.md (model card).
Weights are stored in float16 when float32 would exceed ``max_mb``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
GENERATION = {"num_beams": 4, "max_length": 128, "early_stopping": True, "do_sample": False,
              "no_repeat_ngram_size": 0, "length_penalty": 1.0}

CARD = """\
# repair-small

A small BART-style sequence-to-sequence model that rewrites one English sentence,
fixing artefacts left by machine translation and OCR (glued or split words,
line-break hyphens, OCR letter confusions, homoglyphs, article / preposition /
agreement slips, doubled words, stray spaces before punctuation) and copying
clean text unchanged. It is one proposer in `repair`; its edits are filtered by a
guard (numbers, names and negation are never changed) before anyone sees them.

| | |
|---|---|
| architecture | BartForConditionalGeneration, d_model {d_model}, {enc}+{dec} layers, ffn {ffn}, {params:.1f}M parameters |
| tokenizer | SentencePiece unigram, {vocab} pieces, cased, identity normalisation, byte fallback (exact round trip) |
| input | one sentence, up to 64 tokens |
| generation | beam search, {num_beams} beams, max_length {max_length} |
| training | {steps} steps, batch {batch}, {hours:.1f} h on {device}; final training loss (EMA) {loss} |
| validation | held-out loss {val_loss}; exact match {exact} (copies {copy_exact}, fixes {fix_exact}) |
| weights | {dtype}, safetensors |
| exported | {date} |

## Training data

Only CC0 1.0 data: the *train* split of MLQE-PE (Fomicheva et al. 2020,
arXiv:2010.04480, https://github.com/sheffieldnlp/mlqe-pe).

* real pairs: machine translation -> human post-edit for ru-en, et-en, ro-en
  (light edits only, HTER <= {max_hter});
* synthetic pairs: post-edited English of all five pairs (ru, et, ro, ne, si), with
  1-3 artefacts injected by `repair.train.corrupt` (digits are never touched);
* copies: clean -> clean, {copy:.0%} of examples, so good text is left alone.

No dev or test split, and no evaluation corpus, was used for training.

## Reproduce

    repair train --config models/train.toml --out runs/repair-small
    python -m repair.train.export runs/repair-small models/repair-small

## Limits

Trained from scratch on ~35k sentences: it knows little about the world, may drop or
repeat words on long inputs, and should only be trusted through the guard and the
confidence it reports. English only.
"""


def _fmt(x, nd=3):
    return "n/a" if x is None else (f"{x:.{nd}f}" if isinstance(x, float) else str(x))


def export(run_dir: str | Path, model_dir: str | Path, max_mb: float = 60.0) -> Path:
    import torch
    from transformers import BartForConditionalGeneration, GenerationConfig

    from repair.errors import ModelError
    from repair.train.loop import latest_checkpoint

    run_dir, model_dir = Path(run_dir), Path(model_dir)
    ck = latest_checkpoint(run_dir)
    if ck is None:
        raise ModelError(f"no checkpoint under {run_dir}/checkpoints")
    state = json.loads((ck / "state.json").read_text())
    model = BartForConditionalGeneration.from_pretrained(str(ck), local_files_only=True, use_safetensors=True)
    nparams = sum(p.numel() for p in model.parameters())
    dtype = "float32"
    if nparams * 4 / 2**20 > max_mb:
        model = model.to(torch.float16)
        dtype = "float16"
    model_dir.mkdir(parents=True, exist_ok=True)
    for old in ("model.safetensors", "pytorch_model.bin"):
        (model_dir / old).unlink(missing_ok=True)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=model.config.decoder_start_token_id,
        bos_token_id=model.config.bos_token_id, eos_token_id=model.config.eos_token_id,
        pad_token_id=model.config.pad_token_id, forced_eos_token_id=model.config.eos_token_id,
        **GENERATION)
    model.save_pretrained(str(model_dir), safe_serialization=True)
    for name in TOKENIZER_FILES:
        src = run_dir / "tokenizer" / name
        if src.is_file():
            shutil.copyfile(src, model_dir / name)

    cfg = state.get("config", {})
    m, t, d = cfg.get("model", {}), cfg.get("train", {}), cfg.get("data", {})
    ev = state.get("eval", {})
    (model_dir / "README.md").write_text(CARD.format(
        d_model=m.get("d_model"), enc=m.get("encoder_layers"), dec=m.get("decoder_layers"),
        ffn=m.get("ffn_dim"), params=nparams / 1e6, vocab=model.config.vocab_size,
        num_beams=GENERATION["num_beams"], max_length=GENERATION["max_length"],
        steps=state.get("step"), batch=t.get("batch_size"), hours=state.get("elapsed_s", 0) / 3600,
        device=state.get("device", "cpu").upper() if state.get("device") == "cpu" else "GPU",
        loss=_fmt(state.get("loss_ema")), val_loss=_fmt(ev.get("val_loss")), exact=_fmt(ev.get("exact"), 2),
        copy_exact=_fmt(ev.get("copy_exact"), 2), fix_exact=_fmt(ev.get("fix_exact"), 2), dtype=dtype,
        date=datetime.now(timezone.utc).strftime("%Y-%m-%d"), max_hter=d.get("max_hter", 0.45),
        copy=d.get("copy", 0.37)))
    for p in model_dir.iterdir():
        if p.is_file():
            p.chmod(0o644)
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file()) / 2**20
    if size > max_mb:
        raise ModelError(f"exported model is {size:.1f} MB, over the {max_mb:.0f} MB budget")
    return model_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.train.export")
    ap.add_argument("run_dir", nargs="?", default="runs/repair-small")
    ap.add_argument("model_dir", nargs="?", default="models/repair-small")
    a = ap.parse_args(argv)
    from repair.errors import RepairError

    try:
        out = export(a.run_dir, a.model_dir)
    except RepairError as e:
        print(f"repair.train.export: {e}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

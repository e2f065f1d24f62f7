"""Load a seq2seq repair model: the shipped one, a local directory or a hub id.

Offline by default (``local_files_only=True``); safetensors only; never remote code.
This module imports torch and transformers when :func:`load` is called, not before.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..errors import ModelError
from ..paths import SHIPPED_MODEL, SHIPPED_MODEL_DIR, default_model_dir

log = logging.getLogger(__name__)

@dataclass
class LoadedModel:
    """A tokenizer and a model in eval mode on ``device``."""

    name: str
    tokenizer: Any
    model: Any
    device: str
    max_input_tokens: int = 96
    max_output_tokens: int = 128
    num_beams: int = 4


def resolve(spec: Optional[str]) -> tuple[str, Optional[Path]]:
    """(display name, local directory or None for a hub id)."""
    if spec in (None, "", SHIPPED_MODEL):
        directory = default_model_dir()
        return directory.name, directory
    p = Path(spec).expanduser()
    if p.exists():
        if not p.is_dir():
            raise ModelError(f"model path {spec} is not a directory")
        return p.resolve().name, p
    if spec.startswith((".", "/", "~")) or spec.count("/") > 1:
        raise ModelError(f"model directory {spec} does not exist")
    return spec, None


def pick_device(device: Optional[str] = None) -> str:
    import torch

    if device:
        return device
    return "cuda" if torch.cuda.is_available() else "cpu"


_CACHE: dict[tuple[str, str, bool], LoadedModel] = {}
_LOCK = threading.Lock()


def load(spec: Optional[str] = SHIPPED_MODEL, allow_network: bool = False, device: Optional[str] = None) -> LoadedModel:
    """Load (once per process) and return the model named by ``spec``."""
    name, local = resolve(spec)
    key = (str(local) if local else name, device or "", allow_network)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        loaded = _load(name, local, spec, allow_network, device)
        _CACHE[key] = loaded
        return loaded


def _load(name: str, local: Optional[Path], spec: Optional[str], allow_network: bool,
          device: Optional[str]) -> LoadedModel:
    if local is not None and not (local / "model.safetensors").is_file():
        if local == SHIPPED_MODEL_DIR:
            raise ModelError(f"the shipped model has no weights ({local}/model.safetensors); "
                             f"train and export one, or pass --no-model")
        raise ModelError(f"{local} has no model.safetensors (only safetensors weights are loaded)")
    try:
        import torch  # noqa: F401
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise ModelError(f"the model needs the optional dependencies: pip install 'repair[model]' ({exc.name} missing)")
    hf_logging.set_verbosity_error()
    try:
        hf_logging.disable_progress_bar()
    except AttributeError:  # older transformers
        pass
    source = str(local) if local is not None else str(spec)
    kw = dict(local_files_only=not allow_network, trust_remote_code=False)
    try:
        tok = AutoTokenizer.from_pretrained(source, **kw)
        model = AutoModelForSeq2SeqLM.from_pretrained(source, use_safetensors=True, **kw)
    except (OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = "" if allow_network or local is not None else " (offline: pass --allow-network to download)"
        raise ModelError(f"cannot load model {source}: {first}{hint}") from exc
    dev = pick_device(device)
    model.to(dev).eval()
    if dev == "cpu" and model.dtype != __import__("torch").float32:
        model.float()  # half precision on CPU is slow and sometimes unsupported
    gen = getattr(model, "generation_config", None)
    beams = int(getattr(gen, "num_beams", 4) or 4) if gen is not None else 4
    max_out = int(getattr(gen, "max_length", 128) or 128) if gen is not None else 128
    max_pos = int(getattr(model.config, "max_position_embeddings", 512) or 512)
    log.debug("loaded %s on %s", source, dev)
    return LoadedModel(name=name, tokenizer=tok, model=model, device=dev,
                       max_input_tokens=min(96, max_pos), max_output_tokens=min(max_out, max_pos),
                       num_beams=max(1, beams))


def unload(loaded: Optional[LoadedModel] = None) -> None:
    """Forget cached models (all, or the one given)."""
    with _LOCK:
        for k in [k for k, v in _CACHE.items() if loaded is None or v is loaded]:
            del _CACHE[k]

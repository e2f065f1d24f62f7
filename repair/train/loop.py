"""Training loop for the repair seq2seq model (BART-style, from scratch).

* config from a TOML recipe (``models/train.toml``); ``[model.cuda]`` / ``[train.cuda]``
  override the CPU defaults when a GPU is present;
* checkpoints every ``checkpoint_minutes`` under ``OUT/checkpoints/step-N/``: model
  weights, optimizer state and RNG state, all as safetensors (+ a small JSON);
* ``resume=True`` continues from ``OUT/checkpoints/latest`` exactly (same batches);
* ``init=DIR`` starts a fresh run from an exported model (its weights, architecture and
  tokenizer; the recipe's ``[model]`` table is then unused): fine-tuning the shipped model;
* SIGTERM / SIGINT save a checkpoint and stop;
* progress goes to ``OUT/train.log``.
"""

from __future__ import annotations

import json
import logging
import math
import random
import shutil
import signal
import time
import tomllib
from pathlib import Path
from typing import Any, Optional

import torch
from safetensors.torch import load_file, save_file

from repair.train.data import Mix, block_examples, load_corpus, tokenizer_corpus, validation_examples
from repair.train.tokenizer import check_round_trip, train_tokenizer

log = logging.getLogger("repair.train")

DEFAULTS: dict[str, Any] = {
    "model": {"d_model": 256, "encoder_layers": 3, "decoder_layers": 3, "attention_heads": 4,
              "ffn_dim": 1024, "dropout": 0.1, "attention_dropout": 0.0, "activation_dropout": 0.0,
              "max_position_embeddings": 128, "vocab_size": 8000},
    "train": {"seed": 1, "batch_size": 64, "steps_per_block": 20, "lr": 7e-4, "warmup_steps": 800,
              "schedule": "inverse_sqrt", "weight_decay": 0.01, "grad_clip": 1.0, "max_len": 64,
              "max_steps": 10_000_000, "max_hours": 0.0, "checkpoint_minutes": 10.0,
              "keep_checkpoints": 2, "log_every": 50, "threads": 2, "label_smoothing": 0.0,
              "val_examples": 400, "val_generate": 48, "bf16": True, "workers": 0},
    "data": {"copy": 0.37, "real": 0.18, "max_hter": 0.45, "texts": []},
}


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _read_recipe(path: Path) -> dict:
    from ..errors import ConfigError

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"training recipe {str(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read training recipe {str(path)!r}: {exc}") from None


def load_config(path: Optional[str | Path], device: str) -> dict:
    raw = _read_recipe(Path(path)) if path else {}
    cfg = _merge(DEFAULTS, raw)
    for section in ("model", "train", "data"):
        sub = cfg[section]
        over = sub.pop("cuda", {}) if isinstance(sub.get("cuda"), dict) else {}
        if device == "cuda" and over:
            cfg[section] = _merge(sub, over)
    return cfg


def build_model(mcfg: dict, tokenizer):
    from transformers import BartConfig, BartForConditionalGeneration

    config = BartConfig(
        vocab_size=len(tokenizer), d_model=mcfg["d_model"],
        encoder_layers=mcfg["encoder_layers"], decoder_layers=mcfg["decoder_layers"],
        encoder_attention_heads=mcfg["attention_heads"], decoder_attention_heads=mcfg["attention_heads"],
        encoder_ffn_dim=mcfg["ffn_dim"], decoder_ffn_dim=mcfg["ffn_dim"],
        dropout=mcfg["dropout"], attention_dropout=mcfg["attention_dropout"],
        activation_dropout=mcfg["activation_dropout"],
        max_position_embeddings=mcfg["max_position_embeddings"], scale_embedding=True,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.bos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id, tie_word_embeddings=True,
    )
    return BartForConditionalGeneration(config)


def recipe_of(config) -> dict:
    """The ``[model]`` table that :func:`build_model` would turn into ``config``."""
    return {"d_model": config.d_model, "encoder_layers": config.encoder_layers,
            "decoder_layers": config.decoder_layers, "attention_heads": config.encoder_attention_heads,
            "ffn_dim": config.encoder_ffn_dim, "dropout": config.dropout,
            "attention_dropout": config.attention_dropout, "activation_dropout": config.activation_dropout,
            "max_position_embeddings": config.max_position_embeddings, "vocab_size": config.vocab_size}


def _warm_start(init: str | Path):
    """An exported model to start from, loaded as ``repair fix`` loads one (one-line errors
    for a directory without weights or a model that is not seq2seq), but not kept in the
    inference cache: training changes its weights."""
    from repair.model.load import load, unload

    loaded = load(str(init))
    unload(loaded)
    return loaded


def lr_at(step: int, tcfg: dict, time_fraction: Optional[float] = None) -> float:
    """Learning rate at ``step``. A cosine schedule decays over ``max_steps`` or, in a
    run with a time budget, over the fraction of that budget spent (``time_fraction``),
    whichever is further along."""
    peak, warm = tcfg["lr"], max(1, tcfg["warmup_steps"])
    s = max(1, step)
    if s < warm:
        return peak * s / warm
    if tcfg["schedule"] == "constant":
        return peak
    bounded = tcfg["max_steps"] < 10_000_000
    if tcfg["schedule"] == "cosine" and (bounded or time_fraction is not None):
        p = (s - warm) / max(1, tcfg["max_steps"] - warm) if bounded else 0.0
        p = min(1.0, max(p, time_fraction or 0.0))
        return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))
    return peak * math.sqrt(warm / s)


# ---------------------------------------------------------------- checkpoints

def _optim_to_tensors(opt: torch.optim.Optimizer) -> tuple[dict, dict]:
    sd = opt.state_dict()
    tensors, meta = {}, {"param_groups": sd["param_groups"], "state": {}}
    for pid, st in sd["state"].items():
        meta["state"][str(pid)] = {}
        for k, v in st.items():
            if torch.is_tensor(v):
                tensors[f"{pid}.{k}"] = v.detach().contiguous().cpu()
                meta["state"][str(pid)][k] = "tensor"
            else:
                meta["state"][str(pid)][k] = v
    return tensors, meta


def _optim_from_tensors(opt: torch.optim.Optimizer, tensors: dict, meta: dict) -> None:
    state = {}
    for pid, st in meta["state"].items():
        state[int(pid)] = {k: (tensors[f"{pid}.{k}"] if v == "tensor" else v) for k, v in st.items()}
    opt.load_state_dict({"state": state, "param_groups": meta["param_groups"]})


def save_checkpoint(out: Path, model, opt, step: int, extra: dict, keep: int) -> Path:
    ck_root = out / "checkpoints"
    ck = ck_root / f"step-{step:08d}"
    tmp = ck_root / f".tmp-{step:08d}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    model.save_pretrained(str(tmp), safe_serialization=True)
    tensors, meta = _optim_to_tensors(opt)
    tensors["rng.torch"] = torch.get_rng_state()
    if torch.cuda.is_available():
        tensors["rng.cuda"] = torch.cuda.get_rng_state()
    save_file(tensors, str(tmp / "optimizer.safetensors"))
    (tmp / "optimizer.json").write_text(json.dumps(meta))
    (tmp / "state.json").write_text(json.dumps({"step": step, **extra}, indent=2))
    shutil.rmtree(ck, ignore_errors=True)
    tmp.rename(ck)
    (ck_root / "latest.tmp").write_text(ck.name + "\n")
    (ck_root / "latest.tmp").replace(ck_root / "latest")
    old = sorted(p for p in ck_root.glob("step-*") if p.is_dir())
    for p in old[:-keep]:
        shutil.rmtree(p, ignore_errors=True)
    return ck


def latest_checkpoint(out: Path) -> Optional[Path]:
    f = Path(out) / "checkpoints" / "latest"
    if f.is_file():
        p = f.parent / f.read_text().strip()
        if p.is_dir():
            return p
    cands = sorted((Path(out) / "checkpoints").glob("step-*"))
    return cands[-1] if cands else None


# ---------------------------------------------------------------- batches

def make_batches(tokenizer, examples, tcfg: dict, rng: random.Random) -> list[dict]:
    srcs = [e[0] for e in examples]
    tgts = [e[1] for e in examples]
    S = tokenizer(srcs, add_special_tokens=True)["input_ids"]
    T = tokenizer(tgts, add_special_tokens=True)["input_ids"]
    ml = tcfg["max_len"]
    items = [(s, t) for s, t in zip(S, T) if len(s) <= ml and len(t) <= ml]
    items.sort(key=lambda x: (len(x[0]), len(x[1])))
    bs = tcfg["batch_size"]
    pad = tokenizer.pad_token_id
    batches = []
    for i in range(0, len(items), bs):
        chunk = items[i:i + bs]
        # pad to a multiple of 8: fewer distinct shapes, fewer slow first-time kernels
        ls = -(-max(len(s) for s, _ in chunk) // 8) * 8
        lt = -(-max(len(t) for _, t in chunk) // 8) * 8
        ids = torch.full((len(chunk), ls), pad, dtype=torch.long)
        att = torch.zeros((len(chunk), ls), dtype=torch.long)
        lab = torch.full((len(chunk), lt), -100, dtype=torch.long)
        for j, (s, t) in enumerate(chunk):
            ids[j, :len(s)] = torch.tensor(s)
            att[j, :len(s)] = 1
            lab[j, :len(t)] = torch.tensor(t)
        batches.append({"input_ids": ids, "attention_mask": att, "labels": lab})
    rng.shuffle(batches)
    return batches


def block_batches(corpus, tokenizer, tcfg: dict, mix: Mix, block: int) -> list[dict]:
    """The batches of one block: a pure function of (seed, block)."""
    n = tcfg["batch_size"] * tcfg["steps_per_block"]
    ex = block_examples(corpus, tcfg["seed"], block, n, mix)
    return make_batches(tokenizer, ex, tcfg, random.Random(f"b{tcfg['seed']}:{block}"))


_WORKER: dict = {}


def _worker_init(corpus, tok_dir: str, tcfg: dict, mix: Mix) -> None:
    from transformers import AutoTokenizer

    torch.set_num_threads(1)
    _WORKER.update(corpus=corpus, tcfg=tcfg, mix=mix,
                   tok=AutoTokenizer.from_pretrained(tok_dir, local_files_only=True))


def _worker_block(block: int) -> list[dict]:
    w = _WORKER
    # numpy arrays travel between processes by plain pickling (no shared-memory handles)
    return [{k: v.numpy() for k, v in b.items()}
            for b in block_batches(w["corpus"], w["tok"], w["tcfg"], w["mix"], block)]


class BatchStream:
    """Batch for any step; a pure function of (seed, step).

    With ``workers`` > 0 a process pool builds the next blocks while the current one
    trains, so a fast accelerator is not left waiting on corruption and tokenising.
    """

    def __init__(self, corpus, tokenizer, tcfg: dict, mix: Mix, workers: int = 0, tok_dir: str = ""):
        self.corpus, self.tok, self.tcfg, self.mix = corpus, tokenizer, tcfg, mix
        self.workers, self.tok_dir = workers, tok_dir
        self._block = -1
        self._batches: list[dict] = []
        self._pool = None
        self._pending: dict[int, Any] = {}

    def _load(self, block: int) -> list[dict]:
        if self.workers <= 0:
            return block_batches(self.corpus, self.tok, self.tcfg, self.mix, block)
        if self._pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"), initializer=_worker_init,
                                             initargs=(self.corpus, self.tok_dir, self.tcfg, self.mix))
        for b in list(self._pending):
            if b < block:
                self._pending.pop(b).cancel()
        for b in range(block, block + 2 * self.workers):
            if b not in self._pending:
                self._pending[b] = self._pool.submit(_worker_block, b)
        arrays = self._pending.pop(block).result()
        return [{k: torch.from_numpy(v) for k, v in b.items()} for b in arrays]

    def get(self, step: int) -> dict:
        block, k = divmod(step, self.tcfg["steps_per_block"])
        if block != self._block:
            self._batches = self._load(block)
            self._block = block
        return self._batches[k % len(self._batches)]

    def close(self) -> None:
        # Blocks not started are dropped and the ones being built finish (seconds). Not
        # multiprocessing.Pool.terminate: it could hang for good when it killed a worker
        # that held the task queue's lock, as it did on a loaded machine.
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._pending.clear()


# ---------------------------------------------------------------- evaluation

@torch.no_grad()
def evaluate(model, tokenizer, val, tcfg: dict, device: str) -> dict:
    model.eval()
    rng = random.Random(0)
    batches = make_batches(tokenizer, val, {**tcfg, "batch_size": 64}, rng)
    tot, n = 0.0, 0
    for b in batches:
        b = {k: v.to(device) for k, v in b.items()}
        out = model(**b)
        ntok = int((b["labels"] != -100).sum())
        tot += float(out.loss) * ntok
        n += ntok
    res = {"val_loss": tot / max(1, n)}
    g = val[: tcfg["val_generate"]]
    if g:
        enc = tokenizer([e[0] for e in g], return_tensors="pt", padding=True, return_token_type_ids=False).to(device)
        gen = model.generate(**enc, num_beams=1, do_sample=False, max_new_tokens=tcfg["max_len"] + 8)
        hyp = tokenizer.batch_decode(gen, skip_special_tokens=True)
        exact = sum(h == e[1] for h, e in zip(hyp, g))
        copies = [(h, e) for h, e in zip(hyp, g) if e[2] == "copy"]
        fixed = [(h, e) for h, e in zip(hyp, g) if e[2] != "copy"]
        res["exact"] = exact / len(g)
        res["copy_exact"] = sum(h == e[1] for h, e in copies) / max(1, len(copies))
        res["fix_exact"] = sum(h == e[1] for h, e in fixed) / max(1, len(fixed))
        res["sample"] = [{"src": e[0], "hyp": h, "ref": e[1]} for h, e in list(zip(hyp, g))[:3]]
    model.train()
    return res


# ---------------------------------------------------------------- main

def _setup_logging(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    log.setLevel(logging.INFO)
    path = str((out / "train.log").resolve())
    files = [h for h in log.handlers if isinstance(h, logging.FileHandler)]
    for h in files:
        if h.baseFilename != path:  # a later run in the same process logs into its own folder
            log.removeHandler(h)
            h.close()
    if not any(h.baseFilename == path for h in files):
        fh = logging.FileHandler(path, encoding="utf-8")
        fh.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        log.addHandler(fh)
    if not any(type(h) is logging.StreamHandler for h in log.handlers):
        sh = logging.StreamHandler()
        sh.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        log.addHandler(sh)


def prepare_tokenizer(out: Path, corpus, mcfg: dict, warm):
    """The run's tokenizer: the warm start's, one trained before in ``out``, or a new one."""
    from transformers import AutoTokenizer

    tok_dir = out / "tokenizer"
    if warm is not None and not (tok_dir / "tokenizer.json").is_file():
        warm.tokenizer.save_pretrained(str(tok_dir))
    if not (tok_dir / "tokenizer.json").is_file():
        log.info("training tokenizer (vocab %d)", mcfg["vocab_size"])
        train_tokenizer(tokenizer_corpus(corpus), tok_dir, vocab_size=mcfg["vocab_size"])
    tokenizer = AutoTokenizer.from_pretrained(str(tok_dir), local_files_only=True)
    bad = check_round_trip(tokenizer)
    if bad:
        raise RuntimeError(f"tokenizer does not round-trip: {bad!r}")
    return tokenizer


def prepare_model(cfg: dict, tokenizer, ck: Optional[Path], warm, init) -> tuple:
    """The model to train and the run's state: from the checkpoint ``ck``, the warm start, or
    new from the recipe. ``cfg["model"]`` becomes the architecture actually trained."""
    if ck is not None:
        from transformers import BartForConditionalGeneration
        model = BartForConditionalGeneration.from_pretrained(str(ck), local_files_only=True, use_safetensors=True)
        state = json.loads((ck / "state.json").read_text())
        # The architecture is the checkpoint's (a warm start's included), whatever the recipe says now.
        cfg["model"] = state.get("config", {}).get("model") or cfg["model"]
        return model, state
    torch.manual_seed(cfg["train"]["seed"])
    state = {"step": 0, "elapsed_s": 0.0, "tokens": 0}
    if warm is not None:
        model = warm.model.float()
        cfg["model"] = {"init": str(init), **recipe_of(model.config)}
        log.info("warm start from %s", init)
        return model, state
    return build_model(cfg["model"], tokenizer), state


def make_optimizer(model, tcfg: dict, ck: Optional[Path], device: str) -> torch.optim.Optimizer:
    """AdamW without decay on biases and norms; resumed with its state and the RNGs from ``ck``."""
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": tcfg["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=tcfg["lr"], betas=(0.9, 0.98), eps=1e-8)
    if ck is not None:
        tens = load_file(str(ck / "optimizer.safetensors"))
        meta = json.loads((ck / "optimizer.json").read_text())
        _optim_from_tensors(opt, tens, meta)
        torch.set_rng_state(tens["rng.torch"])
        if device == "cuda" and "rng.cuda" in tens:
            torch.cuda.set_rng_state(tens["rng.cuda"])
    return opt


class StopOnSignal:
    """While active, SIGTERM and SIGINT ask the loop to stop (it saves first) instead of killing it."""

    def __init__(self) -> None:
        self.requested = False
        self._old: dict = {}

    def _handler(self, signum, frame) -> None:
        self.requested = True
        log.info("signal %d: saving and stopping", signum)

    def __enter__(self) -> "StopOnSignal":
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                self._old[sig] = signal.signal(sig, self._handler)
            except ValueError:  # not in the main thread
                pass
        return self

    def __exit__(self, *exc) -> None:
        for sig, h in self._old.items():
            signal.signal(sig, h)


class Progress:
    """Steps, tokens, the loss's moving average and the logging window of one run."""

    def __init__(self, state: dict):
        self.step = int(state["step"])
        self.elapsed0 = float(state.get("elapsed_s", 0.0))
        self.tokens = int(state.get("tokens", 0))
        self.ema = state.get("loss_ema")
        self.started = time.time()
        self.reset_window()

    def reset_window(self) -> None:
        self.win_loss, self.win_tok, self.win_n, self.t_win = 0.0, 0, 0, time.time()

    def minutes_this_run(self) -> float:
        return (time.time() - self.started) / 60

    def hours_in_all(self) -> float:
        return (self.elapsed0 + time.time() - self.started) / 3600

    def add(self, loss: float, ntok: int) -> None:
        self.step += 1
        self.tokens += ntok
        self.ema = loss if self.ema is None else 0.98 * self.ema + 0.02 * loss
        self.win_loss += loss
        self.win_tok += ntok
        self.win_n += 1

    def log_window(self, lr: float) -> None:
        dt = time.time() - self.t_win
        log.info("step %d loss %.4f ema %.4f lr %.2e tok/s %.0f step/s %.2f elapsed %.1fmin",
                 self.step, self.win_loss / self.win_n, self.ema, lr, self.win_tok / dt, self.win_n / dt,
                 self.hours_in_all() * 60)
        self.reset_window()

    def state(self, nparams: int, device: str, cfg: dict) -> dict:
        return {"elapsed_s": self.elapsed0 + time.time() - self.started, "tokens": self.tokens,
                "loss_ema": self.ema, "params": nparams, "device": device, "config": cfg}


def train_step(model, opt, batch: dict, tcfg: dict, device: str, use_bf16: bool) -> tuple[float, int]:
    """One optimiser step; returns the loss and the tokens it saw."""
    b = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
    with torch.autocast("cuda", dtype=torch.bfloat16, enabled=use_bf16):
        loss = model(input_ids=b["input_ids"], attention_mask=b["attention_mask"], labels=b["labels"]).loss
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), tcfg["grad_clip"])
    opt.step()
    ntok = int(b["attention_mask"].sum()) + int((b["labels"] != -100).sum())
    return float(loss.detach()), ntok


def train(config_path: Optional[str | Path], out_dir: str | Path, data_dir: Optional[str | Path] = None,
          resume: bool = False, max_minutes: Optional[float] = None,
          init: Optional[str | Path] = None) -> Path:
    """Train (or resume) and return the directory of the last checkpoint.

    ``max_minutes`` bounds this run's wall time (a cosine schedule then decays over it);
    the last checkpoint is written, with a validation pass, before returning."""
    out = Path(out_dir)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    cfg = load_config(config_path, device)
    tcfg, dcfg = cfg["train"], cfg["data"]
    _setup_logging(out)
    if device == "cpu":
        torch.set_num_threads(int(tcfg["threads"]))
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    corpus = load_corpus(data_dir, max_hter=dcfg["max_hter"], texts=dcfg["texts"])
    log.info("device=%s data: %s", device, corpus.summary())

    ck = latest_checkpoint(out) if resume else None
    if resume and ck is None:
        log.info("no checkpoint in %s; starting fresh", out)
    warm = _warm_start(init) if init is not None and ck is None else None
    tokenizer = prepare_tokenizer(out, corpus, cfg["model"], warm)
    model, state = prepare_model(cfg, tokenizer, ck, warm, init)
    model.to(device).train()
    nparams = sum(p.numel() for p in model.parameters())
    opt = make_optimizer(model, tcfg, ck, device)
    if ck is not None:
        log.info("resumed from %s at step %d", ck.name, state["step"])
    log.info("model: %.2fM params %s", nparams / 1e6, json.dumps(cfg["model"]))
    log.info("train: %s", json.dumps(tcfg))

    stream = BatchStream(corpus, tokenizer, tcfg, Mix(copy=dcfg["copy"], real=dcfg["real"]),
                         workers=int(tcfg["workers"]), tok_dir=str(out / "tokenizer"))
    val = validation_examples(corpus, n=tcfg["val_examples"])
    use_bf16 = device == "cuda" and tcfg["bf16"]
    run = Progress(state)
    last_ck = ck

    def checkpoint(validate: bool) -> Path:
        extra = run.state(nparams, device, cfg)
        if validate:
            ev = evaluate(model, tokenizer, val, tcfg, device)
            log.info("eval step %d %s", run.step, json.dumps(ev, ensure_ascii=False))
            extra["eval"] = ev
        path = save_checkpoint(out, model, opt, run.step, extra, tcfg["keep_checkpoints"])
        log.info("checkpoint %s", path)
        return path

    with StopOnSignal() as stop:
        t_ck = time.time()
        try:
            while run.step < tcfg["max_steps"] and not stop.requested:
                if tcfg["max_hours"] and run.hours_in_all() > tcfg["max_hours"]:
                    log.info("max_hours reached")
                    break
                if max_minutes and run.minutes_this_run() > max_minutes:
                    log.info("max_minutes reached")
                    break
                batch = stream.get(run.step)
                frac = run.minutes_this_run() / max_minutes if max_minutes else None
                for g in opt.param_groups:
                    g["lr"] = lr_at(run.step + 1, tcfg, frac)
                run.add(*train_step(model, opt, batch, tcfg, device, use_bf16))
                if run.step % tcfg["log_every"] == 0:
                    run.log_window(opt.param_groups[0]["lr"])
                if time.time() - t_ck > tcfg["checkpoint_minutes"] * 60:
                    last_ck = checkpoint(validate=True)
                    t_ck = time.time()
                    run.reset_window()
        except BaseException:
            stream.close()
            if run.step > 0:  # keep what was learnt; no validation on the way out
                last_ck = checkpoint(validate=False)
            raise
        stream.close()
        if last_ck is None or int(json.loads((last_ck / "state.json").read_text())["step"]) != run.step:
            last_ck = checkpoint(validate=True)
    return last_ck

"""A cased SentencePiece unigram tokenizer that round-trips any text exactly.

Trained with ``normalization_rule_name="identity"``, no whitespace collapsing and
``byte_fallback=True`` (characters outside the vocabulary become UTF-8 byte pieces),
then wrapped as a ``tokenizers`` Unigram model so that
``AutoTokenizer.from_pretrained(dir)`` loads it offline as a fast tokenizer.

Special ids: 0 <pad>, 1 <unk>, 2 <s>, 3 </s>. Encoded sequences end with </s>.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Iterable

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<s>", "</s>"
ROUND_TRIP_PROBES = (
    "Belarus\u2019 military is small \u2013 just 45,000 men \u2014 and \u201cnonsense,\u201d he said.",
    "Lukashenkothe inva- sion stalls In the face  of  it .",
    "Fran\u00e7ois Heisbourg \u00a9 Maxim Guchek/Belta/AFP \u00bd \u20ac5 \u2192 \ufb01nal",
    "Homoglyphs: \u0440\u0430ssw\u043er\u0434, \u4e2d\u6587, \U0001f600 emoji, tab\there",
    "trailing space ",
)


def train_sentencepiece(lines: Iterable[str], out_dir: Path, vocab_size: int = 8000,
                        seed_sentencepiece_size: int = 200000, input_sentence_size: int = 0) -> Path:
    """Train ``spm.model`` in ``out_dir`` and return its path."""
    import sentencepiece as spm

    out_dir.mkdir(parents=True, exist_ok=True)
    data = [l for l in lines if l and "\n" not in l]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(data),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        character_coverage=0.9995,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        byte_fallback=True,
        split_digits=True,
        pad_id=0, unk_id=1, bos_id=2, eos_id=3,
        pad_piece=PAD, unk_piece=UNK, bos_piece=BOS, eos_piece=EOS,
        max_sentence_length=4096,
        seed_sentencepiece_size=seed_sentencepiece_size,
        input_sentence_size=input_sentence_size,
        shuffle_input_sentence=True,
        num_threads=2,
        minloglevel=2,
    )
    path = out_dir / "spm.model"
    path.write_bytes(model.getvalue())
    return path


def build_fast_tokenizer(spm_path: Path):
    """A ``tokenizers.Tokenizer`` equivalent to the SentencePiece model."""
    import sentencepiece as spm
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors

    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    # control pieces score 0 in SentencePiece; keep them out of the lattice
    vocab = [(p, s if i > 3 else 0.0) for i, (p, s) in enumerate(vocab)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=1, byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first", split=False)
    tok.decoder = decoders.Sequence([
        decoders.Replace("\u2581", " "),
        decoders.ByteFallback(),
        decoders.Fuse(),
        decoders.Strip(content=" ", left=1, right=0),
    ])
    tok.post_processor = processors.TemplateProcessing(
        single=f"$A {EOS}", pair=f"$A {EOS} $B {EOS}", special_tokens=[(EOS, 3)])
    return tok


def wrap(tok):
    """A transformers fast tokenizer around a ``tokenizers.Tokenizer``."""
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token=PAD, unk_token=UNK, bos_token=BOS, eos_token=EOS,
        clean_up_tokenization_spaces=False, model_max_length=1024,
        model_input_names=["input_ids", "attention_mask"],  # a seq2seq encoder has no segment ids
    )


def save_tokenizer(spm_path: Path, out_dir: Path):
    """Write tokenizer.json + config next to the model; returns the HF tokenizer."""
    hf = wrap(build_fast_tokenizer(spm_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    hf.save_pretrained(str(out_dir))
    cfg_path = out_dir / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["clean_up_tokenization_spaces"] = False
    cfg["tokenizer_class"] = "PreTrainedTokenizerFast"
    cfg_path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
    return hf


def check_round_trip(tokenizer, probes: Iterable[str] = ROUND_TRIP_PROBES) -> list[str]:
    """Strings that do not survive decode(encode(x)); empty when all do."""
    bad = []
    for s in probes:
        ids = tokenizer(s, add_special_tokens=True)["input_ids"]
        back = tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)
        if back != s:
            bad.append(s)
    return bad


def train_tokenizer(lines: Iterable[str], out_dir: Path, vocab_size: int = 8000):
    spm_path = train_sentencepiece(lines, out_dir, vocab_size=vocab_size)
    hf = save_tokenizer(spm_path, out_dir)
    bad = check_round_trip(hf)
    if bad:
        raise RuntimeError(f"tokenizer does not round-trip: {bad!r}")
    return hf

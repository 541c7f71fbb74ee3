"""Export a meta-trained model as a plain Hugging Face directory every command can load.

Why a merged directory and not "base name + LoRA checkpoint": the point of meta-training
is a model that is a better *starting point*, and a learner starts by putting its own
fresh LoRA on the base model it is given. A directory holding the base weights with the
trained change already added (``model.safetensors`` + ``config.json`` + tokenizer files)
is exactly such a base: ``selftaught study BOOK -o model=DIR``, ``selftaught run --model
DIR`` and ``selftaught serve --model DIR`` load it like any local checkpoint (see
`selftaught.models.loading`), offline, with nothing of the training run needed.

What can be exported (`export_model`), each added onto an independent copy of the base:

* ``checkpoint``: a LoRA checkpoint directory written by a local training client
  (``save_state`` / ``save_weights_for_sampler``): merged with PEFT's ``merge_and_unload``;
* ``deltas``: dense weight changes by module name (what Reptile accumulates);
* ``state``: a whole replacement state dict (a model trained in place).

A LoRA on ``lm_head`` of a model with tied embeddings (SmolLM2) changes only the
unembedding (Tinker's ``train_unembed``); merging it into the tied matrix would change
the input embeddings too, so the export unties them first (the directory then stores
``lm_head.weight`` separately and ``tie_word_embeddings`` is false).

The directory is written to a temporary sibling and moved into place with
``os.replace``: a killed export leaves the previous directory (or none), never half of
one. ``selftaught_export.json`` in it records where it came from.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from selftaught.fileio import replace_dir
from selftaught.models.checkpoints import load_checkpoint, resolve_path
from selftaught.models.loading import (
    DEFAULT_MODEL,
    SMOLLM2_CHAT_TEMPLATE,
    TINY_MODEL,
    ModelLoadError,
    build_tiny_random,
    ensure_smollm2_cache,
)

EXPORT_META = "selftaught_export.json"
"""Provenance file of an exported directory: base model, what was merged, when."""


class ExportError(ValueError):
    """An export cannot be made; the message names the input and the fix."""


def fresh_base(base_model: str) -> tuple[Any, Any]:
    """``(model, tokenizer)``: an independent float32 CPU copy of ``base_model``.

    Never the process-wide model of `selftaught.models.load_model`: local clients wrap
    that one's modules with PEFT in place, and merging into it would change every client.
    """
    if base_model == TINY_MODEL:
        loaded = build_tiny_random(torch.device("cpu"))
        return loaded.model, loaded.tokenizer
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = ensure_smollm2_cache() if base_model == DEFAULT_MODEL else Path(base_model)
    if not (path / "config.json").is_file():
        raise ModelLoadError(
            f"{path}/config.json: missing; pass a built-in model ({DEFAULT_MODEL}, {TINY_MODEL}) "
            "or a local Hugging Face model directory"
        )
    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.chat_template is None:
        tokenizer.chat_template = SMOLLM2_CHAT_TEMPLATE
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    model.requires_grad_(False)
    return model, tokenizer


def untie_embeddings(model: Any) -> None:
    """Give ``lm_head`` its own copy of the (tied) embedding matrix, and say so in the config."""
    if not getattr(model.config, "tie_word_embeddings", False):
        return
    head = model.get_output_embeddings()
    head.weight = torch.nn.Parameter(head.weight.detach().clone(), requires_grad=False)
    model.config.tie_word_embeddings = False


def merge_lora(model: Any, weights: Mapping[str, torch.Tensor], peft_config: Any) -> Any:
    """``model`` with the LoRA ``weights`` (PEFT state-dict keys) added into its linears."""
    from peft import get_peft_model, set_peft_model_state_dict

    targets = peft_config.target_modules
    on_head = "lm_head" in (targets if not isinstance(targets, str) else targets.split("|"))
    if on_head:
        untie_embeddings(model)
    peft_model = get_peft_model(model, peft_config)
    result: Any = set_peft_model_state_dict(peft_model, dict(weights))
    unexpected = [k for k in result.unexpected_keys if "lora_" in k]
    missing = [k for k in result.missing_keys if "lora_" in k]
    if unexpected or missing:
        raise ExportError(f"LoRA weights do not fit the model (unexpected: {unexpected[:2]}, "
                          f"missing: {missing[:2]}); export against the checkpoint's base model")
    return peft_model.merge_and_unload()


def add_deltas(model: Any, deltas: Mapping[str, torch.Tensor]) -> None:
    """Add dense changes ``deltas[module_name]`` to those linears' weights, in place."""
    for name, delta in deltas.items():
        try:
            weight = model.get_submodule(name).weight
        except AttributeError as exc:
            raise ExportError(f"delta for {name!r}: the model has no such linear ({exc})") from exc
        if name == "lm_head":
            untie_embeddings(model)
            weight = model.get_output_embeddings().weight
        if tuple(weight.shape) != tuple(delta.shape):
            raise ExportError(f"delta for {name!r}: shape {tuple(delta.shape)} != weight "
                              f"{tuple(weight.shape)}")
        weight.data.add_(delta.to(weight.dtype))


def base_state(model: Any) -> dict[str, torch.Tensor]:
    """The plain state dict of a model whose linears PEFT may have wrapped in place:
    ``...q_proj.base_layer.weight`` named ``...q_proj.weight``, LoRA factors left out."""
    return {k.replace(".base_layer.", "."): v for k, v in model.state_dict().items()
            if "lora_" not in k and "modules_to_save" not in k}


def export_model(
    base_model: str,
    out_dir: str | Path,
    *,
    checkpoint: str | Path | None = None,
    deltas: Mapping[str, torch.Tensor] | None = None,
    state: Mapping[str, torch.Tensor] | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Write base model + (LoRA ``checkpoint`` | dense ``deltas`` | ``state``) to ``out_dir``.

    With none of them it writes a plain copy of the base. ``provenance`` is stored in
    ``selftaught_export.json``. Replaces an existing ``out_dir`` atomically; returns it.
    """
    if sum(x is not None for x in (checkpoint, deltas, state)) > 1:
        raise ExportError("export_model: give at most one of checkpoint, deltas, state")
    lora = load_checkpoint(checkpoint) if checkpoint is not None else None
    if lora is not None and not _same_model(lora[0].base_model, base_model):
        raise ExportError(f"{checkpoint}: a LoRA of {lora[0].base_model!r}, not of "
                          f"{base_model!r}; export it with base_model={lora[0].base_model!r}")
    model, tokenizer = fresh_base(base_model)
    merged: dict[str, Any] = {"base_model": base_model}
    if checkpoint is not None and lora is not None:
        from peft import LoraConfig

        weights = lora[1]
        config = LoraConfig.from_pretrained(str(resolve_path(checkpoint)))
        model = merge_lora(model, weights, config)
        merged["checkpoint"] = str(resolve_path(checkpoint))
    elif deltas is not None:
        add_deltas(model, deltas)
        merged["deltas"] = len(deltas)
    elif state is not None:
        if any(k.startswith("lm_head.") for k in state) and not _same_tensor(
                state, "lm_head.weight", "model.embed_tokens.weight"):
            untie_embeddings(model)
        missing, unexpected = model.load_state_dict(dict(state), strict=False)
        missing = [k for k in missing if not (k == "lm_head.weight" and
                                              model.config.tie_word_embeddings)]
        if missing or unexpected:
            raise ExportError(f"state does not fit {base_model!r} (missing: {missing[:2]}, "
                              f"unexpected: {unexpected[:2]})")
        merged["state"] = True
    merged.update(provenance or {})
    merged["created_at"] = datetime.now(UTC).isoformat()
    return write_model_dir(model, tokenizer, Path(out_dir), merged)


def export_training_client(
    client: Any, out_dir: str | Path, provenance: Mapping[str, Any] | None = None
) -> Path:
    """Export a local training client's current LoRA merged into its base model."""
    with tempfile.TemporaryDirectory(prefix="selftaught-export-") as tmp:
        path = client.save_weights_for_sampler(str(Path(tmp) / "lora")).result().path
        return export_model(client.base_model, out_dir, checkpoint=path, provenance=provenance)


def write_model_dir(model: Any, tokenizer: Any, out_dir: Path,
                    provenance: Mapping[str, Any]) -> Path:
    """Save ``model`` + ``tokenizer`` as a HF directory, atomically replacing ``out_dir``."""
    out_dir = out_dir.expanduser().resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / EXPORT_META).write_text(json.dumps(dict(provenance), indent=1) + "\n", "utf-8")
        os.chmod(tmp, 0o755)  # mkdtemp makes 0700 (and safetensors 0600): keep it readable
        for path in tmp.iterdir():
            os.chmod(path, 0o644)
        replace_dir(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return out_dir


def read_provenance(model_dir: str | Path) -> dict[str, Any]:
    """The ``selftaught_export.json`` of an exported directory (``{}`` if it has none)."""
    path = Path(model_dir) / EXPORT_META
    if not path.is_file():
        return {}
    raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return raw


def _same_model(a: str, b: str) -> bool:
    """Two model names are the same model: equal, or the same local directory."""
    if a == b:
        return True
    pa, pb = Path(a).expanduser(), Path(b).expanduser()
    return pa.is_dir() and pb.is_dir() and pa.resolve() == pb.resolve()


def _same_tensor(state: Mapping[str, torch.Tensor], a: str, b: str) -> bool:
    if a not in state or b not in state:
        return a not in state
    return bool(state[a].data_ptr() == state[b].data_ptr() or torch.equal(state[a], state[b]))

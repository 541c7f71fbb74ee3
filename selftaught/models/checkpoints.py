"""Local LoRA checkpoints: one directory per checkpoint, written atomically.

Why this layout: a checkpoint must survive a kill at any moment (runs resume
from it), so it is written to a temporary sibling directory and moved into
place with ``os.replace``. It holds the adapter in PEFT's own format
(``adapter_model.safetensors`` + ``adapter_config.json``, loadable with
``PeftModel.from_pretrained``), the optimizer state for ``save_state``
checkpoints (``optimizer.pt``), and ``selftaught_checkpoint.json`` naming the
base model and LoRA shape so a checkpoint can recreate its training client.

Paths returned by the local clients are plain absolute directory paths; a
``local://`` prefix is accepted and stripped, for symmetry with ``tinker://``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import torch
from pydantic import BaseModel, ConfigDict, ValidationError
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from selftaught.fileio import replace_dir

META_FILE = "selftaught_checkpoint.json"
WEIGHTS_FILE = "adapter_model.safetensors"
OPTIMIZER_FILE = "optimizer.pt"


class CheckpointError(ValueError):
    """A checkpoint is missing or unreadable; the message names the path and the fix."""


class CheckpointMeta(BaseModel):
    """What a checkpoint holds and how to rebuild its training client."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    format_version: int = 1
    kind: Literal["state", "sampler"]
    """``state``: from ``save_state`` (weights + optimizer); ``sampler``: weights only."""
    base_model: str
    rank: int
    seed: int | None = None
    train_mlp: bool = True
    train_attn: bool = True
    train_unembed: bool = True
    lora_layers: list[int] | None = None
    """``[first, stop)`` decoder layers with attention/MLP LoRA; None: all layers."""
    has_optimizer: bool = False
    training_run_id: str | None = None
    """The training client's ``model_id`` (what the REST client groups checkpoints by)."""
    user_metadata: dict[str, str] | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    """From ``ttl_seconds``: the REST client deletes the checkpoint once this has passed."""
    public: bool = False
    """Set by ``publish_checkpoint_from_tinker_path`` (locally just a recorded flag)."""


def resolve_path(path: str | Path) -> Path:
    """A checkpoint path as a directory path (``local://`` prefix stripped)."""
    text = str(path)
    if text.startswith("tinker://"):
        raise CheckpointError(
            f"{text}: a tinker:// checkpoint cannot be loaded by the local backend; "
            "use --backend tinker, or a local checkpoint directory"
        )
    return Path(text.removeprefix("local://")).expanduser().resolve()


def save_checkpoint(
    target: Path,
    meta: CheckpointMeta,
    weights: dict[str, torch.Tensor],
    peft_config: Any,
    optimizer_state: dict[str, Any] | None,
    overwrite: bool,
) -> Path:
    """Write a checkpoint directory atomically; refuse to replace one unless ``overwrite``."""
    if target.exists() and not overwrite:
        raise CheckpointError(
            f"{target}: a checkpoint with this name exists; "
            "pick another name or pass overwrite=True"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        save_file(weights, str(tmp / WEIGHTS_FILE))
        peft_config.save_pretrained(str(tmp))
        if optimizer_state is not None:
            torch.save(optimizer_state, tmp / OPTIMIZER_FILE)
        (tmp / META_FILE).write_text(meta.model_dump_json(indent=2) + "\n")
        replace_dir(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return target


def load_checkpoint(
    path: str | Path, with_optimizer: bool = False
) -> tuple[CheckpointMeta, dict[str, torch.Tensor], dict[str, Any] | None]:
    """Read a checkpoint: its metadata, adapter weights and (if asked) optimizer state."""
    directory = resolve_path(path)
    meta_path = directory / META_FILE
    if not meta_path.is_file():
        raise CheckpointError(
            f"{meta_path}: not found; pass a directory written by save_state or "
            "save_weights_for_sampler"
        )
    try:
        meta = CheckpointMeta.model_validate(json.loads(meta_path.read_text()))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise CheckpointError(
            f"{meta_path}: corrupt checkpoint metadata ({exc.__class__.__name__}); "
            "re-save the checkpoint"
        ) from exc
    try:
        weights = load_file(str(directory / WEIGHTS_FILE))
    except (OSError, SafetensorError) as exc:
        raise CheckpointError(
            f"{directory / WEIGHTS_FILE}: cannot read adapter weights ({exc}); "
            "re-save the checkpoint"
        ) from exc
    optimizer_state = None
    if with_optimizer:
        if not meta.has_optimizer:
            raise CheckpointError(
                f"{directory}: has no optimizer state (saved by save_weights_for_sampler); "
                "load it without the optimizer"
            )
        optimizer_state = torch.load(directory / OPTIMIZER_FILE, weights_only=True)
    return meta, weights, optimizer_state

"""One loaded base model and the LoRA adapters that live on it.

Why adapters on one shared model: the base weights (the bulk of memory) are
loaded once per process and frozen; each training client owns one PEFT LoRA
adapter, and each sampling client owns a frozen *copy* of an adapter (its
snapshot), so later training never changes what it samples. Switching the
active adapter is cheap; all calls here run on the single model worker thread
(`selftaught.models.worker`), which is what makes in-place switching safe.
"""

from __future__ import annotations

import itertools
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from tinker import types

from selftaught.models import engine, sampling
from selftaught.models.loading import LoadedModel, load_model
from selftaught.models.worker import WORKER

ATTN_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj")
MLP_MODULES = ("gate_proj", "up_proj", "down_proj")
UNEMBED_MODULES = ("lm_head",)
LORA_ALPHA = 32
"""LoRA scale is ``LORA_ALPHA / rank`` (Tinker-style: learning rates barely depend on rank)."""
TRAIN_TOKEN_BUDGET = 2048
"""Padded tokens per training micro-batch (bounds the [tokens x vocab] logits memory)."""


@dataclass(frozen=True)
class LoraSpec:
    """Which LoRA to create: Tinker's ``LoraConfig`` fields."""

    rank: int = 32
    seed: int | None = None
    train_mlp: bool = True
    train_attn: bool = True
    train_unembed: bool = True
    layers: tuple[int, int] | None = None
    """Decoder layers ``[first, stop)`` that get attention/MLP LoRA (None: all). A range
    that starts above 0 lets the backward pass stop at ``first`` (cheaper steps)."""

    def target_modules(self) -> list[str] | str:
        """Module names (Llama naming) the adapter wraps; a regex when ``layers`` is set."""
        targets: list[str] = []
        if self.train_attn:
            targets += ATTN_MODULES
        if self.train_mlp:
            targets += MLP_MODULES
        if self.train_unembed:
            targets += UNEMBED_MODULES
        if not targets:
            raise ValueError("at least one of train_mlp, train_attn, train_unembed must be True")
        if self.rank < 1:
            raise ValueError(f"LoRA rank must be >= 1, got {self.rank}")
        if self.layers is None:
            return targets
        first, stop = self.layers
        if not 0 <= first < stop:
            raise ValueError(f"LoRA layers must be a range [first, stop) with 0 <= first < stop, "
                             f"got {self.layers}")
        inner = [t for t in targets if t not in UNEMBED_MODULES]
        parts = []
        if inner:
            numbers = "|".join(str(i) for i in range(first, stop))
            parts.append(rf"(.*\.)?layers\.({numbers})\.(self_attn|mlp)\.({'|'.join(inner)})")
        if self.train_unembed:
            parts.append("lm_head")
        return "|".join(parts)

    def peft_config(self) -> Any:
        from peft import LoraConfig

        return LoraConfig(
            r=self.rank,
            lora_alpha=LORA_ALPHA,
            lora_dropout=0.0,
            bias="none",
            target_modules=self.target_modules(),
            init_lora_weights=True,
        )


class ModelHost:
    """A base model plus named LoRA adapters. Methods must run on the model worker."""

    def __init__(self, loaded: LoadedModel) -> None:
        self.loaded = loaded
        self.peft: Any = None
        self.specs: dict[str, LoraSpec] = {}
        self.snapshots: dict[str, engine.LoraWeights] = {}
        """Frozen LoRA factors of sampling snapshots (engine models: no PEFT adapter each)."""
        self._names = itertools.count()

    @property
    def model(self) -> Any:
        """The module to call: the PEFT wrapper once any adapter exists, else the base model."""
        return self.peft if self.peft is not None else self.loaded.model

    # ------------------------------------------------------------ adapters

    def add_adapter(self, prefix: str, spec: LoraSpec) -> str:
        """Create a fresh LoRA (A random from ``spec.seed``, B zero: starts equal to the base)."""
        from peft import get_peft_model

        name = f"{prefix}{next(self._names)}"
        config = spec.peft_config()
        seed = spec.seed if spec.seed is not None else int(torch.randint(0, 2**62, ()).item())
        devices = [self.loaded.device] if self.loaded.device.type == "cuda" else []
        with torch.random.fork_rng(devices=devices), warnings.catch_warnings():
            # A LoRA on a tied lm_head adapts only the unembedding (Tinker's train_unembed);
            # PEFT warns that this unties merged weights, which we never merge.
            warnings.filterwarnings("ignore", message=".*tie_word_embeddings.*")
            warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*")
            torch.manual_seed(seed)
            if self.peft is None:
                self.peft = get_peft_model(self.loaded.model, config, adapter_name=name)
            else:
                self.peft.add_adapter(name, config)
        self.specs[name] = spec
        for p in self.adapter_params(name):
            p.requires_grad_(False)
        return name

    def delete_adapter(self, name: str) -> None:
        """Free an adapter (PEFT keeps at least one, so the last one stays, unused)."""
        if self.snapshots.pop(name, None) is not None:
            return
        if name not in self.specs or len(self.specs) == 1:
            return
        if self.peft.active_adapter == name:
            other = next(n for n in self.specs if n != name)
            self.peft.set_adapter(other, inference_mode=True)
        self.peft.delete_adapter(name)
        del self.specs[name]

    def adapter_params(self, name: str) -> list[torch.nn.Parameter]:
        """The adapter's parameters, in a fixed order (optimizer state relies on it)."""
        marker = f".{name}."
        return [p for n, p in self.peft.named_parameters() if marker in n]

    def adapter_state(self, name: str) -> dict[str, torch.Tensor]:
        """A detached CPU copy of the adapter's weights, keyed without the adapter name."""
        from peft import get_peft_model_state_dict

        # save_embedding_layers=False: never copy (tied) base embedding weights, only LoRA.
        state = get_peft_model_state_dict(self.peft, adapter_name=name, save_embedding_layers=False)
        return {k: v.detach().to("cpu", copy=True).contiguous() for k, v in state.items()}

    def load_adapter_state(self, name: str, state: dict[str, torch.Tensor]) -> None:
        """Overwrite the adapter's weights with ``state`` (as from `adapter_state`)."""
        from peft import set_peft_model_state_dict

        result: Any = set_peft_model_state_dict(self.peft, state, adapter_name=name)
        unexpected = [k for k in result.unexpected_keys if "lora_" in k]
        if unexpected:
            raise ValueError(f"checkpoint has weights this adapter lacks: {unexpected[:3]}...")
        missing = [k for k in result.missing_keys if f".{name}." in k]
        if missing:
            raise ValueError(f"checkpoint lacks weights of this adapter: {missing[:3]}...")

    def snapshot(self, name: str) -> str:
        """A frozen copy of adapter ``name`` (for a sampling client).

        On engine models the copy is just the LoRA factors (milliseconds); otherwise
        a new PEFT adapter (PEFT's own forward must run it).
        """
        if engine.supports(self.loaded.model):
            snap = f"snap{next(self._names)}"
            self.snapshots[snap] = engine.lora_weights(self.peft, name, clone=True)
            return snap
        snap = self.add_adapter("snap", self.specs[name])
        self.load_adapter_state(snap, self.adapter_state(name))
        return snap

    @contextmanager
    def using(self, adapter: str | None, train: bool = False) -> Iterator[Any]:
        """The model with ``adapter`` active (None: the bare base model)."""
        if adapter is None:
            if self.peft is None:
                yield self.loaded.model
            else:
                with self.peft.disable_adapter():
                    yield self.peft
            return
        self.peft.set_adapter(adapter, inference_mode=not train)
        if not train:
            yield self.peft
            return
        # set_adapter marks the adapter trainable; keep it so only while training.
        try:
            yield self.peft
        finally:
            for p in self.adapter_params(adapter):
                p.requires_grad_(False)

    # ------------------------------------------------------------ sampling and scoring

    def _engine_lora(self, adapter: str | None) -> engine.LoraWeights | None:
        """LoRA factors for the engine, or None for the base model."""
        if adapter is None:
            return None
        if adapter in self.snapshots:
            return self.snapshots[adapter]
        return engine.lora_weights(self.peft, adapter, clone=False)

    def generate(
        self, adapter: str | None, requests: Sequence[sampling.SampleRequest]
    ) -> list[types.SampleResponse]:
        if engine.supports(self.loaded.model):
            return sampling.generate(
                self.loaded.model,
                self.loaded.tokenizer,
                requests,
                self.loaded.eos_token_ids,
                self.loaded.device,
                should_stop=lambda: WORKER.closed,
                lora=self._engine_lora(adapter),
            )
        with self.using(adapter) as model:
            return sampling.generate(
                model,
                self.loaded.tokenizer,
                requests,
                self.loaded.eos_token_ids,
                self.loaded.device,
                should_stop=lambda: WORKER.closed,
            )

    def sequence_logits(self, adapter: str | None, tokens: Sequence[int]) -> torch.Tensor:
        """``[len(tokens), V]`` logits of one sequence under ``adapter`` (a training adapter,
        a sampling snapshot, or None for the base model)."""
        if engine.supports(self.loaded.model):
            return sampling.sequence_logits(self.loaded.model, tokens, self.loaded.device,
                                            self._engine_lora(adapter))
        with self.using(adapter) as model:
            return sampling.sequence_logits(model, tokens, self.loaded.device)

    def score(self, adapter: str | None, prompts: Sequence[Sequence[int]]) -> list[np.ndarray]:
        pad = int(self.loaded.tokenizer.pad_token_id)
        if engine.supports(self.loaded.model):
            return sampling.score_tokens(
                self.loaded.model, prompts, pad, self.loaded.device, self._engine_lora(adapter)
            )
        with self.using(adapter) as model:
            return sampling.score_tokens(
                model, prompts, int(self.loaded.tokenizer.pad_token_id), self.loaded.device
            )

    # ------------------------------------------------------------ training forward

    def target_logprobs(
        self,
        model: Any,
        batch: Sequence[tuple[list[int], list[int]]],
        loss_positions: Sequence[np.ndarray | None] | None = None,
    ) -> list[torch.Tensor]:
        """Logprob of each target token, per (input tokens, target tokens) pair.

        One right-padded forward (no mask needed: causal attention never lets a real
        token see the padding after it). Gradients flow if enabled by the caller.

        ``loss_positions[i]`` (bool per token, None: all) marks the tokens whose loss
        can be nonzero. On Llama-family models only those go through ``lm_head`` and
        the cross-entropy with gradients (a learner datum typically weights a handful of
        its tokens); the other tokens' logprobs are computed without building a graph,
        so every logprob is still returned.
        """
        device = self.loaded.device
        width = max(len(tokens) for tokens, _ in batch)
        pad = int(self.loaded.tokenizer.pad_token_id)
        ids = torch.full((len(batch), width), pad, dtype=torch.long)
        targets = torch.zeros((len(batch), width), dtype=torch.long)
        real = torch.zeros((len(batch), width), dtype=torch.bool)
        for i, (tokens, target) in enumerate(batch):
            ids[i, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
            targets[i, : len(target)] = torch.tensor(target, dtype=torch.long)
            real[i, : len(tokens)] = True
        ids, targets = ids.to(device), targets.to(device)
        base = self.loaded.model
        if not engine.supports(base):
            logits = model(input_ids=ids).logits.float()
            neg = torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none"
            ).reshape(len(batch), width)
            return [-neg[i, : len(tokens)] for i, (tokens, _) in enumerate(batch)]
        # PEFT injects its layers into the base model in place: calling the body and the
        # head directly runs the active adapter, as the PEFT wrapper would.
        hidden = base.model(input_ids=ids).last_hidden_state
        head = base.lm_head
        graded = real.clone()
        if loss_positions is not None and torch.is_grad_enabled():
            for i, where in enumerate(loss_positions):
                if where is not None:
                    graded[i, : len(where)] &= torch.as_tensor(where, dtype=torch.bool)
        graded, real = graded.to(device), real.to(device)
        out = torch.zeros((len(batch), width), dtype=torch.float32, device=device)
        rest = real & ~graded
        if bool(rest.any()):
            with torch.no_grad():
                out[rest] = -torch.nn.functional.cross_entropy(
                    head(hidden[rest]).float(), targets[rest], reduction="none")
        if bool(graded.any()):
            out[graded] = -torch.nn.functional.cross_entropy(
                head(hidden[graded]).float(), targets[graded], reduction="none")
        return [out[i, : len(tokens)] for i, (tokens, _) in enumerate(batch)]


def lora_layer_range(value: Sequence[int] | None) -> tuple[int, int] | None:
    """A LoRA layer range as ``(first, stop)`` (checkpoints store it as a list)."""
    if value is None:
        return None
    if len(value) != 2:
        raise ValueError(f"lora_layers must be (first, stop), got {list(value)}")
    return int(value[0]), int(value[1])


def micro_batches(lengths: Sequence[int], budget: int = TRAIN_TOKEN_BUDGET) -> list[list[int]]:
    """Group consecutive indices so that rows x longest row stays within ``budget``."""
    groups: list[list[int]] = [[]]
    longest = 0
    for i, n in enumerate(lengths):
        if groups[-1] and (len(groups[-1]) + 1) * max(longest, n) > budget:
            groups.append([])
            longest = 0
        groups[-1].append(i)
        longest = max(longest, n)
    return groups


_HOSTS: dict[tuple[str, str], ModelHost] = {}
_HOSTS_LOCK = threading.Lock()


def get_host(name: str, device: str | torch.device | None = None) -> ModelHost:
    """The process-wide host of model ``name`` on ``device`` (loading the model once)."""
    loaded = load_model(name, device)
    key = (loaded.name, str(loaded.device))
    with _HOSTS_LOCK:
        if key not in _HOSTS:
            _HOSTS[key] = ModelHost(loaded)
        return _HOSTS[key]

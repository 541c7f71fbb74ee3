"""Export: base + a trained LoRA as a merged Hugging Face directory that loads like any model.

The check that matters: the exported directory, loaded by name like any local model,
gives the same next-token log-probabilities as the base model with the adapter on, and
differs from the base (so the merge did something). Tied embeddings (tiny-random ties
them, as SmolLM2 does) with a LoRA on ``lm_head`` are the case that needs untying.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from tinker import types

from selftaught.metatrain.export import (
    EXPORT_META,
    ExportError,
    export_model,
    export_training_client,
    read_provenance,
)
from selftaught.models import ServiceClient, datum_from_tokens_weights

TOKENS = [1, 60, 61, 62, 63, 64, 65, 2, 70, 71, 72]


def _trained(service: ServiceClient, train_unembed: bool) -> object:
    client = service.create_lora_training_client(
        base_model="tiny-random", rank=4, seed=3, train_unembed=train_unembed).result()
    datum = datum_from_tokens_weights(TOKENS, [1.0] * len(TOKENS))
    for _ in range(3):
        client.forward_backward([datum], "cross_entropy").result()
        client.optim_step(types.AdamParams(learning_rate=5e-2)).result()
    return client


def _logprobs(sampler: object) -> torch.Tensor:
    scored = sampler.compute_logprobs(types.ModelInput.from_ints(TOKENS)).result()  # type: ignore[attr-defined]
    return torch.tensor(scored[1:])


@pytest.mark.parametrize("train_unembed", [True, False])
def test_export_matches_base_plus_adapter(tmp_path: Path, train_unembed: bool) -> None:
    service = ServiceClient(state_dir=tmp_path / "state")
    client = _trained(service, train_unembed)
    adapted = _logprobs(client.save_weights_and_get_sampling_client().result())  # type: ignore[attr-defined]
    base = _logprobs(service.create_sampling_client(base_model="tiny-random").result())
    out = export_training_client(client, tmp_path / "model", {"algorithm": "test"})
    assert (out / "model.safetensors").is_file() and (out / "config.json").is_file()
    exported = _logprobs(service.create_sampling_client(base_model=str(out)).result())
    assert torch.allclose(exported, adapted, atol=1e-4), (exported - adapted).abs().max()
    assert (adapted - base).abs().max() > 1e-3  # the adapter changed the model
    config = json.loads((out / "config.json").read_text())
    assert config["tie_word_embeddings"] is (not train_unembed)
    assert read_provenance(out)["algorithm"] == "test"


def test_export_deltas_and_atomic_replace(tmp_path: Path) -> None:
    out = export_model("tiny-random", tmp_path / "m")
    plain = _logprobs(ServiceClient().create_sampling_client(base_model=str(out)).result())
    base = _logprobs(ServiceClient().create_sampling_client(base_model="tiny-random").result())
    assert torch.allclose(plain, base, atol=1e-5)
    delta = {"model.layers.0.mlp.down_proj": torch.full((128, 256), 0.01)}
    export_model("tiny-random", tmp_path / "m", deltas=delta)  # replaces the directory
    assert read_provenance(tmp_path / "m")["deltas"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers
    with pytest.raises(ExportError, match="shape"):
        export_model("tiny-random", tmp_path / "bad",
                     deltas={"model.layers.0.mlp.down_proj": torch.zeros(2, 2)})
    assert not (tmp_path / "bad").exists()
    assert (tmp_path / "m" / EXPORT_META).is_file()


def test_export_refuses_wrong_base(tmp_path: Path) -> None:
    client = _trained(ServiceClient(state_dir=tmp_path), False)
    ckpt = client.save_weights_for_sampler(str(tmp_path / "ck")).result().path  # type: ignore[attr-defined]
    with pytest.raises(ExportError, match="tiny-random"):
        export_model(str(tmp_path), tmp_path / "out", checkpoint=ckpt)


def test_study_cli_studies_with_an_exported_directory(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from selftaught.cli.main import app

    out = export_model("tiny-random", tmp_path / "model")
    result = CliRunner().invoke(app, [
        "study", "language", "--learner", "lora", "--chapters", "1", "-o", f"model={out}",
        "-o", "study_steps=1", "-o", "max_answer_tokens=2", "--run-dir", str(tmp_path / "run"),
        "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert "gain/controlled" in summary["learners"]["lora"]["metrics"]

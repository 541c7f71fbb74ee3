"""Unit tests of the pure pieces: losses, datums, checkpoints, micro-batching."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from selftaught.models import CheckpointError, datum_from_tokens_weights, rl_datum
from selftaught.models.checkpoints import load_checkpoint, resolve_path
from selftaught.models.host import micro_batches
from selftaught.models.losses import check_loss_inputs, datum_loss


def test_losses_match_their_formulas() -> None:
    lp = torch.tensor([-1.0, -2.0, -0.5])
    w = torch.tensor([1.0, 0.0, 2.0])
    assert float(datum_loss("cross_entropy", lp, {"weights": w})) == pytest.approx(2.0)
    assert float(datum_loss("cross_entropy", lp, {})) == pytest.approx(3.5)
    old = torch.tensor([-1.0, -1.0, -1.0])
    adv = torch.tensor([1.0, -1.0, 2.0])
    ratio = torch.exp(lp - old)
    want_is = -(ratio * adv).sum()
    got = datum_loss("importance_sampling", lp, {"logprobs": old, "advantages": adv})
    assert float(got) == pytest.approx(float(want_is))
    clipped = ratio.clamp(0.9, 1.1)
    want_ppo = -torch.minimum(ratio * adv, clipped * adv).sum()
    cfg = {"clip_low_threshold": 0.9, "clip_high_threshold": 1.1}
    got = datum_loss("ppo", lp, {"logprobs": old, "advantages": adv}, cfg)
    assert float(got) == pytest.approx(float(want_ppo))


def test_loss_input_checks() -> None:
    check_loss_inputs("cross_entropy", {"target_tokens", "weights"}, 0)
    with pytest.raises(ValueError, match=r"data\[2\].*advantages"):
        check_loss_inputs("ppo", {"target_tokens", "logprobs"}, 2)
    with pytest.raises(ValueError, match="remove them"):
        check_loss_inputs("cross_entropy", {"target_tokens", "advantages"}, 0)


def test_datum_builders_shift_by_one() -> None:
    d = datum_from_tokens_weights([1, 2, 3, 4], [0, 0, 1, 1])
    assert d.model_input.to_ints() == [1, 2, 3]
    assert d.loss_fn_inputs["target_tokens"].tolist() == [2, 3, 4]
    assert d.loss_fn_inputs["weights"].tolist() == [0, 1, 1]
    r = rl_datum([1, 2, 3], [7, 8], [-0.5, -0.25], advantage=2.0)
    assert r.model_input.to_ints() == [1, 2, 3, 7]
    assert r.loss_fn_inputs["target_tokens"].tolist() == [2, 3, 7, 8]
    np.testing.assert_allclose(r.loss_fn_inputs["logprobs"].tolist(), [0, 0, -0.5, -0.25])
    np.testing.assert_allclose(r.loss_fn_inputs["advantages"].tolist(), [0, 0, 2, 2])
    with pytest.raises(ValueError, match="length"):
        datum_from_tokens_weights([1, 2], [1.0])


def test_checkpoint_errors(tmp_path: Path) -> None:
    with pytest.raises(CheckpointError, match="not found"):
        load_checkpoint(tmp_path / "missing")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "selftaught_checkpoint.json").write_text("{not json")
    with pytest.raises(CheckpointError, match="corrupt"):
        load_checkpoint(tmp_path / "bad")
    with pytest.raises(CheckpointError, match="tinker://"):
        resolve_path("tinker://run/weights/x")
    assert resolve_path(f"local://{tmp_path}") == tmp_path.resolve()


def test_micro_batches_respect_budget() -> None:
    groups = micro_batches([10, 10, 10, 50, 5], budget=60)
    assert groups == [[0, 1, 2], [3], [4]]
    assert [i for g in groups for i in g] == list(range(5))

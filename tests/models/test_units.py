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


def test_left_padding_positions_count_real_tokens_only() -> None:
    from selftaught.models.sampling import _left_pad

    ids, mask, positions = _left_pad([[5, 6, 7], [8]], pad_id=0, device=torch.device("cpu"))
    assert ids.tolist() == [[5, 6, 7], [0, 0, 8]]
    assert mask.tolist() == [[1, 1, 1], [0, 0, 1]]
    assert positions[:, -1].tolist() == [2, 0]
    assert positions[0].tolist() == [0, 1, 2]


EXIT_SCRIPT = """
import atexit
futures = []
# Registered before selftaught's worker exists, so it runs after the worker's shutdown.
def report():
    f = futures[0].future()
    print("in-flight:", "cancelled" if f.cancelled() else type(f.exception()).__name__, flush=True)
atexit.register(report)
import torch
torch.set_num_threads(1)
from tinker import types
from selftaught.models import ServiceClient
tc = ServiceClient().create_lora_training_client("tiny-random", rank=2).result()
sc = tc.save_weights_and_get_sampling_client().result()
# ~4000 decode steps (the tiny model's whole context) for 8 rows: a long job.
params = types.SamplingParams(max_tokens=10**6, stop=[])
futures.append(sc.sample(types.ModelInput.from_ints([5, 6]), 8, params))
sc.sample(types.ModelInput.from_ints([7]), 2, params)
import time
time.sleep(1.0)  # let the first sample start decoding
print("exiting", flush=True)
"""


@pytest.mark.timeout(180)
def test_exit_with_work_in_flight_is_clean_and_prompt(tmp_path: Path) -> None:
    """Exiting mid-sample abandons the decode and exits 0 (no hang, no C++ abort)."""
    import os
    import subprocess
    import sys
    import time

    env = {**os.environ, "SELFTAUGHT_CACHE": str(tmp_path)}
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", EXIT_SCRIPT],
        capture_output=True,
        text=True,
        timeout=170,
        env=env,
        check=False,
    )
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert elapsed < 60, f"exit waited {elapsed:.0f} s for the in-flight sample"
    assert "exiting" in proc.stdout
    assert "in-flight: SamplingInterrupted" in proc.stdout
    assert "terminate called" not in proc.stderr

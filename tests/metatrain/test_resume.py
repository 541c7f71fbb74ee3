"""kill -9 in the middle of an iteration, resume: the run ends as an uninterrupted one -- the
same edits, kept flags and checkpoints, the same rewards up to float rounding."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from selftaught.metatrain import MetaTrainConfig, TrainStore, train

SETS = {"iterations": 3, "edits_per_chapter": 2, "question_tokens": 12, "study_steps": 2}
CONFIG = MetaTrainConfig.quick(model="tiny-random", **SETS)


def _completed(store_path: Path) -> int:
    if not store_path.exists():
        return 0
    db = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True, timeout=5)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        if "iterations" not in tables:
            return 0
        return int(db.execute("SELECT COUNT(*) FROM iterations").fetchone()[0])
    finally:
        db.close()


def _snapshot(run_dir: Path) -> list[tuple[int, dict[str, float], list[tuple[object, ...]]]]:
    """Everything a run computed, without wall-clock seconds and checkpoint paths."""
    with TrainStore(run_dir / "train.sqlite") as store:
        return [
            (r.iteration, r.metrics,
             [(e.book, e.chapter, e.k, e.reward, e.n_pairs, e.kept, e.text)
              for e in store.edits(r.iteration)])
            for r in store.iterations()
        ]


def test_kill_9_mid_iteration_then_resume_matches_uninterrupted(tmp_path: Path) -> None:
    killed_dir = tmp_path / "killed"
    sets = [a for k, v in SETS.items() for a in ("--set", f"{k}={v}")]
    command = [sys.executable, "-m", "selftaught.cli.main", "train", "--quick", "--model",
               "tiny-random", *sets, "--no-eval", "--run-dir", str(killed_dir)]
    env = {**os.environ, "SELFTAUGHT_NUM_THREADS": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _completed(killed_dir / "train.sqlite") < 1:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "no iteration completed in time"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)  # during iteration 2: its edits are half scored
    process.wait()
    done_at_kill = _completed(killed_dir / "train.sqlite")
    assert 1 <= done_at_kill < CONFIG.iterations  # really killed mid-run

    train(CONFIG, killed_dir, resume=True)
    reference_dir = tmp_path / "reference"
    train(CONFIG, reference_dir)
    resumed, reference = _snapshot(killed_dir), _snapshot(reference_dir)
    assert [r[0] for r in resumed] == [1, 2, 3]
    # Same edits (texts, kept flags) and the same numbers up to float rounding: a process
    # that has scored before reuses cached prompt computations, which sum in another order.
    for (i, metrics, edits), (j, ref_metrics, ref_edits) in zip(resumed, reference,
                                                                 strict=True):
        assert i == j and metrics == pytest.approx(ref_metrics, rel=1e-4, abs=1e-6)
        assert [e[:3] + e[4:] for e in edits] == [e[:3] + e[4:] for e in ref_edits]
        assert [e[3] for e in edits] == pytest.approx([e[3] for e in ref_edits], abs=1e-6)


def test_kill_9_icl_then_resume_matches_uninterrupted(tmp_path: Path) -> None:
    """``selftaught train --algorithm icl`` killed with SIGKILL after a LoRA checkpoint,
    resumed with ``--resume``: the exported model equals an uninterrupted run's, bit for bit
    (the batch order is a function of seed and step, the optimizer state is checkpointed)."""
    from safetensors.torch import load_file

    from selftaught.metatrain.incontext import read_step

    steps = 20  # a checkpoint every 5 steps: killed after the first, 15 steps before the end
    quick = ["train", "--quick", "--model", "tiny-random", "--algorithm", "icl", "--set",
             f"meta_steps={steps}", "--no-eval"]
    env = {**os.environ, "SELFTAUGHT_NUM_THREADS": "1"}
    killed_dir = tmp_path / "killed"
    process = subprocess.Popen([sys.executable, "-m", "selftaught.cli.main", *quick,
                                "--run-dir", str(killed_dir)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while read_step(killed_dir / "lora") is None:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "no checkpoint written in time"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    saved = read_step(killed_dir / "lora")
    assert saved is not None and saved[1] < steps  # really killed mid-run
    assert not (killed_dir / "model" / "model.safetensors").exists()

    from selftaught.metatrain.algorithms import run_algorithm

    config = MetaTrainConfig.quick(model="tiny-random", algorithm="icl", meta_steps=steps)
    run_algorithm(config, killed_dir, resume=True)  # what `train --resume` runs
    reference_dir = tmp_path / "reference"
    run_algorithm(config, reference_dir)
    a = load_file(str(killed_dir / "model" / "model.safetensors"))
    b = load_file(str(reference_dir / "model" / "model.safetensors"))
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)

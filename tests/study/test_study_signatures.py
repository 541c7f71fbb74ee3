"""The scripted learners' metric signatures through a real study run (the metrics are real too)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers_study import run_one

from selftaught.checkers import grade
from selftaught.generators import generate
from selftaught.metrics import (
    accuracy_matrix,
    backward_transfer,
    controlled_gains,
    gains,
    hake_gains,
    learning_curve,
)
from selftaught.types import Textbook

T = 3


def matrix(tmp_path: Path, book: Textbook, name: str, *, control: bool = False) -> np.ndarray:
    _, _, _, events = run_one(tmp_path / f"{name}-{control}", book, name, control=control)
    return accuracy_matrix(events, T)


def test_oracle_is_perfect_everywhere(tiny_book: Textbook, tmp_path: Path) -> None:
    R = matrix(tmp_path, tiny_book, "oracle")
    assert R.shape == (T + 1, T)
    assert np.all(R == 1.0)


def test_random_stays_near_chance(tiny_book: Textbook, tmp_path: Path) -> None:
    R = matrix(tmp_path, tiny_book, "random")
    # chance: 5 exact items of 33 answers (~3%) and 1 four-way choice (25%) per chapter ~ 7%
    assert R.mean() < 0.25
    assert np.abs(gains(R)).max() <= 0.5


def test_diligent_gains_fully_and_forgets_nothing(tiny_book: Textbook, tmp_path: Path) -> None:
    R = matrix(tmp_path, tiny_book, "diligent")
    assert R[0].max() < 0.5  # pre-test floor
    assert np.all(np.diag(R[1:]) == 1.0)  # R[c][c] = 1
    assert np.allclose(hake_gains(R), 1.0)
    assert backward_transfer(R) == 0.0
    assert np.all(R[T] == 1.0)


def test_forgetful_has_clearly_negative_bwt(tiny_book: Textbook, tmp_path: Path) -> None:
    R = matrix(tmp_path, tiny_book, "forgetful")
    assert np.all(np.diag(R[1:]) == 1.0)
    assert backward_transfer(R) < -0.5


def test_memoriser_high_on_repeated_exercises_near_chance_on_probes(
    tiny_book: Textbook, tmp_path: Path
) -> None:
    _, _, learner, events = run_one(tmp_path, tiny_book, "memoriser")
    R = accuracy_matrix(events, T)
    assert R.max() < 0.5  # probes are paraphrased: nothing to recall
    exercises = [e for ch in tiny_book.chapters for e in ch.exercises]
    again = learner.answer([e.prompt for e in exercises])
    repeated = np.mean([grade(r, e).correct for r, e in zip(again, exercises, strict=True)])
    assert repeated == 1.0


@pytest.mark.parametrize("name", ["diligent", "memoriser", "forgetful", "random"])
def test_control_tracks_show_no_gain(name: str, tiny_book: Textbook, tmp_path: Path) -> None:
    C = matrix(tmp_path, tiny_book, name, control=True)
    assert C.max() < 0.5
    assert np.abs(gains(C)).max() <= 0.5
    L = matrix(tmp_path, tiny_book, name)
    if name == "diligent":
        assert controlled_gains(L, C).min() >= 0.5


def test_curve_probes_trace_the_learning_curve(tiny_book: Textbook, tmp_path: Path) -> None:
    _, _, _, events = run_one(tmp_path, tiny_book, "diligent", curve_every=2)
    for c in range(1, T + 1):
        curve = learning_curve(events, c)
        assert [b for b, _ in curve] == [0, 2, 4, 6]
        assert all(acc == 1.0 for _, acc in curve)  # diligent knows the chapter once studied
    # curve probes never enter the accuracy matrix
    assert np.all(accuracy_matrix(events, T)[1:].diagonal() == 1.0)


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
def test_signatures_on_generated_textbooks(domain: str, tmp_path: Path) -> None:
    """The same signatures on procedurally generated books (paraphrased probes)."""
    book = generate(domain, seed=11, chapters=3)
    R = {name: matrix(tmp_path, book, name)
         for name in ("oracle", "random", "diligent", "forgetful")}
    assert np.all(R["oracle"] == 1.0)
    assert R["random"].mean() < 0.25
    assert R["diligent"][0].mean() < 0.25 and np.allclose(hake_gains(R["diligent"]), 1.0)
    assert backward_transfer(R["diligent"]) == 0.0
    assert backward_transfer(R["forgetful"]) < -0.5
    _, _, memoriser, events = run_one(tmp_path / "memo", book, "memoriser")
    assert accuracy_matrix(events, T).max() < 0.35
    exercises = [e for ch in book.chapters for e in ch.exercises]
    again = memoriser.answer([e.prompt for e in exercises])
    assert np.mean([grade(r, e).correct for r, e in zip(again, exercises, strict=True)]) == 1.0

"""Evaluation math on fakes (paired bootstrap, ratios, rank agreement), the book groups, the
ordinary questions, and the demonstration script end to end on the tiny model."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from selftaught.metatrain import MetaTrainConfig, eval_books, paired
from selftaught.metatrain.agreement import spearman
from selftaught.metatrain.behaviour import ordinary_questions

REPO = Path(__file__).resolve().parents[2]


def test_paired_difference_interval_and_ratio() -> None:
    better = paired([0.5, 0.75, 0.5, 0.5, 0.75, 0.5], [0.25, 0.25, 0.25, 0.0, 0.5, 0.25])
    assert better.difference == pytest.approx(0.3333, abs=1e-3)
    assert 0 < better.lo <= better.difference <= better.hi and better.excludes_zero
    assert better.ratio == pytest.approx(0.5833 / 0.25, abs=1e-3)
    same = paired([0.5, 0.0, 0.25, 0.25], [0.0, 0.5, 0.25, 0.25])
    assert same.lo < 0 < same.hi and not same.excludes_zero
    assert paired([0.25], [0.0]).ratio is None  # a ratio over a zero gain means nothing
    assert math.isnan(paired([0.25], [0.0]).lo)  # one book: no interval is invented
    with pytest.raises(ValueError, match="equal, non-empty"):
        paired([0.1], [0.1, 0.2])


def test_spearman_ranks() -> None:
    assert spearman([0.1, 0.4, 0.2, 0.9], [1, 3, 2, 4]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9487, abs=1e-3)


def test_evaluation_books_cover_three_groups() -> None:
    path = str(REPO / "examples" / "textbooks" / "swahili-first-steps.md")
    config = MetaTrainConfig(eval_seeds=(0, 1), eval_books=(path,))
    books = eval_books(config)
    assert [b.group for b in books] == ["unseen-seed"] * 2 + ["held-out-domain"] * 2 + [
        "hand-written"]
    assert len(books[-1].book.chapters) == config.chapters  # the same chapters as the others


def test_ordinary_questions_ship_with_the_package() -> None:
    items = ordinary_questions()
    assert len(items) >= 30 and len({q.id for q in items}) == len(items)
    assert all(q.answer.strip() for q in items)


def test_demonstration_script_quick_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "metatrain.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "metatrain.py"), "--quick", "--run-dir",
         str(tmp_path / "run"), "--json", str(out), "--agreement-edits", "2"],
        capture_output=True, text=True, timeout=600, cwd=REPO,
        env={"SELFTAUGHT_NUM_THREADS": "1", "PYTHONPATH": str(REPO),
             "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert [t["target"] for t in result["targets"]][2] == "edit parse rate, untrained policy"
    assert result["summary"]["parse_rate"] == 1.0
    assert {r["group"] for r in result["rows"]} == {"unseen-seed", "held-out-domain",
                                                    "hand-written"}
    behaviour = result["summary"]["details"]["behaviour"]
    assert behaviour["n"] == len(ordinary_questions())
    assert "loadavg_start" in result["summary"]

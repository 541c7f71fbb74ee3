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


def test_evaluation_books_are_disjoint_from_every_trained_book(tmp_path: Path) -> None:
    """The check covers every domain the algorithm trains on (MetaICL: ``discovery`` too),
    and a given model's own training books and domains (its export provenance)."""
    from selftaught.metatrain.config import ConfigError, trained_refs
    from selftaught.metatrain.export import EXPORT_META

    icl = MetaTrainConfig(algorithm="icl", eval_seeds=(0,))
    assert {r.label for r in trained_refs(icl)} == {"language-s100", "language-s101",
                                                    "discovery-s100", "discovery-s101"}
    assert {r.label for r in trained_refs(MetaTrainConfig())} == {"language-s100",
                                                                  "language-s101"}
    model = tmp_path / "model"
    model.mkdir()

    def trained_on(domains: list[str], seeds: list[int]) -> None:
        (model / EXPORT_META).write_text(json.dumps({"settings": {
            "domains": domains, "train_seeds": seeds, "chapters": icl.chapters,
            "items": icl.items}}))

    trained_on(["language", "discovery"], [100])
    assert [b.label for b in eval_books(icl, str(model))] == ["language-s0", "arithmetic-s0"]
    trained_on(["language"], [0])  # a model trained on what is now an evaluation book
    with pytest.raises(ConfigError, match="also a training book"):
        eval_books(icl, str(model))
    trained_on(["language", "arithmetic"], [100])  # the "held-out" domain was trained on
    with pytest.raises(ConfigError, match="held-out domain must be one it never saw"):
        eval_books(icl, str(model))


def test_comparison_json_is_strict() -> None:
    from selftaught.metatrain.evaluate import Comparison

    one = paired([0.25], [0.0])  # one book: no interval (NaN inside, null in the file)
    text = Comparison("base", "trained", ["b"], one, one, {"g": one}, books_planned=2).to_json()
    loaded = json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in strict JSON"))
    assert loaded["gain"]["lo"] is None and loaded["books_planned"] == 2


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
    result = json.loads(out.read_text(), parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert "book 1/3 done" in done.stdout  # a result after every book
    assert result["summary"]["complete"] is True
    assert [t["target"] for t in result["targets"]][2] == "edit parse rate, untrained policy"
    assert result["summary"]["parse_rate"] == 1.0
    assert {r["group"] for r in result["rows"]} == {"unseen-seed", "held-out-domain",
                                                    "hand-written"}
    behaviour = result["summary"]["details"]["behaviour"]
    assert behaviour["n"] == len(ordinary_questions())
    assert "loadavg_start" in result["summary"]

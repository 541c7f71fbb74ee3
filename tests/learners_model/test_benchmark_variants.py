"""``benchmarks/learners.py --variant``: one more column, a registered kind with its own
options, run in its own directory with its own control (tiny-random, seconds)."""

from __future__ import annotations

import doctest
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
import typer

BENCH_DIR = Path(__file__).resolve().parents[2] / "benchmarks"


def _learners_script() -> ModuleType:
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    return importlib.import_module("learners")


def test_parse_variant_reads_label_kind_and_json_options() -> None:
    script = _learners_script()
    result = doctest.testmod(script, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 2 and result.failed == 0
    for bad in ("nolabel", "=lora", "x=lora:{not json", "x=lora:[1]"):
        with pytest.raises(typer.BadParameter, match="--variant"):
            script.parse_variant(bad)


def test_variant_runs_in_its_own_directory_with_its_options(tmp_path: Path) -> None:
    script = _learners_script()
    script.main(seeds=1, domains="language", books="", chapters=1, items=1, learners="notes",
                model="tiny-random", variant=['slow=lora:{"learning_rate": 0.0003}'],
                option=["study_steps=1", "rank=2", "max_answer_tokens=2", "batch_size=2"],
                run_root=tmp_path / "run", results_dir=tmp_path, name="variants")
    data = json.loads((tmp_path / "variants.json").read_text())
    learners = {row["learner"] for row in data["rows"]}
    assert learners == {"notes", "slow"}
    assert data["config"]["variants"] == [{"label": "slow", "kind": "lora",
                                           "options": {"learning_rate": 0.0003}}]
    variant_dir = next((tmp_path / "run").glob("*-slow"))
    summary = json.loads((variant_dir / "summary.json").read_text())
    assert set(summary["learners"]) == {"lora"}  # its own store: the kind and its control
    track = summary["learners"]["lora"]["tracks"][0]
    assert track["control_track"] != track["track"]

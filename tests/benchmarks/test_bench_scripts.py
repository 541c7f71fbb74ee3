"""Smoke tests of the checked-in benchmark scripts at tiny sizes (``--quick``, ``tiny-random``):
each prints its markdown table and writes a well-formed JSON result. Numbers are not judged
here — benchmarks are measured on a quiet machine, not asserted in tests."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH_DIR = Path(__file__).resolve().parents[2] / "benchmarks"


def _script(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py`` the way running it does (its folder on sys.path)."""
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    return importlib.import_module(name)


def _result(results_dir: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((results_dir / f"{name}.json").read_text())
    assert data["name"] == name
    assert data["machine"]["cpu_count"] >= 1 and "loadavg_1m" in data["machine"]
    assert data["rows"], "no rows recorded"
    return data


def test_matmul_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _script("matmul").main(quick=True, results_dir=tmp_path)
    assert "| op | size | unit | median | best | repeats |" in capsys.readouterr().out
    data = _result(tmp_path, "matmul")
    assert data["summary"]["matmul_gflops"] > 0 and data["summary"]["copy_gbs"] > 0
    assert [row["op"] for row in data["rows"]] == ["matmul"] * 3 + ["copy"]

    report = _script("report")
    page = report.build(tmp_path)
    assert page.startswith("# Benchmark results")
    assert "## matmul" in page and "| op | size | unit | median | best | repeats |" in page
    with pytest.raises(FileNotFoundError, match="no results; run the benchmark scripts first"):
        report.build(tmp_path / "empty")


def test_sampling_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _script("sampling").main(model="tiny-random", quick=True, batch=[1, 4], max_tokens=4,
                             naive_prompts=2, results_dir=tmp_path)
    out = capsys.readouterr().out
    assert ("| method | batch | prompt_tokens | tokens | seconds | tokens_per_s | "
            "all_tokens_per_s | vs_naive | of_limit |") in out
    data = _result(tmp_path, "sampling")
    assert [(r["method"].split()[0], r["batch"]) for r in data["rows"]] == [
        ("naive", 1), ("SamplingClient.sample_many", 1), ("SamplingClient.sample_many", 4)
    ]
    assert [r["tokens"] for r in data["rows"]] == [8, 4, 16]  # every row generated max_tokens
    assert all(r["prompt_tokens"] > 0 and r["all_tokens_per_s"] > r["tokens_per_s"]
               for r in data["rows"])
    assert {t["target"] for t in data["targets"]} == {
        "batched ≥ 50% of compute limit", "batched ≥ 3× naive loop"
    }
    from selftaught.models import load_model

    model = load_model("tiny-random", device="cpu").model
    params = sum(p.numel() for n, p in model.named_parameters() if "lora_" not in n)
    summary = data["summary"]
    assert summary["compute_limit_tokens_per_s"] == pytest.approx(
        summary["matmul_gflops"] * 1e9 / (2 * params)
    )
    if not all(t["met"] for t in data["targets"]):
        assert any("profile of one batch" in note and "aten::" in note for note in data["notes"])


def test_training_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _script("training").main(model="tiny-random", quick=True, batch=2, seq_len=16, steps=2,
                             rank=4, results_dir=tmp_path)
    assert "| method | tokens | median_step_s | tokens_per_s | vs_bare |" in capsys.readouterr().out
    data = _result(tmp_path, "training")
    assert [r["tokens"] for r in data["rows"]] == [32, 32]
    assert data["summary"]["ratio"] == pytest.approx(
        data["rows"][1]["tokens_per_s"] / data["rows"][0]["tokens_per_s"]
    )
    if not data["targets"][0]["met"]:
        assert any("profile of one TrainingClient step" in note for note in data["notes"])


def test_load_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # the child process loads the tiny model
    _script("load").main(model="tiny-random", quick=True, repeats=1, profile=False,
                         results_dir=tmp_path)
    out = capsys.readouterr().out
    assert "| phase | import_s | load_s | modules_imported | process_s | peak_rss_mib |" in out
    data = _result(tmp_path, "load")
    (row,) = data["rows"]
    assert row["phase"] == "cached #1" and row["load_s"] > 0 and row["peak_rss_mib"] > 50
    assert data["summary"]["cached_load_s"] == row["load_s"]


def test_markdown_table_formats_cells() -> None:
    common = _script("_common")
    table = common.markdown_table([{"a": 1234.5, "b": True, "c": None}, {"a": 0.01234}],
                                  ["a", "b", "c"])
    assert table.splitlines() == ["| a | b | c |", "|---|---|---|", "| 1,234 | yes |  |",
                                  "| 0.0123 |  |  |"]


def test_learners_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _script("learners").main(seeds=2, domains="language", books="", chapters=2, items=1,
                             learners="lora", model="tiny-random",
                             option=["study_steps=1", "rank=2", "max_answer_tokens=2",
                                     "batch_size=2"],
                             run_root=tmp_path / "run", results_dir=tmp_path)
    out = capsys.readouterr().out
    assert "| group | learner | measure | mean | ci95 | n | values |" in out
    data = _result(tmp_path, "learners")
    rows = {(row["group"], row["learner"], row["measure"]): row for row in data["rows"]}
    for measure in ("pre-test", "post-study", "control post-study", "forgetting",
                    "CPU-min per chapter", "answer logprob", "logprob gain"):
        assert rows[("language", "lora", measure)]["n"] == 2, measure
    assert [t["target"] for t in data["targets"]] == [
        "language lora: pre-test", "language lora: post-study", "language lora: forgetting",
        "language lora: CPU-min per chapter"]
    summaries = data["config"]["summaries"]
    assert len(summaries) == 2 and all(Path(p).name == "summary.json" for p in summaries)
    assert all(Path(p).exists() for p in summaries)

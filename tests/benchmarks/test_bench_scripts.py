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
                             hf=True, llamacpp=False, results_dir=tmp_path)
    out = capsys.readouterr().out
    assert ("| method | batch | prompt_tokens | tokens | seconds | tokens_per_s | "
            "limit_tokens_per_s | fraction_of_limit | bound |") in out
    data = _result(tmp_path, "sampling")
    assert [(r["method"].split()[0], r["batch"]) for r in data["rows"]] == [
        ("SamplingClient", 1), ("HF", 1), ("SamplingClient", 4), ("HF", 4)
    ]
    for r in data["rows"]:
        assert 0 < r["tokens"] <= 4 * r["batch"] and r["prompt_tokens"] > 0
        assert r["limit_tokens_per_s"] > 0
        assert r["fraction_of_limit"] == pytest.approx(r["tokens_per_s"] / r["limit_tokens_per_s"])
    assert data["summary"]["matmul_gflops"] > 0 and data["summary"]["copy_gbs"] > 0
    assert {t["target"] for t in data["targets"]} == {
        "batch 1 ≥ 50% of the memory-bound limit", "batch 1 ≥ 1.5× HF generate"
    }


def test_roofline_bounds() -> None:
    roofline = _script("_common").roofline_seconds
    # One row, 3 decode steps, memory bound: 3 × (weights + KV) / bandwidth.
    memory = roofline([0], [4], params=1e6, weight_bytes=4e6, kv_bytes_per_token=0.0,
                      matmul_gflops=1e6, copy_gbs=1.0)
    assert memory == pytest.approx(3 * 4e6 / 1e9)
    # Compute bound: prefill 2·P per prompt token + 2·P per live row per step.
    compute = roofline([10, 10], [2, 1], params=1e9, weight_bytes=0.0, kv_bytes_per_token=0.0,
                       matmul_gflops=1.0, copy_gbs=1e6)
    assert compute == pytest.approx(2e9 * 20 / 1e9 + 2e9 * 1 / 1e9)


def test_training_quick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _script("training").main(model="tiny-random", quick=True, batch=2, seq_len=16, steps=2,
                             rank=4, weighted=4, results_dir=tmp_path)
    assert ("| method | tokens | weighted_tokens | median_step_s | tokens_per_s | "
            "limit_tokens_per_s | fraction_of_limit | vs_bare |") in capsys.readouterr().out
    data = _result(tmp_path, "training")
    assert [r["tokens"] for r in data["rows"]] == [32, 32, 32]
    assert data["rows"][2]["method"] == "TrainingClient lora_layers=(1, 2)"
    assert data["summary"]["ratio"] == pytest.approx(data["rows"][1]["vs_bare"])
    assert data["rows"][2]["limit_tokens_per_s"] > data["rows"][1]["limit_tokens_per_s"]


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

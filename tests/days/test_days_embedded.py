"""Two days of a `lora` learner on the real embedded SmolLM2-135M (slow: loads the model).

Few items and few gradient steps: this checks that the real model's adapter
(its real size, its optimizer state) is saved, verified and continued across
days through the CLI, not that it learns (the benchmarks measure that).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from safetensors.torch import load_file
from typer.testing import CliRunner

from selftaught.cli.main import app

pytestmark = pytest.mark.slow
runner = CliRunner()


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_two_days_on_the_embedded_model(tmp_path: Path) -> None:
    home = str(tmp_path / "learners")
    code, out = cli("learner", "new", "ada", "--kind", "lora", "--model",
                    "smollm2-135m-instruct", "-o", "study_steps=2", "-o", "batch_size=2",
                    "-o", "max_answer_tokens=8", "--home", home)
    assert code == 0, out
    for chapters in ("1", "2"):
        code, out = cli("study", "language", "--learner", "ada", "--chapters", chapters,
                        "--items", "1", "--home", home)
        assert code == 0, out
    record = json.loads((tmp_path / "learners" / "ada" / "learner.json").read_text())
    assert record["current_day"] == 2 and record["model"] == "smollm2-135m-instruct"
    assert sorted(record["days"][1]["probe_acc"]) == ["1", "2"]
    days = tmp_path / "learners" / "ada" / "days"
    day_1 = load_file(str(days / "1" / "lora" / "adapter_model.safetensors"))
    day_2 = load_file(str(days / "2" / "lora" / "adapter_model.safetensors"))
    assert any(not day_1[k].equal(day_2[k]) for k in day_1)  # day 2 trained on from day 1

    optimizer = days / "2" / "lora" / "optimizer.pt"
    data = bytearray(optimizer.read_bytes())
    data[-10] ^= 0xFF
    optimizer.write_bytes(bytes(data))
    code, out = cli("study", "language", "--learner", "ada", "--chapters", "3", "--items", "1",
                    "--home", home)
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1, out
    assert "days/2/lora/optimizer.pt: checksum mismatch" in lines[0]
    assert "rollback ada --to-day 1" in lines[0]

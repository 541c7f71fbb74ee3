"""A coding textbook studied end to end by the real embedded model (slow: SmolLM2-135M).

The `notes` learner on ``smollm2-135m-instruct`` goes through ``selftaught study``
with a one-chapter coding book (one exercise, one probe): it writes code, the
code runs against the hidden tests in the bubblewrap sandbox, and the metric
card judges its code for duct tape. What is asserted is the machinery, not the
model's skill: every answer graded with feedback, the code actually judged
(a whole fenced block, not one line), and a duct-tape rate in [0, 1].
Measured on the 2-core reference machine under load: see the README section.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.generators import generate
from selftaught.report import load_run
from selftaught.study import RunStore
from selftaught.textbook import save_textbook


@pytest.mark.slow
def test_embedded_model_studies_a_coding_book_and_its_code_is_judged(tmp_path: Path) -> None:
    book = generate("coding", seed=0, chapters=1, exercises=1, probes=1)
    book_file = tmp_path / "coding.yaml"
    save_textbook(book, book_file)
    run_dir = tmp_path / "run"
    started = time.perf_counter()
    result = CliRunner().invoke(app, [
        "study", str(book_file), "--learner", "notes", "--run-dir", str(run_dir),
        "-o", "model=smollm2-135m-instruct", "-o", "max_answer_tokens=64",
    ], terminal_width=200)
    wall = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert "ducttape/rate" in result.output

    with RunStore(run_dir / "run.sqlite") as store:
        tracks = store.tracks()
        assert [(t.control, t.status) for t in tracks] == [(False, "done"), (True, "done")]
        answered = [e for t in tracks for e in store.events(t.id) if e.kind != "study"]
    assert len(answered) == 2 * 3  # per track: pre-test probe, practice, probe after ch1
    for event in answered:
        assert event.grade is not None and 0.0 <= event.grade.score <= 1.0
        assert event.grade.feedback.strip()
        assert event.response and event.response.startswith("Answer:")

    [learner] = load_run(run_dir).learners
    assert learner.card is not None
    rate = learner.card.metrics["ducttape/rate"].mean  # present: some code was judged
    assert 0.0 <= rate <= 1.0
    assert learner.duct_tape is not None and learner.duct_tape.seeds[0].judged >= 1
    accuracy = {
        "pre-test": learner.card.metrics["pretest/floor"].mean,
        "post-study": learner.card.metrics["probe/post_study"].mean,
        "practice": learner.practice[0].solved / learner.practice[0].attempted,
    }
    print(f"\ncoding book, notes on smollm2-135m-instruct: {accuracy}, duct-tape rate "
          f"{rate:.2f} ({learner.duct_tape.seeds[0].judged} judged), wall {wall:.0f} s")

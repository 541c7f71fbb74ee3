"""`selftaught train` end to end on the tiny model: both algorithms, evaluation, resume rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selftaught.cli import train as train_cli
from selftaught.metatrain import TrainStore
from selftaught.study import RunStore

QUICK = ["--quick", "--model", "tiny-random"]


def _app() -> typer.Typer:
    app = typer.Typer()
    train_cli.register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps `train` a named subcommand
        """Unused."""

    return app


@pytest.mark.parametrize(("algorithm", "evaluate"), [("rest-em", True), ("pg", False)])
def test_quick_run_trains_checkpoints_and_evaluates(
    tmp_path: Path, algorithm: str, evaluate: bool
) -> None:
    """Both algorithms end to end; the evaluation (the same code for both) runs once."""
    run_dir = tmp_path / "run"
    result = CliRunner().invoke(
        _app(), ["train", *QUICK, "--algorithm", algorithm, "--run-dir", str(run_dir),
                 "--tensorboard", str(tmp_path / "tb"), *([] if evaluate else ["--no-eval"])]
    )
    assert result.exit_code == 0, result.output
    assert "iteration 2" in result.output
    assert list((tmp_path / "tb").glob("events.out.tfevents.*"))
    with TrainStore(run_dir / "train.sqlite") as store:
        assert json.loads(store.meta("config") or "{}")["algorithm"] == algorithm
        for r in store.iterations():
            assert {"reward/mean", "reward/std", "reward/frac_positive"} <= set(r.metrics)
            assert r.metrics["edit/parse_rate"] == 1.0
            assert (run_dir / r.state_path / "optimizer.pt").is_file()  # with Adam state
            assert (run_dir / r.sampler_path / "adapter_model.safetensors").is_file()
            assert len(store.edits(r.iteration)) == 2  # K=2 edits x 1 chapter
        assert [r.iteration for r in store.iterations()] == [1, 2]
    if not evaluate:
        return
    assert "controlled gain: trained" in result.output and "paired difference" in result.output
    assert (run_dir / "model" / "config.json").is_file()  # the exported model
    assert (run_dir / "model" / "selftaught_export.json").is_file()
    with TrainStore(run_dir / "train.sqlite") as store:
        assert store.meta("eval/iter_0002") is not None
    summary = json.loads((run_dir / "eval" / "iter_0002" / "summary.json").read_text())
    assert summary["books"] == ["language-s0", "arithmetic-s0"]
    assert summary["trained_model"] == str((run_dir / "model").resolve())
    assert summary["base_model"] == "tiny-random"  # the frozen base, not an adapter
    with RunStore(run_dir / "eval" / "iter_0002" / "run.sqlite") as eval_store:
        tracks = eval_store.tracks()
        assert len(tracks) == 8 and all(t.status == "done" for t in tracks)  # 2 books x 4
        assert [t.learner for t in tracks[:4]] == ["stateless", "self-edit", "stateless",
                                                   "self-edit"]

    # `selftaught report RUN` on a training run: iterations, evaluation and edits, from the store
    from selftaught.cli import report as report_cli

    report_app = typer.Typer()
    report_cli.register(report_app)
    report_app.command("noop")(lambda: None)
    built = CliRunner().invoke(report_app, ["report", str(run_dir)])
    assert built.exit_code == 0, built.output
    page = (run_dir / "report.html").read_text()
    assert "<svg" in page and "reward/frac_positive" in page
    assert "language-s0, arithmetic-s0" in page and "Best self-edits" in page
    missing = CliRunner().invoke(report_app, ["report", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


@pytest.mark.parametrize(("algorithm", "kind"), [("icl", "notes"), ("reptile", "lora")])
def test_quick_run_of_the_model_algorithms(tmp_path: Path, algorithm: str, kind: str) -> None:
    """``selftaught train --algorithm icl|reptile --quick``: trains, exports ``<run>/model``
    and evaluates it with the learner it was trained for; the summary is strict JSON."""
    run_dir = tmp_path / "run"
    result = CliRunner().invoke(
        _app(), ["train", *QUICK, "--algorithm", algorithm, "--run-dir", str(run_dir)])
    assert result.exit_code == 0, result.output
    assert "controlled gain: trained" in result.output
    assert (run_dir / "model" / "config.json").is_file()
    provenance = json.loads((run_dir / "model" / "selftaught_export.json").read_text())
    assert provenance["settings"]["algorithm"] == algorithm
    text = (run_dir / "eval" / "iter_0000" / "summary.json").read_text()
    summary = json.loads(text, parse_constant=_refuse_constant)  # no NaN: one book per group
    assert summary["books"] == ["language-s0", "arithmetic-s0"]
    assert summary["books_planned"] == 2
    assert summary["by_group"]["unseen-seed"]["lo"] is None
    with RunStore(run_dir / "eval" / "iter_0000" / "run.sqlite") as eval_store:
        assert {t.learner for t in eval_store.tracks()} == {"stateless", kind}


def _refuse_constant(name: str) -> None:
    raise AssertionError(f"{name} in a JSON result: strict readers refuse it")


def test_resume_rules_and_eval_only(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    runner = CliRunner()
    quick = [*QUICK, "--set", "question_tokens=4"]
    first = runner.invoke(_app(), ["train", *quick, "--no-eval", "--run-dir", str(run_dir)])
    assert first.exit_code == 0, first.output

    again = runner.invoke(_app(), ["train", *quick, "--no-eval", "--run-dir", str(run_dir)])
    assert again.exit_code == 2 and "already holds a training run" in again.output

    changed = runner.invoke(_app(), ["train", *quick, "--set", "edits_per_chapter=3",
                                     "--no-eval", "--resume", "--run-dir", str(run_dir)])
    assert changed.exit_code == 2, changed.output
    assert "edits_per_chapter: 2 -> 3" in changed.output and "Traceback" not in changed.output

    resumed = runner.invoke(_app(), ["train", "--resume", "--no-eval", "--run-dir",
                                     str(run_dir)])  # no options: the stored config
    assert resumed.exit_code == 0, resumed.output
    with TrainStore(run_dir / "train.sqlite") as store:
        assert len(store.iterations()) == 2  # a finished run is not redone

    bad = runner.invoke(_app(), ["train", "--eval-only", str(run_dir), "--eval-iteration", "7"])
    assert bad.exit_code == 2 and "has iterations 1, 2" in bad.output
    evaluated = runner.invoke(_app(), ["train", "--eval-only", str(run_dir),
                                       "--eval-iteration", "1"])
    assert evaluated.exit_code == 0, evaluated.output
    assert (run_dir / "eval" / "iter_0001" / "summary.json").is_file()
    assert json.loads((run_dir / "model" / "selftaught_export.json").read_text())[
        "iteration"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "eval_domain=language"], "eval_domain: must differ"),
        (["--set", "iterations"], "expected FIELD=VALUE"),
        (["--algorithm", "dpo"], "algorithm: unknown 'dpo'"),
        (["--resume"], "no training run in"),
    ],
)
def test_bad_input_is_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(
        _app(), ["train", *QUICK, *args, "--run-dir", str(tmp_path / "x")]
    )
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output

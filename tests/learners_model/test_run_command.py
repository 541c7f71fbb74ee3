"""`selftaught run` end to end on the tiny model: tracks, metric cards, report, resume, errors."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from selftaught.cli import run as run_cli
from selftaught.study import RunStore

ARGS = ["--model", "tiny-random", "--domain", "arithmetic", "--chapters", "1", "--items", "2",
        "--learners", "notes,lora"]


def _app() -> typer.Typer:
    app = typer.Typer()
    run_cli.register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps `run` a named subcommand
        """Unused."""

    return app


def test_run_writes_cards_report_and_resumes(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    runner = CliRunner()
    result = runner.invoke(_app(), ["run", *ARGS, "--run-dir", str(run_dir)])
    assert result.exit_code == 0, result.output
    assert "notes vs control" in result.output and "lora vs control" in result.output
    assert (run_dir / "report.html").stat().st_size > 0
    with RunStore(run_dir / "run.sqlite") as store:
        tracks = store.tracks()
        assert [(t.learner, t.control) for t in tracks] == [
            ("stateless", True), ("notes", False), ("lora", False)
        ]
        assert all(t.status == "done" for t in tracks)
        n_events = store.event_count()
        studied = [e for e in store.events(tracks[1].id) if e.kind == "study"]
        assert studied and studied[0].response  # the notes it wrote are logged
        assert float(store.meta("wall_seconds") or 0) > 0

    again = runner.invoke(_app(), ["run", *ARGS, "--run-dir", str(run_dir), "--resume"])
    assert again.exit_code == 0, again.output
    with RunStore(run_dir / "run.sqlite") as store:
        assert store.event_count() == n_events  # a finished run is not redone

    refused = runner.invoke(_app(), ["run", *ARGS, "--run-dir", str(run_dir)])
    assert refused.exit_code == 2 and "already holds a run" in refused.output


def test_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    for extra, message in (
        (["--learners", "notes,teleport"], "unknown teleport"),
        (["--domain", "astrology"], "--domain: unknown 'astrology'"),
        (["--option", "teleport=1"], "--option: unknown teleport"),
        (["--option", "rank=0"], "--option: rank must be >= 1"),
    ):
        result = runner.invoke(_app(), ["run", *ARGS, *extra, "--run-dir", str(tmp_path / "x")])
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
        assert not (tmp_path / "x").exists()  # refused before any run directory exists


def test_learner_options_reach_the_learners(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    args = ["--model", "tiny-random", "--domain", "arithmetic", "--chapters", "1", "--items", "1",
            "--learners", "lora", "--option", "study_steps=1", "-o", "rank=2"]
    result = CliRunner().invoke(_app(), ["run", *args, "--run-dir", str(run_dir)])
    assert result.exit_code == 0, result.output
    with RunStore(run_dir / "run.sqlite") as store:
        lora = next(t for t in store.tracks() if t.learner == "lora")
        study = next(e for e in store.events(lora.id) if e.kind == "study")
    assert study.costs.grad_steps == 1  # study_steps=1 (the default is 40)


def test_quick_preset_merges_user_options() -> None:
    quick = run_cli.RunOptions.quick(learner_options={"rank": 4})
    assert (quick.chapters, quick.items, quick.learners) == (2, 4, ("notes", "lora"))
    assert quick.learner_options == {"study_steps": 16, "rank": 4}
    assert run_cli.RunOptions.quick(learner_options={"study_steps": 3}).learner_options == {
        "study_steps": 3}
    coding = run_cli.RunOptions(domain="coding", learner_options={"rank": 4}).factory_options()
    assert coding == {"model": "smollm2-135m-instruct", "max_answer_tokens": 160, "rank": 4}

"""CLI: ``selftaught run`` -- the main job: model learners study a fresh textbook, vs a control.

With no arguments: the embedded SmolLM2-135M, a freshly generated
fictional-language textbook, the learners ``stateless``, ``notes`` and ``lora``,
one seed. Per seed the run holds one control track (the model with learning
disabled) and one track per learner; every learner is compared with that same
control, because a model learner whose ``study``/``feedback`` are never called
*is* the stateless model (same base weights, empty notebook, greedy decoding).

It prints, per learner, the metric card (pre-test floor, post-study accuracy,
controlled gain, forgetting, cost) with 95% confidence intervals over seeds,
then writes ``<run dir>/report.html``. ``--resume`` continues a killed run.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from selftaught.cli.backend import BackendOpt, BaseUrlOpt, apply_backend
from selftaught.cli.progress import RayOption, WorkersOption, ray_config, track_progress
from selftaught.learners import LearnerStateError
from selftaught.learners.options import parse_options
from selftaught.limits import MAX_CHAPTERS, MAX_ITEMS, MAX_SEEDS
from selftaught.metrics.reward import REWARD_META_KEY, RewardConfig
from selftaught.study import (
    STORE_FILE,
    Arm,
    Grid,
    GridTrack,
    RunInputError,
    RunStore,
    RunStoreError,
    StudyRunError,
    open_run,
    open_tracks,
    run_grid,
)
from selftaught.study.grid import check_learners, generate_books
from selftaught.study.summary import write_summary
from selftaught.types import StudyEvent

console = Console()
err_console = Console(stderr=True)

WALL_KEY = "wall_seconds"
"""Run-store meta key: wall-clock seconds of the run, summed over resumed sessions."""

DOMAIN_OPTIONS: dict[str, dict[str, Any]] = {"coding": {"max_answer_tokens": 160}}
"""Learner options a domain needs: a code answer is a whole function, which the default
24-token answer cuts off before it can be run or judged."""

CONTROL = "stateless"
"""The learner kind run with learning disabled as every learner's control."""


@dataclass(frozen=True)
class RunOptions:
    """What `selftaught run` does; stored in the run store so ``--resume`` can verify it."""

    model: str = "smollm2-135m-instruct"
    """Base model of every learner (a name or a local Hugging Face model directory)."""
    domain: str = "language"
    """Generator domain of the textbooks (a fresh one per seed)."""
    chapters: int = 3
    """Chapters per textbook."""
    learners: tuple[str, ...] = ("stateless", "notes", "lora")
    """Learners compared against the control."""
    seeds: int = 1
    """Textbook seeds 0..N-1 (confidence intervals are over seeds)."""
    curve_every: int | None = None
    """Probe the current chapter every K practice exercises (learning curves)."""
    items: int | None = None
    """Exercises and probes per chapter (None: the generator's default, 8 each)."""
    learner_options: dict[str, Any] = field(default_factory=dict)
    """Options for every learner's factory (``--option KEY=VALUE``; for model learners the
    `ModelLearnerConfig` fields), on top of `DOMAIN_OPTIONS` for the domain."""

    def factory_options(self) -> dict[str, Any]:
        """What each learner is built with: the model, the domain's defaults, the user's options."""
        return {"model": self.model, **DOMAIN_OPTIONS.get(self.domain, {}),
                **self.learner_options}

    def grid(self) -> Grid:
        """Per seed: the control, then one track per learner, all built with `factory_options`."""
        check_learners(self.learners)
        check_model_options(self)
        books = generate_books(self.domain, seeds=self.seeds, chapters=self.chapters,
                               items=self.items)
        options = self.factory_options()
        arms = [Arm("control", CONTROL, control=True, options=options),
                *(Arm(name, name, options=options) for name in self.learners)]
        return Grid(books=tuple(books), arms=tuple(arms), curve_every=self.curve_every)

    @classmethod
    def quick(cls, **overrides: Any) -> RunOptions:
        """The ``--quick`` preset: two chapters of 4 exercises and 4 probes; notes and lora,
        with 16 LoRA steps per chapter instead of 40 (a smoke run: it learns less)."""
        defaults: dict[str, Any] = {"chapters": 2, "items": 4, "learners": ("notes", "lora"),
                                    "learner_options": {"study_steps": 16}}
        given = {k: v for k, v in overrides.items() if v is not None}
        given["learner_options"] = {**defaults["learner_options"],
                                    **given.get("learner_options", {})}
        return cls(**{**defaults, **given})


def register(app: typer.Typer) -> None:
    """Add the ``run`` command to the top-level app."""
    app.command("run")(run)


def run(
    model: Annotated[str, typer.Option(help="Base model name or local HF directory.")] = (
        RunOptions.model
    ),
    domain: Annotated[str, typer.Option(help="Textbook generator domain.")] = RunOptions.domain,
    chapters: Annotated[
        int | None, typer.Option(min=1, max=MAX_CHAPTERS,
                                 help="Chapters per textbook (default 3; 2 with --quick).")
    ] = None,
    learners: Annotated[
        str | None, typer.Option(help="Comma-separated learners (default stateless,notes,lora).")
    ] = None,
    seeds: Annotated[int, typer.Option(min=1, max=MAX_SEEDS,
                                       help="Number of textbook seeds.")] = 1,
    curve_every: Annotated[
        int | None, typer.Option(min=1, help="Curve probes every K exercises.")
    ] = None,
    items: Annotated[
        int | None, typer.Option(min=1, max=MAX_ITEMS,
                                 help="Exercises and probes per chapter (default 8).")
    ] = None,
    quick: Annotated[
        bool, typer.Option("--quick", help="Smoke run: 2 chapters x 4 items, notes and lora, "
                           "16 LoRA steps per chapter.")
    ] = False,
    run_dir: Annotated[
        Path | None, typer.Option(help="Run directory (default runs/<time>).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the run in --run-dir.")
    ] = False,
    option: Annotated[
        list[str] | None,
        typer.Option("--option", "-o", help="Learner option KEY=VALUE (repeatable), e.g. "
                     "study_steps=20; model learners take ModelLearnerConfig fields."),
    ] = None,
    duct_tape_penalty: Annotated[
        float, typer.Option(help="μ: weight of the duct-tape rate of code answers subtracted "
                            "from the progress reward (>= 0).")
    ] = RewardConfig().duct_tape_weight,
    backend: BackendOpt = "local",
    base_url: BaseUrlOpt = None,
    ray: RayOption = None,
    workers: WorkersOption = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the run's summary.json instead of the tables.")
    ] = False,
) -> None:
    """The main job: learners study fresh textbooks; print metric cards; write report.html."""
    apply_backend(backend, base_url)
    overrides: dict[str, Any] = {
        "items": items,
        "model": model,
        "domain": domain,
        "seeds": seeds,
        "curve_every": curve_every,
    }
    if chapters is not None:
        overrides["chapters"] = chapters
    if option:
        overrides["learner_options"] = parse_options(option)
    if learners is not None:
        overrides["learners"] = tuple(n.strip() for n in learners.split(",") if n.strip())
    options = RunOptions.quick(**overrides) if quick else RunOptions(**overrides)
    directory = run_dir or Path("runs") / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        reward = RewardConfig.with_duct_tape_penalty(duct_tape_penalty)
        grid = options.grid()
        on_ray = ray_config(ray, workers, backend=backend)
        started = time.perf_counter()
        with open_run(directory, options, resume=resume) as store:
            tracks = open_tracks(store, grid)
            # An evaluation setting, not a run setting: a resume may change it.
            store.set_meta(REWARD_META_KEY, reward.to_json())
            with track_progress(store, tracks, console) as (on_track, on_step):
                run_grid(store, tracks, on_track=on_track, on_step=on_step, ray=on_ray)
            # Wall time accumulates over resumed sessions of the same run.
            wall = float(store.meta(WALL_KEY) or 0.0) + time.perf_counter() - started
            store.set_meta(WALL_KEY, f"{wall:.1f}")
            summary = write_summary(directory, store, reward=reward)
            if not json_out:
                _print_cards(store, tracks, options, grid, reward)
        if json_out:
            print(json.dumps(summary, indent=1, ensure_ascii=False))
            return
        console.print(f"wall time: {wall:.0f} s", highlight=False)
        _write_report(directory)
    except (RunInputError, StudyRunError, RunStoreError, LearnerStateError, ValueError) as error:
        err_console.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def check_model_options(options: RunOptions) -> None:
    """Refuse bad ``--option``s before any run directory exists (model learners' options are
    `ModelLearnerConfig` fields, checked without loading a model)."""
    from dataclasses import fields

    from selftaught.learners.model import KINDS, ModelLearnerConfig

    if not options.learner_options or not set(options.learners) <= {*KINDS}:
        return
    known = {f.name for f in fields(ModelLearnerConfig)}
    unknown = sorted(set(options.learner_options) - known)
    if unknown:
        raise RunInputError(f"--option: unknown {', '.join(unknown)} for model learners "
                            f"(expected some of: {', '.join(sorted(known))})")
    try:
        ModelLearnerConfig(**options.factory_options())
    except (TypeError, ValueError) as error:
        raise RunInputError(f"--option: {error}") from None


def _print_cards(
    store: RunStore, tracks: list[GridTrack], options: RunOptions, grid: Grid,
    reward: RewardConfig,
) -> None:
    from selftaught.metrics import MetricCard, code_items

    books_S = list(grid.books)
    has_code = any(code_items(book) for book in books_S)
    events: dict[tuple[str, int], list[StudyEvent]] = {
        (t.arm.label, t.book_index): store.events(t.id) for t in tracks
    }
    summary = Table(
        title=f"selftaught run: {options.model}, {options.domain}, "
        f"{options.chapters} chapters, {options.seeds} seed(s)"
    )
    for column in (
        "learner",
        "pre-test",
        "post-study",
        "controlled gain",
        "forgetting",
        "tokens/chapter",
        "seconds/chapter",
        *(("duct-tape rate", "reward") if has_code else ()),
    ):
        summary.add_column(column, justify="left" if column == "learner" else "right")
    for name in options.learners:
        pairs = [(events[(name, s)], events[("control", s)]) for s in range(options.seeds)]
        card = MetricCard.from_tracks(pairs, options.chapters, books_S=books_S, reward=reward)
        console.print(card.render(title=f"{name} vs control"))
        m = card.metrics
        summary.add_row(
            name,
            *(_fmt(m[k].mean) for k in ("pretest/floor", "probe/post_study", "gain/controlled")),
            _fmt(m["forgetting/max"].mean) if "forgetting/max" in m else "n/a",
            f"{m['cost/tokens_per_chapter'].mean:,.0f}",
            f"{m['cost/seconds_per_chapter'].mean:,.1f}",
            *((_fmt(m["ducttape/rate"].mean) if "ducttape/rate" in m else "n/a",
               _fmt(m["reward/progress"].mean)) if has_code else ()),
        )
    console.print(summary)


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _write_report(directory: Path) -> None:
    from selftaught.report import build_report

    path = build_report(directory)
    console.print(f"report: {path}", highlight=False)
    console.print(f"run stored in {directory / STORE_FILE}", highlight=False)

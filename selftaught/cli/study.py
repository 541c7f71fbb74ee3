"""CLI: ``selftaught study BOOK --learner NAME``: a learner and its control, then the metrics.

Why one command does book resolution, tracks, resume and reporting: a study is
only meaningful as "learner vs control, over seeds", so the command always
builds that grid (one learner track and one control track per seed) in one
run directory, and always ends with the accuracy matrix and the metric card.

BOOK is a textbook file (YAML/JSON) or a generator domain (``language``,
``arithmetic``). With a domain, seed s = 0..N-1 generates a fresh textbook per
seed (the confidence interval over seeds is over textbooks); with a file, the
same book is studied N times with learner seeds 0..N-1.

Run directory layout (default ``runs/<UTC time>-<learner>/``)::

    run.sqlite             the RunStore: tracks, events, checkpoints
    state/track_<id>/step_<n>/   learner state after each completed step

``--resume`` continues a killed run in the same directory with the same
options; without it, an existing run directory is refused (results are never
overwritten).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from selftaught.cli.backend import BackendOpt, BaseUrlOpt, apply_backend
from selftaught.cli.learner import study_saved
from selftaught.cli.progress import RayOption, WorkersOption, ray_config, track_progress
from selftaught.days import HOME_ENV, LearnerHome
from selftaught.learners import Learner, LearnerStateError, learner_names, make_learner
from selftaught.learners.options import LearnerOptionError, parse_options
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
    build_learner,
    open_run,
    open_tracks,
    run_grid,
)
from selftaught.study.grid import resolve_books, reuse_first
from selftaught.study.summary import write_summary
from selftaught.types import StudyEvent

console = Console()
err_console = Console(stderr=True)


@dataclass(frozen=True)
class RunSpec:
    """The options that define a run; stored in the run store so ``--resume`` can verify them."""

    book: str
    """The BOOK argument as given (a path is stored resolved)."""
    learner: str
    seeds: int
    curve_every: int | None
    chapters: int | None
    control: bool
    options: dict[str, Any] = field(default_factory=dict)
    """Learner options (``--option KEY=VALUE``), passed to the learner's factory."""


def register(app: typer.Typer) -> None:
    """Add the ``study`` command to the top-level app."""
    app.command("study")(study)


def study(
    book: Annotated[str, typer.Argument(help="Textbook file (.yaml/.json) or generator domain.")],
    learner: Annotated[str, typer.Option("--learner", "-l", help="Registered learner kind, or "
                                         "a saved learner's name (`selftaught learner list`).")],
    seeds: Annotated[int, typer.Option(min=1, max=MAX_SEEDS,
                                       help="Seeds: textbooks (domain) or learner "
                                               "seeds (file) 0..N-1.")] = 1,
    run_dir: Annotated[Path | None, typer.Option(help="Run directory (default: runs/<time>-"
                                                      "<learner>).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the killed run in "
                                                          "--run-dir.")] = False,
    curve_every: Annotated[int | None, typer.Option(min=1, help="Probe the current chapter "
                                                    "every K exercises.")] = None,
    chapters: Annotated[str | None, typer.Option(help="Chapters: first K of a file, or K "
                                                 "generated ones; a saved learner: today's "
                                                 "chapters, N or A-B.")] = None,
    no_control: Annotated[bool, typer.Option("--no-control", help="Skip the control tracks "
                                             "(no metric card).")] = False,
    option: Annotated[list[str] | None, typer.Option("--option", "-o", help="Learner option "
                      "KEY=VALUE, repeatable; VALUE is read as JSON, else as text.")] = None,
    duct_tape_penalty: Annotated[float, typer.Option(help="μ: weight of the duct-tape rate of "
                                 "code answers subtracted from the progress reward (>= 0).")] = (
        RewardConfig().duct_tape_weight
    ),
    seed: Annotated[int | None, typer.Option(min=0, help="Saved learner: seed of the generated "
                                             "book [default: 0].")] = None,
    items: Annotated[int | None, typer.Option(min=1, max=MAX_ITEMS,
                                              help="Saved learner: exercises and probes "
                                              "per chapter of a generated book.")] = None,
    home: Annotated[Path | None, typer.Option("--home", envvar=HOME_ENV, help="Saved learners' "
                                              "directory [default: ./learners].")] = None,
    backend: BackendOpt = "local",
    base_url: BaseUrlOpt = None,
    ray: RayOption = None,
    workers: WorkersOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the run's summary.json "
                                           "instead of the tables.")] = False,
) -> None:
    """Study a textbook with a learner (and its control); print the accuracy matrix and metrics.

    With a saved learner's name (`selftaught learner new`), study one day instead:
    chapters A-B, continuing from the learner's last day, then probe every chapter
    of the book it has studied so far.
    """
    apply_backend(backend, base_url)
    if learner not in learner_names() and LearnerHome(home).exists(learner):
        extra = {"--seeds": seeds != 1, "--run-dir": run_dir is not None, "--resume": resume,
                 "--curve-every": curve_every is not None, "--no-control": no_control,
                 "--option": bool(option), "--ray": ray is not None,
                 "--workers": workers is not None,
                 "--duct-tape-penalty": duct_tape_penalty != RewardConfig().duct_tape_weight}
        given = [flag for flag, used in extra.items() if used]
        if given:
            err_console.print(f"[red]error:[/red] {', '.join(given)}: not for a saved learner "
                              f"({learner!r} studies one book a day, without a control; its "
                              "options were set by `selftaught learner new`)", highlight=False,
                              soft_wrap=True)
            raise typer.Exit(2)
        study_saved(book, learner, chapters=chapters, seed=seed, items=items, home=home)
        return
    try:
        if learner not in learner_names():
            known = ", ".join(learner_names())
            saved = ", ".join(LearnerHome(home).names()) or "none"
            raise RunInputError(f"--learner: unknown learner {learner!r} (expected a kind: "
                                  f"{known}; or a saved learner in {LearnerHome(home).root}/: "
                                  f"{saved})")
        for flag, value in (("--seed", seed), ("--items", items)):
            if value is not None:
                raise RunInputError(f"{flag}: only for a saved learner (`selftaught learner "
                                      "new`); with a learner kind, --seeds N studies books 0..N-1")
        reward = _reward(duct_tape_penalty)
        on_ray = ray_config(ray, workers, backend=backend)
        spec = RunSpec(
            book=_book_argument(book), learner=learner, seeds=seeds, curve_every=curve_every,
            chapters=_chapter_count(chapters), control=not no_control,
            options=parse_options(option or []),
        )
        grid = _grid(spec)
        # Build the first learner now: bad options fail before any run directory exists.
        first = _build_first(spec, grid)
        directory = run_dir or Path("runs") / (
            datetime.now(UTC).strftime("%Y%m%d-%H%M%S") + f"-{learner}"
        )
        with open_run(directory, spec, resume=resume) as store:
            tracks = open_tracks(store, grid)
            # An evaluation setting, not a run setting: a resume may change it.
            store.set_meta(REWARD_META_KEY, reward.to_json())
            with track_progress(store, tracks, console) as (on_track, on_step):
                run_grid(store, tracks, build=reuse_first(first) if on_ray is None else
                         build_learner, on_track=on_track, on_step=on_step, ray=on_ray)
            summary = write_summary(directory, store, reward=reward)
            if json_out:
                print(json.dumps(summary, indent=1, ensure_ascii=False))
            else:
                _report(store, tracks, spec, grid, directory, reward)
    except (RunInputError, LearnerOptionError, StudyRunError, RunStoreError,
            LearnerStateError) as error:
        err_console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(2) from None


# -- input ------------------------------------------------------------------------------------


def _chapter_count(chapters: str | None) -> int | None:
    """``--chapters K`` of the grid: a count (a prefix of the book), never a range."""
    if chapters is None:
        return None
    if chapters.strip().isdigit() and 1 <= int(chapters) <= MAX_CHAPTERS:
        return int(chapters)
    raise RunInputError(
        f"--chapters {chapters!r}: with a learner kind, give a count 1 <= K <= {MAX_CHAPTERS} "
        "(the first K "
        "chapters); a range A-B is for saved learners (`selftaught learner new`)"
    )


def _book_argument(book: str) -> str:
    path = Path(book)
    return str(path.resolve()) if path.exists() else book


def _reward(penalty: float) -> RewardConfig:
    try:
        return RewardConfig.with_duct_tape_penalty(penalty)
    except ValueError as error:
        raise RunInputError(str(error)) from None


def _grid(spec: RunSpec) -> Grid:
    """Per seed: the learner, then (unless ``--no-control``) its control; a file is cut to its
    first K chapters by the run, a domain generates exactly K."""
    books_S = resolve_books(spec.book, seeds=spec.seeds, chapters=spec.chapters)
    arms = [Arm(spec.learner, spec.learner, options=spec.options)]
    if spec.control:
        arms.append(Arm("control", spec.learner, control=True, options=spec.options))
    return Grid(books=tuple(books_S), arms=tuple(arms), curve_every=spec.curve_every,
                chapters=spec.chapters if Path(spec.book).is_file() else None)


def _build_first(spec: RunSpec, grid: Grid) -> Learner:
    """A fresh learner for book 0; a factory's refusal of the options is a one-line error."""
    try:
        return make_learner(spec.learner, book=grid.books[0], seed=grid.seed(0), **spec.options)
    except (TypeError, ValueError) as error:
        raise RunInputError(f"--learner {spec.learner} / --option: {error}") from None


# -- report -----------------------------------------------------------------------------------


def _report(
    store: RunStore, tracks: list[GridTrack], spec: RunSpec, grid: Grid, directory: Path,
    reward: RewardConfig,
) -> None:
    from selftaught.metrics import MetricCard, accuracy_matrix, render_matrix

    n_chapters = grid.n_chapters(0)
    events: dict[tuple[int, bool], list[StudyEvent]] = {
        (t.book_index, t.arm.control): store.events(t.id) for t in tracks
    }
    R_S = [accuracy_matrix(events[(s, False)], n_chapters) for s in range(spec.seeds)]
    if spec.seeds <= 3:
        for s, R in enumerate(R_S):
            console.print(Text(f"{spec.learner}, seed {s}: accuracy R[i][j]", style="bold"))
            console.print(render_matrix(R, title=None))
    else:
        heading = f"{spec.learner}: accuracy R[i][j], mean of {spec.seeds} seeds"
        console.print(Text(heading, style="bold"))
        console.print(render_matrix(np.mean(np.stack(R_S), axis=0), title=None))
    if spec.control:
        card = MetricCard.from_tracks(
            [(events[(s, False)], events[(s, True)]) for s in range(spec.seeds)], n_chapters,
            books_S=list(grid.books), reward=reward,
        )
        console.print(card.render(title=f"{spec.learner} vs control: {spec.seeds} seed(s), "
                                        f"{n_chapters} chapter(s)"))
    else:
        console.print("no control tracks (--no-control): no metric card")
    console.print(f"run stored in {directory / STORE_FILE}", highlight=False)

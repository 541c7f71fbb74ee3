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
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from selftaught.cli.learner import study_saved
from selftaught.days import HOME_ENV, LearnerHome
from selftaught.fileio import exclusive_lock
from selftaught.learners import Learner, LearnerStateError, learner_names, make_learner
from selftaught.metrics.reward import REWARD_META_KEY, RewardConfig
from selftaught.study import (
    RunStore,
    RunStoreError,
    StudyConfig,
    StudyRunError,
    TrackRecord,
    book_hash,
    first_chapters,
    run_track,
)
from selftaught.study.summary import write_summary
from selftaught.types import StudyEvent, Textbook

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

STORE_FILE = "run.sqlite"
LOCK_FILE = "run.lock"
RUN_META_KEY = "run_config"

console = Console()
err_console = Console(stderr=True)


class StudyInputError(ValueError):
    """Bad command-line input; printed as one line, exit code 2."""


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
    seeds: Annotated[int, typer.Option(min=1, help="Seeds: textbooks (domain) or learner "
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
    items: Annotated[int | None, typer.Option(min=1, help="Saved learner: exercises and probes "
                                              "per chapter of a generated book.")] = None,
    home: Annotated[Path | None, typer.Option("--home", envvar=HOME_ENV, help="Saved learners' "
                                              "directory [default: ./learners].")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the run's summary.json "
                                           "instead of the tables.")] = False,
) -> None:
    """Study a textbook with a learner (and its control); print the accuracy matrix and metrics.

    With a saved learner's name (`selftaught learner new`), study one day instead:
    chapters A-B, continuing from the learner's last day, then probe every chapter
    of the book it has studied so far.
    """
    if learner not in learner_names() and LearnerHome(home).exists(learner):
        extra = {"--seeds": seeds != 1, "--run-dir": run_dir is not None, "--resume": resume,
                 "--curve-every": curve_every is not None, "--no-control": no_control,
                 "--option": bool(option),
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
            raise StudyInputError(f"--learner: unknown learner {learner!r} (expected a kind: "
                                  f"{known}; or a saved learner in {LearnerHome(home).root}/: "
                                  f"{saved})")
        for flag, value in (("--seed", seed), ("--items", items)):
            if value is not None:
                raise StudyInputError(f"{flag}: only for a saved learner (`selftaught learner "
                                      "new`); with a learner kind, --seeds N studies books 0..N-1")
        reward = duct_tape_reward(duct_tape_penalty)
        spec = RunSpec(
            book=_book_argument(book), learner=learner, seeds=seeds, curve_every=curve_every,
            chapters=_chapter_count(chapters), control=not no_control,
            options=parse_options(option or []),
        )
        books_S = _resolve_books(spec)
        # Build the first learner now: bad options fail before any run directory exists.
        first = _build_learner(spec, books_S[0], seed=0)
        directory = run_dir or Path("runs") / (
            datetime.now(UTC).strftime("%Y%m%d-%H%M%S") + f"-{learner}"
        )
        with open_run(directory, spec, resume=resume) as store:
            tracks = _tracks(store, spec, books_S)
            # An evaluation setting, not a run setting: a resume may change it.
            store.set_meta(REWARD_META_KEY, reward.to_json())
            _run_all(store, tracks, spec, books_S, first)
            summary = write_summary(directory, store, reward=reward)
            if json_out:
                print(json.dumps(summary, indent=1, ensure_ascii=False))
            else:
                _report(store, tracks, spec, books_S, directory, reward)
    except (StudyInputError, StudyRunError, RunStoreError, LearnerStateError) as error:
        err_console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(2) from None


# -- input ------------------------------------------------------------------------------------


def _chapter_count(chapters: str | None) -> int | None:
    """``--chapters K`` of the grid: a count (a prefix of the book), never a range."""
    if chapters is None:
        return None
    if chapters.strip().isdigit() and int(chapters) >= 1:
        return int(chapters)
    raise StudyInputError(
        f"--chapters {chapters!r}: with a learner kind, give a count K >= 1 (the first K "
        "chapters); a range A-B is for saved learners (`selftaught learner new`)"
    )


def _book_argument(book: str) -> str:
    path = Path(book)
    return str(path.resolve()) if path.exists() else book


def duct_tape_reward(penalty: float) -> RewardConfig:
    """The reward weights for ``--duct-tape-penalty``; a one-line input error if it is bad."""
    try:
        return RewardConfig(duct_tape_weight=penalty)
    except ValueError:
        raise StudyInputError(f"--duct-tape-penalty {penalty!r}: must be a finite number >= 0 "
                              f"(default {RewardConfig().duct_tape_weight:g}; 0 turns the "
                              "penalty off)") from None


def parse_options(pairs: list[str]) -> dict[str, Any]:
    """``["rank=8", "model=tiny-random"]`` -> ``{"rank": 8, "model": "tiny-random"}``."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise StudyInputError(f"--option {pair!r}: expected KEY=VALUE, e.g. rank=8")
        try:
            options[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            options[key.strip()] = raw
    return options


def _build_learner(spec: RunSpec, book: Textbook, *, seed: int) -> Learner:
    """A fresh learner; a factory's refusal of the options becomes a one-line input error."""
    try:
        return make_learner(spec.learner, book=book, seed=seed, **spec.options)
    except (TypeError, ValueError) as error:
        raise StudyInputError(f"--learner {spec.learner} / --option: {error}") from None


def _resolve_books(spec: RunSpec) -> list[Textbook]:
    """One textbook per seed: the file N times, or N generated books."""
    from selftaught.generators import DOMAINS, generate
    from selftaught.textbook import TextbookError, load_textbook

    path = Path(spec.book)
    if path.is_file():
        try:
            book = load_textbook(path)
        except TextbookError as error:
            first = error.problems[0] if error.problems else str(error)
            more = f" (+{len(error.problems) - 1} more problems)" if len(error.problems) > 1 else ""
            raise StudyInputError(
                f"{first}{more}; run `selftaught textbook validate {path}` for all"
            ) from None
        if spec.chapters is not None and spec.chapters > len(book.chapters):
            raise StudyInputError(
                f"--chapters {spec.chapters}: {path} has only {len(book.chapters)} chapters"
            )
        return [book] * spec.seeds
    if spec.book in DOMAINS:
        kwargs: dict[str, Any] = {} if spec.chapters is None else {"chapters": spec.chapters}
        try:
            return [generate(spec.book, seed=s, **kwargs) for s in range(spec.seeds)]
        except ValueError as error:
            raise StudyInputError(f"--chapters {spec.chapters}: {error}") from None
    raise StudyInputError(
        f"BOOK {spec.book!r}: no such file, and not a generator domain (domains: "
        f"{', '.join(sorted(DOMAINS))})"
    )


def _config(spec: RunSpec, seed: int) -> StudyConfig:
    """A file is cut to its first K chapters by the run; a domain generates exactly K."""
    is_file = Path(spec.book).is_file()
    return StudyConfig(
        seed=seed, curve_every=spec.curve_every, chapters=spec.chapters if is_file else None
    )


# -- store and tracks -------------------------------------------------------------------------


@contextmanager
def open_run(directory: Path, spec: DataclassInstance, *, resume: bool) -> Iterator[RunStore]:
    """The run store of ``directory``, locked for this process, its options checked.

    A new run records ``spec`` (any dataclass of the command's options); a
    resumed one must match it. Refuses an existing run without ``resume``, a
    missing one with it, and a directory another process is running.
    """
    if resume and not (directory / STORE_FILE).exists():
        raise StudyInputError(f"--resume: no run to resume in {directory} (no {STORE_FILE})")
    with _run_dir_lock(directory), _open_checked_store(directory, spec, resume=resume) as store:
        yield store


def _run_dir_lock(directory: Path) -> AbstractContextManager[None]:
    """One process per run directory: an exclusive ``flock``, released by the OS even on kill -9."""
    return exclusive_lock(directory / LOCK_FILE, lambda: StudyInputError(
        f"--run-dir {directory} is in use by another `selftaught study` process; "
        "wait for it or choose another --run-dir"))


def _open_checked_store(directory: Path, spec: DataclassInstance, *, resume: bool) -> RunStore:
    path = directory / STORE_FILE
    exists = path.exists() and path.stat().st_size > 0
    if resume and not exists:
        raise StudyInputError(f"--resume: no run to resume in {directory} (no {STORE_FILE})")
    if exists and not resume:
        raise StudyInputError(
            f"--run-dir {directory} already holds a run; pass --resume to continue it "
            "or choose another --run-dir"
        )
    store = RunStore(path)
    stored = store.meta(RUN_META_KEY)
    if stored is None:
        store.set_meta(RUN_META_KEY, json.dumps(asdict(spec), sort_keys=True))
    else:
        before = json.loads(stored)
        now = json.loads(json.dumps(asdict(spec)))  # as stored: tuples become lists
        changed = [f"{k}: {before.get(k)!r} -> {v!r}" for k, v in now.items()
                   if before.get(k) != v]
        if changed:
            store.close()
            raise StudyInputError(
                f"--resume: {directory} was started with other options ({'; '.join(changed)}); "
                "resume with the original options"
            )
    return store


def _tracks(store: RunStore, spec: RunSpec, books_S: list[Textbook]) -> list[TrackRecord]:
    """The run's tracks: created on a new run (learner, then control, per seed), else read."""
    if not store.tracks():
        for s, book in enumerate(books_S):
            for control in ([False, True] if spec.control else [False]):
                store.add_track(
                    learner=spec.learner, book_id=book.id, book_hash=book_hash(book), seed=s,
                    control=control, config=asdict(_config(spec, s)),
                )
    return store.tracks()


def _run_all(
    store: RunStore, tracks: list[TrackRecord], spec: RunSpec, books_S: list[Textbook],
    first: Learner,
) -> None:
    """Run every unfinished track; ``first`` (fresh, seed 0, book 0) serves the first one of
    seed 0, so a learner that is costly to build is not built twice."""
    unused = [first]

    def build(track: TrackRecord, book: Textbook) -> Learner:
        if track.seed == 0 and unused:
            return unused.pop()
        return _build_learner(spec, book, seed=track.seed)

    run_tracks(
        store, tracks, book_of=lambda t: books_S[t.seed],
        config_of=lambda t: _config(spec, t.seed), build=build,
    )


def run_tracks(
    store: RunStore,
    tracks: list[TrackRecord],
    *,
    book_of: Callable[[TrackRecord], Textbook],
    config_of: Callable[[TrackRecord], StudyConfig],
    build: Callable[[TrackRecord, Textbook], Learner],
) -> None:
    """Run (or resume) every unfinished track in order, under one progress bar of study steps.

    Shared by ``selftaught study`` and ``selftaught run``: they differ only in which book,
    config and learner a track gets. Finished tracks are skipped; a started one resumes
    from its last checkpoint (`run_track` does that).
    """
    n_steps = sum(
        len(first_chapters(book_of(t), config_of(t).chapters).chapters) + 1 for t in tracks
    )
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task("study", total=n_steps)
        for track in tracks:
            done = store.last_checkpoint(track.id)
            progress.advance(bar, 0 if done is None else done.step + 1)
            if track.status == "done":
                continue
            kind = "control" if track.control else track.learner
            progress.update(bar, description=f"seed {track.seed} {kind}")
            book = book_of(track)
            run_track(
                store, track.id, book, build(track, book), config_of(track),
                on_step=lambda _step, _n: progress.advance(bar),
            )


# -- report -----------------------------------------------------------------------------------


def _report(
    store: RunStore, tracks: list[TrackRecord], spec: RunSpec, books_S: list[Textbook],
    directory: Path, reward: RewardConfig,
) -> None:
    from selftaught.metrics import MetricCard, accuracy_matrix, render_matrix

    n_chapters = len(first_chapters(books_S[0], _config(spec, 0).chapters).chapters)
    events: dict[tuple[int, bool], list[StudyEvent]] = {
        (t.seed, t.control): store.events(t.id) for t in tracks
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
            books_S=books_S, reward=reward,
        )
        console.print(card.render(title=f"{spec.learner} vs control: {spec.seeds} seed(s), "
                                        f"{n_chapters} chapter(s)"))
    else:
        console.print("no control tracks (--no-control): no metric card")
    console.print(f"run stored in {directory / STORE_FILE}", highlight=False)

"""CLI: ``selftaught learner new | list | show | rollback``, and the day of ``selftaught study``.

Why a command group: a saved learner is something a user keeps, like a
checkout -- created once, studied with day after day (``selftaught study BOOK
--learner NAME --chapters A-B``), inspected (``show``: one row per day, "does it
get faster as well as better?") and, when a day went wrong or its state is
damaged, rolled back to an earlier day. Every user-fixable problem (a bad name,
an unknown kind, a corrupt state) prints one line naming the file or option and
the fix, with exit status 2; earlier days are never touched by a failed command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from selftaught.cli.backend import BackendOpt, BaseUrlOpt, apply_backend
from selftaught.days import (
    HOME_ENV,
    ChapterRange,
    DayRecord,
    LearnerHome,
    LearnerRecord,
    SavedLearnerError,
    chapters_needed,
    check_chapters,
    create_learner,
    day_steps,
    load_day_book,
    study_day,
)
from selftaught.learners import LearnerStateError
from selftaught.learners.options import LearnerOptionError, parse_options
from selftaught.types import Textbook

EXIT_INPUT = 2

console = Console()
err_console = Console(stderr=True)

learner_app = typer.Typer(
    name="learner",
    help="Saved learners that keep what they learn, day after day.",
    no_args_is_help=True,
)

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", envvar=HOME_ENV, show_envvar=True,
                 help="Directory of saved learners [default: ./learners]."),
]


def fail(error: Exception) -> typer.Exit:
    """Print ``error`` as one red line on stderr; the exit (status 2) to raise."""
    err_console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_INPUT)


@learner_app.command("new")
def new(
    name: Annotated[str, typer.Argument(help="Name: lowercase letters, digits, '_' and '-'.")],
    kind: Annotated[str, typer.Option("--kind", "-k", help="Learner kind: lora, notes, hybrid, "
                                      "stateless, or a scripted one (diligent, ...).")],
    model: Annotated[str | None, typer.Option(help="Base model of a model learner [default: "
                                              "the embedded smollm2-135m-instruct].")] = None,
    option: Annotated[list[str] | None, typer.Option("--option", "-o", help="Learner option "
                      "KEY=VALUE, repeatable; VALUE is read as JSON, else as text.")] = None,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the learner's RNG.")] = 0,
    home: HomeOption = None,
    backend: BackendOpt = "local",
    base_url: BaseUrlOpt = None,
) -> None:
    """Create a saved learner (day 0); `selftaught study BOOK --learner NAME` studies with it."""
    apply_backend(backend, base_url)
    where = LearnerHome(home)
    try:
        options = parse_options(option or [])
        with err_console.status(f"checking {kind} learner ..."):
            record = create_learner(where, name, kind=kind, model=model, options=options,
                                    seed=seed)
    except (SavedLearnerError, LearnerOptionError) as error:
        raise fail(error) from None
    model_text = f" on {record.model}" if record.model else ""
    console.print(f"created learner {record.name} ({record.kind}{model_text}) in "
                  f"{where.directory(record.name)}; study with `selftaught study BOOK "
                  f"--learner {record.name} --chapters 1-2`", highlight=False, soft_wrap=True)


@learner_app.command("list")
def list_learners(home: HomeOption = None) -> None:
    """List the saved learners: kind, model, current day, last book studied."""
    where = LearnerHome(home)
    names = where.names()
    if not names:
        console.print(f"no saved learners in {where.root}/ (create one with `selftaught learner "
                      "new NAME --kind KIND`)", highlight=False)
        return
    table = Table(title=f"saved learners in {where.root}/")
    for column in ("name", "kind", "model", "day", "last studied", "created"):
        table.add_column(column)
    for name in names:
        try:
            record = where.read(name)
        except (SavedLearnerError, LearnerStateError) as error:
            table.add_row(name, "[red]unreadable[/red]", escape(str(error)), "", "", "")
            continue
        last = record.days[-1] if record.days else None
        table.add_row(
            name, record.kind, record.model or "-", str(record.current_day),
            f"{last.book_id} ch {_chapters_text(last)}" if last else "-", record.created,
        )
    console.print(table)


@learner_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Saved learner name.")],
    home: HomeOption = None,
) -> None:
    """One row per day: accuracy, retention, and cost per solved exercise."""
    where = LearnerHome(home)
    try:
        record = where.read(name)
    except (SavedLearnerError, LearnerStateError) as error:
        raise fail(error) from None
    console.print(day_table(record))
    if not record.days:
        console.print(f"{name} has not studied yet: `selftaught study BOOK --learner {name} "
                      "--chapters 1`", highlight=False)
    for entry in record.set_aside:
        console.print(f"set aside: day {entry.day} ({entry.reason}) in "
                      f"{where.directory(name) / entry.path}", highlight=False)
    if record.current_day >= 1:
        try:
            state = where.verify_day(record, record.current_day)
        except LearnerStateError as error:
            raise fail(error) from None
        console.print(f"state of day {record.current_day}: {state} (every file matches its "
                      "manifest)", highlight=False)


@learner_app.command("rollback")
def rollback(
    name: Annotated[str, typer.Argument(help="Saved learner name.")],
    to_day: Annotated[int, typer.Option("--to-day", help="The day to make current again "
                                        "(0: as new).")],
    home: HomeOption = None,
) -> None:
    """Make an earlier day current again; later days are moved aside, never deleted."""
    where = LearnerHome(home)
    try:
        with where.lock(name):
            record = where.tidy(where.read(name))
            new_record, moved = where.rollback(record, to_day)
    except (SavedLearnerError, LearnerStateError) as error:
        raise fail(error) from None
    console.print(f"{name}: day {new_record.current_day} is current again", highlight=False)
    for path in moved:
        console.print(f"  kept {path}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``learner`` command group to the top-level app."""
    app.add_typer(learner_app, name="learner")


# -- the day of `selftaught study BOOK --learner NAME` ----------------------------------------


def study_saved(
    book: str, name: str, *, chapters: str | None, seed: int | None, items: int | None,
    home: Path | None,
) -> None:
    """``selftaught study BOOK --learner NAME --chapters A-B`` for a saved learner: one day."""
    from selftaught.days import parse_chapters

    where = LearnerHome(home)
    try:
        if chapters is None:
            raise SavedLearnerError(f"--chapters: say which chapters {name} studies today, "
                                    "e.g. --chapters 1-2")
        span = parse_chapters(chapters)
        textbook, source = load_day_book(
            book, seed=0 if seed is None else seed, items=items,
            chapters_needed=chapters_needed(where, name, span),
        )
        check_chapters(textbook, span)
        record = _run_day_with_progress(where, name, textbook, source, span)
    except (SavedLearnerError, LearnerStateError) as error:
        raise fail(error) from None
    console.print(day_table(record))
    console.print(f"{name}: day {record.current_day} saved in "
                  f"{where.day_dir(name, record.current_day)}", highlight=False)


def _run_day_with_progress(
    where: LearnerHome, name: str, book: Textbook, source: str, span: ChapterRange,
) -> LearnerRecord:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task(f"{name}: loading", total=day_steps(book, span.chapters_C) + 1)

        def step(description: str) -> None:
            progress.update(bar, advance=1, description=description)

        return study_day(where, name, book, source, span, on_step=step)


def _chapters_text(day: DayRecord) -> str:
    first, last = day.chapters_C[0], day.chapters_C[-1]
    return str(first) if first == last else f"{first}-{last}"


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def day_table(record: LearnerRecord) -> Table:
    """The per-day table: accuracy (practice, probes per chapter, mean) and cost per solved
    exercise -- "does it get faster as well as better?"."""
    model = f" on {record.model}" if record.model else ""
    table = Table(
        title=f"learner {record.name} ({record.kind}{model}): {record.current_day} day(s)",
        caption="practice: exercises solved; chN: chapter N's probes at the day's end; "
                "tokens/solved, s/solved: practice cost per solved exercise",
    )
    chapters_C = sorted({c for day in record.days for c in day.probe_acc})
    table.add_column("day", justify="right")
    table.add_column("book", no_wrap=True)
    table.add_column("studied", justify="right")
    table.add_column("practice", justify="right")
    for c in chapters_C:
        table.add_column(f"ch{c}", justify="right")
    for column in ("mean", "tokens/solved", "s/solved", "grad steps", "day s"):
        table.add_column(column, justify="right")
    for day in record.days:
        table.add_row(
            str(day.day), day.book_id, _chapters_text(day), _fmt(day.practice_accuracy, ".2f"),
            *(_fmt(day.probe_acc.get(c), ".2f") for c in chapters_C),
            _fmt(day.probe_mean, ".2f"), _fmt(day.tokens_per_solved, ",.0f"),
            _fmt(day.seconds_per_solved, ".2f"), f"{day.costs.grad_steps:,}",
            f"{day.costs.seconds:.1f}",
        )
    return table

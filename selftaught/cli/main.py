"""Entry point of the `selftaught` CLI.

Each command group lives in its own module and exposes ``register(app)``, so the
groups stay independent and this file only composes them.

It also holds the one place that turns a *user's* mistake into one line: commands
catch the errors they expect, but an error of a known, narrow kind that escapes a
command -- one of the project's input errors (`USER_ERRORS`), or an operating-system
refusal about a path the user chose (`PATH_ERRNOS`: a file where a directory should
be, a read-only or full disk) -- is printed as ``error: ...`` on stderr with exit
status 2 by `SelftaughtGroup`. So is a bad option of a subcommand (click's usage
error: a value out of range, a missing option), as one line instead of a box.
Anything else (a real bug) still ends in a traceback: nothing is caught broadly.
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from selftaught.cli import (
    discover,
    learner,
    lint,
    models,
    plugins,
    report,
    run,
    study,
    textbook,
    train,
)
from selftaught.days import SavedLearnerError
from selftaught.fileio import OutputPathError
from selftaught.learners import LearnerStateError
from selftaught.learners.options import LearnerOptionError
from selftaught.metatrain import ConfigError, TrainRunError, TrainStoreError
from selftaught.models import CheckpointError, ModelLoadError
from selftaught.report import ReportError
from selftaught.study import RunInputError, RunStoreError, StudyRunError
from selftaught.textbook import ConformanceError, TextbookError
from selftaught.textbook.show import printable
from selftaught.tracking import TrackingError

EXIT_INPUT = 2
"""Exit status of every user-fixable error (click uses 2 for usage errors too)."""

USER_ERRORS: tuple[type[Exception], ...] = (
    TextbookError, ConformanceError, RunInputError, RunStoreError, StudyRunError,
    LearnerStateError, LearnerOptionError, SavedLearnerError, ConfigError, TrainRunError,
    TrainStoreError, ReportError, TrackingError, ModelLoadError, CheckpointError,
    OutputPathError,
)
"""The project's input errors: their messages already name the file or option and the fix."""

PATH_ERRNOS: dict[int, str] = {
    errno.EEXIST: "a file is in the way (remove it or choose another path)",
    errno.ENOTDIR: "a file is in the way where a directory is needed (choose another path)",
    errno.EISDIR: "is a directory where a file is needed (choose another path)",
    errno.EACCES: "permission denied (check the permissions or choose another path)",
    errno.EPERM: "operation not permitted (check the permissions or choose another path)",
    errno.EROFS: "read-only file system (choose a writable path)",
    errno.ENOSPC: "no space left on the device (free some space or choose another disk; "
                  "what was written before is kept)",
    errno.EDQUOT: "disk quota exceeded (free some space or choose another disk)",
    errno.ENAMETOOLONG: "file name too long (choose a shorter path)",
    errno.ELOOP: "too many symbolic links (check the path)",
}
"""OS refusals that are about the user's path or disk, never about selftaught's code."""

SQLITE_ENVIRONMENT = ("database or disk is full", "attempt to write a readonly database",
                      "unable to open database file", "disk I/O error")
"""SQLite errors caused by the disk, not by a query (the stores name their file themselves
where they can; this is the fallback)."""


CAUGHT: tuple[type[Exception], ...] = (OSError, sqlite3.OperationalError, *USER_ERRORS)
"""What `SelftaughtGroup` inspects; `user_message` decides, and the rest is re-raised."""


def user_message(error: BaseException) -> str | None:
    """The one-line message for a known user-fixable error; None for anything else."""
    if isinstance(error, USER_ERRORS):
        text = str(error)
    elif isinstance(error, OSError) and error.errno in PATH_ERRNOS and (
        error.filename is not None
    ):
        text = f"{error.filename}: {PATH_ERRNOS[error.errno]}"
    elif isinstance(error, sqlite3.OperationalError) and str(error) in SQLITE_ENVIRONMENT:
        text = f"{error} (check the disk and the permissions of the run directory)"
    else:
        return None
    return printable(" ".join(text.split()) or type(error).__name__)


class SelftaughtGroup(TyperGroup):
    """The top-level command group: maps `user_message` errors to one line and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as error:
            # A bad option of a command: one line too, not a box. typer vendors click, and
            # `TyperException` is the public base of its errors; a usage error carries the
            # ``ctx`` of the command it is about.
            ctx = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError" or ctx is None:
                raise  # the help was printed (or not a usage error); click's usual status
            _exit_with(f"{error.format_message()} (see `{ctx.command_path} --help`)")
        except CAUGHT as error:
            message = user_message(error)
            if message is None:
                raise
            _exit_with(message)


def _exit_with(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


app = typer.Typer(
    name="selftaught",
    help="Build and measure language models that learn.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=SelftaughtGroup,
)

for module in (run, textbook, study, learner, models, lint, report, train, discover, plugins):
    module.register(app)


if __name__ == "__main__":
    app()

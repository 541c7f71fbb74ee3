"""Entry point of the `selftaught` CLI.

Each command group lives in its own module and exposes ``register(app)``, so the
groups stay independent and this file only composes them.
"""

from __future__ import annotations

import typer

from selftaught.cli import discover, learner, lint, models, report, run, study, textbook, train

app = typer.Typer(
    name="selftaught",
    help="Build and measure language models that learn.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (run, textbook, study, learner, models, lint, report, train, discover):
    module.register(app)


if __name__ == "__main__":
    app()

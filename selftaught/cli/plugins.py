"""CLI: ``selftaught plugins`` -- what each extension point offers, and where it comes from.

Why: after ``pip install my-plugin`` a user wants to see that its learner, domain or
checker kind arrived (and from which package) before running it with ``selftaught
study DOMAIN --learner NAME``. Listing reads entry points without importing plugins,
so a broken plugin does not hide the others.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from selftaught.checkers import CHECKERS
from selftaught.generators import DOMAINS
from selftaught.learners import LAZY_LEARNERS, LEARNERS
from selftaught.models.remote import BACKENDS, backend_names
from selftaught.plugins import GROUPS, plugin_origin
from selftaught.types import checker_kinds
from selftaught.worlds import FAMILIES

console = Console()


def register(app: typer.Typer) -> None:
    """Add the ``plugins`` command to the top-level app."""
    app.command("plugins")(plugins)


def plugins() -> None:
    """List the learners, textbook domains, checker kinds, worlds and backends, built-in or
    added by installed packages (entry-point groups selftaught.*)."""
    table = Table(title="extension points (docs/plugins.md)")
    for column in ("extension point", "name", "from"):
        table.add_column(column)
    rows: list[tuple[str, str, str]] = []
    for name in sorted({*LEARNERS, *LAZY_LEARNERS}):
        own = name in LAZY_LEARNERS or name in LEARNERS.registered()
        rows.append(("learner", name, "selftaught" if own else _origin("learners", name)))
    for name in DOMAINS:
        own = name in DOMAINS.registered()
        rows.append(("textbook domain", name, "selftaught" if own else _origin("generators", name)))
    for name in checker_kinds():
        own = name in CHECKERS.registered()
        rows.append(("checker kind", name, "selftaught" if own else _origin("checkers", name)))
    for name in FAMILIES:
        own = name in FAMILIES.registered()
        rows.append(("world family", name, "selftaught" if own else _origin("worlds", name)))
    for name in backend_names():
        rows.append(("backend", name, "selftaught" if name in BACKENDS else
                     _origin("backends", name)))
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _origin(point: str, name: str) -> str:
    return plugin_origin(GROUPS[point], name) or "selftaught"

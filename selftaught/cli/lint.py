"""CLI: ``selftaught lint`` — the duct-tape detector on files, directories and diffs.

Exit codes follow other linters: 0 clean, 1 findings, 2 usage or input error
(a file that does not parse is named on one line and the others are still
linted). Findings go to stdout in the chosen format; the summary goes to stderr
so ``--format json|sarif`` output stays machine-readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from selftaught.lint import RULES, LintInputError, LintResult, LintSyntaxError
from selftaught.lint.engine import git_diff, iter_python_files, lint_diff, lint_paths
from selftaught.lint.report import Format, render

err = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _read_tests(path: Path | None) -> list[str] | None:
    if path is None:
        return None
    files, missing = iter_python_files([path])
    if missing:
        raise _fail(f"--tests {missing[0]} (give a test file or a directory of tests)")
    try:
        return [f.read_text(encoding="utf-8") for f in files]
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"--tests: cannot read {exc}") from exc


def _show_rules(explain: str | None) -> None:
    if explain is not None:
        r = RULES.get(explain.upper())
        if r is None:
            raise _fail(f"--explain {explain}: unknown rule (see `selftaught lint --list-rules`)")
        Console().print(f"[bold]{r.id}[/bold] {r.name} ({r.family})\n{r.message}\n\n"
                        f"Why: {r.rationale}\n\nFix: {r.hint}", highlight=False, soft_wrap=True)
        return
    table = Table("id", "name", "family", "finds")
    for r in RULES.values():
        table.add_row(r.id, r.name, r.family, r.message)
    Console().print(table)


def lint(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories to lint.")]
    = None,
    diff: Annotated[Path | None, typer.Option(
        "--diff", help="Judge only lines a unified diff (FILE.patch) adds.")] = None,
    git_ref: Annotated[str | None, typer.Option(
        "--git-diff", help="Judge only lines changed since git REF (working tree vs REF).")]
    = None,
    root: Annotated[Path, typer.Option(
        help="Where the post-change files of --diff live.")] = Path("."),
    tests: Annotated[Path | None, typer.Option(
        "--tests", help="Tests the code is graded by (file or dir): enables special-casing "
        "rules.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="Output format: text | json | sarif.")] = "text",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report here instead of stdout.")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules.")] = False,
    explain: Annotated[str | None, typer.Option(
        "--explain", help="Explain one rule, e.g. DT101.")] = None,
) -> None:
    """Find duct tape: swallowed exceptions, test tampering, special-casing, silencing."""
    if list_rules or explain:
        _show_rules(explain)
        return
    if fmt not in ("text", "json", "sarif"):
        raise _fail(f"--format {fmt!r}: expected one of text, json, sarif")
    modes = sum(x is not None and x != [] for x in (paths, diff, git_ref))
    if modes != 1:
        raise _fail("give PATHS, --diff FILE.patch or --git-diff REF (exactly one)")
    test_texts = _read_tests(tests)
    try:
        result = _run(paths or [], diff, git_ref, root, test_texts)
    except (LintInputError, LintSyntaxError) as exc:
        raise _fail(str(exc)) from exc
    report = render(cast(Format, fmt), result.findings, result.errors, result.files)
    if output is not None:
        try:
            output.write_text(report + "\n", encoding="utf-8")
        except OSError as exc:
            raise _fail(f"--output {output}: {exc}") from exc
    elif report:
        typer.echo(report)
    for line in result.errors:
        err.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
    colour = "green" if not result.findings else "yellow"
    err.print(f"[{colour}]{len(result.findings)} finding(s)[/{colour}] in {result.files} "
              f"file(s)" + (f", {len(result.errors)} error(s)" if result.errors else ""),
              highlight=False)
    raise typer.Exit(result.exit_code)


def _run(paths: list[Path], diff: Path | None, git_ref: str | None, root: Path,
         tests: list[str] | None) -> LintResult:
    if diff is not None:
        try:
            text = diff.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LintInputError(f"--diff {diff}: cannot read: {exc}") from exc
        return lint_diff(text, root, tests)
    if git_ref is not None:
        text, repo_root = git_diff(git_ref)
        return lint_diff(text, repo_root, tests)
    with Progress(TextColumn("linting"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  console=err, transient=True) as progress:
        task = progress.add_task("lint", total=None)

        def tick(_path: Path, total: int) -> None:
            progress.update(task, total=total, advance=1)

        return lint_paths(paths, tests, on_file=tick)


def register(app: typer.Typer) -> None:
    """Add ``selftaught lint`` to the top-level app."""
    app.command("lint")(lint)

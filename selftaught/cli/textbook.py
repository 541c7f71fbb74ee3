"""CLI commands: ``selftaught textbook new | validate | show``.

Why a command group of its own: textbooks are the user-facing input of every
study run, so authors need to generate one, check one and read one without
writing Python. Every error a user can fix -- a missing file, a syntax error,
a bad field, an unknown domain -- prints one line naming the file/field and the
fix, and exits with status 2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from selftaught.limits import MAX_CHAPTERS
from selftaught.types import Textbook

__all__ = ["register", "textbook_app"]

EXIT_PROBLEMS = 2
"""Exit status for an invalid textbook or bad arguments."""

textbook_app = typer.Typer(
    name="textbook",
    help="Generate, validate and read textbooks (YAML, JSON or Markdown).",
    no_args_is_help=True,
)


def _out() -> Console:
    return Console(soft_wrap=True, highlight=False)


def _err() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


def _fail(lines: list[str]) -> typer.Exit:
    """Print problem lines (plain, one per line) and return the exit to raise."""
    out = _out()
    for line in lines:
        out.print(line, markup=False)
    return typer.Exit(code=EXIT_PROBLEMS)


def _summary(book: Textbook) -> str:
    n_ex = sum(len(c.exercises) for c in book.chapters)
    n_pr = sum(len(c.probes) for c in book.chapters)
    return f"{len(book.chapters)} chapters, {n_ex} exercises, {n_pr} probes"


def _load(path: Path) -> Textbook:
    from selftaught.textbook import TextbookError, load_textbook

    try:
        return load_textbook(path)
    except TextbookError as err:
        raise _fail(err.problems) from None


@textbook_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="Textbook file (.yaml, .yml, .json or .md).")],
    check: Annotated[
        bool,
        typer.Option(
            "--check/--no-check",
            help="Also run the conformance check (reference answers grade correct, "
            "probes are not copies, ...).",
        ),
    ] = True,
) -> None:
    """Validate a textbook: prints `FILE: ok (...)` or one line per problem (exit code 2)."""
    from selftaught.textbook import ConformanceError, book_format, check_textbook
    from selftaught.textbook.parsing import read_book_text
    from selftaught.textbook.validate import line_of_path, path_lines

    book = _load(file)
    if check:
        with _err().status(f"checking {file} ..."):
            try:
                check_textbook(book)
            except ConformanceError as err:
                lines = path_lines(read_book_text(file), book_format(file))
                raise _fail(
                    [
                        f"{file}:{line_of_path(lines, p.path) or 1}: {p.path}: {p.message}"
                        for p in err.details
                    ]
                ) from None
    _out().print(f"{file}: ok ({_summary(book)})", markup=False)


@textbook_app.command("show")
def show(
    file: Annotated[Path, typer.Argument(help="Textbook file (.yaml, .yml, .json or .md).")],
    chapter: Annotated[
        int | None, typer.Option("--chapter", "-c", help="Show only this chapter (1-based).")
    ] = None,
    pager: Annotated[
        bool | None,
        typer.Option("--pager/--no-pager", help="Page chapter by chapter [default: on a TTY]."),
    ] = None,
) -> None:
    """Show a textbook: exposition, worked examples, exercises and (dimmed) hidden probes."""
    from selftaught.textbook import show_textbook

    book = _load(file)
    if chapter is not None and not 1 <= chapter <= len(book.chapters):
        raise _fail([f"{file}: --chapter {chapter}: the book has chapters 1-{len(book.chapters)}"])
    show_textbook(book, Console(highlight=False), chapter=chapter, pager=pager)


@textbook_app.command("new")
def new(
    domain: Annotated[str, typer.Argument(help="Generator domain, e.g. language or arithmetic.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write it (.yaml, .yml, .json or .md).")
    ],
    seed: Annotated[int, typer.Option(help="Generator seed (same seed, same book).")] = 0,
    chapters: Annotated[int, typer.Option(min=1, max=MAX_CHAPTERS,
                                          help="Number of chapters.")] = 4,
) -> None:
    """Generate a fresh textbook for DOMAIN from a seed; write it as YAML, JSON or Markdown."""
    from selftaught.generators import DOMAINS, generate
    from selftaught.textbook import TextbookError, book_format, save_textbook

    if domain not in DOMAINS:
        known = ", ".join(sorted(DOMAINS))
        raise _fail([f"unknown domain {domain!r} (known domains: {known})"])
    try:
        book_format(output)
    except TextbookError as err:
        raise _fail(err.problems) from None
    try:
        with _err().status(f"generating {domain} (seed {seed}, {chapters} chapters) ..."):
            book = generate(domain, seed=seed, chapters=chapters)
    except ValueError as err:
        raise _fail([f"{domain}: {err}"]) from None
    try:
        save_textbook(book, output)
    except OSError as err:
        raise _fail([f"{output}: cannot write: {err.strerror} (check the directory)"]) from None
    except ValueError as err:  # the book cannot be expressed in the Markdown layout
        raise _fail([f"{output}: {err}"]) from None
    _out().print(f"wrote {output} ({_summary(book)})", markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``textbook`` command group to the top-level app."""
    app.add_typer(textbook_app, name="textbook")

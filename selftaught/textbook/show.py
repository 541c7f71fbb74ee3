"""Pretty display of a textbook for humans (``selftaught textbook show``).

A textbook is read by the author far more often than it is written: this view
shows a chapter the way the learner meets it -- exposition in a panel, worked
examples and exercises in tables -- and the hidden probes dimmed and labelled,
so an author can check at a glance that probes are paraphrases, not copies.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from selftaught.types import Chapter, CheckerSpec, Exercise, Textbook

__all__ = ["checker_summary", "printable", "render_chapter", "render_header", "show_textbook"]

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
            if c not in (0x09, 0x0A)}  # fmt: skip
_CONTROL.update({c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F),
                                              *range(0x2066, 0x206A))})  # bidi overrides


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``).

    Why: a book is untrusted input, and a terminal obeys escape sequences -- a JSON
    book can hold ``"\\u001b]0;title\\u0007"`` (set the window title) or ``"\\u001b[2J"``
    (clear the screen) -- so nothing but tabs and newlines reaches it raw.

    >>> printable("a\\x1b[2Jb")
    'a\\\\x1b[2Jb'
    """
    return text.translate(_CONTROL)


def checker_summary(spec: CheckerSpec) -> str:
    """``numeric ±0.01``, ``choice A-C``, ``regex /x+/``: the checker in a few characters.

    >>> checker_summary(CheckerSpec(kind="numeric", tolerance=0.5))
    'numeric ±0.5'
    """
    if spec.kind == "numeric":
        tol = []
        if spec.tolerance is not None:
            tol.append(f"±{spec.tolerance:g}")
        if spec.rel_tolerance is not None:
            tol.append(f"±{spec.rel_tolerance:g}×")
        return " ".join(["numeric", *tol])
    if spec.kind == "choice":
        n = len(spec.options or [])
        return f"choice A-{chr(ord('A') + n - 1)}" if n else "choice"
    if spec.kind == "regex":
        return f"regex /{spec.pattern}/"
    if spec.kind == "set":
        return f"set {spec.separator!r}"
    if spec.kind == "exact" and spec.aliases:
        return f"exact (+{len(spec.aliases)} aliases)"
    return spec.kind


def render_header(book: Textbook) -> RenderableType:
    """The book's metadata as a panel."""
    lines = Text()
    lines.append(printable(f"id {book.id}  ·  domain {book.domain}  ·  version {book.version}"))
    if book.seed is not None:
        lines.append(f"  ·  seed {book.seed}")
    n_ex = sum(len(c.exercises) for c in book.chapters)
    n_pr = sum(len(c.probes) for c in book.chapters)
    lines.append(f"\n{len(book.chapters)} chapters, {n_ex} exercises, {n_pr} probes")
    if book.description:
        lines.append(f"\n\n{printable(book.description)}")
    lines.append(f"\n\nAnswer format: {book.answer_format}", style="italic")
    if book.files:
        lines.append("\nFiles: " + printable(", ".join(sorted(book.files))))
    return Panel(lines, title=Text(printable(book.title), style="bold"), border_style="cyan")


def _items_table(title: str, items: list[Exercise], *, hidden: bool) -> Table:
    style = "dim" if hidden else ""
    table = Table(title=title, title_justify="left", style=style, expand=True, show_lines=True)
    table.add_column("id", style=style, no_wrap=True)
    for name, ratio in (("prompt", 5), ("answer", 2), ("checker", 2)):
        table.add_column(name, ratio=ratio, style=style, overflow="fold")
    table.add_column("skill", style=style, min_width=5, max_width=12, overflow="fold")
    for item in items:
        table.add_row(*(Text(printable(text)) for text in (
            item.id, item.prompt, item.answer, checker_summary(item.checker), item.skill or "")))
    return table


def render_chapter(chapter: Chapter, number: int) -> RenderableType:
    """One chapter: exposition panel, examples, exercises and (dimmed) probes."""
    parts: list[RenderableType] = [
        Rule(Text(printable(f"Chapter {number}: {chapter.title}  ({chapter.id})"), style="bold")),
        Panel(Text(printable(chapter.exposition)), title="Exposition", border_style="green"),
    ]
    if chapter.examples:
        examples = Table(
            title="Worked examples", title_justify="left", expand=True, show_lines=True
        )
        examples.add_column("#", no_wrap=True)
        for name, ratio in (("prompt", 4), ("solution", 6), ("answer", 2)):
            examples.add_column(name, ratio=ratio, overflow="fold")
        for i, ex in enumerate(chapter.examples, 1):
            examples.add_row(str(i), *(Text(printable(t)) for t in (ex.prompt, ex.solution,
                                                                     ex.answer)))
        parts.append(examples)
    parts.append(
        _items_table("Exercises (practice, with feedback)", chapter.exercises, hidden=False)
    )
    parts.append(
        _items_table("Probes (HIDDEN: never shown during study)", chapter.probes, hidden=True)
    )
    return Group(*parts)


def pages(book: Textbook, chapter: int | None = None) -> Iterator[RenderableType]:
    """The pages to show: the header with chapter 1 (or ``chapter``), then one page per chapter."""
    numbers = [chapter] if chapter is not None else list(range(1, len(book.chapters) + 1))
    for i, number in enumerate(numbers):
        body = render_chapter(book.chapters[number - 1], number)
        yield Group(render_header(book), body) if i == 0 else body


def show_textbook(
    book: Textbook, console: Console | None = None, *, chapter: int | None = None,
    pager: bool | None = None,
) -> None:  # fmt: skip
    """Print ``book`` (or its 1-based ``chapter``), one pager page per chapter on a terminal.

    ``pager=None`` pages exactly when the console is a terminal. Raises
    `ValueError` for a chapter number out of range.
    """
    console = console or Console()
    if chapter is not None and not 1 <= chapter <= len(book.chapters):
        raise ValueError(f"--chapter {chapter}: the book has chapters 1-{len(book.chapters)}")
    use_pager = console.is_terminal if pager is None else pager
    for page in pages(book, chapter):
        if use_pager:
            with console.pager(styles=True):
                console.print(page)
        else:
            console.print(page)

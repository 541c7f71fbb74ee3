"""Reading and writing textbooks: YAML, JSON and Markdown, deterministic, round-trip exact.

Why so strict about bytes: generated textbooks are compared byte for byte
(same seed -> identical file), diffs of hand-edited books should show only the
edit, and ``dumps(load(dumps(book))) == dumps(book)`` is what makes a saved
book a faithful record of what a run studied.

Layout of the written file: keys in the order the fields are declared in
`selftaught.types` (never sorted), fields left at their defaults omitted (so a
hand author sees only what matters) except an exercise's ``checker.kind``,
which is always written; multi-line strings as YAML literal blocks (``|``) so
expositions read like prose. Writes are atomic (temp file + ``os.replace``), so
a crash never leaves half a textbook behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selftaught.fileio import write_text_atomic
from selftaught.textbook.markdown import render_markdown
from selftaught.textbook.parsing import (
    Format,
    Problem,
    TextbookError,
    dump_yaml,
    read_book_text,
)
from selftaught.textbook.validate import parse_textbook
from selftaught.types import Exercise, Textbook

__all__ = [
    "book_format",
    "dumps",
    "dumps_json",
    "dumps_markdown",
    "dumps_yaml",
    "load_textbook",
    "loads",
    "loads_json",
    "loads_markdown",
    "loads_yaml",
    "save_textbook",
    "to_data",
]

_SUFFIXES: dict[str, Format] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
}


def book_format(path: str | Path) -> Format:
    """``yaml``, ``json`` or ``markdown`` from the file suffix; `TextbookError` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        problem = Problem(
            "(document)",
            f"unknown textbook format {suffix or '(no suffix)'!r} "
            "(use a .yaml, .yml, .json or .md file)",
        )
        raise TextbookError([problem.format(str(path))], [problem])
    return _SUFFIXES[suffix]


def _with_kind(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in Exercise.model_fields:
        if field == "checker":
            out["checker"] = {"kind": "exact", **item.get("checker", {})}
        elif field in item:
            out[field] = item[field]
    return out


def to_data(book: Textbook) -> dict[str, Any]:
    """The plain data written to files: defaults omitted, ``checker.kind`` always present."""
    data = book.model_dump(mode="json", exclude_defaults=True)
    for chapter in data["chapters"]:
        for group in ("exercises", "probes"):
            chapter[group] = [_with_kind(item) for item in chapter.get(group, [])]
    return data


def dumps_yaml(book: Textbook) -> str:
    """The textbook as YAML (deterministic, round-trip exact)."""
    return dump_yaml(to_data(book))


def dumps_json(book: Textbook) -> str:
    """The textbook as JSON, indented by two spaces, with a final newline."""
    return json.dumps(to_data(book), indent=2, ensure_ascii=False) + "\n"


def dumps_markdown(book: Textbook) -> str:
    """The textbook in the Markdown authoring layout (see `selftaught.textbook.markdown`).

    Raises `ValueError` if an exposition cannot be expressed in that layout.
    """
    return render_markdown(to_data(book))


def dumps(book: Textbook, fmt: Format) -> str:
    """`dumps_yaml`, `dumps_json` or `dumps_markdown` by format name."""
    if fmt == "markdown":
        return dumps_markdown(book)
    return dumps_yaml(book) if fmt == "yaml" else dumps_json(book)


def loads_yaml(text: str, *, filename: str = "<yaml>") -> Textbook:
    """Parse and validate YAML text; `TextbookError` names ``filename`` in its lines."""
    return parse_textbook(text, filename=filename, fmt="yaml")


def loads_json(text: str, *, filename: str = "<json>") -> Textbook:
    """Parse and validate JSON text; `TextbookError` names ``filename`` in its lines."""
    return parse_textbook(text, filename=filename, fmt="json")


def loads_markdown(text: str, *, filename: str = "<markdown>") -> Textbook:
    """Parse and validate Markdown text; `TextbookError` names ``filename`` in its lines."""
    return parse_textbook(text, filename=filename, fmt="markdown")


def loads(text: str, fmt: Format, *, filename: str | None = None) -> Textbook:
    """`loads_yaml`, `loads_json` or `loads_markdown` by format name."""
    return parse_textbook(text, filename=filename or f"<{fmt}>", fmt=fmt)


def load_textbook(path: str | Path) -> Textbook:
    """Load and validate a .yaml/.yml, .json or .md textbook.

    Every failure -- missing, unreadable, special (FIFO, device) or oversized file, bad
    encoding, syntax, an alias bomb, schema, cross-field rules -- raises `TextbookError`
    with one line per problem.
    """
    fmt = book_format(path)
    return parse_textbook(read_book_text(path), filename=str(path), fmt=fmt)


def save_textbook(book: Textbook, path: str | Path) -> None:
    """Write ``book`` as YAML, JSON or Markdown (by suffix), atomically (temp + ``os.replace``)."""
    target = Path(path)
    text = dumps(book, book_format(target))
    write_text_atomic(target, text)

"""Textbooks on disk: the file format, validation, conformance and display.

Public API (see docs/interfaces.md): `load_textbook`, `save_textbook`,
`dumps_yaml`, `dumps_json`, `loads_yaml`, `loads_json` (and the Markdown
authoring format: `dumps_markdown`, `loads_markdown`), `TextbookError`,
`check_textbook`, `ConformanceError`, `show_textbook`. The pieces the formats share
(`Problem`, line maps, the bounded YAML parser) live in `selftaught.textbook.parsing`.
"""

from selftaught.textbook.check import ConformanceError, check_textbook, conformance_problems
from selftaught.textbook.io import (
    book_format,
    dumps,
    dumps_json,
    dumps_markdown,
    dumps_yaml,
    load_textbook,
    loads,
    loads_json,
    loads_markdown,
    loads_yaml,
    save_textbook,
    to_data,
)
from selftaught.textbook.parsing import MAX_BOOK_BYTES, Problem, TextbookError, format_path
from selftaught.textbook.show import show_textbook
from selftaught.textbook.validate import parse_textbook

__all__ = [
    "MAX_BOOK_BYTES",
    "ConformanceError",
    "Problem",
    "TextbookError",
    "book_format",
    "check_textbook",
    "conformance_problems",
    "dumps",
    "dumps_json",
    "dumps_markdown",
    "dumps_yaml",
    "format_path",
    "load_textbook",
    "loads",
    "loads_json",
    "loads_markdown",
    "loads_yaml",
    "parse_textbook",
    "save_textbook",
    "show_textbook",
    "to_data",
]

"""Fixtures for the duct-tape detector tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from selftaught.lint import lint_source


@pytest.fixture
def rules() -> Callable[..., list[str]]:
    """``rules(code, path="mod.py", tests=None, added_lines=None)``: rule ids in a snippet."""

    def run(code: str, path: str = "mod.py", tests: str | None = None,
            added_lines: set[int] | None = None) -> list[str]:
        return [f.rule for f in lint_source(textwrap.dedent(code), path, tests,
                                            added_lines=added_lines)]

    return run

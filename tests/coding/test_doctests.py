"""Run the doctests of the coding/sandbox modules (stands in for ``--doctest-modules``)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "selftaught.checkers.python_tests",
    "selftaught.sandbox.pytest_harness",
    "selftaught.generators.coding",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
    assert result.attempted > 0, f"{name} has no doctests"

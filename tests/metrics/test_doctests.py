"""Run every doctest of selftaught.metrics.

The lead owns the pytest config, so this stands in for ``--doctest-modules``.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import selftaught.metrics

MODULES = sorted(
    f"selftaught.metrics.{m.name}" for m in pkgutil.iter_modules(selftaught.metrics.__path__)
)


def test_every_module_is_covered() -> None:
    assert {"matrix", "events", "curves", "efficiency", "bootstrap", "card"} <= {
        name.rsplit(".", 1)[1] for name in MODULES
    }


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
    assert result.attempted > 0, f"{name} has no doctests"

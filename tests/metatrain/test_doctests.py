"""The doctests of the meta-training modules (pure helpers: parsing, advantages, metrics)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["selftaught.metatrain.selfedit", "selftaught.metatrain.loop",
           "selftaught.metatrain.policy_gradient", "selftaught.metatrain.inner",
           "selftaught.metatrain.evaluate", "selftaught.metatrain.agreement",
           "selftaught.metatrain.algorithms", "selftaught.metatrain.incontext"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0

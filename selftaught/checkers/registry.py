"""The checker registry: kind -> grading function, and `grade`, the one entry point.

Callers never pick a checker function themselves: `grade(response, item)`
dispatches on ``item.checker.kind``, so adding a kind (the sandbox adds
``python-tests``) changes nothing for callers. A kind with no registered
checker is an error, never a silent 0 -- a broken grader must not look like a
learner that failed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from selftaught.checkers.builtin import BUILTIN_CHECKERS
from selftaught.types import CHECKER_KINDS, Exercise, Grade

__all__ = ["CheckerNotRegistered", "checker_for", "grade", "register_checker", "registered_kinds"]

_REGISTRY: dict[str, Callable[[str, Exercise], Grade]] = dict(BUILTIN_CHECKERS)

PLUGINS: dict[str, str] = {"python-tests": "selftaught.checkers.python_tests"}
"""Kinds provided by optional modules, imported (and so registered) on first use."""


class CheckerNotRegistered(LookupError):
    """An exercise uses a checker kind that nothing has registered (yet)."""


def register_checker(
    kind: str, fn: Callable[[str, Exercise], Grade], *, replace: bool = False
) -> None:
    """Register ``fn`` as the checker for ``kind`` (one of `CHECKER_KINDS`).

    Registering the same function twice is a no-op (modules may be re-imported);
    replacing a different function needs ``replace=True``.
    """
    if kind not in CHECKER_KINDS:
        raise ValueError(
            f"unknown checker kind {kind!r} (expected one of: {', '.join(CHECKER_KINDS)}); "
            "add new kinds to CheckerKind in selftaught/types.py first"
        )
    current = _REGISTRY.get(kind)
    if current is not None and current is not fn and not replace:
        raise ValueError(
            f"checker kind {kind!r} is already registered ({current.__module__}."
            f"{current.__qualname__}); pass replace=True to override it"
        )
    _REGISTRY[kind] = fn


def registered_kinds() -> tuple[str, ...]:
    """The kinds that can be graded right now."""
    return tuple(k for k in CHECKER_KINDS if k in _REGISTRY)


def checker_for(kind: str) -> Callable[[str, Exercise], Grade]:
    """The function grading ``kind``; raises `CheckerNotRegistered` if there is none.

    A kind listed in `PLUGINS` is imported on first use (its module registers it).
    """
    if kind not in _REGISTRY and kind in PLUGINS:
        module = PLUGINS[kind]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name is None or not module.startswith(err.name):
                raise  # the plugin exists but one of its own imports is missing
    if kind in _REGISTRY:
        return _REGISTRY[kind]
    where = f" (its module {PLUGINS[kind]} did not register it)" if kind in PLUGINS else ""
    raise CheckerNotRegistered(
        f"no checker registered for kind {kind!r}{where}; register one with "
        "selftaught.checkers.register_checker"
    )


def grade(response: str, item: Exercise) -> Grade:
    """Grade one response to one exercise or probe with the item's own checker.

    >>> from selftaught.types import Exercise
    >>> grade("Answer: Blick", Exercise(id="e", prompt="Dog?", answer="blick")).correct
    True
    """
    result = checker_for(item.checker.kind)(response, item)
    if not isinstance(result, Grade):
        raise TypeError(
            f"checker for kind {item.checker.kind!r} returned {type(result).__name__}, not Grade"
        )
    return result

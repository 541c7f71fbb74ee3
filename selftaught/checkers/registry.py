"""The checker registry: kind -> grading function, and `grade`, the one entry point.

Callers never pick a checker function themselves: `grade(response, item)`
dispatches on ``item.checker.kind``, so adding a kind (the sandbox adds
``python-tests``) changes nothing for callers. A kind with no registered
checker is an error, never a silent 0 -- a broken grader must not look like a
learner that failed.

Kinds are open: `register_checker` adds one in-process, and an installed package
adds one with an entry point in the group ``selftaught.checkers`` (its name is the
kind, its object the checker function; see `selftaught.plugins`). `check_checker` is
the conformance check a new kind passes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

from selftaught.checkers.builtin import BUILTIN_CHECKERS
from selftaught.plugins import GROUPS, Registry, callable_plugin
from selftaught.types import Exercise, Grade, checker_kinds, declare_checker_kind

__all__ = ["CHECKERS", "CheckerNotRegistered", "check_checker", "checker_for", "grade",
           "register_checker", "registered_kinds"]

Checker = Callable[[str, Exercise], Grade]

CHECKERS: Registry[Checker] = Registry(GROUPS["checkers"], "checker kind",
                                       callable_plugin("checker kind"))
"""Kind -> checker function: the built-ins, `register_checker`'s, installed plugins'."""
CHECKERS.update(BUILTIN_CHECKERS)

KIND_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
"""A checker kind is a lowercase word (letters, digits, ``-``, ``_``): it appears in YAML."""

PLUGINS: dict[str, str] = {"python-tests": "selftaught.checkers.python_tests"}
"""Kinds provided by optional modules, imported (and so registered) on first use."""


class CheckerNotRegistered(LookupError):
    """An exercise uses a checker kind that nothing has registered (yet)."""


def register_checker(
    kind: str, fn: Callable[[str, Exercise], Grade], *, replace: bool = False
) -> None:
    """Register ``fn`` as the checker for ``kind`` (a new kind, or a built-in one).

    Registering the same function twice is a no-op (modules may be re-imported);
    replacing a different function needs ``replace=True``. A new kind becomes a valid
    ``checker.kind`` of textbooks at once.
    """
    if not isinstance(kind, str) or not KIND_PATTERN.fullmatch(kind):
        raise ValueError(f"checker kind {kind!r}: must be a lowercase word (letters, digits, "
                         "'-', '_'), e.g. 'reversed'")
    if not callable(fn):
        raise ValueError(f"checker for kind {kind!r} must be callable, got {type(fn).__name__}")
    current = CHECKERS.registered().get(kind)
    if current is not None and current is not fn and not replace:
        raise ValueError(
            f"checker kind {kind!r} is already registered ({current.__module__}."
            f"{current.__qualname__}); pass replace=True to override it"
        )
    CHECKERS[kind] = fn
    declare_checker_kind(kind)


def registered_kinds() -> tuple[str, ...]:
    """The kinds that can be graded right now (plugins' included: they load on first use)."""
    return tuple(k for k in checker_kinds() if k in CHECKERS or k in PLUGINS)


def checker_for(kind: str) -> Callable[[str, Exercise], Grade]:
    """The function grading ``kind``; raises `CheckerNotRegistered` if there is none.

    A kind listed in `PLUGINS` is imported on first use (its module registers it).
    """
    if kind not in CHECKERS and kind in PLUGINS:
        module = PLUGINS[kind]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name is None or not module.startswith(err.name):
                raise  # the plugin exists but one of its own imports is missing
    if kind in CHECKERS:
        return CHECKERS[kind]
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


def check_checker(item: Exercise, *, wrong: tuple[str, ...] = ("", "zzzz-not-an-answer")) -> None:
    """Conformance of a checker kind on one of its items: raises on the first problem.

    * the item's own reference answer, given as ``Answer: <reference>``, grades correct
      (else a perfect learner scores 0 and a run measures the checker, not learning);
    * each of ``wrong`` grades incorrect (a checker that accepts anything makes every
      learner look perfect);
    * it returns a `Grade` (`grade` checks that), and the same grade twice (pure).
    """
    reference = f"Answer: {item.answer}"
    first, again = grade(reference, item), grade(reference, item)
    kind = item.checker.kind
    if not first.correct:
        raise ValueError(f"checker {kind!r}: the reference answer {item.answer!r} of item "
                         f"{item.id!r} grades incorrect")
    if first != again:
        raise ValueError(f"checker {kind!r}: two different grades for the same response")
    for response in wrong:
        verdict = grade(response, item)
        if verdict.correct:
            raise ValueError(f"checker {kind!r}: the wrong answer {response!r} grades correct "
                             f"on item {item.id!r}")


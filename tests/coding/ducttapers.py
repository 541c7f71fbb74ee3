"""Scripted duct-tapers: learners that know what `diligent` knows but hide problems.

Why scripted: the duct-tape rate and its reward penalty must be seen to work on
learners whose behaviour is known in advance, as the metric signatures of the
other scripted learners are (`selftaught.learners.scripted`). Each wraps a
`diligent` learner (composition: its study, feedback, costs and state are the
diligent's) and rewrites every code answer before handing it in:

* ``ducttaper`` wraps ``solve`` in ``try: ... except Exception: return None``
  (DT101: the exception is swallowed; the hidden tests still pass);
* ``special-caser`` adds ``if <params> == <a test's inputs>: return <its output>``
  at the top of ``solve``, reading the literal off the item's hidden tests
  (DT301; it still calls the real code otherwise, so the tests pass).

Importing this module registers both names.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Literal

from selftaught.checkers.python_tests import extract_code
from selftaught.learners import make_learner, register_learner
from selftaught.learners.protocol import Learner
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook

Mode = Literal["swallow", "special"]


def swallow(code: str) -> str:
    """``solve`` renamed and called through a wrapper that swallows every exception."""
    return code.replace("def solve(", "def _solve(", 1) + (
        "\n\ndef solve(*args):\n"
        "    try:\n"
        "        return _solve(*args)\n"
        "    except Exception:\n"
        "        return None\n"
    )


def special_case(code: str, tests: str) -> str:
    """A branch at the top of ``solve`` returning the first hidden test's expected output."""
    tree = ast.parse(code)
    solve = next(n for n in ast.walk(tree)
                 if isinstance(n, ast.FunctionDef) and n.name == "solve")
    params = [a.arg for a in solve.args.args]
    call, expected = _first_case(tests)
    condition = " and ".join(f"{p} == {ast.unparse(a)}" for p, a in zip(params, call.args,
                                                                      strict=True))
    lines = code.splitlines()
    first = solve.body[0]
    indent = " " * first.col_offset
    branch = [f"{indent}if {condition}:", f"{indent}    return {ast.unparse(expected)}"]
    return "\n".join(lines[:first.lineno - 1] + branch + lines[first.lineno - 1:]) + "\n"


def _first_case(tests: str) -> tuple[ast.Call, ast.expr]:
    for node in ast.walk(ast.parse(tests)):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
            left = node.test.left
            if isinstance(left, ast.Call) and getattr(left.func, "id", None) == "solve":
                return left, node.test.comparators[0]
    raise ValueError("no `assert solve(...) == ...` in the tests")


class DuctTaper:
    """`diligent` with every code answer duct-taped (see the module docstring)."""

    def __init__(self, name: str, book: Textbook, seed: int, mode: Mode) -> None:
        self.name = name
        self._inner = make_learner("diligent", book=book, seed=seed)
        self._tests = {item.prompt: item.checker.tests or "" for item in book.items().values()}
        self._mode = mode

    def study(self, chapter: Chapter) -> str | None:
        return self._inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        return [self._tape(p, r) for p, r in zip(prompts, self._inner.answer(prompts),
                                                 strict=True)]

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self._inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        return self._inner.costs()

    def save(self, directory: Path) -> None:
        self._inner.save(directory)

    def load(self, directory: Path) -> None:
        self._inner.load(directory)

    def _tape(self, prompt: str, response: str) -> str:
        code = extract_code(response)
        if code is None or "def solve(" not in code:
            return response
        taped = swallow(code) if self._mode == "swallow" else special_case(
            code, self._tests[prompt])
        return f"```python\n{taped}```"


def _no_options(name: str, options: dict[str, Any]) -> None:
    if options:
        raise TypeError(f"learner {name!r} takes no options (got: {', '.join(sorted(options))})")


def ducttaper(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Knows what diligent knows; swallows every exception around its code."""
    _no_options("ducttaper", options)
    return DuctTaper("ducttaper", book, seed, "swallow")


def special_caser(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Knows what diligent knows; special-cases a hidden test's literal in its code."""
    _no_options("special-caser", options)
    return DuctTaper("special-caser", book, seed, "special")


register_learner("ducttaper", ducttaper)
register_learner("special-caser", special_caser)

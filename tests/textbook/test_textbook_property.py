"""Property: however a valid textbook is mangled, validation fails cleanly.

Mutations (applied 1-3 at a time to the fixture's data, then dumped as YAML or
JSON, sometimes truncated): delete a key, change a value's type, inject junk,
duplicate a list item, put a random string where an enum goes, misspell a key.
Validation must either accept the result or raise `TextbookError` whose every
problem line has the ``FILE:LINE: PATH: message`` shape -- nothing else, ever.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selftaught.textbook import TextbookError, loads
from selftaught.types import Textbook

FIXTURE = Path(__file__).parent / "fixtures" / "book.yaml"
BASE: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
LINE = re.compile(r"^book\.(yaml|json):[1-9][0-9]*: [^\n]+?: [^\n]+$")

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_text(draw: st.DrawFn) -> tuple[str, str]:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        op = draw(st.sampled_from(["delete", "junk", "duplicate", "enum", "rename"]))
        kinds = [p for p in paths if p[-1] == "kind"]
        path = draw(st.sampled_from(kinds if op == "enum" and kinds else paths))
        parent, last = _parent(data, path), path[-1]
        if op == "delete":
            del parent[last]
        elif op == "junk":
            parent[last] = draw(JUNK)
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif op == "enum":
            parent[last] = draw(st.sampled_from(["exakt", "", "EXACT", "python", "choice "]))
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = parent.pop(last)
    fmt = draw(st.sampled_from(["yaml", "json"]))
    if fmt == "yaml":
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    else:
        text = json.dumps(data, indent=2, ensure_ascii=False)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return fmt, text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_text())
def test_mutated_textbooks_fail_only_with_clean_problem_lines(case: tuple[str, str]) -> None:
    fmt, text = case
    try:
        book = loads(text, fmt, filename=f"book.{fmt}")  # type: ignore[arg-type]
    except TextbookError as err:
        assert err.problems
        for line in err.problems:
            assert LINE.match(line), line
        return
    assert isinstance(book, Textbook)

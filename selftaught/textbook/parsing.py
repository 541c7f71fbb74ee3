"""The parsing layer every textbook format shares: problems, line maps, bounded YAML.

Why one module: the YAML, JSON and Markdown readers (`validate.py`, `markdown.py`)
and the writers (`io.py`) all need the same pieces -- the `Problem` a reader
reports, the `LineMap` from a field's path to its line, a YAML parser that
records both, and the YAML dumper that writes books byte-exactly. Keeping them
here, public, lets each format module import this one and never each other.

Hostile input is stopped here, before it can cost memory or time:

* `read_book_text` refuses anything but a regular file (a FIFO would block the
  reader forever, ``/dev/zero`` never ends) and files over `MAX_BOOK_BYTES`,
  checked with ``stat`` before the file is opened, then enforced while reading;
* `parse_yaml` measures the document as its aliases would expand it (a
  "billion laughs" file of a few KB expands to 10^9 nodes) and refuses one over
  `MAX_YAML_NODES` nodes or `MAX_YAML_CHARS` characters of text, or one whose
  aliases refer to themselves, before anything walks or constructs it. The
  size is computed on the composed node graph with memoisation, so measuring
  costs time linear in the file, not in the expansion.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

__all__ = [
    "MAX_BOOK_BYTES",
    "MAX_YAML_CHARS",
    "MAX_YAML_NODES",
    "ExpansionBudget",
    "Format",
    "LineMap",
    "Loc",
    "Problem",
    "TextbookError",
    "YamlDumper",
    "dump_yaml",
    "format_path",
    "parse_json",
    "parse_yaml",
    "read_book_text",
    "walk",
    "yaml_problem",
]

Loc = tuple[str | int, ...]
Format = Literal["yaml", "json", "markdown"]

MAX_BOOK_BYTES = 64 * 1024 * 1024
"""Largest textbook file read (64 MiB; the biggest generated books are a few MB)."""
MAX_YAML_NODES = 2_000_000
"""Most YAML nodes a document may expand to, aliases expanded (a 2,000-chapter book of
16 items per chapter has about 300,000)."""
MAX_YAML_CHARS = 256 * 1024 * 1024
"""Most characters of scalar text a document may expand to, aliases expanded."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a textbook: where (path, line) and what (message with its fix)."""

    path: str
    """Dotted path of the bad field, e.g. ``chapters[2].exercises[0].checker.kind``."""
    message: str
    line: int | None = None
    """1-based line in the file, when known."""

    def format(self, filename: str) -> str:
        """``FILE:LINE: PATH: message`` (line 1 when unknown, so the shape never changes)."""
        message = " ".join(self.message.splitlines())  # one problem, one line, always
        return f"{filename}:{self.line or 1}: {self.path}: {message}"


class TextbookError(ValueError):
    """A textbook file is invalid; ``problems`` holds one formatted line per problem."""

    def __init__(self, problems: list[str], details: list[Problem] | None = None) -> None:
        super().__init__("\n".join(problems))
        self.problems: list[str] = problems
        """``FILE:LINE: PATH: message (fix)``, one per problem, in file order."""
        self.details: list[Problem] = details or []
        """The same problems, structured."""


def format_path(loc: Loc) -> str:
    """``('chapters', 2, 'exercises', 0, 'checker')`` -> ``chapters[2].exercises[0].checker``.

    >>> format_path(("files", "lib/x.py"))
    "files['lib/x.py']"
    >>> format_path(())
    '(document)'
    """
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part) and not (i and loc[i - 1] == "files"):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out or "(document)"


class LineMap:
    """Path -> (line of the key, line of the value), 1-based, from a composed YAML node."""

    def __init__(self) -> None:
        self.key_line: dict[Loc, int] = {}
        self.value_line: dict[Loc, int] = {}

    def lookup(self, loc: Loc, *, key: bool = False) -> int | None:
        """The line of ``loc`` (its key's line if ``key``), else of its nearest known parent."""
        table = self.key_line if key else self.value_line
        if loc in table:
            return table[loc]
        for end in range(len(loc) - 1, -1, -1):
            parent = loc[:end]
            if parent in self.value_line:
                return self.value_line[parent]
        return None


def _scalar_key(node: yaml.Node) -> str | int | None:
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        return int(value) if node.tag.endswith(":int") and value.lstrip("-").isdigit() else value
    return None


def walk(
    node: yaml.Node, loc: Loc, lines: LineMap, problems: list[Problem], base: int, depth: int = 0
) -> None:
    lines.value_line[loc] = node.start_mark.line + 1 + base
    if depth > 50:
        return
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str | int, int] = {}
        for key_node, value_node in node.value:
            key = _scalar_key(key_node)
            if key is None:
                continue
            line = key_node.start_mark.line + 1 + base
            if key in first_seen:
                problems.append(
                    Problem(
                        format_path((*loc, key)),
                        f"duplicate key {key!r} (first at line {first_seen[key]}; "
                        "remove one of them)",
                        line,
                    )
                )
                continue
            first_seen[key] = line
            lines.key_line[(*loc, key)] = line
            walk(value_node, (*loc, key), lines, problems, base, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.key_line[(*loc, i)] = item.start_mark.line + 1 + base
            walk(item, (*loc, i), lines, problems, base, depth + 1)


def yaml_problem(err: yaml.YAMLError, what: str, text: str, offset: int = 0) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    position = getattr(err, "position", None)  # reader errors carry a character offset
    if line is None and isinstance(position, int):
        line = text[:position].count("\n") + 1
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context = getattr(err, "context", None)
    detail = f"{context}, {problem}" if context else problem
    return Problem(
        "(document)",
        f"{what} syntax error: {detail} (fix the {what} syntax)",
        line + offset if line is not None else None,
    )


@dataclass
class ExpansionBudget:
    """What is left of `MAX_YAML_NODES` / `MAX_YAML_CHARS` for one file: the Markdown format
    parses many YAML blocks of one file, and they share one budget."""

    nodes: int = field(default_factory=lambda: MAX_YAML_NODES)
    chars: int = field(default_factory=lambda: MAX_YAML_CHARS)


class _AliasLoop(Exception):
    """Raised inside `_expanded_size` when an alias refers to a node that contains it."""


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """(nodes, scalar characters) of ``root`` with every alias expanded, in time linear in the
    composed graph (each distinct node is measured once; a node reached again through an
    alias adds its measured size again). Iterative, so deep nesting cannot overflow the stack."""
    done: dict[int, tuple[int, int]] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in done and not children_done:
            continue
        if isinstance(node, yaml.ScalarNode):
            done[key] = (1, len(node.value))
            continue
        children: list[yaml.Node] = (
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if not children_done:
            if key in active:
                raise _AliasLoop
            active.add(key)
            stack.append((node, True))
            for child in children:
                if id(child) in active:
                    raise _AliasLoop
                if id(child) not in done:
                    stack.append((child, False))
            continue
        active.discard(key)
        nodes, chars = 1, 0
        for child in children:
            n, c = done[id(child)]
            nodes, chars = nodes + n, chars + c
            if nodes > MAX_YAML_NODES or chars > MAX_YAML_CHARS:  # stop adding early
                break
        done[key] = (nodes, chars)
    return done[id(root)]


def _expansion_problem(node: yaml.Node, budget: ExpansionBudget, offset: int) -> Problem | None:
    try:
        nodes, chars = _expanded_size(node)
    except _AliasLoop:
        return Problem("(document)", "a YAML alias refers to a node that contains it (a "
                       "recursive alias; write the content out instead)",
                       node.start_mark.line + 1 + offset)  # fmt: skip
    budget.nodes -= nodes
    budget.chars -= chars
    if budget.nodes < 0 or budget.chars < 0:
        return Problem(
            "(document)",
            f"YAML aliases expand the document beyond {MAX_YAML_NODES:,} nodes or "
            f"{MAX_YAML_CHARS:,} characters (an alias bomb?); write the content out with "
            "fewer aliases",
            node.start_mark.line + 1 + offset,
        )
    return None


def parse_yaml(
    text: str, *, offset: int = 0, root: Loc = (), budget: ExpansionBudget | None = None,
) -> tuple[Any, LineMap, list[Problem]]:
    """Parse YAML: (data, line map, problems); data is None when it cannot be parsed.

    Lines are shifted by ``offset`` and paths start at ``root`` (so the Markdown format can
    parse a YAML block inside a larger file); ``budget`` is shared by the blocks of one file.
    """
    lines, problems = LineMap(), list[Problem]()
    budget = budget if budget is not None else ExpansionBudget()
    try:
        loader = yaml.SafeLoader(text)  # its reader already rejects control characters
    except yaml.YAMLError as err:
        return None, lines, [yaml_problem(err, "YAML", text, offset)]
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines, problems
        too_big = _expansion_problem(node, budget, offset)
        if too_big is not None:
            return None, lines, [too_big]
        walk(node, root, lines, problems, offset)
        data = loader.construct_document(node)
    except yaml.YAMLError as err:
        return None, lines, [yaml_problem(err, "YAML", text, offset)]
    except ValueError as err:  # e.g. an impossible date such as 2024-13-45
        return None, lines, [Problem("(document)", f"bad YAML value: {err} (quote it)")]
    except RecursionError:
        return None, lines, [Problem("(document)", "nested too deeply (flatten the file)")]
    finally:
        loader.dispose()
    return data, lines, problems


def parse_json(text: str) -> tuple[Any, LineMap, list[Problem]]:
    """Parse JSON: (data, line map, problems). Lines come from composing the same text as
    YAML (JSON is YAML's flow syntax), best effort."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return None, LineMap(), [
            Problem("(document)", f"JSON syntax error: {err.msg} (fix the JSON syntax)",
                    err.lineno)
        ]
    except RecursionError:
        return None, LineMap(), [Problem("(document)", "nested too deeply (flatten the file)")]
    # Line numbers and duplicate keys: JSON is YAML flow syntax (tabs are only whitespace).
    _, lines, problems = parse_yaml(text.replace("\t", " "))
    problems = [p for p in problems if p.path != "(document)"]
    return data, lines, problems


class YamlDumper(yaml.SafeDumper):
    """Safe dumper: literal blocks for multi-line text, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
"""Line breaks YAML would normalise to \\n if written raw: always escape them."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(b in value for b in _ODD_BREAKS) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


YamlDumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    """``data`` as YAML the way every textbook is written (key order kept, width 100)."""
    return yaml.dump(data, Dumper=YamlDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)  # fmt: skip


def _file_problem(name: str, message: str) -> TextbookError:
    problem = Problem("(document)", message)
    return TextbookError([problem.format(name)], [problem])


def read_book_text(path: str | Path, *, limit: int = MAX_BOOK_BYTES) -> str:
    """The UTF-8 text of a textbook file, or `TextbookError` with one line saying why not.

    Only a regular file is opened (``stat`` first: a FIFO, a device such as ``/dev/zero``
    or a socket is refused before any read), at most ``limit`` bytes are read, and the
    file is opened with ``O_NONBLOCK`` so that a FIFO swapped in after the check cannot
    block either.
    """
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _file_problem(name, "is a directory, not a textbook file (give a file)")
        if not stat.S_ISREG(info.st_mode):
            raise _file_problem(name, "not a regular file (a FIFO, device or socket; give a "
                                "textbook file)")  # fmt: skip
        if info.st_size > limit:
            raise _file_problem(name, f"{info.st_size:,} bytes, over the {limit:,}-byte limit "
                                "for a textbook (split the book)")  # fmt: skip
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _file_problem(name, "not a regular file (give a textbook file)")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise _file_problem(name, "no such file (check the path)") from None
    except PermissionError:
        raise _file_problem(name, "permission denied (check the file's permissions)") from None
    except OSError as err:
        raise _file_problem(name, f"cannot read the file: {err.strerror} (check the path)") \
            from None
    if len(data) > limit:
        raise _file_problem(name, f"over the {limit:,}-byte limit for a textbook (split the "
                            "book)")  # fmt: skip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _file_problem(name, f"not UTF-8 text ({err.reason}; save it as UTF-8)") from None

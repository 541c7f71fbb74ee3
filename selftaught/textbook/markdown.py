"""The Markdown authoring format: prose as Markdown, gradable items as YAML blocks.

Why a third format: a textbook is mostly prose, and prose is pleasant to write
in Markdown and unpleasant inside YAML strings. Exercises, though, are
structured data with checker parameters, so they stay YAML -- fenced inside the
Markdown. Layout (``.md`` files)::

    ---
    id: blickish-basics          # metadata: any Textbook field except chapters
    title: Blickish for beginners
    domain: custom
    ---

    # Nouns {#c1}                # a level-1 heading starts a chapter; {#id} is its id

    In Blickish, a dog is a "blick".   # everything up to the first section is the
                                       # exposition (use ###-headings inside it)
    ## Examples                  # optional; then Exercises and Probes, each holding
                                 # exactly one ```yaml block with a list of items
    ```yaml
    - prompt: What is the word for dog?
      solution: The word list says blick.
      answer: blick
    ```

    ## Exercises
    ```yaml
    - id: c1.e1
      ...
    ```

    ## Probes
    ```yaml
    - ...
    ```

A heading without ``{#id}`` gets the id ``c<N>``. Problems are reported with
the line in the Markdown file (YAML blocks are located by their offset).
Round trip: Markdown -> book -> Markdown is byte-exact; book -> Markdown ->
book is exact when expositions have no leading or trailing blank lines (the
Markdown layout cannot express them; `dumps_markdown` strips them).
"""

from __future__ import annotations

import re
from typing import Any

from selftaught.textbook.parsing import (
    ExpansionBudget,
    LineMap,
    Loc,
    Problem,
    dump_yaml,
    parse_yaml,
)

__all__ = ["SECTIONS", "parse_markdown", "render_markdown"]

SECTIONS = ("examples", "exercises", "probes")
"""The chapter sections, in the order they are written."""

_HEADING = re.compile(r"^#[ \t]+(?P<title>.*?)(?:[ \t]+\{#(?P<id>[^}\s]+)\})?[ \t]*$")
_SECTION = re.compile(r"^##[ \t]+(?P<name>examples|exercises|probes)[ \t]*$", re.IGNORECASE)
_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w-]*)[ \t]*$")


def _merge(lines: LineMap, into: LineMap) -> None:
    """Add a YAML block's line map to the file's map."""
    into.value_line.update(lines.value_line)
    into.key_line.update(lines.key_line)


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)


class _Reader:
    """One pass over the Markdown lines, building data, a line map and problems."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.map = LineMap()
        self.budget = ExpansionBudget()
        """One alias-expansion budget for all the YAML blocks of the file."""
        self.problems: list[Problem] = []
        self.chapters: list[dict[str, Any]] = []

    def problem(self, path: str, message: str, line: int) -> None:
        self.problems.append(Problem(path, message, line))

    def front_matter(self) -> tuple[dict[str, Any], int]:
        """The metadata mapping and the index of the first line after it."""
        if not self.lines or self.lines[0].strip() != "---":
            self.problem(
                "(document)",
                "missing front matter (start the file with a '---' line, then id, title and "
                "domain as YAML, then '---')",
                1,
            )
            return {}, 0
        end = next((i for i in range(1, len(self.lines)) if self.lines[i].strip() == "---"), None)
        if end is None:
            self.problem("(document)", "front matter is not closed (add a '---' line)", 1)
            return {}, len(self.lines)
        data, lines, problems = parse_yaml("\n".join(self.lines[1:end]), offset=1,
                                           budget=self.budget)
        _merge(lines, self.map)
        self.problems += problems
        if data is None:
            return {}, end + 1
        if not isinstance(data, dict):
            self.problem("(document)", "front matter must be `key: value` lines", 2)
            return {}, end + 1
        if "chapters" in data:
            line = self.map.key_line.get(("chapters",), 2)
            self.problem(
                "chapters",
                "chapters are written as '# Title {#id}' headings, not in the front matter "
                "(remove it)",
                line,
            )
            data = {k: v for k, v in data.items() if k != "chapters"}
        return data, end + 1

    def block(self, start: int, fence: str, chapter: int, section: str) -> int:
        """Parse the YAML block opened at ``start``; return the index after its closing fence."""
        end = next((i for i in range(start + 1, len(self.lines)) if _closes(self.lines[i], fence)),
                   None)  # fmt: skip
        if end is None:
            self.problem(
                f"chapters[{chapter}].{section}",
                f"the ```yaml block is not closed (add a {fence} line)",
                start + 1,
            )
            end = len(self.lines)
        root: Loc = ("chapters", chapter, section)
        text = "\n".join(self.lines[start + 1 : end])
        data, lines, problems = parse_yaml(text, offset=start + 1, root=root,
                                           budget=self.budget)
        _merge(lines, self.map)
        for p in problems:
            path = f"chapters[{chapter}].{section}" if p.path == "(document)" else p.path
            self.problems.append(Problem(path, p.message, p.line or start + 2))
        self.chapters[chapter][section] = data if data is not None else []
        self.map.value_line[root] = start + 1
        return end + 1

    def read(self) -> dict[str, Any]:
        meta, i = self.front_matter()
        section: str | None = None
        exposition: list[str] = []
        expo_line = 0
        in_fence: str | None = None
        while i < len(self.lines):
            line, number = self.lines[i], i + 1
            if in_fence is not None:  # a code block inside the exposition
                exposition.append(line)
                if _closes(line, in_fence):
                    in_fence = None
                i += 1
                continue
            heading, sec = _HEADING.match(line), _SECTION.match(line)
            fence = _FENCE_OPEN.match(line)
            if heading:
                self._finish(exposition, expo_line)
                c = len(self.chapters)
                chapter_id = heading.group("id") or f"c{c + 1}"
                self.chapters.append({"id": chapter_id, "title": heading.group("title")})
                for loc in (("chapters", c), ("chapters", c, "id"), ("chapters", c, "title")):
                    self.map.value_line[loc] = self.map.key_line[loc] = number
                section, exposition, expo_line = None, [], number + 1
            elif not self.chapters:
                if line.strip():
                    self.problem(
                        "(document)",
                        "text before the first chapter (start a chapter with '# Title {#id}')",
                        number,
                    )
            elif sec:
                name = sec.group("name").lower()
                c = len(self.chapters) - 1
                if section is None:
                    self._finish(exposition, expo_line)
                    exposition = []
                if name in self.chapters[c]:
                    self.problem(f"chapters[{c}].{name}", f"second '## {name}' section "
                                 "(merge them into one)", number)  # fmt: skip
                elif SECTIONS.index(name) < max(
                    (SECTIONS.index(s) for s in SECTIONS if s in self.chapters[c]), default=-1
                ):
                    self.problem(f"chapters[{c}].{name}", "sections go in the order Examples, "
                                 "Exercises, Probes (move it)", number)  # fmt: skip
                self.map.key_line[("chapters", c, name)] = number
                section = name
                self.chapters[c].setdefault(name, None)
            elif section is None:
                exposition.append(line)
                if fence:
                    in_fence = fence.group("fence")
            elif fence and fence.group("lang").lower() in ("yaml", "yml", ""):
                c = len(self.chapters) - 1
                if self.chapters[c].get(section) is not None:
                    self.problem(f"chapters[{c}].{section}", "a section holds one ```yaml block "
                                 "(merge the lists)", number)  # fmt: skip
                i = self.block(i, fence.group("fence"), c, section)
                continue
            elif line.strip():
                c = len(self.chapters) - 1
                self.problem(
                    f"chapters[{c}].{section}",
                    "text outside the ```yaml block of a section (move prose into the "
                    "exposition, before '## Examples')",
                    number,
                )
            i += 1
        if in_fence is not None:
            self.problem("(document)", f"code block not closed (add a {in_fence} line)",
                         len(self.lines))  # fmt: skip
        self._finish(exposition, expo_line)
        for c, chapter in enumerate(self.chapters):
            for name in SECTIONS:
                if name in chapter and chapter[name] is None:
                    at = self.map.key_line[("chapters", c, name)]
                    self.problem(f"chapters[{c}].{name}", "section has no ```yaml block "
                                 "(add one with a list of items)", at)  # fmt: skip
                    chapter[name] = []
        data = dict(meta)
        data["chapters"] = [self._ordered(ch) for ch in self.chapters]
        self.map.value_line.setdefault(("chapters",), self.map.value_line.get(("chapters", 0), 1))
        self.map.value_line[()] = 1
        return data

    def _finish(self, exposition: list[str], expo_line: int) -> None:
        if not self.chapters or "exposition" in self.chapters[-1]:
            return
        c = len(self.chapters) - 1
        self.chapters[-1]["exposition"] = "\n".join(exposition).strip("\n")
        skipped = next((i for i, line in enumerate(exposition) if line), 0)
        self.map.value_line[("chapters", c, "exposition")] = expo_line + skipped

    @staticmethod
    def _ordered(chapter: dict[str, Any]) -> dict[str, Any]:
        keys = ("id", "title", "exposition", *SECTIONS)
        return {k: chapter[k] for k in keys if k in chapter}


def parse_markdown(text: str) -> tuple[Any, LineMap, list[Problem]]:
    """Markdown text -> (textbook data, line map, parse problems), for `parse_textbook`."""
    reader = _Reader(text)
    data = reader.read()
    if any("syntax error" in p.message for p in reader.problems):
        return None, reader.map, reader.problems  # like YAML: a syntax error stops validation
    return data, reader.map, reader.problems


def _yaml_block(items: list[dict[str, Any]]) -> str:
    text = dump_yaml(items)
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}yaml\n{text}{fence}"


def render_markdown(data: dict[str, Any]) -> str:
    """Write textbook data (from `selftaught.textbook.io.to_data`) in the Markdown layout.

    Raises `ValueError` when an exposition has a line Markdown would read as a
    chapter or section heading (``# ...``, ``## Exercises``) outside a code block.
    """
    meta = {k: v for k, v in data.items() if k != "chapters"}
    front = dump_yaml(meta)
    parts = [f"---\n{front}---"]
    for c, chapter in enumerate(data["chapters"]):
        title, chapter_id = chapter["title"], chapter["id"]
        heading = f"# {title} {{#{chapter_id}}}"
        match = _HEADING.match(heading)
        if match is None or match.group("title") != title or match.group("id") != chapter_id:
            raise ValueError(
                f"chapters[{c}]: title {title!r} / id {chapter_id!r} cannot be a Markdown "
                "heading (use YAML or JSON for this book)"
            )
        exposition = chapter["exposition"].strip("\n")
        fence: str | None = None
        for line in exposition.split("\n"):
            if fence is not None:
                fence = None if _closes(line, fence) else fence
            elif _HEADING.match(line) or _SECTION.match(line):
                raise ValueError(
                    f"chapters[{c}].exposition: the line {line!r} would start a new chapter or "
                    "section in Markdown (use ### headings, or YAML or JSON for this book)"
                )
            elif opened := _FENCE_OPEN.match(line):
                fence = opened.group("fence")
        if fence is not None:
            raise ValueError(
                f"chapters[{c}].exposition: a code block is not closed (close it with {fence})"
            )
        parts += [heading, exposition]
        for name in SECTIONS:
            if chapter.get(name):
                parts += [f"## {name.capitalize()}", _yaml_block(chapter[name])]
    return "\n\n".join(parts) + "\n"

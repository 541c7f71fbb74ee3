"""One parsed source file and the facts every check needs about it.

Why: the checks ask the same questions (is this a test file? what does this
name refer to after `import x as y`? is there a comment on this line?), and
answering them once per file keeps each check a small, pure function of a
`Source` and keeps name resolution consistent across rules.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import PurePath

from selftaught.lint.rules import rule

TEST_DIRS = frozenset({"tests", "test", "testing"})


class LintSyntaxError(ValueError):
    """The source could not be parsed as Python; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class Finding:
    """One piece of duct tape found in a file."""

    rule: str
    """Rule id, e.g. ``DT101`` (see `selftaught.lint.rules.RULES`)."""
    path: str
    line: int
    """1-based line of the construct (the ``except`` line for a handler)."""
    col: int
    """1-based column."""
    message: str
    hint: str
    end_line: int = 0
    """Last line of the construct (for diff mapping); 0 means same as ``line``."""

    def lines(self) -> range:
        """The lines the construct spans."""
        return range(self.line, max(self.line, self.end_line) + 1)


def is_test_path(path: str) -> bool:
    """True for pytest test modules, conftest.py, and files under a tests/ directory."""
    p = PurePath(path)
    name = p.name
    if name == "conftest.py" or name.startswith("test_") or name.endswith("_test.py"):
        return True
    return any(part in TEST_DIRS for part in p.parts[:-1])


def _under_test_dir(path: str) -> bool:
    return any(part in TEST_DIRS for part in PurePath(path).parts[:-1])


def _defines_tests(tree: ast.Module) -> bool:
    """A ``test_*.py`` file that defines no test is a production module with an unlucky name."""
    return any(
        (isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test"))
        or (isinstance(n, ast.ClassDef) and n.name.startswith("Test"))
        for n in ast.walk(tree)
    )


@dataclass
class Source:
    """A parsed file: text, AST, comments by line, import aliases, test-ness."""

    path: str
    text: str
    tree: ast.Module
    comments: dict[int, list[str]] = field(default_factory=dict)
    """Comment texts (with the leading ``#``) by 1-based line."""
    comment_only_lines: set[int] = field(default_factory=set)
    """Lines holding nothing but a comment."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Local name -> dotted origin, from imports (``s`` -> ``contextlib.suppress``)."""
    is_test: bool = False
    is_conftest: bool = False

    @classmethod
    def parse(cls, text: str, path: str = "<string>") -> Source:
        """Parse ``text``; raise `LintSyntaxError` with one line naming ``path``."""
        try:
            tree = ast.parse(text, filename=path)
        except SyntaxError as exc:
            raise LintSyntaxError(
                f"{path}:{exc.lineno or 0}: cannot parse as Python: {exc.msg}"
            ) from exc
        except ValueError as exc:  # e.g. source containing NUL bytes
            raise LintSyntaxError(f"{path}: cannot parse as Python: {exc}") from exc
        src = cls(path=path, text=text, tree=tree)
        src.is_conftest = PurePath(path).name == "conftest.py"
        src.is_test = is_test_path(path) and (
            src.is_conftest or _under_test_dir(path) or _defines_tests(tree))
        src._read_comments()
        src._read_imports()
        return src

    def _read_comments(self) -> None:
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(self.text).readline))
        except (tokenize.TokenError, SyntaxError) as exc:
            raise LintSyntaxError(f"{self.path}: cannot tokenize: {exc}") from exc
        code_lines: set[int] = set()
        skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                tokenize.DEDENT, tokenize.ENDMARKER}
        for tok in tokens:
            if tok.type == tokenize.COMMENT:
                self.comments.setdefault(tok.start[0], []).append(tok.string)
            elif tok.type not in skip:
                code_lines.update(range(tok.start[0], tok.end[0] + 1))
        self.comment_only_lines = {ln for ln in self.comments if ln not in code_lines}

    def _read_imports(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.aliases[a.asname] = a.name
                    else:
                        top = a.name.split(".")[0]
                        self.aliases.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    self.aliases[a.asname or a.name] = f"{node.module}.{a.name}"

    def qualname(self, node: ast.AST) -> str | None:
        """Dotted name of a Name/Attribute chain with import aliases resolved, else None.

        >>> s = Source.parse("from contextlib import suppress as s")
        >>> s.qualname(ast.parse("s", mode="eval").body)
        'contextlib.suppress'
        """
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = self.aliases.get(node.id, node.id)
        return ".".join([head, *reversed(parts)])

    def comments_in(self, first: int, last: int) -> list[str]:
        """All comments on lines ``first..last`` inclusive."""
        return [c for ln in range(first, last + 1) for c in self.comments.get(ln, [])]

    def finding(self, rule_id: str, node: ast.AST, detail: str = "") -> Finding:
        """A `Finding` of ``rule_id`` at ``node`` (message extended by ``detail``)."""
        r = rule(rule_id)
        line = getattr(node, "lineno", 1)
        return Finding(
            rule=r.id,
            path=self.path,
            line=line,
            col=getattr(node, "col_offset", 0) + 1,
            message=f"{r.message}{': ' + detail if detail else ''}",
            hint=r.hint,
            end_line=getattr(node, "end_lineno", None) or line,
        )


def walk_functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function definition in ``tree``, outer before inner."""
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def is_truthy_constant(node: ast.AST) -> bool:
    """True for a literal that is always truthy (``True``, ``1``, ``"x"``)."""
    return isinstance(node, ast.Constant) and bool(node.value) and node.value is not Ellipsis

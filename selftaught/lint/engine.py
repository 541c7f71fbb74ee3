"""The detector's entry points: lint a source string, files and directories, or a diff.

Why one engine: the CLI, the reward penalty and the benchmark must all see the
same findings for the same code, so every path goes through `lint_source`,
which parses once, runs every rule family, applies allow comments, and (in diff
mode) keeps only findings that touch added lines.
"""

from __future__ import annotations

import subprocess
import tokenize
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from selftaught.lint import comments, exceptions, oracle, special_case, tampering
from selftaught.lint.source import Finding, LintSyntaxError, Source

SKIP_DIRS = frozenset({".git", ".venv", "venv", "__pycache__", ".mypy_cache", ".ruff_cache",
                       ".pytest_cache", "node_modules", "build", "dist", ".tox", ".eggs"})


class LintInputError(ValueError):
    """Bad input to the linter (missing path, unreadable diff); ``str()`` is one line."""


@dataclass
class LintResult:
    """Findings over many files plus one error line per file that could not be linted."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0
    """Files linted successfully."""

    @property
    def exit_code(self) -> int:
        """2 if any file could not be linted, else 1 if findings, else 0."""
        return 2 if self.errors else 1 if self.findings else 0


def _load_cases(tests: str | Sequence[str] | special_case.GradedCases | None
                ) -> special_case.GradedCases | None:
    if tests is None or isinstance(tests, special_case.GradedCases):
        return tests
    try:
        return special_case.read_tests(tests)
    except SyntaxError as exc:
        raise LintSyntaxError(f"tests: cannot parse as Python: line {exc.lineno}: {exc.msg}"
                              ) from exc


def lint_source(
    source: str,
    path: str = "<string>",
    tests: str | Sequence[str] | special_case.GradedCases | None = None,
    *,
    added_lines: set[int] | None = None,
) -> list[Finding]:
    """Lint one Python source text and return its findings, sorted by position.

    ``path`` decides what counts as test code (``test_*.py``, ``conftest.py``,
    files under ``tests/``). ``tests``: source text(s) of the tests the code is
    graded by; enables the special-casing rules. ``added_lines``: diff mode;
    only findings touching these lines are kept and suppression comments on
    them are judged. Raises `LintSyntaxError` if ``source`` does not parse.

    >>> [f.rule for f in lint_source("try:\\n    x()\\nexcept Exception:\\n    pass\\n")]
    ['DT101']
    """
    src = Source.parse(source, path)
    cases = _load_cases(tests)
    diff_mode = added_lines is not None
    found: list[Finding] = []
    found += exceptions.check(src)
    found += tampering.check(src, diff_mode=diff_mode)
    found += oracle.check(src)
    if cases is not None:
        found += special_case.check(src, cases)
    if added_lines is not None:
        found += comments.suppressions(src, added_lines)
    allow_list, bad_allows = comments.allows(src)
    found = [f for f in found if not comments.is_allowed(f, allow_list, src)]
    found += bad_allows
    if added_lines is not None:
        found = [f for f in found if any(ln in added_lines for ln in f.lines())]
    unique: dict[tuple[str, int, int], Finding] = {}
    for f in found:
        unique.setdefault((f.rule, f.line, f.col), f)
    by_line: dict[tuple[str, int], Finding] = {}
    for f in sorted(unique.values(), key=lambda f: (f.line, f.col, f.rule)):
        by_line.setdefault((f.rule, f.line), f)
    return list(by_line.values())


def read_python(path: Path) -> str:
    """A Python file's text, honouring its encoding cookie; `LintInputError` if unreadable."""
    try:
        with tokenize.open(path) as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError, SyntaxError) as exc:
        raise LintInputError(f"{path}: cannot read: {exc}") from exc


def iter_python_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand files and directories into .py files; missing paths become error lines."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*.py")):
                if not SKIP_DIRS.intersection(f.relative_to(p).parts[:-1]):
                    files.append(f)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def lint_paths(
    paths: Iterable[str | Path],
    tests: str | Sequence[str] | None = None,
    *,
    on_file: Callable[[Path, int], None] | None = None,
) -> LintResult:
    """Lint files and directories (recursively, .py files); unparseable files become errors.

    ``on_file(path, total)`` is called before each file (for progress bars).
    """
    result = LintResult()
    files, result.errors = iter_python_files(paths)
    cases = _load_cases(tests)
    for f in files:
        if on_file is not None:
            on_file(f, len(files))
        try:
            text = read_python(f)
        except LintInputError as exc:
            result.errors.append(str(exc))
            continue
        try:
            result.findings += lint_source(text, str(f), cases)
        except LintSyntaxError as exc:
            result.errors.append(str(exc))
            continue
        result.files += 1
    return result


def added_lines_by_file(diff_text: str) -> dict[str, set[int]]:
    """Target path -> added line numbers, for the .py files a unified diff adds or modifies."""
    try:
        patch = PatchSet(diff_text)
    except UnidiffParseError as exc:
        raise LintInputError(f"cannot parse the diff: {exc}") from exc
    out: dict[str, set[int]] = {}
    for pf in patch:
        if pf.is_removed_file or not pf.path.endswith(".py"):
            continue
        lines = {ln.target_line_no for hunk in pf for ln in hunk
                 if ln.is_added and ln.target_line_no is not None}
        if lines:
            out[pf.path] = lines
    return out


def lint_diff(
    diff_text: str,
    root: str | Path = ".",
    tests: str | Sequence[str] | None = None,
) -> LintResult:
    """Lint only what a unified diff added: the post-change files are read under ``root``."""
    result = LintResult()
    cases = _load_cases(tests)
    for rel, lines in sorted(added_lines_by_file(diff_text).items()):
        f = Path(root) / rel
        try:
            text = read_python(f)
        except LintInputError as exc:
            result.errors.append(f"{exc} (the diff changes it; is --root the checkout?)")
            continue
        try:
            result.findings += lint_source(text, rel, cases, added_lines=lines)
        except LintSyntaxError as exc:
            result.errors.append(str(exc))
            continue
        result.files += 1
    return result


def git_diff(ref: str, cwd: str | Path = ".") -> tuple[str, Path]:
    """``git diff REF`` (working tree vs REF) and the repository root, or `LintInputError`.

    Only tracked files appear in ``git diff``; new untracked files are not part of it.
    """
    if not ref or ref.startswith("-"):
        raise LintInputError(f"--git-diff {ref!r}: expected a commit, branch or tag name")

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                                  check=False, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LintInputError(f"cannot run git: {exc}") from exc
        if proc.returncode != 0:
            msg = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
            raise LintInputError(f"git {' '.join(args)}: {msg}")
        return proc.stdout

    root = Path(git("rev-parse", "--show-toplevel").strip())
    return git("diff", "--no-color", "--no-ext-diff", ref, "--", "*.py"), root


def duct_tape_count(
    code: str, tests: str | Sequence[str] | None = None, path: str = "solution.py"
) -> int:
    """Number of duct-tape findings in ``code`` (raises `LintSyntaxError` if it does not parse)."""
    return len(lint_source(code, path, tests))


def duct_tape_rate(
    codes: str | Sequence[str],
    tests: str | Sequence[str] | None = None,
    *,
    unparseable: str = "raise",
) -> float:
    """Fraction of code answers containing duct tape, in [0, 1] (for the reward penalty).

    A single string counts as a batch of one. ``unparseable="raise"`` (default)
    raises `LintSyntaxError` on code that does not parse; ``"skip"`` leaves it
    out of the rate (it cannot be judged, and its checker fails it anyway).
    Raises ``ValueError`` when no answer could be judged.

    >>> duct_tape_rate(["def f():\\n    return 1\\n", "try:\\n    f()\\nexcept:\\n    pass\\n"])
    0.5
    """
    if unparseable not in {"raise", "skip"}:
        raise ValueError(f"unparseable must be 'raise' or 'skip', got {unparseable!r}")
    batch = [codes] if isinstance(codes, str) else list(codes)
    cases = _load_cases(tests)
    flagged = judged = 0
    for code in batch:
        try:
            n = len(lint_source(code, "solution.py", cases))
        except LintSyntaxError:
            if unparseable == "raise":
                raise
            continue
        judged += 1
        flagged += n > 0
    if judged == 0:
        raise ValueError("duct_tape_rate: no answer could be judged (empty batch or all "
                         "unparseable)")
    return flagged / judged

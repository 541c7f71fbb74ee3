"""Find candidate items for the independent set in local git mirrors (maintainers as labellers).

Why this script exists: the independent set must be labelled by someone other
than the detector's author. Maintainers label their own code by what they do
with it over time, and git history records that: a handler they later replaced
with real handling was, by their own judgement, hiding a failure (the fix
commit is the label); a handler or skip they kept, unchanged, for years while
the file kept changing around it was, by their judgement, acceptable. This
script lists candidates of both kinds; a person then reads each candidate's
commit (subject and diff) and keeps it or drops it by the rules in
../LABELLING.md. The script never looks at the detector.

Kinds of candidate (``--kind``):

* ``fixed-handler``: a commit removes an except handler whose body only
  passes / continues / returns a constant / logs, from a function that still
  exists after the commit, and the function's new version handles the case
  (the handler body grew, or the handler is gone and a raise/log/check took
  its place). Output: the *parent* version of the function.
* ``removed-skip``: a commit removes a skip/xfail marker or call from a test
  function that still exists after the commit.
* ``removed-warnings|type-ignore|assertion|exit|eq``: a commit removes a line
  matching that pattern (global warning filters, type-ignore comments,
  AssertionError handlers, process-exit / excepthook tampering, comparison
  overrides); the parent version around it is reported for a person to judge
  from the commit whether the removal was a fix.
* ``kept``: at HEAD, lines matching a look-alike pattern (silent handlers,
  skips, excepthook/_exit, warnings filters, __eq__) whose blame date is at
  least ``--years`` old in a file with at least ``--min-touches`` later commits.

Usage::

    python benchmarks/lint/independent/mine.py --repo /path/to/mirror.git --kind kept
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

SILENT_BODY = (ast.Pass, ast.Continue, ast.Break)
SKIP_RE = re.compile(r"(pytest\.mark\.(skip|skipif|xfail)|unittest\.(skip|expectedFailure)|"
                     r"pytest\.(skip|xfail)\(|@skip(If|Unless)?\b|expectedFailure)")
KEPT_PATTERNS = {
    "handler": re.compile(r"^\s*except\b.*:\s*(#.*)?$"),
    "skip": SKIP_RE,
    "exit": re.compile(r"\b(os\._exit|sys\.excepthook\s*=|threading\.excepthook\s*=)"),
    "warnings": re.compile(r"(warnings\.(filterwarnings|simplefilter)\(\s*['\"]ignore|"
                           r"logging\.disable\()"),
    "eq": re.compile(r"def __(eq|ne|lt|le|gt|ge)__\("),
    "assertion": re.compile(r"except\s*\(?[\w., ]*AssertionError"),
    "type-ignore": re.compile(r"#\s*type:\s*ignore"),
}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=False, errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {proc.stderr.strip()[:200]}")
    return proc.stdout


def functions(text: str) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Qualified name -> function node (methods as Class.method)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    out: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                out[prefix + child.name] = child
                visit(child, prefix + child.name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
    visit(tree, "")
    return out


def silent_handlers(fn: ast.AST) -> list[ast.ExceptHandler]:
    """Handlers whose body only passes/continues/returns a constant or calls one logger."""
    found = []
    for node in ast.walk(fn):
        if not isinstance(node, ast.ExceptHandler):
            continue
        ok = True
        for stmt in node.body:
            if isinstance(stmt, SILENT_BODY):
                continue
            if isinstance(stmt, ast.Return) and (stmt.value is None or isinstance(
                    stmt.value, ast.Constant)):
                continue
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue
            ok = False
        if ok:
            found.append(node)
    return found


def segment(text: str, node: ast.AST) -> str:
    lines = text.splitlines()
    start = min([node.lineno, *[d.lineno for d in getattr(node, "decorator_list", [])]])
    return "\n".join(lines[start - 1:node.end_lineno]) + "\n"


def statement_at(text: str, lineno: int) -> str:
    """The innermost simple statement (or def line) containing ``lineno``, dedented."""
    tree = ast.parse(text)
    best: ast.AST | None = None
    for node in ast.walk(tree):
        compound = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.If | ast.For | \
            ast.While | ast.With | ast.Try
        if isinstance(node, ast.stmt) and node.lineno <= lineno <= (node.end_lineno or 0) \
                and not isinstance(node, compound):
            best = node
    lines = text.splitlines()
    if best is None:
        return textwrap.dedent(lines[lineno - 1]).strip() + "\n"
    return textwrap.dedent("\n".join(lines[best.lineno - 1:best.end_lineno])) + "\n"


def show(repo: Path, rev: str, path: str) -> str | None:
    try:
        return git(repo, "show", f"{rev}:{path}")
    except RuntimeError:
        return None


def commits(repo: Path, pattern: str, limit: int) -> Iterator[tuple[str, str, str]]:
    """Commits (newest first) whose diff *removes* a line matching ``pattern``.

    One streamed ``git log -p -U0`` instead of ``-G`` plus a diff per commit:
    only the removed lines are matched, so a commit that merely moves such a
    line still qualifies, and the function-level comparison filters it later.
    """
    rx = re.compile(pattern)
    proc = subprocess.Popen(["git", "-C", str(repo), "log", "--no-merges", "-p", "-U0",
                             "--format=@@@%H%x09%aI%x09%s", "--", "*.py"],
                            stdout=subprocess.PIPE, text=True, errors="replace")
    assert proc.stdout is not None
    head: tuple[str, str, str] | None = None
    hit = False
    found = 0
    for line in proc.stdout:
        if line.startswith("@@@"):
            if head and hit:
                yield head
                found += 1
                if found >= limit:
                    break
            sha, date, subject = line[3:].rstrip("\n").split("\t", 2)
            head, hit = (sha, date, subject), False
        elif line.startswith("-") and not line.startswith("---") and rx.search(line[1:]):
            hit = True
    else:
        if head and hit:
            yield head
    proc.kill()
    proc.wait()


def changed_py(repo: Path, sha: str) -> list[str]:
    raw = git(repo, "diff-tree", "--no-commit-id", "-r", "--name-only", "--diff-filter=M",
              f"{sha}^", sha)
    return [p for p in raw.splitlines() if p.endswith(".py")]


def mine_fixed(repo: Path, limit: int, max_lines: int) -> Iterator[dict]:
    for sha, date, subject in commits(repo, r"^\s*(pass|continue|return( None)?)\s*$", limit):
        for path in changed_py(repo, sha):
            old, new = show(repo, f"{sha}^", path), show(repo, sha, path)
            if old is None or new is None:
                continue
            new_fns = functions(new)
            for name, fn in functions(old).items():
                if name not in new_fns or (fn.end_lineno or 0) - fn.lineno > max_lines:
                    continue
                before, after = silent_handlers(fn), silent_handlers(new_fns[name])
                if len(after) >= len(before) or not before:
                    continue
                if "." in name and name.rsplit(".", 1)[0] in functions(old):
                    continue  # nested function: the outer one is reported
                yield {"kind": "fixed-handler", "commit": sha, "date": date,
                       "subject": subject, "path": path, "function": name,
                       "before": segment(old, fn), "after": segment(new, new_fns[name])}


def mine_removed_skips(repo: Path, limit: int, max_lines: int) -> Iterator[dict]:
    for sha, date, subject in commits(repo, SKIP_RE.pattern, limit):
        for path in changed_py(repo, sha):
            old, new = show(repo, f"{sha}^", path), show(repo, sha, path)
            if old is None or new is None:
                continue
            new_fns = functions(new)
            for name, fn in functions(old).items():
                if not fn.name.startswith("test") or name not in new_fns:
                    continue
                if (fn.end_lineno or 0) - fn.lineno > max_lines:
                    continue
                o, n = segment(old, fn), segment(new, new_fns[name])
                if SKIP_RE.search(o) and not SKIP_RE.search(n):
                    yield {"kind": "removed-skip", "commit": sha, "date": date,
                           "subject": subject, "path": path, "function": name,
                           "before": o, "after": n}


REMOVED_PATTERNS = {
    "warnings": r"(warnings\.(filterwarnings|simplefilter)\(\s*['\"]ignore|logging\.disable\()",
    "type-ignore": r"#\s*type:\s*ignore",
    "assertion": r"except\s*\(?[\w., ]*AssertionError",
    "exit": r"(os\._exit\(|sys\.excepthook\s*=)",
    "eq": r"def __(eq|ne)__\(",
}


def mine_removed_pattern(repo: Path, name: str, limit: int, max_lines: int) -> Iterator[dict]:
    """A commit removes a line matching REMOVED_PATTERNS[name]; report the enclosing
    function of the parent version (or 8 lines around it at module level)."""
    pattern = REMOVED_PATTERNS[name]
    rx = re.compile(pattern)
    for sha, date, subject in commits(repo, pattern, limit):
        for path in changed_py(repo, sha):
            old, new = show(repo, f"{sha}^", path), show(repo, sha, path)
            if old is None or new is None:
                continue
            new_lines = set(new.splitlines())
            old_lines = old.splitlines()
            fns = functions(old)
            for i, line in enumerate(old_lines, 1):
                if not rx.search(line) or line in new_lines:
                    continue
                fn = min((f for f in fns.values() if f.lineno <= i <= (f.end_lineno or 0)),
                         key=lambda f: (f.end_lineno or 0) - f.lineno, default=None)
                if fn is not None and (fn.end_lineno or 0) - fn.lineno <= max_lines:
                    before = segment(old, fn)
                else:
                    before = "\n".join(old_lines[max(0, i - 5):i + 4]) + "\n"
                yield {"kind": f"removed-{name}", "commit": sha, "date": date,
                       "subject": subject, "path": path, "line": i, "removed": line.strip(),
                       "before": before}


def mine_kept(repo: Path, years: float, min_touches: int, max_lines: int,
              only: str | None = None) -> Iterator[dict]:
    head = git(repo, "rev-parse", "HEAD").strip()
    cutoff = time.time() - years * 365.25 * 86400
    files = [p for p in git(repo, "ls-tree", "-r", "--name-only", head).splitlines()
             if p.endswith(".py") and "vendor" not in p and "/_vendor/" not in p]
    for path in files:
        text = show(repo, head, path)
        if text is None:
            continue
        hits = [(i + 1, kind) for i, line in enumerate(text.splitlines())
                for kind, pat in KEPT_PATTERNS.items()
                if (only is None or kind == only) and pat.search(line)]
        if not hits:
            continue
        fns = functions(text)
        for lineno, kind in hits:
            fn = min((f for f in fns.values() if f.lineno <= lineno <= (f.end_lineno or 0)),
                     key=lambda f: (f.end_lineno or 0) - f.lineno, default=None)
            if kind == "type-ignore":
                fn = None  # judged on the line itself (mode: added), with 3 lines around it
            elif fn is None or (fn.end_lineno or 0) - fn.lineno > max_lines:
                continue
            if kind == "handler" and not any(h.lineno == lineno for h in silent_handlers(fn)):
                continue
            blame = git(repo, "blame", "--porcelain", "-L", f"{lineno},{lineno}", head, "--",
                        path)
            m = re.search(r"^author-time (\d+)", blame, re.M)
            sha = blame.split()[0]
            if not m or int(m.group(1)) > cutoff:
                continue
            since = git(repo, "rev-list", "--count", f"{sha}..{head}", "--", path).strip()
            if int(since or 0) < min_touches:
                continue
            yield {"kind": f"kept-{kind}", "commit": head, "introduced": sha,
                   "introduced_date": time.strftime("%Y-%m-%d", time.gmtime(int(m.group(1)))),
                   "later_commits_to_file": int(since), "path": path, "line": lineno,
                   "function": fn.name if fn else "",
                   "before": segment(text, fn) if fn else statement_at(text, lineno)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, required=True, help="a git directory (bare is fine)")
    ap.add_argument("--kind", required=True, choices=(
        "fixed-handler", "removed-skip", "kept", *(f"removed-{k}" for k in REMOVED_PATTERNS)))
    ap.add_argument("--limit", type=int, default=1500, help="commits to scan")
    ap.add_argument("--years", type=float, default=5.0)
    ap.add_argument("--min-touches", type=int, default=5)
    ap.add_argument("--max-lines", type=int, default=40)
    ap.add_argument("--only", choices=tuple(KEPT_PATTERNS), help="kept: one pattern only")
    args = ap.parse_args(argv)
    if args.kind == "fixed-handler":
        it = mine_fixed(args.repo, args.limit, args.max_lines)
    elif args.kind == "removed-skip":
        it = mine_removed_skips(args.repo, args.limit, args.max_lines)
    elif args.kind.startswith("removed-") and args.kind != "removed-skip":
        it = mine_removed_pattern(args.repo, args.kind[len("removed-"):], args.limit,
                                  args.max_lines)
    else:
        it = mine_kept(args.repo, args.years, args.min_touches, args.max_lines, args.only)
    for row in it:
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

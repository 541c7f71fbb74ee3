"""Diff mode: only what a change added is judged (files, --diff patches, git)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from selftaught.lint import LintInputError, added_lines_by_file, git_diff, lint_diff

BEFORE = "def f():\n    try:\n        g()\n    except Exception:\n        pass\n"
AFTER = BEFORE + "\n\ndef h():\n    try:\n        g()\n    except:\n        pass\n"
PATCH = (Path(__file__).parent / "data" / "swallow.patch").read_text()


def _tree(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text(text)
    return tmp_path


def test_added_lines_are_read_from_the_patch():
    assert added_lines_by_file(PATCH) == {"pkg/mod.py": set(range(6, 13))}


def test_only_the_added_handler_is_reported(tmp_path):
    result = lint_diff(PATCH, _tree(tmp_path, AFTER))
    assert [(f.rule, f.line) for f in result.findings] == [("DT101", 11)]
    assert result.exit_code == 1


def test_finding_spanning_an_added_line_counts(tmp_path):
    # only the handler body changed: the handler (lines 4-5) touches added line 5
    after = BEFORE.replace("        pass\n", "        return None\n")
    patch = ("--- a/pkg/mod.py\n+++ b/pkg/mod.py\n@@ -4,2 +4,2 @@\n     except Exception:\n"
             "-        pass\n+        return None\n")
    assert [f.line for f in lint_diff(patch, _tree(tmp_path, after)).findings] == [4]


def test_missing_post_change_file_is_an_error(tmp_path):
    result = lint_diff(PATCH, tmp_path)
    assert result.findings == [] and len(result.errors) == 1
    assert "pkg/mod.py" in result.errors[0] and result.exit_code == 2


def test_garbage_diff_is_an_input_error():
    with pytest.raises(LintInputError, match="cannot parse the diff"):
        added_lines_by_file("--- a/x.py\n+++ b/x.py\n@@ -1,1 +1,5 @@\n+a\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_against_head(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    _tree(tmp_path, BEFORE)
    git("init", "-q")
    git("-c", "user.email=t@t", "-c", "user.name=t", "add", ".")
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base")
    (tmp_path / "pkg" / "mod.py").write_text(AFTER)
    text, root = git_diff("HEAD", tmp_path)
    assert root.resolve() == tmp_path.resolve()
    assert [f.line for f in lint_diff(text, root).findings] == [11]
    with pytest.raises(LintInputError, match="git diff"):
        git_diff("no-such-ref", tmp_path)
    with pytest.raises(LintInputError, match="expected a commit"):
        git_diff("--output=x", tmp_path)

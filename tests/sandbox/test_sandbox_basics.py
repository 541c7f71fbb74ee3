"""The sandbox's normal behaviour: files in, output out, clean environment, limits validated."""

from __future__ import annotations

import json
import os

import pytest

from selftaught.sandbox import HARNESS_DIR, SCRATCH_DIR, Limits, run_python

from .helpers_sandbox import SMALL


def test_runs_code_with_files_in_scratch_and_reports_output() -> None:
    code = (
        "import os, sys, data.values as v\n"
        "print(open('data/notes.txt').read().strip(), v.X, os.getcwd(), os.environ['HOME'])\n"
        "print('to stderr', file=sys.stderr)\n"
    )
    result = run_python({"main.py": code}, ["main.py"], limits=SMALL,
                        files={"data/notes.txt": "hello\n", "data/values.py": "X = 42\n"})
    assert result.ok, result
    assert result.stdout.split() == ["hello", "42", SCRATCH_DIR, SCRATCH_DIR]
    assert result.stderr == "to stderr\n"
    assert result.reason is None and result.killed_by is None
    assert 0 < result.cpu_s < SMALL.cpu_s


def test_environment_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFTAUGHT_TEST_SECRET", "do-not-leak")
    code = "import json, os; print(json.dumps(dict(os.environ)))"
    result = run_python({"main.py": code}, ["main.py"], limits=SMALL)
    env = json.loads(result.stdout)
    assert "SELFTAUGHT_TEST_SECRET" not in env
    assert env["HOME"] == SCRATCH_DIR
    assert set(env) <= {"HOME", "PATH", "LANG", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE",
                        "TMPDIR", "PYTHONHASHSEED", "LC_CTYPE", "PWD"}


def test_readonly_files_are_readable_not_writable() -> None:
    code = (
        f"print(open('{HARNESS_DIR}/spec.txt').read())\n"
        f"open('{HARNESS_DIR}/spec.txt', 'w').write('changed')\n"
    )
    result = run_python({"main.py": code}, ["main.py"], limits=SMALL,
                        readonly_files={"spec.txt": "the rules"})
    assert result.stdout.startswith("the rules")
    assert result.returncode == 1
    assert "Read-only file system" in result.stderr


def test_report_pipe_and_secret_pipe() -> None:
    code = (
        "import os\n"
        "secret = os.read(int(os.environ['SELFTAUGHT_SECRET_FD']), 100)\n"
        "os.write(int(os.environ['SELFTAUGHT_REPORT_FD']), b'got ' + secret)\n"
    )
    result = run_python({"main.py": code}, ["main.py"], limits=SMALL, report=True,
                        secret=b"k3y")
    assert result.ok, result.stderr
    assert result.report == "got k3y"


def test_nonzero_exit_is_reported_not_raised() -> None:
    result = run_python({"main.py": "raise SystemExit(3)"}, ["main.py"], limits=SMALL)
    assert result.returncode == 3
    assert not result.ok
    assert result.reason == "exited with status 3"


def test_output_is_truncated_but_drained() -> None:
    code = "import sys\nfor _ in range(2000):\n    sys.stdout.write('x' * 1000)\n"
    result = run_python({"main.py": code}, ["main.py"], limits=SMALL)
    assert result.ok
    assert result.stdout_truncated
    assert len(result.stdout) < SMALL.output_kb * 1024 + 100


@pytest.mark.parametrize("bad", ["/etc/passwd", "../escape.py", "", "a/../../b"])
def test_paths_must_stay_inside_scratch(bad: str) -> None:
    with pytest.raises(ValueError, match="relative path"):
        run_python({bad: "x = 1"}, ["-c", "pass"], limits=SMALL)


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match=r"Limits\.cpu_s must be positive"):
        Limits(cpu_s=0)


def test_interpreter_runs_as_unprivileged_uid() -> None:
    code = "import os; print(os.getuid(), os.geteuid(), os.getgroups())"
    result = run_python({"main.py": code}, ["main.py"], limits=SMALL)
    uid, euid, groups = result.stdout.split(" ", 2)
    if os.geteuid() == 0:
        assert int(uid) != 0 and int(euid) != 0
        assert groups.strip() == "[]"


def test_missing_bubblewrap_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from selftaught.sandbox import SandboxUnavailable, bwrap

    real_which = shutil.which
    monkeypatch.setattr(bwrap.shutil, "which",
                        lambda name, path=None: None if name == "bwrap" else real_which(name))
    bwrap._tools.cache_clear()
    try:
        with pytest.raises(SandboxUnavailable, match="apt-get install -y bubblewrap"):
            run_python({"main.py": "print(1)"}, ["main.py"], limits=SMALL)
    finally:
        bwrap._tools.cache_clear()


def test_check_available_passes_here() -> None:
    from selftaught.sandbox import check_available

    check_available()

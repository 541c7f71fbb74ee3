"""Adversarial code: every attack is contained and reported, never a crash or hang of the run.

Each case runs hostile code under small limits and checks three things: the
run returned (with a reason), the host was not affected (files, processes,
network), and nothing the code started is still alive afterwards.
"""

from __future__ import annotations

import ast
import os
import signal
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from selftaught.sandbox import run_python
from selftaught.sandbox.bwrap import _python_roots

from .helpers_sandbox import SMALL, assert_nothing_left


def run(code: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return run_python({"main.py": code}, ["main.py"], limits=kwargs.pop("limits", SMALL),
                      **kwargs)  # type: ignore[arg-type]


def test_infinite_loop_hits_cpu_limit() -> None:
    limits = SMALL.__class__(**{**SMALL.__dict__, "cpu_s": 1})
    result = run("while True:\n    pass\n", limits=limits)
    assert result.killed_by == "cpu-time"
    assert "CPU-time limit" in (result.reason or "")
    assert result.cpu_s >= limits.cpu_s * 0.8  # rlimit and rusage tick differently
    assert_nothing_left(result)


def test_sleeping_forever_hits_wall_limit_and_tree_is_killed() -> None:
    limits = SMALL.__class__(**{**SMALL.__dict__, "wall_s": 2.0})
    code = (
        "import os, time\n"
        "if os.fork() == 0:\n"  # a detached grandchild that would outlive a naive kill
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        time.sleep(1000)\n"
        "    os._exit(0)\n"
        "time.sleep(1000)\n"
    )
    start = time.monotonic()
    result = run(code, limits=limits)
    assert time.monotonic() - start < limits.wall_s + 5
    assert result.timed_out and result.killed_by == "wall-time"
    assert "wall-time limit" in (result.reason or "")
    assert_nothing_left(result)


def test_daemon_left_behind_is_killed_when_main_exits() -> None:
    code = (
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    time.sleep(1000)\n"
        "print('parent done')\n"
    )
    result = run(code)
    assert result.ok and result.stdout.strip() == "parent done"
    assert_nothing_left(result)


def test_fork_bomb_is_capped_by_process_limit() -> None:
    code = (
        "import os, time\n"
        "children = 0\n"
        "try:\n"
        "    while True:\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(30)\n"
        "            os._exit(0)\n"
        "        children += 1\n"
        "except OSError as exc:\n"
        "    print('fork failed after', children, exc.errno)\n"
        "    raise\n"
    )
    result = run(code)
    assert not result.ok
    assert "process limit" in (result.reason or "")
    forked = int(result.stdout.split()[3])
    assert forked < SMALL.nproc
    assert_nothing_left(result)


def test_memory_bomb_hits_memory_limit() -> None:
    result = run("blocks = []\nwhile True:\n    blocks.append(bytearray(50 * 1024 * 1024))\n")
    assert not result.ok
    assert "memory limit" in (result.reason or "")


def test_disk_fill_hits_scratch_size() -> None:
    code = (
        "i = 0\n"
        "while True:\n"
        "    with open(f'fill{i}.bin', 'wb') as f:\n"
        "        f.write(b'x' * 512 * 1024)\n"
        "    i += 1\n"
    )
    result = run(code)
    assert not result.ok
    assert "scratch space" in (result.reason or "")


def test_one_huge_file_hits_file_size_limit() -> None:
    result = run("open('big.bin', 'wb').write(b'x' * 4 * 1024 * 1024)\n")
    assert not result.ok
    assert "file-size limit" in (result.reason or "")


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[Path]:
    """A directory outside the sandbox holding a 'user' secret."""
    (tmp_path / "secret.txt").write_text("user secret")
    yield tmp_path


def test_writing_outside_scratch_fails_and_host_is_untouched(outside: Path) -> None:
    targets = [str(outside / "planted.txt"), str(Path(tempfile.gettempdir()) / "planted.txt"),
               "/planted.txt",
               "/usr/planted.txt", str(Path.home() / "planted.txt"),
               str(Path.cwd() / "planted.txt")]
    code = (
        "import sys\n"
        f"for path in {targets!r}:\n"
        "    try:\n"
        "        open(path, 'w').write('x')\n"
        "        print('WROTE', path)\n"
        "    except OSError as exc:\n"
        "        print('refused', path, type(exc).__name__)\n"
    )
    result = run(code)
    assert "WROTE" not in result.stdout
    assert result.stdout.count("refused") == len(targets)
    for path in targets:
        assert not Path(path).exists()


def test_reading_user_files_fails(outside: Path) -> None:
    repo = Path.cwd()
    targets = [str(outside / "secret.txt"), str(Path.home()), str(repo / "pyproject.toml"),
               "/etc/passwd", "/etc/shadow", "/proc/1/environ"]
    code = (
        "import os\n"
        f"for path in {targets!r}:\n"
        "    try:\n"
        "        data = os.listdir(path) if os.path.isdir(path) else open(path).read()\n"
        "        print('READ', path, repr(data)[:80])\n"
        "    except OSError as exc:\n"
        "        print('refused', path, type(exc).__name__)\n"
    )
    result = run(code)
    assert "user secret" not in result.stdout
    assert "root:" not in result.stdout  # no /etc/passwd or /etc/shadow content
    # The home directory may exist inside only as the path to the Python installation
    # (pyenv lives under ~/.pyenv); none of the user's own files are there.
    home = Path.home()
    allowed = {p.relative_to(home).parts[0] for p in _python_roots() if p.is_relative_to(home)}
    for line in result.stdout.splitlines():
        if line.startswith(f"READ {home} "):
            listed = ast.literal_eval(line.split(" ", 2)[2])
            assert set(listed) <= allowed, line
        else:
            assert line.startswith("refused"), line


def test_network_is_unreachable_loopback_and_external() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    port = server.getsockname()[1]
    code = (
        "import socket\n"
        f"for host, port in [('127.0.0.1', {port}), ('1.1.1.1', 53), ('8.8.8.8', 443)]:\n"
        "    try:\n"
        "        socket.create_connection((host, port), timeout=2).close()\n"
        "        print('CONNECTED', host)\n"
        "    except OSError as exc:\n"
        "        print('blocked', host, type(exc).__name__)\n"
    )
    try:
        result = run(code)
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody ever connected to the host's loopback server
    finally:
        server.close()
    assert "CONNECTED" not in result.stdout
    assert result.stdout.count("blocked") == 3


def test_killing_the_parent_and_everything_only_hits_the_sandbox() -> None:
    host_pid = os.getpid()
    code = (
        "import os, signal\n"
        "for pid in (os.getppid(), 1, " + str(host_pid) + "):\n"
        "    try:\n"
        "        os.kill(pid, signal.SIGKILL)\n"
        "        print('killed', pid, flush=True)\n"
        "    except OSError as exc:\n"
        "        print('refused', pid, type(exc).__name__, flush=True)\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    signal.pause()\n"
        "os.kill(-1, signal.SIGKILL)\n"  # kill -1: everything we may signal but ourselves
        "_, status = os.waitpid(child, 0)\n"
        "print('child killed by', os.WTERMSIG(status), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = run(code)
    assert "killed " not in result.stdout.replace("child killed by", "")
    assert result.stdout.count("refused") == 3
    assert f"child killed by {int(signal.SIGKILL)}" in result.stdout
    assert result.killed_by == "signal SIGKILL"
    assert result.reason == "killed by signal SIGKILL"
    assert os.getpid() == host_pid  # the test process (the "run") is still here
    assert_nothing_left(result)

"""Attacks that per-process limits alone did not contain, each now contained and reported.

Shared memory that ``RLIMIT_AS`` does not see (memfd), the same allowance
taken three times by three processes, a nested user namespace with a private
tmpfs, reading the hidden tests to return their expected values, and
snooping on command lines for host paths. Each must end as a failed run (or a
failed test) with a reason, with nothing of the host affected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import selftaught
from selftaught.sandbox import Limits, SandboxUnavailable, run_python
from selftaught.sandbox.cgroup import ENV, CgroupUnavailable, placement
from selftaught.sandbox.pytest_harness import run_pytest, sha256_text

from .helpers_sandbox import SMALL, assert_nothing_left


def _cgroup_kind() -> str:
    try:
        return placement().kind
    except CgroupUnavailable:  # then every sandboxed run raises SandboxUnavailable, with the fix
        return "unavailable"


needs_cgroup = pytest.mark.skipif(
    _cgroup_kind() == "off",
    reason=f"{ENV}=off: the sandbox runs without a cgroup (rlimits only), by the user's choice")


def run(code: str, limits: Limits = SMALL):  # type: ignore[no-untyped-def]
    return run_python({"main.py": code}, ["main.py"], limits=limits)


MEMFD_HOLD = """
import os, sys, time
mib = int(sys.argv[1]) if len(sys.argv) > 1 else {mib}
chunk = b"x" * (1 << 20)
fds = []
for i in range(mib // 16):  # 16 MiB files (under RLIMIT_FSIZE), written, never mapped
    fd = os.memfd_create("m%d" % i)
    for _ in range(16):
        os.write(fd, chunk)
    fds.append(fd)
print("held", mib, "MiB", flush=True)
"""


@needs_cgroup
def test_memfd_beyond_memory_limit_is_killed_by_the_cgroup() -> None:
    limits = Limits(cpu_s=5, wall_s=20.0, memory_mb=256, nproc=16, file_mb=16, scratch_mb=8)
    result = run(MEMFD_HOLD.format(mib=1024), limits)
    assert "held" not in result.stdout
    assert not result.ok and result.killed_by == "memory"
    assert "memory limit of 264 MiB for the whole sandbox" in (result.reason or "")
    assert float(result.extras.get("peak_memory_mb", "0")) <= 264 + 1
    assert_nothing_left(result)


@needs_cgroup
def test_three_processes_share_one_memory_limit() -> None:
    # each process stays under its own limits; together they hold 3 x 96 MiB > 72 MiB
    limits = Limits(cpu_s=5, wall_s=20.0, memory_mb=64, nproc=16, file_mb=16, scratch_mb=8)
    code = ("import os, time\n"
            "children = [pid for pid in (os.fork(), os.fork()) if pid]\n"
            + MEMFD_HOLD.format(mib=96) +
            "time.sleep(1)\n"
            "for _ in children:\n"
            "    os.wait()\n")
    result = run(code, limits)
    assert result.stdout.count("held") < 3
    assert not result.ok and result.killed_by == "memory"
    assert "for the whole sandbox exceeded" in (result.reason or "")
    assert float(result.extras.get("peak_memory_mb", "0")) <= 72 + 1
    assert_nothing_left(result)


def test_tasks_are_counted_for_the_whole_sandbox() -> None:
    code = ("import os, threading, time\n"
            "threading.stack_size(256 * 1024)\n"  # small stacks: the task limit, not memory, binds
            "made = 0\n"
            "try:\n"
            "    for _ in range(200):\n"
            "        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n"
            "        made += 1\n"
            "except RuntimeError as exc:\n"
            "    print('stopped after', made, exc)\n"
            "    raise\n")
    result = run(code)
    assert not result.ok
    made = int(result.stdout.split()[2])
    assert made < SMALL.nproc
    assert "process limit" in (result.reason or "")


NESTED_NAMESPACE = """
import ctypes, os, subprocess
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0:
    print("UNSHARED")
    libc.mount(b"none", b"/scratch", b"tmpfs", 0, b"size=1g")
else:
    print("unshare refused:", os.strerror(ctypes.get_errno()))
tool = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                       "mount -t tmpfs -o size=1g none /scratch && echo MOUNTED"],
                      capture_output=True, text=True)
print("unshare(1):", tool.returncode, tool.stdout.strip(), tool.stderr.strip()[-200:])
if libc.mount(b"none", b"/scratch", b"tmpfs", 0, b"size=1g") == 0:
    print("MOUNTED")
raise PermissionError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
"""


def test_nested_user_namespace_and_tmpfs_are_refused() -> None:
    result = run(NESTED_NAMESPACE)
    assert "UNSHARED" not in result.stdout and "MOUNTED" not in result.stdout
    assert "unshare refused: Operation not permitted" in result.stdout
    assert not result.ok
    assert "forbids" in (result.reason or "")
    assert_nothing_left(result)


def test_seccomp_filter_is_in_force_and_threads_still_work() -> None:
    code = ("import threading\n"
            "status = open('/proc/self/status').read()\n"
            "print([ln for ln in status.splitlines() if ln.startswith('Seccomp:')][0])\n"
            "out = []\n"
            "t = threading.Thread(target=out.append, args=(42,))\n"
            "t.start(); t.join()\n"
            "print('thread', out[0])\n")
    result = run(code)
    assert result.ok, result.stderr
    assert "Seccomp:\t2" in result.stdout  # filter mode
    assert "thread 42" in result.stdout


TESTS = '''
from solution import add


def test_small():
    assert add(1, 2) == 3


def test_zero():
    assert add(5, 0) == 5


def test_big():
    assert add(100, 23) == 123
'''
CHEAT = r'''
import glob, os, re, stat

def _grab():
    """Everything readable that might hold the hidden tests."""
    texts = []
    paths = (glob.glob("/harness/**", recursive=True) + glob.glob("/proc/*/fd/*")
             + glob.glob("/proc/*/environ") + glob.glob("/proc/*/cmdline")
             + glob.glob("/proc/*/mem") + glob.glob("/scratch/**", recursive=True))
    for path in paths:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # pipes would block
                continue
            with open(path, "rb") as f:
                texts.append(f.read(1 << 20).decode("utf-8", "replace"))
        except OSError:
            continue
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.ptrace(16, os.getppid(), 0, 0) == 0:  # PTRACE_ATTACH to the pytest process
        texts.append("PTRACED")
    return "\n".join(texts)

TEXT = _grab()

def add(a, b):
    found = re.search(r"add\(%d, %d\) == (\d+)" % (a, b), TEXT)
    return int(found.group(1)) if found else None
'''


def test_solution_cannot_read_the_hidden_tests() -> None:
    limits = Limits(cpu_s=10, wall_s=30.0, memory_mb=1024, nproc=16, file_mb=1, scratch_mb=8)
    run = run_pytest(TESTS, sha256_text(TESTS), CHEAT, limits=limits)
    assert run.total == 3
    assert run.passed == 0, [t for t in run.tests if t.outcome == "passed"]
    assert all("None" in t.message for t in run.tests)  # each failed on the cheat's None


def test_the_cheat_would_pass_if_the_tests_were_readable() -> None:
    """The check above can fail: the same cheat wins when a copy of the tests is readable."""
    limits = Limits(cpu_s=10, wall_s=30.0, memory_mb=1024, nproc=16, file_mb=1, scratch_mb=8)
    run = run_pytest(TESTS, sha256_text(TESTS), CHEAT, files={"leaked.py": TESTS}, limits=limits)
    assert run.passed == 3


def test_no_host_paths_or_launcher_command_line_inside() -> None:
    project = str(Path(selftaught.__file__).resolve().parents[1])
    code = ("import glob, os, sys\n"
            "seen = [sys.executable, sys.prefix, repr(sys.path), repr(dict(os.environ))]\n"
            "for path in glob.glob('/proc/*/cmdline') + glob.glob('/proc/*/environ'):\n"
            "    try:\n"
            "        text = open(path, 'rb').read().decode().replace('\\0', ' ')\n"
            "        seen.append(path + ': ' + text)\n"
            "    except OSError:\n"
            "        continue\n"
            "print('\\n'.join(seen))\n")
    result = run(code)
    assert result.ok, result.stderr
    assert "/proc/1/cmdline" in result.stdout  # the launcher's command line was read...
    for secret in (project, "prlimit", "setpriv", "--as=", "selftaught-sbx-"):
        assert secret not in result.stdout, secret  # ...and shows no host path or limits


def test_a_bad_cgroup_setting_is_one_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    placement.cache_clear()
    try:
        with pytest.raises(SandboxUnavailable, match=f"{ENV}=.* is not a writable cgroup v2"):
            run("print(1)")
    finally:
        monkeypatch.undo()
        placement.cache_clear()


def test_off_is_the_explicit_rlimit_only_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "off")
    placement.cache_clear()
    try:
        result = run("print('ran')")
    finally:
        monkeypatch.undo()
        placement.cache_clear()
    assert result.ok and result.stdout.strip() == "ran"
    assert result.extras["cgroup"] == "off"
    if _cgroup_kind() != "off":  # unless the user chose off, the default is a real cgroup
        assert run("print('ran')").extras["cgroup"] in ("v1", "v2", "systemd")

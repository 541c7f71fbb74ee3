"""Run model-written Python in a throw-away bubblewrap sandbox.

Why this exists: a learner's code answers are run to grade them, and that code
was written by a model that may be wrong, confused or adversarial. It must not
be able to hurt the run, the machine or the user, and no amount of in-process
"guarding" can promise that. So every run is a separate process tree in its
own Linux namespaces, set up by Debian's well-kept `bwrap` (bubblewrap), with
kernel resource limits set by util-linux's `prlimit`.

Threat model
------------
The code is untrusted and may be hostile; the kernel, bubblewrap and the
Python interpreter are trusted. What is contained:

* **Time.** ``RLIMIT_CPU`` per process (SIGXCPU, then SIGKILL) and a wall-clock
  deadline enforced from outside: on expiry the whole bwrap tree is killed, and
  because the code runs in its own PID namespace, killing its init kills every
  process it started (double forks and ``setsid`` do not escape).
* **Memory and processes, the whole sandbox.** A memory and pids cgroup around
  the whole sandbox (`selftaught.sandbox.cgroup`): ``memory_mb + scratch_mb``
  for every page its processes hold together, shared memory, ``memfd`` and
  tmpfs files included, with no swap, and ``nproc`` tasks in all. Hitting the
  memory limit gets a process killed by the kernel, reported as such.
* **Processes.** ``RLIMIT_NPROC``. When selftaught runs as root the code runs
  as a fresh random unprivileged uid (``setpriv``), so the limit counts only
  this sandbox's processes (root itself is exempt from ``RLIMIT_NPROC``); as a
  normal user the code runs in a fresh user namespace and the limit is set
  inside it, so it counts only processes in that namespace.
* **Memory, per process.** ``RLIMIT_AS`` of ``memory_mb`` too, so one big
  allocation fails early as a clean ``MemoryError``.
* **Syscalls.** A seccomp filter (`selftaught.sandbox.seccomp`) denies making
  namespaces (no nested user namespace, so no private root and no extra
  tmpfs), mounting, ptrace and the other syscalls model code never needs;
  as a normal user bubblewrap's ``--disable-userns`` is added as well.
* **Disk.** The only writable place is the scratch directory, a size-capped
  tmpfs (``scratch_mb``) that vanishes with the sandbox; ``RLIMIT_FSIZE`` caps
  each file. The host's disk is never written by the code.
* **Files.** The sandbox's root is an empty tmpfs with ``/usr`` and the Python
  installation bound read-only (plus ``/etc/ld.so.cache``); the user's home,
  the repository, ``/etc``, ``/tmp`` and ``/sys`` are not there at all.
* **Network.** A fresh network namespace with no interface but its own
  loopback: neither the host's loopback services nor the internet can be reached.
* **Environment.** Cleared; ``HOME`` is the scratch directory. A virtual
  environment appears at ``/venv``, not at its host path, and the launcher
  gets its command through a pipe, so ``/proc/1/cmdline`` shows no host path.
* **Signals.** The code cannot signal anything outside its PID namespace; its
  namespace's init is owned by root and ignores it.
* **Output.** stdout/stderr are drained continuously and truncated to
  ``output_kb``, so printing forever costs nothing but time.

What is *not* contained: kernel exploits through the syscalls the filter
allows, CPU cache side channels, and the bounded
resources themselves (the code may burn its full CPU, memory and scratch
allowance). Reading world-readable files under ``/usr`` and the Python
installation is allowed by design; so is ``/proc/self/mountinfo``, which names
the host directories bound into the sandbox (the Python installation's).

If bubblewrap is missing, namespaces are disabled, libseccomp is missing or no
cgroup can be had, `run_python` raises `SandboxUnavailable` with the fix;
there is no silent unsafe fallback (rlimits alone only with
``SELFTAUGHT_SANDBOX_CGROUP=off``, see `selftaught.sandbox.cgroup`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from selftaught.sandbox.cgroup import CgroupUnavailable, SandboxCgroup, placement
from selftaught.sandbox.seccomp import SeccompUnavailable, bpf_program

SCRATCH_DIR = "/scratch"
"""Where the scratch directory (the code's cwd and HOME) appears inside the sandbox."""
HARNESS_DIR = "/harness"
"""Where read-only harness files (e.g. hidden tests) appear inside the sandbox."""
REPORT_FD_ENV = "SELFTAUGHT_REPORT_FD"
"""Env var naming the write end of the report pipe, when ``report=True``."""
LAUNCHER = "/.selftaught/launcher.py"
"""Where the launcher (`selftaught.sandbox._launcher`) is bound inside the sandbox."""
SECRET_FD_ENV = "SELFTAUGHT_SECRET_FD"
"""Env var naming the read end of the pipe carrying ``secret``, when one is given."""
_LAUNCHER_SOURCE = Path(__file__).with_name("_launcher.py")
VENV_DIR = "/venv"
"""Where this process's virtual environment (if it runs in one) appears inside the sandbox."""

INSTALL_HINT = (
    "install bubblewrap (Debian/Ubuntu: `apt-get install -y bubblewrap`, or run "
    ".ci/system-deps.sh) and make sure user namespaces are enabled"
)


class SandboxUnavailable(RuntimeError):
    """The isolation machinery (bwrap, namespaces, setpriv, prlimit) is not usable here."""


class SandboxError(RuntimeError):
    """The sandbox itself misbehaved (not the code in it): a bug or a broken host."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed run. Defaults suit one pytest run of small code."""

    cpu_s: int = 10
    """CPU seconds per process (RLIMIT_CPU): SIGXCPU at the limit, SIGKILL one second later."""
    wall_s: float = 30.0
    """Wall-clock seconds for the whole run; then the whole process tree is killed."""
    memory_mb: int = 1024
    """Memory in MiB: the whole sandbox's cgroup holds ``memory_mb + scratch_mb`` (every
    process, shared memory and tmpfs files together); each process's address space is
    capped at ``memory_mb`` too (RLIMIT_AS)."""
    nproc: int = 32
    """Processes/threads the sandbox may have at once (its pids cgroup and RLIMIT_NPROC)."""
    file_mb: int = 16
    """Largest file the code may write, in MiB (RLIMIT_FSIZE)."""
    scratch_mb: int = 64
    """Size of the scratch tmpfs, the only writable place, in MiB."""
    nofile: int = 256
    """Open file descriptors per process (RLIMIT_NOFILE)."""
    output_kb: int = 64
    """stdout and stderr are each truncated to this many KiB (the rest is drained)."""

    def __post_init__(self) -> None:
        for name in ("cpu_s", "wall_s", "memory_mb", "nproc", "file_mb", "scratch_mb",
                     "nofile", "output_kb"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive, got {getattr(self, name)!r}")


@dataclass(frozen=True)
class SandboxResult:
    """What happened to one sandboxed run."""

    returncode: int
    """Exit status of the code; -N when it was killed by signal N (as in `subprocess`)."""
    stdout: str
    stderr: str
    timed_out: bool
    """True if the wall-clock limit was hit and the tree was killed."""
    killed_by: str | None
    """``wall-time``, ``cpu-time`` or ``signal SIGxxx`` when the code was killed; else None."""
    reason: str | None
    """One human-readable line on why the run failed (limit hit, exit status); None on success."""
    wall_s: float
    cpu_s: float
    """User + system CPU seconds of the whole process tree (NaN if it could not be read,
    e.g. after a wall-time kill)."""
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    report: str = ""
    """What the code wrote to the report pipe (``report=True``), truncated to ``output_kb``."""
    extras: dict[str, str] = field(default_factory=dict)
    """Free-form diagnostics (e.g. the sandbox uid)."""

    @property
    def ok(self) -> bool:
        """Exited 0 without hitting a limit."""
        return self.returncode == 0 and not self.timed_out and self.killed_by is None


def _safe_relpath(rel: str, what: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or ".." in path.parts or str(path) in ("", "."):
        raise ValueError(f"{what}: {rel!r} must be a relative path inside the directory")
    return path


def _venv() -> Path | None:
    """This interpreter's virtual environment, if it runs in one (bound at `VENV_DIR`)."""
    prefix = Path(sys.prefix)
    if sys.prefix != sys.base_prefix and (prefix / "pyvenv.cfg").is_file():
        return prefix
    return None


def _python_roots() -> list[Path]:
    """Directories that make up this interpreter (bound read-only at their own paths).

    A virtual environment is not among them: it is bound at `VENV_DIR` instead,
    so the sandbox does not learn where the host keeps the project.
    """
    venv = _venv()
    candidates = {Path(sys.base_prefix), Path(sys.base_exec_prefix),
                  Path(os.path.realpath(sys.executable)).parent.parent}
    if venv is None:
        candidates |= {Path(sys.prefix), Path(sys.exec_prefix)}
    roots: set[Path] = set()
    for path in candidates:
        for p in (path, Path(os.path.realpath(path))):
            if p.is_dir() and not p.is_relative_to("/usr") and p != venv:
                roots.add(p)
    ordered = sorted(roots, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for p in ordered:
        if not any(p.is_relative_to(k) for k in kept):
            kept.append(p)
    return kept


def sandbox_python() -> str:
    """The interpreter's path as seen inside the sandbox."""
    venv = _venv()
    if venv is not None and Path(sys.executable).parent.parent == venv:
        return str(PurePosixPath(VENV_DIR) / "bin" / Path(sys.executable).name)
    return sys.executable


def _ensure_parent_dirs(args: list[str], dest: PurePosixPath, made: set[str]) -> None:
    """bwrap creates missing parents with mode 0700; create them 0755 so the uid can traverse."""
    for parent in reversed(dest.parents):
        s = str(parent)
        if s == "/" or s in made:
            continue
        made.add(s)
        args += ["--perms", "0755", "--dir", s]


def _base_mounts() -> list[str]:
    args: list[str] = ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = Path("/") / top
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), f"/{top}"]
        elif host.is_dir():
            args += ["--ro-bind", str(host), f"/{top}"]
    if Path("/etc/ld.so.cache").exists():
        args += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    args += ["--proc", "/proc", "--dev", "/dev"]
    made: set[str] = set()
    for root in _python_roots():
        _ensure_parent_dirs(args, PurePosixPath(root), made)
        args += ["--ro-bind", str(root), str(root)]
    venv = _venv()
    if venv is not None:
        args += ["--ro-bind", str(venv), VENV_DIR]
    return args


@functools.cache
def _disable_userns_supported(bwrap: str) -> bool:
    """bubblewrap 0.8.0 added ``--disable-userns``."""
    out = subprocess.run([bwrap, "--version"], capture_output=True, text=True, check=False)
    parts = out.stdout.split()[-1].split(".") if out.stdout.split() else []
    try:
        return tuple(int(p) for p in parts[:2]) >= (0, 8)
    except ValueError:
        return False


@functools.cache
def _tools() -> dict[str, str]:
    """Locate the helper binaries, or say exactly what to install."""
    found: dict[str, str] = {}
    needed = ["bwrap", "prlimit"] + (["setpriv"] if os.geteuid() == 0 else [])
    for name in needed:
        path = shutil.which(name, path="/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        if path is None:
            pkg = "bubblewrap" if name == "bwrap" else "util-linux"
            raise SandboxUnavailable(
                f"sandbox unavailable: `{name}` not found (package {pkg}); {INSTALL_HINT}"
            )
        found[name] = path
    return found


def check_available() -> None:
    """Raise `SandboxUnavailable` unless a trivial sandboxed run works on this machine."""
    result = run_python({"probe.py": "print('ok')"}, ["probe.py"],
                        limits=Limits(cpu_s=5, wall_s=20))
    if result.stdout.strip() != "ok":
        raise SandboxUnavailable(
            f"sandbox unavailable: a trivial run failed ({result.reason}): "
            f"{result.stderr.strip()[-300:]}; {INSTALL_HINT}"
        )


class _Drain(threading.Thread):
    """Read a pipe to EOF, keeping the first ``cap`` bytes and discarding the rest."""

    def __init__(self, fd: int, cap: int) -> None:
        super().__init__(daemon=True)
        self.fd, self.cap = fd, cap
        self.kept = bytearray()
        self.truncated = False

    def run(self) -> None:
        try:
            while chunk := os.read(self.fd, 65536):
                room = self.cap - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]
                if len(chunk) > room:
                    self.truncated = True
        finally:
            os.close(self.fd)

    def text(self) -> str:
        out = self.kept.decode("utf-8", errors="replace")
        return out + ("\n[... output truncated ...]" if self.truncated else "")


def _describe(rc: int, timed_out: bool, cpu_s: float, stderr: str,
              limits: Limits) -> tuple[str | None, str | None]:
    """(killed_by, reason) from the exit status and, as a best-effort hint, stderr."""
    if timed_out:
        return "wall-time", (f"wall-time limit of {limits.wall_s:g} s exceeded; "
                             "the whole process tree was killed")
    if rc < 0:
        sig = signal.Signals(-rc)
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_s >= limits.cpu_s - 0.05):
            return "cpu-time", f"CPU-time limit of {limits.cpu_s} s exceeded"
        if sig == signal.SIGXFSZ:
            return f"signal {sig.name}", f"file-size limit of {limits.file_mb} MiB exceeded"
        return f"signal {sig.name}", f"killed by signal {sig.name}"
    if rc == 0:
        return None, None
    hints = [
        ("MemoryError", f"memory limit of {limits.memory_mb} MiB exceeded (MemoryError)"),
        ("Cannot allocate memory", f"memory limit of {limits.memory_mb} MiB exceeded"),
        ("File too large", f"file-size limit of {limits.file_mb} MiB exceeded"),
        ("No space left on device", f"scratch space of {limits.scratch_mb} MiB is full"),
        ("Resource temporarily unavailable",
         f"process limit of {limits.nproc} reached (fork/thread creation failed)"),
        ("can't start new thread",
         f"process limit of {limits.nproc} reached (thread creation failed)"),
        ("Network is unreachable", "network access is blocked in the sandbox"),
        ("Read-only file system", "write outside the scratch directory was refused"),
        ("Permission denied", "access outside the sandbox's allowance was refused"),
        ("Operation not permitted", "an operation the sandbox forbids was refused (namespaces, "
                                    "mounts, ptrace and other syscalls are filtered)"),
    ]
    for needle, reason in hints:
        if needle in stderr:
            return None, f"{reason}; exit status {rc}"
    return None, f"exited with status {rc}"


def run_python(
    code_files: dict[str, str],
    argv: list[str],
    *,
    limits: Limits | None = None,
    files: dict[str, str] | None = None,
    readonly_files: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    report: bool = False,
    secret: bytes | None = None,
    private_inputs: dict[str, bytes] | None = None,
) -> SandboxResult:
    """Run ``python argv...`` in a fresh sandbox and report what happened.

    ``code_files`` and ``files`` (relative path -> text) are written into the
    writable scratch directory, the code's cwd, ``HOME`` and first ``sys.path``
    entry (``/scratch``). ``readonly_files`` go to ``/harness``, which the code can
    read but not change. ``report=True`` opens a pipe whose write end's number is
    in ``$SELFTAUGHT_REPORT_FD``; what is written there comes back as
    ``result.report``. ``secret`` is delivered through a pipe named by
    ``$SELFTAUGHT_SECRET_FD`` (never through a file or the environment).
    ``private_inputs`` (env var -> bytes) are each delivered through an
    anonymous in-memory file whose descriptor number is in that variable: the
    first process to read and close it is the only one that ever had it (how
    the harness gets hidden tests the solution cannot read).

    The interpreter is this process's own (``sys.executable``), so packages of
    the current environment (pytest) are importable; selftaught itself is not.
    Raises `SandboxUnavailable` if isolation cannot be set up; everything the
    code does wrong is reported in the result, never raised.
    """
    limits = limits or Limits()
    tools = _tools()
    scratch_files = {**(files or {}), **code_files}
    for rel in scratch_files:
        _safe_relpath(rel, "sandbox file")
    for rel in readonly_files or {}:
        _safe_relpath(rel, "sandbox read-only file")
    try:
        where = placement()
        seccomp_bpf = bpf_program()
    except (CgroupUnavailable, SeccompUnavailable) as err:
        raise SandboxUnavailable(str(err)) from err

    fds: list[int] = []
    with tempfile.TemporaryDirectory(prefix="selftaught-sbx-") as stage_s:
        stage = Path(stage_s)
        args = [tools["bwrap"], "--unshare-pid", "--as-pid-1", "--unshare-net", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent",
                "--new-session", "--clearenv", "--hostname", "sandbox"]
        as_root = os.geteuid() == 0
        uid = secrets.randbelow(1_000_000_000) + 100_000_000 if as_root else os.getuid()
        if as_root:
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_KILL"]
        else:
            args += ["--unshare-user"]
            if _disable_userns_supported(tools["bwrap"]):
                args += ["--disable-userns"]
        args += _base_mounts()
        sandbox_env = {
            "HOME": SCRATCH_DIR, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "PYTHONPATH": SCRATCH_DIR, "PYTHONDONTWRITEBYTECODE": "1",
            "TMPDIR": f"{SCRATCH_DIR}/.tmp", "PYTHONHASHSEED": "0",
            **(env or {}),
        }
        try:
            args += ["--size", str(limits.scratch_mb * 1024 * 1024), "--perms", "0777",
                     "--tmpfs", SCRATCH_DIR, "--perms", "0777", "--dir", f"{SCRATCH_DIR}/.tmp"]
            made: set[str] = {SCRATCH_DIR}
            for rel, text in sorted(scratch_files.items()):
                host = stage / "in" / rel
                host.parent.mkdir(parents=True, exist_ok=True)
                host.write_text(text, encoding="utf-8")
                dest = PurePosixPath(SCRATCH_DIR) / rel
                for parent in reversed(dest.parents):
                    if parent.is_relative_to(SCRATCH_DIR) and str(parent) not in made:
                        made.add(str(parent))
                        args += ["--perms", "0777", "--dir", str(parent)]
                fd = os.open(host, os.O_RDONLY | os.O_CLOEXEC)
                fds.append(fd)
                args += ["--perms", "0666", "--file", str(fd), str(dest)]
            for rel, text in sorted((readonly_files or {}).items()):
                # copied into the sandbox, not bound: no host path shows in its mount table
                dest = PurePosixPath(HARNESS_DIR) / rel
                _ensure_parent_dirs(args, dest, made)
                fd = _memfd("harness", text.encode("utf-8"))
                fds.append(fd)
                args += ["--perms", "0444", "--ro-bind-data", str(fd), str(dest)]
            report_r = report_w = -1
            if report:
                report_r, report_w = os.pipe()
                fds.append(report_w)
                sandbox_env[REPORT_FD_ENV] = str(report_w)
            if secret is not None:
                secret_r, secret_w = os.pipe()
                os.write(secret_w, secret)
                os.close(secret_w)
                fds.append(secret_r)
                sandbox_env[SECRET_FD_ENV] = str(secret_r)
            for name, data in sorted((private_inputs or {}).items()):
                fd = _memfd(name, data)
                fds.append(fd)
                sandbox_env[name] = str(fd)
            seccomp_fd = _memfd("seccomp", seccomp_bpf)
            fds.append(seccomp_fd)
            args += ["--seccomp", str(seccomp_fd)]
            for key, value in sorted(sandbox_env.items()):
                args += ["--setenv", key, value]
            args += ["--chdir", SCRATCH_DIR]
            status_r, status_w = os.pipe()
            fds.append(status_w)
            command = []
            if as_root:
                command += [tools["setpriv"], f"--reuid={uid}", f"--regid={uid}",
                            "--clear-groups", "--inh-caps=-all", "--"]
            command += [
                tools["prlimit"],
                f"--cpu={limits.cpu_s}:{limits.cpu_s + 1}",
                f"--as={limits.memory_mb * 1024 * 1024}",
                f"--nproc={limits.nproc}",
                f"--fsize={limits.file_mb * 1024 * 1024}",
                f"--nofile={limits.nofile}",
                "--core=0", "--",
                sandbox_python(), "-B", *argv,
            ]
            command_fd = _memfd("command", json.dumps(command).encode())
            fds.append(command_fd)
            launcher_fd = _memfd("launcher", _LAUNCHER_SOURCE.read_bytes())
            fds.append(launcher_fd)
            _ensure_parent_dirs(args, PurePosixPath(LAUNCHER), made)
            args += ["--perms", "0444", "--ro-bind-data", str(launcher_fd), LAUNCHER,
                     sandbox_python(), "-I", "-S", "-B", LAUNCHER, str(status_w), str(command_fd)]
            cgroup = SandboxCgroup(where, (limits.memory_mb + limits.scratch_mb) * 1024 * 1024,
                                   limits.nproc)
            try:
                with cgroup:
                    return _execute(cgroup.wrap(args), fds, report_r, status_r, limits, uid,
                                    cgroup)
            except CgroupUnavailable as err:
                raise SandboxUnavailable(str(err)) from err
        finally:
            for fd in fds:
                with contextlib.suppress(OSError):  # already closed by _execute
                    os.close(fd)


def _memfd(name: str, data: bytes) -> int:
    """An anonymous in-memory file holding ``data``, positioned at its start."""
    fd = os.memfd_create(f"selftaught-{name}", os.MFD_CLOEXEC)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _execute(args: list[str], fds: list[int], report_r: int, status_r: int, limits: Limits,
             uid: int, cgroup: SandboxCgroup) -> SandboxResult:
    cap = limits.output_kb * 1024
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            pass_fds=fds, start_new_session=True, env={"PATH": "/usr/bin:/bin"},
        )
    except OSError as exc:
        raise SandboxUnavailable(f"sandbox unavailable: cannot start bwrap ({exc}); "
                                 f"{INSTALL_HINT}") from exc
    for fd in fds:  # the child holds its copies; ours would keep the report pipe open
        os.close(fd)
    fds.clear()
    assert proc.stdout is not None and proc.stderr is not None
    drains = {
        "stdout": _Drain(os.dup(proc.stdout.fileno()), cap),
        "stderr": _Drain(os.dup(proc.stderr.fileno()), cap),
        "status": _Drain(status_r, 4096),
    }
    proc.stdout.close()
    proc.stderr.close()
    if report_r >= 0:
        drains["report"] = _Drain(report_r, cap)
    for d in drains.values():
        d.start()

    pidfd = os.pidfd_open(proc.pid)
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        timed_out = not poller.poll(int(limits.wall_s * 1000))
        if timed_out:  # bwrap dies, its init (our launcher) gets SIGKILL, the namespace goes
            with contextlib.suppress(ProcessLookupError):  # it may exit just now
                os.killpg(proc.pid, signal.SIGKILL)
            cgroup.kill()
        _, bwrap_status, _ = os.wait4(proc.pid, 0)
    finally:
        os.close(pidfd)
    proc.returncode = os.waitstatus_to_exitcode(bwrap_status)
    wall_s = time.monotonic() - start
    for d in drains.values():  # the PID namespace is gone, so every pipe end is closed
        d.join(timeout=10)
        if d.is_alive():
            raise SandboxError("sandbox output pipe stayed open after the sandbox exited")
    stderr = drains["stderr"].text()
    status_line = drains["status"].text().strip()
    if status_line:
        launched = json.loads(status_line)
        rc = os.waitstatus_to_exitcode(launched["status"])
        cpu_s = float(launched["cpu_s"])
    elif timed_out:
        rc, cpu_s = -signal.SIGKILL, float("nan")
    elif proc.returncode == 1 and stderr.startswith("bwrap:"):
        raise SandboxUnavailable(f"sandbox unavailable: {stderr.strip()}; {INSTALL_HINT}")
    elif proc.returncode == 125 and not stderr.strip().startswith("bwrap"):
        raise SandboxUnavailable(f"sandbox unavailable: could not join the sandbox's cgroup: "
                                 f"{stderr.strip()[-300:]}; {INSTALL_HINT}")
    else:  # the launcher itself died (OOM-killed, or without root: same uid as the code)
        rc, cpu_s = proc.returncode, float("nan")
    oom_kills = cgroup.oom_kills()
    killed_by, reason = _describe(rc, timed_out, cpu_s, stderr, limits)
    if oom_kills and not timed_out:
        killed_by = "memory"
        reason = (f"memory limit of {limits.memory_mb + limits.scratch_mb} MiB for the whole "
                  f"sandbox exceeded (memory_mb + scratch_mb, shared memory included): the "
                  f"kernel killed {oom_kills} process(es)")
    extras = {"uid": str(uid), "cgroup": cgroup.where.kind}
    peak = cgroup.peak_bytes()
    if peak is not None:
        extras["peak_memory_mb"] = f"{peak / 2**20:.1f}"
    return SandboxResult(
        returncode=rc, stdout=drains["stdout"].text(), stderr=stderr, timed_out=timed_out,
        killed_by=killed_by, reason=reason, wall_s=wall_s, cpu_s=cpu_s,
        stdout_truncated=drains["stdout"].truncated, stderr_truncated=drains["stderr"].truncated,
        report=drains["report"].text() if "report" in drains else "",
        extras=extras,
    )

"""A memory and task cgroup around the whole sandbox, so its limits count every process together.

Why: per-process rlimits cannot bound what a sandbox holds in total. ``RLIMIT_AS``
does not see shared memory kept alive by a ``memfd`` or a file on a tmpfs, and
three processes each get the full allowance. A memory cgroup charges every page
its processes touch (anonymous, page cache, shmem and tmpfs alike) to one
counter with one limit, and the pids controller counts every task of the tree.

Where the cgroup comes from, in order (``$SELFTAUGHT_SANDBOX_CGROUP`` overrides):

* ``/some/dir``: a cgroup directory delegated to this user (cgroup v2 with
  ``memory`` and ``pids`` in its ``cgroup.subtree_control``); one child per run.
* auto (unset or ``auto``): this process's own cgroup, when it can hold children
  with both controllers: cgroup v2 (``memory`` and ``pids`` already enabled in
  its ``cgroup.subtree_control``) or the cgroup v1 ``memory`` and ``pids``
  hierarchies (writable as root, e.g. in a container); otherwise
  ``systemd-run --scope`` (``--user`` for a normal user), which asks systemd for
  a transient scope with ``MemoryMax``/``TasksMax``.
* ``off``: no cgroup; only the per-process rlimits hold (the documented
  fallback, chosen explicitly: shared memory and several processes can then
  exceed ``memory_mb``). Without ``off``, a machine where no cgroup can be had
  raises `CgroupUnavailable` with the fix rather than running weaker silently.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ENV = "SELFTAUGHT_SANDBOX_CGROUP"
"""Environment variable choosing the cgroup: unset/``auto``, ``off``, or a delegated directory."""
FIX = (
    "run as root with a writable cgroup filesystem, start selftaught under "
    "`systemd-run --user --scope -p Delegate=yes` and point $SELFTAUGHT_SANDBOX_CGROUP at a "
    "delegated cgroup v2 directory with memory and pids enabled, or set "
    "SELFTAUGHT_SANDBOX_CGROUP=off to accept per-process rlimits only"
)
_PREFIX = "selftaught-sbx-"
_SLACK_TASKS = 4
"""Tasks beyond ``nproc`` for the sandbox's own machinery (bwrap and the launcher)."""


class CgroupUnavailable(RuntimeError):
    """No cgroup can be had for the sandbox here (and ``off`` was not chosen)."""


@dataclass(frozen=True)
class Placement:
    """Where sandboxes' cgroups are made: ``kind`` is ``v2``, ``v1``, ``systemd`` or ``off``."""

    kind: str
    memory_parent: Path | None = None
    """The directory children are created in (v2: the only one; v1: the memory hierarchy)."""
    pids_parent: Path | None = None
    """v1 only: the directory in the pids hierarchy."""
    systemd_run: tuple[str, ...] = ()
    """systemd only: the ``systemd-run ...`` prefix (without properties)."""


def _own_cgroups() -> dict[str, str]:
    """Controller (``memory``, ``pids``, or ``""`` for v2) -> this process's cgroup path."""
    paths: dict[str, str] = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(","):
            paths[controller] = path
    return paths


def _mounts() -> list[tuple[str, str, str, set[str]]]:
    """(fs type, mount root, mount point, super options) of every cgroup mount."""
    found = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        left, _, right = line.partition(" - ")
        fields, rfields = left.split(), right.split()
        if rfields and rfields[0] in ("cgroup", "cgroup2"):
            found.append((rfields[0], fields[3], fields[4], set(rfields[2].split(","))))
    return found


def _join(mount_root: str, mount_point: str, path: str) -> Path | None:
    if not (path + "/").startswith(mount_root.rstrip("/") + "/"):
        return None
    return Path(mount_point) / os.path.relpath(path, mount_root)


def _can_make_children(parent: Path) -> bool:
    probe = parent / f"{_PREFIX}probe-{secrets.token_hex(4)}"
    try:
        probe.mkdir()
    except OSError:
        return False
    probe.rmdir()
    return True


def _v2_parent(directory: Path) -> Path | None:
    """``directory`` if children made there get memory.max and pids.max."""
    try:
        enabled = (directory / "cgroup.subtree_control").read_text().split()
    except OSError:
        return None
    if {"memory", "pids"} <= set(enabled) and _can_make_children(directory):
        return directory
    return None


def _auto() -> Placement | None:
    own = _own_cgroups()
    mounts = _mounts()
    for fstype, root, point, _ in mounts:
        if fstype == "cgroup2" and "" in own:
            where = _join(root, point, own[""])
            if where is not None and (parent := _v2_parent(where)) is not None:
                return Placement("v2", memory_parent=parent)
    v1: dict[str, Path] = {}
    for fstype, root, point, options in mounts:
        for controller in ("memory", "pids"):
            if fstype == "cgroup" and controller in options and controller in own:
                where = _join(root, point, own[controller])
                if where is not None and _can_make_children(where):
                    v1[controller] = where
    if len(v1) == 2:
        return Placement("v1", memory_parent=v1["memory"], pids_parent=v1["pids"])
    return _systemd()


def _systemd() -> Placement | None:
    exe = "/usr/bin/systemd-run"
    if not Path(exe).exists():
        return None
    prefix = (exe, *(() if os.geteuid() == 0 else ("--user",)), "--scope", "--quiet",
              "--collect")
    try:
        probe = subprocess.run([*prefix, "-p", "MemoryMax=64M", "-p", "TasksMax=8", "--", "true"],
                               capture_output=True, timeout=20, check=False)
    except subprocess.TimeoutExpired:
        return None
    return Placement("systemd", systemd_run=prefix) if probe.returncode == 0 else None


@functools.cache
def placement() -> Placement:
    """Where this process's sandboxes get their cgroups (decided once per process)."""
    choice = os.environ.get(ENV, "auto").strip()
    if choice == "off":
        return Placement("off")
    if choice in ("", "auto"):
        found = _auto()
        if found is None:
            raise CgroupUnavailable(
                "sandbox unavailable: no memory/pids cgroup can be created for it here "
                f"(cgroup v2 without delegated memory and pids, no writable cgroup v1, no "
                f"working systemd-run --scope); {FIX}")
        return found
    parent = _v2_parent(Path(choice))
    if parent is None:
        raise CgroupUnavailable(
            f"sandbox unavailable: ${ENV}={choice} is not a writable cgroup v2 directory with "
            f"memory and pids in its cgroup.subtree_control; {FIX}")
    return Placement("v2", memory_parent=parent)


class SandboxCgroup:
    """One sandbox run's cgroup(s): created with limits, joined by the launcher, removed after.

    Use as a context manager; `wrap` turns the sandbox's command into one that
    enters the cgroup before it runs anything.
    """

    def __init__(self, where: Placement, memory_bytes: int, tasks: int) -> None:
        self.where = where
        self.memory_bytes = memory_bytes
        self.tasks = tasks + _SLACK_TASKS
        self.dirs: list[Path] = []
        self.name = _PREFIX + secrets.token_hex(6)

    def __enter__(self) -> SandboxCgroup:
        if self.where.kind == "v2":
            assert self.where.memory_parent is not None
            d = self._make(self.where.memory_parent)
            self._write(d / "memory.max", self.memory_bytes)
            self._write(d / "memory.swap.max", 0, optional=True)
            self._write(d / "memory.oom.group", 1, optional=True)
            self._write(d / "pids.max", self.tasks)
        elif self.where.kind == "v1":
            assert self.where.memory_parent is not None and self.where.pids_parent is not None
            mem = self._make(self.where.memory_parent)
            self._write(mem / "memory.limit_in_bytes", self.memory_bytes)
            self._write(mem / "memory.memsw.limit_in_bytes", self.memory_bytes, optional=True)
            self._write(self._make(self.where.pids_parent) / "pids.max", self.tasks)
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _make(self, parent: Path) -> Path:
        d = parent / self.name
        try:
            d.mkdir()
        except OSError as err:
            raise CgroupUnavailable(f"sandbox unavailable: cannot create cgroup {d} ({err}); "
                                    f"{FIX}") from err
        self.dirs.append(d)
        return d

    def _write(self, path: Path, value: int, *, optional: bool = False) -> None:
        try:
            path.write_text(f"{value}\n")
        except FileNotFoundError:
            if not optional:
                raise CgroupUnavailable(f"sandbox unavailable: {path} is missing (controller "
                                        f"not enabled?); {FIX}") from None
        except OSError as err:
            if not optional:
                raise CgroupUnavailable(f"sandbox unavailable: cannot write {path} ({err}); "
                                        f"{FIX}") from err

    def wrap(self, command: list[str]) -> list[str]:
        """``command`` run inside this cgroup (the shell joins it, then execs the command)."""
        if self.where.kind == "systemd":
            return [*self.where.systemd_run, "--unit", self.name,
                    "-p", f"MemoryMax={self.memory_bytes}", "-p", "MemorySwapMax=0",
                    "-p", f"TasksMax={self.tasks}", "--", *command]
        if not self.dirs:
            return command
        procs = [str(d / "cgroup.procs") for d in self.dirs]
        join = " && ".join(f'echo $$ > "${i + 1}"' for i in range(len(procs)))
        script = f'{join} || exit 125; shift {len(procs)}; exec "$@"'
        return ["/bin/sh", "-c", script, "sh", *procs, *command]

    def oom_kills(self) -> int:
        """How many processes the kernel's OOM killer killed for hitting this cgroup's limit."""
        if not self.dirs:
            return 0
        name = "memory.events" if self.where.kind == "v2" else "memory.oom_control"
        with contextlib.suppress(FileNotFoundError):
            for line in (self.dirs[0] / name).read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "oom_kill":
                    return int(value)
        return 0

    def peak_bytes(self) -> int | None:
        """The most memory the sandbox held at once (None where the kernel does not say)."""
        if not self.dirs:
            return None
        name = "memory.peak" if self.where.kind == "v2" else "memory.max_usage_in_bytes"
        try:
            return int((self.dirs[0] / name).read_text())
        except (FileNotFoundError, ValueError):
            return None

    def kill(self) -> None:
        """SIGKILL every process left in the cgroup(s)."""
        for d in self.dirs:
            if (d / "cgroup.kill").exists():
                (d / "cgroup.kill").write_text("1\n")
                continue
            for pid in (d / "cgroup.procs").read_text().split():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)

    def remove(self) -> None:
        """Remove the cgroup(s), killing stragglers; dying tasks leave it within moments."""
        deadline = time.monotonic() + 5.0
        for d in self.dirs:
            while True:
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError as err:  # EBUSY: tasks still exiting
                    if time.monotonic() > deadline:
                        raise CgroupUnavailable(f"cgroup {d} could not be removed: {err}") from err
                    self.kill()
                    time.sleep(0.02)
        self.dirs.clear()

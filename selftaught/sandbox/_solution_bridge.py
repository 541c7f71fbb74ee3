"""Run the solution in its own process and call it from the hidden tests as plain data.

Why: if the solution's code ran inside the pytest process it could rewrite
pytest, the harness plugin or the test functions in memory, and no in-process
check can stop code that shares the interpreter. So the hidden tests never
import the real solution: ``/harness/solution.py`` is a stub that starts this
file as a *worker* process (which imports the real ``/scratch/solution.py``)
and exposes every public name of it as a proxy. A call sends its arguments as
JSON, the worker runs the function and sends the result back as JSON, and the
stub rebuilds it from plain builtin types only: an object that fakes ``==``, a
pickle payload or anything else executable can never reach the test process.
The pytest process also marks itself non-dumpable, so the worker (same uid)
cannot ptrace it or read or write its memory through ``/proc``.

Values that cross the boundary: None, bool, int, float, str, list, tuple,
dict (any of these as keys, in order), set, frozenset. Exceptions of builtin
types raised by the solution are re-raised in the test with their message
(so ``pytest.raises(ValueError)`` works); others become `SolutionError`.

Standard library only: this file runs inside the sandbox, where selftaught
is not importable. Roles: ``python -I selftaught_bridge.py`` is the worker;
``install(module)`` (called by the stub) is the test side.
"""

import builtins
import json
import os
import select
import subprocess
import sys
import types
from typing import Any

MAX_MESSAGE = 8 * 1024 * 1024
"""Largest request or reply in bytes (a bigger reply fails the call)."""
CALL_TIMEOUT_S = float(os.environ.get("SELFTAUGHT_CALL_TIMEOUT", "10"))
"""Wall-clock seconds one call may take before the worker is killed."""
MAX_RESTARTS = 3
"""Times a dead solution process is started again (one per crashing test)."""
SOLUTION_DIR = "/scratch"
FILES_DIR = "/harness/files"


class SolutionError(Exception):
    """The solution failed in a way that is not a builtin exception (or its process died)."""


# --- the codec: tagged JSON, rebuilt from builtin types only ---------------------------------

def encode(value: Any) -> Any:
    """A JSON-able form of ``value`` keeping exact builtin types; TypeError for anything else."""
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return {"f": repr(value)}
    if kind is list:
        return [encode(v) for v in value]
    if kind is tuple:
        return {"t": [encode(v) for v in value]}
    if kind in (set, frozenset):
        return {"s" if kind is set else "fs": [encode(v) for v in value]}
    if kind is dict:
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"a {kind.__module__}.{kind.__qualname__} cannot be passed between the "
                    "tests and the solution (use None, bool, int, float, str, list, tuple, "
                    "dict or set)")


def decode(data: Any) -> Any:
    """The inverse of `encode`; only ever builds builtin values."""
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is list:
        return [decode(v) for v in data]
    if type(data) is dict and len(data) == 1:
        tag, body = next(iter(data.items()))
        if tag == "f" and type(body) is str:
            return float(body)
        if tag == "t":
            return tuple(decode(v) for v in body)
        if tag == "s":
            return {decode(v) for v in body}
        if tag == "fs":
            return frozenset(decode(v) for v in body)
        if tag == "d":
            return {decode(k): decode(v) for k, v in body}
    raise ValueError("malformed message from the solution process")


# --- the worker (runs the untrusted solution) -----------------------------------------------

def _error(exc: BaseException) -> dict[str, Any]:
    return {"error": {"type": type(exc).__name__,
                      "builtin": type(exc).__module__ == "builtins",
                      "message": str(exc)[:2000]}}


def worker() -> None:
    """Import the solution, then answer call requests on stdin until EOF."""
    sys.path[:0] = [SOLUTION_DIR, FILES_DIR]
    # The protocol gets a private copy of fd 1; fd 1 itself (and print) go to stderr,
    # so the solution's output cannot corrupt the replies by accident.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)

    def reply(message: dict[str, Any]) -> None:
        out.write(json.dumps(message).encode() + b"\n")
        out.flush()

    try:
        import solution
    except BaseException as exc:  # noqa: BLE001 -- reported to the tests as the import error
        reply(_error(exc))
        return
    names = {}
    for name, value in vars(solution).items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        names[name] = "call" if callable(value) else "value"
    reply({"ok": names})
    for line in sys.stdin.buffer:
        request = json.loads(line)
        try:
            target = getattr(solution, request["name"])
            if request.get("value"):
                result = target
            else:
                result = target(*decode(request["args"]), **decode(request["kwargs"]))
            reply({"ok": encode(result)})
        except BaseException as exc:  # noqa: BLE001 -- every failure goes back to its test
            reply(_error(exc))


# --- the test side --------------------------------------------------------------------------

def _mark_non_dumpable() -> None:
    """PR_SET_DUMPABLE 0: processes of the same uid can no longer ptrace or read us."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(4, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE = 4
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


class _Worker:
    """The solution's process, restarted after it dies (a crash fails one test, not all).

    After a call times out it is not restarted: every later call fails at once,
    so one endless loop costs one timeout, not one per remaining test.
    """

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.names: dict[str, str] = {}
        self.timed_out: str | None = None
        self.restarts = 0

    def start(self) -> None:
        __tracebackhide__ = True
        if self.timed_out is not None:
            raise SolutionError(f"the solution is not run again after it timed out "
                                f"{self.timed_out}")
        if self.restarts >= MAX_RESTARTS:
            raise SolutionError(f"the solution's process died {MAX_RESTARTS} times; "
                                "it is not started again")
        self.restarts += self.proc is not None or bool(self.names)
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-B", os.path.abspath(__file__)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None,
            cwd=SOLUTION_DIR, close_fds=True, bufsize=0,
        )
        first = self._read("importing the solution")
        if "error" in first:
            err = first["error"]
            raise ImportError(f"the solution does not import: {err['type']}: {err['message']}")
        self.names = first["ok"]

    def _read(self, what: str) -> dict[str, Any]:
        __tracebackhide__ = True
        proc = self.proc
        assert proc is not None and proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], CALL_TIMEOUT_S)
        if not ready:
            proc.kill()
            proc.wait()
            self.proc = None
            self.timed_out = what
            raise SolutionError(f"the solution took longer than {CALL_TIMEOUT_S:g} s {what}")
        line = proc.stdout.readline(MAX_MESSAGE + 1)
        if not line.endswith(b"\n"):
            status = proc.poll()
            proc.kill()
            proc.wait()
            self.proc = None
            if len(line) > MAX_MESSAGE:
                raise SolutionError(f"the solution's reply was too large {what}")
            raise SolutionError(f"the solution's process died {what} (exit status {status}; "
                                "a limit, os._exit or sys.exit?)")
        return dict(json.loads(line))

    def call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], *,
             value: bool = False) -> Any:
        __tracebackhide__ = True
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        request = {"name": name, "args": encode(list(args)), "kwargs": encode(dict(kwargs)),
                   "value": value}
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.proc = None
            raise SolutionError(f"the solution's process died before calling {name}") from None
        reply = self._read(f"in {name}()")
        if "error" in reply:
            err = reply["error"]
            exc_type = getattr(builtins, err["type"], None)
            if err["builtin"] and isinstance(exc_type, type) and issubclass(exc_type, Exception):
                raise exc_type(err["message"])
            raise SolutionError(f"{err['type']}: {err['message']}")
        return decode(reply["ok"])


def install(module: types.ModuleType) -> None:
    """Turn the stub ``module`` into a proxy of the real solution's public names."""
    _mark_non_dumpable()
    worker_ = _Worker()
    worker_.start()

    def proxy(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True  # failures point at the test line, not at this proxy
            return worker_.call(name, args, kwargs)

        call.__name__ = call.__qualname__ = name
        return call

    for name, kind in worker_.names.items():
        setattr(module, name, proxy(name) if kind == "call" else worker_.call(name, (), {},
                                                                               value=True))
    module.SolutionError = SolutionError  # type: ignore[attr-defined]


STUB = "import sys\nimport selftaught_bridge\n\nselftaught_bridge.install(sys.modules[__name__])\n"
"""The source of ``/harness/solution.py``."""


if __name__ == "__main__":
    worker()

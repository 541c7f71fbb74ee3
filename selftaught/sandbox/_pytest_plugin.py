"""pytest plugin that reports hidden-test outcomes from inside the sandbox.

Why it exists: the solution under test runs in the same interpreter as pytest,
so anything pytest writes, the solution could write too. This plugin is loaded
with ``-p`` at start-up, before any test module (and so the solution) is
imported, and takes three precautions:

* **Signed reports over a pipe.** It reads a per-run key from a pipe (then
  closes it; the key is never in a file or the environment) and sends every
  record as ``HMAC-SHA256 JSON`` with a sequence number over a second pipe. The
  host rejects any line it cannot verify, so printed or written "PASSED" lines,
  fake report files and replayed records count for nothing.
* **An audit hook** (PEP 578, cannot be removed) refuses, when untrusted code
  (anything outside the Python installation and the read-only harness) is on
  the stack: setting or deleting attributes of pytest/pluggy classes or of this
  plugin, replacing any function's ``__code__``, walking the heap with ``gc``,
  and ``ctypes``. Each refusal is also reported as a tampering record.
* **Integrity snapshots** of pytest's and pluggy's module namespaces and class
  attributes, compared after collection, before every test body and at the
  end, catch monkeypatches of pytest's machinery.

A determined attacker with arbitrary in-process code could still, in
principle, dig the key out of this process; that is beyond what grading
promises (the OS sandbox still contains it, and the duct-tape linter flags
harness tampering). Standard library and pytest only: selftaught is not
importable inside the sandbox.
"""

import hashlib
import hmac
import json
import os
import sys
import types
from collections.abc import Callable
from typing import Any

_PROTECTED_PREFIXES = ("pytest", "_pytest", "pluggy", __name__)
_ALLOWED_CHANGES = {  # module globals pytest itself rebinds while running tests
    ("_pytest.assertion.util", "_reprcompare"),
    ("_pytest.assertion.util", "_assertion_pass"),
    ("_pytest.assertion.util", "_config"),
}


def _make_emitter() -> Callable[[dict[str, Any]], None]:
    """Read the key, then return a function that sends one signed record."""
    report_fd = int(os.environ.pop("SELFTAUGHT_REPORT_FD"))
    key_fd = int(os.environ.pop("SELFTAUGHT_SECRET_FD"))
    key = os.read(key_fd, 256)
    os.close(key_fd)
    write, dumps, new_mac, sha256 = os.write, json.dumps, hmac.new, hashlib.sha256
    seq = [0]

    def emit(record: dict[str, Any]) -> None:
        seq[0] += 1
        body = dumps({**record, "seq": seq[0]}, sort_keys=True)
        mac = new_mac(key, body.encode(), sha256).hexdigest()
        write(report_fd, f"{mac} {body}\n".encode())

    return emit


_emit = _make_emitter()
_TRUSTED_ROOTS = tuple(
    sorted({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, "/harness")}
           | {p + os.sep for p in (sys.prefix, sys.base_prefix, "/harness")})
)
_tamper_seen: list[str] = []


def _untrusted_on_stack() -> str | None:
    """Filename of the innermost frame that is not stdlib/site-packages/harness code."""
    frame: types.FrameType | None = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if not (name.startswith(_TRUSTED_ROOTS) or name.startswith("<frozen ")):
            return name
        frame = frame.f_back
    return None


def _protected(obj: object) -> bool:
    if isinstance(obj, type):
        module = getattr(obj, "__module__", "") or ""
    elif isinstance(obj, types.ModuleType):
        module = obj.__name__
    else:
        return False
    return module.split(".")[0] in _PROTECTED_PREFIXES or module == __name__


def _audit(event: str, args: tuple[Any, ...]) -> None:
    what: str | None = None
    if event in ("object.__setattr__", "object.__delattr__"):
        target, name = args[0], args[1]
        if name == "__code__":
            what = f"replacing the code of {getattr(target, '__qualname__', target)!r}"
        elif _protected(target):
            what = f"changing {getattr(target, '__qualname__', target)!r}.{name}"
    elif event.startswith(("gc.get_", "ctypes.")):
        what = f"{event} is not allowed while grading"
    if what is None:
        return
    origin = _untrusted_on_stack()
    if origin is None:
        return
    message = f"{what} (from {origin})"
    _tamper_seen.append(message)
    _emit({"event": "tamper", "message": message})
    raise RuntimeError(f"selftaught harness: {message}")


def _snapshot() -> dict[tuple[str, str], int]:
    """Identity of every global of pytest/pluggy modules and every attribute of their classes."""
    snap: dict[tuple[str, str], int] = {}
    for mod_name, module in list(sys.modules.items()):
        if mod_name.split(".")[0] not in _PROTECTED_PREFIXES:
            continue
        if not isinstance(module, types.ModuleType):
            continue
        for attr, value in list(vars(module).items()):
            snap[(mod_name, attr)] = id(value)
            if isinstance(value, type) and value.__module__ == mod_name:
                for cls_attr, cls_value in list(vars(value).items()):
                    snap[(mod_name, f"{attr}.{cls_attr}")] = id(cls_value)
    return snap


_baseline: dict[tuple[str, str], int] = {}


def _check_integrity(where: str) -> None:
    now = _snapshot()
    changed = sorted(
        f"{mod}.{attr}" for (mod, attr), ident in _baseline.items()
        if (mod, attr) not in _ALLOWED_CHANGES and now.get((mod, attr), ident) != ident
    )
    if changed:
        _emit({"event": "tamper", "message": f"pytest internals modified ({where}): "
               + ", ".join(changed[:5])})
    _baseline.update({k: v for k, v in now.items() if k not in _baseline})


def pytest_configure(config: Any) -> None:
    """Arm the audit hook, before any test module is imported."""
    del config
    sys.addaudithook(_audit)
    _emit({"event": "start", "python": sys.version.split()[0]})


def pytest_collection(session: Any) -> None:
    """Take the baseline snapshot: every plugin is configured, no test module imported yet."""
    del session
    _baseline.update(_snapshot())


def pytest_collectreport(report: Any) -> None:
    """Report collection errors (e.g. the solution does not import)."""
    if report.failed:
        _emit({"event": "collect_error", "nodeid": report.nodeid,
               "message": str(report.longreprtext)[-2000:]})


def pytest_collection_finish(session: Any) -> None:
    """Report the collected test ids, so the host knows what must have a result."""
    _check_integrity("during collection")
    _emit({"event": "collected", "nodeids": [item.nodeid for item in session.items]})


def pytest_runtest_call(item: Any) -> None:
    """Check integrity just before each test body runs."""
    _check_integrity(f"before {item.nodeid}")


def pytest_runtest_logreport(report: Any) -> None:
    """Report each test phase's outcome, with a short failure text."""
    if report.when != "call" and report.passed:
        return
    message = ""
    if report.failed:
        message = str(report.longreprtext)[-1500:]
    elif report.skipped and isinstance(report.longrepr, tuple):
        message = str(report.longrepr[2])
    _emit({"event": "test", "nodeid": report.nodeid, "when": report.when,
           "outcome": report.outcome, "message": message})


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    """Report the end of the run: without this record the host treats the run as cut short."""
    del session
    _check_integrity("at the end of the run")
    _emit({"event": "finish", "exitstatus": int(exitstatus)})

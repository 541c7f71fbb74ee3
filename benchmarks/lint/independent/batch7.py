"""Batch 7 of the independent set: repositories never used before, split `untouched-4`.

Why a new batch: on 2026-12-03 (second round) the per-item errors of `untouched-3` (batch 6)
were read for rule work, so batch 6 became tuning material (`was-untouched-3`) and the set
needed a new held-out split. Batch 7 was built exactly as batches 3-6 (batch3.py: the same
mine.py candidate kinds and limits, the same curator rules, the same seeded-hash sampling of
kept look-alikes, at most two items per commit, the `SKIP_FIXES` / `CONDITION_GONE` tables of
batch 6) from repositories that no rule, test or tuning run had touched. The candidates were
mined mechanically while that round's rules were written; none was read before the rules were
committed (1790eee). The batch was written and committed before any tool ran on it. No rule
may be tuned on it.

Run (appends to provenance.yaml and items/; refuses to run twice)::

    python benchmarks/lint/independent/batch7.py --mined DIR --mirrors DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch3  # a sibling script, not a package

BATCH = 7
SPLIT = "untouched-4"
LICENCES = {"pytest-dev/pytest-mock": "MIT", "Pylons/webob": "MIT-style (Repoze)",
            "encode/starlette": "BSD-3-Clause", "encode/uvicorn": "BSD-3-Clause",
            "pytest-dev/pytest-asyncio": "Apache-2.0", "pytest-dev/pytest-django": "BSD-3-Clause",
            "joblib/joblib": "BSD-3-Clause", "Supervisor/supervisor": "BSD-derived (Repoze)",
            "psf/black": "MIT", "redis/redis-py": "MIT", "cherrypy/cherrypy": "BSD-3-Clause",
            "gevent/gevent": "MIT", "nedbat/coveragepy": "Apache-2.0",
            "pygments/pygments": "BSD-2-Clause"}

_DEL = ("commit 'Stop hiding errors that occur inside __del__ methods' removes the silent "
        "handler from the finalizer")
_SKIPTEST = ("an `except ImportError: return` made the test pass when the module was missing; "
             "'basic API test: use SkipTest' raises SkipTest instead")
_PY2 = "Python 2 compatibility fallback removed by 'Drop Python 2 support (#1018)'"

HANDLERS = {
    # duct tape: the fix commit says the silence hid a failure
    ("cherrypy/cherrypy", "cb38bda5a8", "main"): (
        True, "swallow", "`except KeyboardInterrupt: pass` removed by 'autoreload now calls "
        "server.stop() on interrupt': the interrupt now propagates to the caller"),
    ("psf/black", "71e380aedf", "test_idempotent_any_syntatically_valid_python"): (
        True, "swallow", "the handler hid Black's own bugs ('This is a bug - if it's valid "
        "Python code ... Black should be able to cope with it ... TODO: remove this try-except "
        "block when issues are resolved'); removed once they were fixed ('CI: Remove "
        "now-uneeded workarounds')"),
    ("pygments/pygments", "2c644111fb", "LatexFormatterTest.test_valid_output"): (
        True, "swallow", "a silent `pass` let the test pass without latex; 'Properly skip when "
        "latex isn't installed' raises SkipTest"),
    ("pygments/pygments", "a927280da1", "test_formatter_public_api"): (True, "swallow", _SKIPTEST),
    ("pygments/pygments", "a927280da1", "test_formatter_unicode_handling"): (
        True, "swallow", _SKIPTEST),
    ("joblib/joblib", "905af2f71b", "Hasher.hash"): (
        True, "swallow", "`except pickle.PicklingError: pass` replaced by a warning in 'BUG: fix "
        "hash collision'"),
    ("redis/redis-py", "200e4dfc40", "PubSub.__del__"): (True, "swallow", _DEL),
    ("redis/redis-py", "200e4dfc40", "Pipeline.__del__"): (True, "swallow", _DEL),
    ("redis/redis-py", "200e4dfc40", "PythonParser.__del__"): (True, "swallow", _DEL),
    ("redis/redis-py", "200e4dfc40", "HiredisParser.__del__"): (True, "swallow", _DEL),
    ("redis/redis-py", "200e4dfc40", "Connection.__del__"): (True, "swallow", _DEL),
    ("nedbat/coveragepy", "08ee52e38f", "do_remove_extension"): (
        True, "swallow", "`except OSError: pass` around the removal replaced by reporting in "
        "'debug: why can't we clean up the C extension on windows?' (the silence hid why)"),
    ("nedbat/coveragepy", "df744f8cbc", "TomlConfigParser.read"): (
        True, "swallow", "commit 'Give warnings about not being able to parse TOML files if "
        "toml isn't installed' replaces the silent handler"),
    ("nedbat/coveragepy", "cc12f4b7c4", "get_new_values"): (
        True, "swallow", "commit 'Better error handling in set_env.py' replaces the silent "
        "handler by checks and messages"),
    ("gevent/gevent", "fa6e272d7f", "HTTPServer._cb_request"): (
        True, "swallow", "commit 'http: do not lose a traceback'"),
    ("gevent/gevent", "53337d6b36", "HTTPServer.reply_error"): (
        True, "swallow", "commit 'http: do not silent HttpRequestDeleted in reply_error(), "
        "instead don't call it at all if the request was deleted'"),
    # legitimate: removed only when the condition went away
    ("joblib/joblib", "a824f12629", "test_pathlib"): (
        False, "swallow", "pathlib ImportError fallback removed by 'Remove some compat code for "
        "old Python versions (#1255)'"),
    ("joblib/joblib", "c98b6944cf", "pytest_unconfigure"): (False, "swallow", _PY2),
    ("joblib/joblib", "c98b6944cf", "test_hashes_stay_the_same"): (False, "swallow", _PY2),
    ("nedbat/coveragepy", "16fd431b07", "abs_file"): (
        False, "swallow", "UnicodeError handler removed by 'refactor: we no longer need to "
        "protect against UnicodeError, it was only on 3.6'"),
    ("gevent/gevent", "9177c3af42", "patch_all"): (
        False, "swallow", "fallback removed by 'drop support for Python 2.5'"),
    ("pytest-dev/pytest-django", "8e6fab6f93", "LiveServer.__init__"): (
        False, "swallow", "fallback removed by 'Drop Django 1.4, 1.5, 1.6, Python 2.6 from "
        "supported versions. (#348)'"),
}

SKIPS: dict = {}

SKIP_FIXES = {
    ("cherrypy/cherrypy", "78331575da"): "Introduce SanitizedHost wrapper. Fixes #1974.",
    ("cherrypy/cherrypy", "693f35fc9d"): "Fix test_tracebacks logging test",
    ("cherrypy/cherrypy", "1c64a3f561"): "Don't fail to remove a non-existent file. Fixes #1540.",
    ("encode/uvicorn", "5742e8bc0e"): "More resiliant reload test (#532)",
    ("redis/redis-py", "71042ff549"): "Fix flaky tests (#4071)",
    ("gevent/gevent", "f20e334a0b"): "Fix tests on Python 2, and fix tests with DNSPython.",
    ("nedbat/coveragepy", "58586e51fb"): "fix: sysmon should ignore GeneratorExit",
    ("nedbat/coveragepy", "1f0e3da592"): "fix: metacov under sysmon",
    ("nedbat/coveragepy", "44fbd3b02a"): "fix: in toml config, only apply environment "
    "substitution to coverage settings. #1481",
    ("nedbat/coveragepy", "9d90ebd1e6"): "fix: pypy3.9 traces decorators like CPython 3.8",
    ("nedbat/coveragepy", "e058c1162e"): "Prevent subprocess measurement from measuring "
    "coverage commands. #492",
}

CONDITION_GONE = {
    ("cherrypy/cherrypy", "8a712fdc3d"): "CI-specific skip removed by 'Drop references to "
    "unused CIs': the CI services it named went away",
    ("pytest-dev/pytest-django", "9817e4db60"): "skip removed by 'Remove leftover Django < 3.2 "
    "support': a dependency version no longer supported",
    ("pytest-dev/pytest-django", "218be9676b"): "skip removed by 'Drop support for Django 1.7 "
    "(#524)': a dependency version no longer supported",
    ("pytest-dev/pytest-django", "bb101334e6"): "skips removed by 'Remove pytest 2.8.0 skipifs': "
    "an upstream version no longer supported",
    ("joblib/joblib", "2a28aa52f0"): "PyPy skips removed by 'MTN drop PyPy support (#1670)': an "
    "interpreter no longer supported",
    ("nedbat/coveragepy", "2a0cee9ea9"): "xfail removed by 'test: cpython 104686 is fixed, "
    "un-xfail this test': an upstream bug fixed",
    ("nedbat/coveragepy", "12333be09b"): "xfail removed by 'test: remove xfail for pypy bugs "
    "3936 and 3937': upstream bugs fixed",
    ("nedbat/coveragepy", "45787e29de"): "skips removed by 'refactor: removed mentions of "
    "Jython and IronPython': interpreters no longer supported",
    ("nedbat/coveragepy", "5f9fd32139"): "skips removed by 'test: no need to protect against a "
    "3.11.0a4 bug anymore': an upstream bug fixed",
}

VERSION_DROPS = {
    ("cherrypy/cherrypy", "7ee0838c74"): "Remove xfail code, no longer relevant on Python 3. "
    "Ref #1544.",
    ("pytest-dev/pytest-asyncio", "99a14d4fd3"): "[feat!] Remove support for Python 3.7.",
    ("pytest-dev/pytest-django", "ce61e0446f"): "Drop support for Python<3.5, Django<2.2, "
    "pytest<5.4",
    ("pytest-dev/pytest-mock", "6bd8712a14"): "Drop pre-Python 3.8 support code",
    ("pytest-dev/pytest-mock", "d6e1540e33"): "Drop support for EOL Python 2.7",
    ("pytest-dev/pytest-mock", "8d56dd3c1c"): "Drop support for EOL Python 3.4",
    ("joblib/joblib", "031e37a934"): "Drop 3.6 support (#1253)",
    ("joblib/joblib", "c98b6944cf"): "Drop Python 2 support (#1018)",
    ("nedbat/coveragepy", "34786db69a"): "refactor: remove code only needed for 3.9",
    ("nedbat/coveragepy", "05d81002fe"): "refactor: remove more PYBEHAVE that no longer apply",
    ("nedbat/coveragepy", "da452553a8"): "refactor: drop Python 3.8",
    ("nedbat/coveragepy", "b3aa805c06"): "test: remove version-specfic skips we no longer need",
    ("nedbat/coveragepy", "3d8526412e"): "refactor: remove code that was only needed for Python "
    "3.6",
    ("nedbat/coveragepy", "c6ba56c68b"): "refactor: remove a few more version checks",
    ("nedbat/coveragepy", "3d43c74cd2"): "refactor: remove some unneeded behavior conditionals",
    ("nedbat/coveragepy", "9df434550a"): "refactor: remove code explicitly choosing between py2 "
    "and py3",
}

REMOVED = {
    ("pygments/pygments", "0d5397ad05", None): (
        True, "assertion-catch", "`assert`-based parsing with `except AssertionError` removed "
        "by 'TNT: fix reliance on \"assert\" stmt, handle recursion'"),
}

TYPE_IGNORES = {  # fix commits that removed the ignore by fixing the types it hid
    ("encode/starlette", "739ea4928b"): "ignores removed by 'Allow async exception handlers to "
    "type-check (#2949)'",
    ("encode/starlette", "2ff7653271"): "ignores removed by 'chore: improve type hints (#2867)'",
    ("encode/starlette", "fcc4c705ff"): "ignores removed by fixing the annotations ('Use typing "
    "`NoReturn` (#1412)')",
    ("encode/starlette", "1ea45ad549"): "ignore removed by 'Resolve latest mypy issues (#700)'",
    ("pytest-dev/pytest-django", "0a8473ef4b"): "ignore on `return mail.outbox` removed by 'Fix "
    "possible `AttributeError: module 'django.core.mail' has no attribute 'outbox'` errors'",
    ("pytest-dev/pytest-mock", "4f59636afb"): "ignore removed by typing the return value ('Add "
    "SpyType for mocker.spy return type (#582)')",
    ("psf/black", "ced2d65679"): "ignores removed by fixing the types ('remove all type: "
    "ignores in src/black (GH-2720)')",
    ("psf/black", "7c94ed61a5"): "ignores removed by 'Define is_name_token (and friends) to "
    "resolve some `type: ignore`s (GH-2714)'",
    ("psf/black", "c8ca6b2b9f"): "ignore removed by 'Issue 1144: Fix type annotations for "
    "--config option (#1166)'",
    ("nedbat/coveragepy", "08d0b4976a"): "ignores removed by 'type: properly type the [paths] "
    "configuration'",
    ("nedbat/coveragepy", "d59c0c9e4e"): "ignores removed by fixing the annotations "
    "('refactor: use NoReturn type (#1656)')",
    ("nedbat/coveragepy", "e271eddaed"): "ignore removed by typing it ('refactor(types): an "
    "AnyCallable type')",
    ("nedbat/coveragepy", "d578c52754"): "union-attr ignores hid a missing frame; removed by "
    "'fix: don't assume we have a current frame. #2005'",
}
TYPE_IGNORE_LINES: dict = {}

if __name__ == "__main__":
    sys.exit(batch3.main(spec=sys.modules[__name__]))

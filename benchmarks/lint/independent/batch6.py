"""Batch 6 of the independent set: twelve repositories never used before, split `untouched-3`.

Why a new batch: on 2026-12-03 the per-item errors of `untouched-2` (batches 3-5) and
some items of the first `untouched` split were read for rule work, so both became
tuning material and the set needed a new held-out split. Batch 6 was built exactly as
batches 3-5 (batch3.py: the same mine.py candidate kinds and limits, the same curator
rules, the same seeded-hash sampling of kept look-alikes, at most two items per commit)
from twelve repositories that no rule, test or tuning run had touched, after the rules
of this round were committed (68b9e95), and it was written and committed before any
tool ran on it. No rule may be tuned on it.

Two table kinds are new here (read by batch3.collect): `SKIP_FIXES`, fix commits whose
every removed skip/xfail is labelled duct tape (the commit fixed the code or the test
the skip was hiding), and `CONDITION_GONE`, commits that removed skips only because
their external condition went away (a backend, a daemon feature, an upstream bug),
labelled legitimate with the commit's own words.

Run (appends to provenance.yaml and items/; refuses to run twice)::

    python benchmarks/lint/independent/batch6.py --mined DIR --mirrors DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch3  # a sibling script, not a package

BATCH = 6
SPLIT = "untouched-3"
LICENCES = {"pytest-dev/pytest": "MIT", "Pylons/waitress": "ZPL-2.1",
            "celery/kombu": "BSD-3-Clause",
            "python-websockets/websockets": "BSD-3-Clause", "python-trio/trio": "MIT OR Apache-2.0",
            "agronholm/anyio": "MIT", "sqlalchemy/alembic": "MIT", "docker/docker-py": "Apache-2.0",
            "Pylons/pyramid": "BSD-derived (Repoze)", "aio-libs/aiohttp": "Apache-2.0",
            "httpie/cli": "BSD-3-Clause", "pypa/pip": "MIT"}

_TRACE = ("`pass` in a failed-import branch replaced by a trace message in 'add some tracing in "
          "the assert plugin' (the silence hid why rewriting did not happen)")
_PYRAMID_ROLLBACK = ("`except IntegrityError: pass` in the scaffold left the session unusable "
                     "('InvalidRequestError: This Session's transaction has been rolled back due "
                     "to a previous exception during flush'); the fix rolls back")
_PYRAMID_ABORT = ("the scaffolds 'inappropriately used DBSession.rollback()' after a silent "
                  "handler; the fix aborts the transaction")
_RESTYLE = ("expected-exception check that already failed when nothing was raised; the commit "
            "only restyles it")

HANDLERS = {
    # duct tape: the fix commit says the silence hid a failure
    ("pytest-dev/pytest", "a9193a1531", "_idval"): (
        True, "swallow", "commit 'No longer silently ignore errors in parametrize callable ids' "
        "replaces the silent handler by a warning"),
    ("pytest-dev/pytest", "32a67f9622", "pytest_pycollect_before_module_import"): (
        True, "swallow", _TRACE),
    ("pytest-dev/pytest", "32a67f9622", "pytest_pycollect_after_module_import"): (
        True, "swallow", _TRACE),
    ("python-websockets/websockets", "61e0e1c10f", "test_one_input"): (
        True, "swallow", "`except StopIteration: pass` in a fuzz target accepted any outcome; "
        "'Ensure fuzz targets work as expected' checks the parsed value and raises when parsing "
        "did not complete"),
    ("sqlalchemy/alembic", "3a353b6685", "_mysql_drop_db"): (
        True, "swallow", "commit 'humor me. why are we squashing all mysql DROP DB exceptions?' "
        "removes the broad silent handlers"),
    ("celery/kombu", "5cc4a76882", "Channel.basic_ack"): (
        True, "swallow", "a silent `pass` skipped the ack; 'Fix for issue #1198: Celery crashes "
        "...' acks in that branch"),
    ("celery/kombu", "2d43889d6e", "eventloop"): (
        True, "swallow", "commit 'eventloop() should not swallow socket.errors'"),
    ("celery/kombu", "d7fb705294", "eventloop"): (
        True, "swallow", "commit 'eventloop() should not swallow socket.errors'"),
    ("celery/kombu", "daef1f7f9b", "Transport.drain_events"): (
        True, "swallow", "`pass` replaced by `raise socket.timeout()` in 'Changed the exception "
        "raising behavior of drain_events. Got another kombu functional test passing.'"),
    ("celery/kombu", "0f76bf3e86", "Channel._poll_error"): (
        True, "swallow", "the silent handler hid a wrong parse_response call; the fix passes the "
        "connection and warns with exc_info instead of passing"),
    ("celery/kombu", "c2029d6044", "MessageManager.pop"): (
        True, "swallow", "the handler's `pass` skipped the commit ('Forgot to commit "
        "transaction')"),
    ("Pylons/pyramid", "ba32a8d0dc", "initialize_sql"): (True, "swallow", _PYRAMID_ROLLBACK),
    ("Pylons/pyramid", "aec6b29b42", "initialize_sql"): (True, "swallow", _PYRAMID_ABORT),
    ("Pylons/pyramid", "d36067078e", "LRUCache.put"): (
        True, "swallow", "`except KeyError: # XXX already deleted; seen in wild` hid a race; the "
        "commit 'Remove concurrency wart' fixes the race and drops the handler"),
    ("docker/docker-py", "d5bcdaf2f8", "DockerClientTest.test_image_viz"): (
        True, "vacuous-test", "`try: ... except Exception: pass` passed whether or not anything "
        "was raised; 'Use pytest helpers to assert exceptions' makes it pytest.raises"),
    ("aio-libs/aiohttp", "147aa3deb9", "HttpPrefixParser.__call__"): (
        True, "swallow", "commit 'do not handle EofStream in HttpRequestParser and "
        "HttpPrefixParser, that swallow connection problem'"),
    ("aio-libs/aiohttp", "add3bd9e32", "BaseConnector._release"): (
        True, "swallow", "`except KeyError: pass  # this may be result of undetermenistic order "
        "of objects` removed by 'Fix bug with https proxy acquired cleanup #1340'"),
    ("httpie/cli", "6472ca55e1", "Config._migrate_implicit_content_type"): (
        True, "swallow", "the handler's `pass` skipped saving the migrated config; 'fix env "
        "version attribute' saves it"),
    ("pypa/pip", "8ef2191a09", "vendored"): (
        True, "swallow", "commit 'Fixed Error Swallowing outlined in issue 5354' (the handler "
        "silently allowed import failures to pass)"),
    ("pypa/pip", "c31f19fcae", "AdjacentTempDirectory.create"): (
        True, "swallow", "`except OSError: pass` hid an unwritable directory; 'Fixes #6169: "
        "AdjacentTempDirectory should fail on unwritable directory' re-raises all but EEXIST"),
    ("pypa/pip", "69143848b0", "wheel_version"): (
        True, "swallow", "a silent `return None` on a broken WHEEL file replaced by raising "
        "UnsupportedWheel ('Make WHEEL file errors more explicit')"),
    ("pypa/pip", "4b35763d5f",
     "TestConfigurationModification.test_no_specific_given_modification"): (
        False, "vacuous-test", _RESTYLE),
    # legitimate: removed only when the condition went away, or restyles of working checks
    ("pytest-dev/pytest", "a3d55a6955", "TerminalWriter._get_pygments_lexer"): (
        False, "swallow", "optional-import fallback removed by 'Make pygments mandatory': the "
        "dependency became required"),
    ("pytest-dev/pytest", "a3d55a6955", "TerminalWriter._get_pygments_formatter"): (
        False, "swallow", "optional-import fallback removed by 'Make pygments mandatory': the "
        "dependency became required"),
    ("pytest-dev/pytest", "4d49ba6529", "PytestPluginManager._getconftestmodules"): (
        False, "swallow", "Python 2 cache lookup removed by 'Drop Python 2.7 and 3.4 support'"),
    ("python-websockets/websockets", "309072eb89", "main"): (
        False, "swallow", "KeyboardInterrupt handler commented 'Remove the try/except block when "
        "dropping Python < 3.11', removed by 'Drop Python 3.11'"),
    ("sqlalchemy/alembic", "4c2f825086", "CompareMetadataTest.test_compare_metadata_as_sql"): (
        False, "vacuous-test", _RESTYLE),
    ("python-trio/trio", "4b6941c1fa", "enable_attribute_deprecations"): (
        False, "swallow", "TypeError fallback 'Need PyPy 5.9+' removed by 'Drop workarounds for "
        "old PyPy versions'"),
    ("python-trio/trio", "8ddc0a85ae", "test_ki_self"): (False, "vacuous-test", _RESTYLE),
    ("agronholm/anyio", "57516af46c", "TCPSocketListener.aclose"): (
        False, "swallow", "NotImplementedError handler commented 'Needed on Windows + Python < "
        "3.8', removed when that platform condition was dropped"),
    ("docker/docker-py", "d5bcdaf2f8",
     "DockerClientTest.test_create_container_with_binds_mode_and_ro_error"): (
        False, "vacuous-test", _RESTYLE),
    ("docker/docker-py", "d5bcdaf2f8", "UtilsTest.test_parse_host"): (
        False, "vacuous-test", _RESTYLE),
    ("Pylons/pyramid", "edf7ef0c37",
     "TestDeriveView.test_secured_view_failed_on_explicit_exception_view"): (
        False, "vacuous-test", _RESTYLE),
    ("Pylons/pyramid", "de49699ef9", "update_wrapper"): (
        False, "swallow", "TypeError handler 'Python 2.3 doesn't allow assigning to __name__' "
        "removed with that interpreter"),
}

SKIPS: dict = {
    ("pytest-dev/pytest", "ef699f8c17", "test_config_blocked_default_plugins"): (
        False, "skip", "skip 'does not work with xdist currently' (fixed in xdist upstream) "
        "removed by 'testing: remove a no longer necessary skip'"),
    ("pytest-dev/pytest", "5eb85efa14", "TestMetafunc.test_idval_hypothesis"): (
        False, "skip", "skip for xdist misbehaving on the CI services removed by 'Use -n auto now "
        "that xdist behaves well in Travis and AppVeyor' (an upstream tool)"),
}

SKIP_FIXES = {
    ("pytest-dev/pytest", "920b9c4478"): "fixtures: fix parametrization losing (static) "
    "transitive dependencies from overridden fixtures",
    ("pytest-dev/pytest", "3f831e600a"): "fixtures: fix closure computation with indirect "
    "override chains",
    ("pytest-dev/pytest", "7e6161c685"): "logging: also capture logs from non-propagating loggers",
    ("pytest-dev/pytest", "820964732b"): "Remove unintentionally-unconditional skips (#13842)",
    ("pytest-dev/pytest", "5e2ee7175c"): "monkeypatch.delenv PYTHONBREAKPOINT in two tests that "
    "previously failed/skipped",
    ("pytest-dev/pytest", "f573b56bb6"): "Improve cache test and fix it in Docker (#8785)",
    ("pytest-dev/pytest", "322190fd84"): "Fix issue where working dir becomes wrong on subst "
    "drive on Windows. Fixes #5965",
    ("pytest-dev/pytest", "5505826db9"): "Fix python3.8 / pypy failures",
    ("pytest-dev/pytest", "f1a1695aaa"): "enable deep merging test - new structure fixed it",
    ("pytest-dev/pytest", "247cdb835a"): "Remove xfail; tests now pass on macOS. Ref #985.",
    ("pytest-dev/pytest", "a546a612bd"): "Fix nondeterminism in fixture collection order",
    ("pytest-dev/pytest", "7b7737bf96"): "handle duplicate test ids via collection and xdist "
    "each reporting",
    ("pytest-dev/pytest", "4e94135d36"): "Remove incorrect use of pytest.mark.skip",
    ("pytest-dev/pytest", "e1063678f1"): "escape bytes when creating ids for parametrized values",
    ("pytest-dev/pytest", "9d716a39d6"): "fix issue412 and other encoding issues",
    ("pytest-dev/pytest", "daec4c70b8"): "refactor sorting wrt class-scopes. This fixes issue396",
    ("pytest-dev/pytest", "e31f40c2d0"): "fix ordering of finalizers of parametrized "
    "interdependent fixtures. This fixes issue246",
    ("pytest-dev/pytest", "cc2337af3a"): "fix two_classes test originally reported by Alex "
    "Okrushko",
    ("pytest-dev/pytest", "f2c8a837af"): "fix issue106: allow parametrize to be applied "
    "per-class/per-module",
    ("pytest-dev/pytest", "f286a02582"): "rewrite with proper short-circuting on boolean "
    "operators (fixes #57)",
    ("pytest-dev/pytest", "f6894ce550"): "fix some more trial/unittest related bits",
    ("pytest-dev/pytest", "2c7d00579b"): "some windows test fixes, prevent logging from raising "
    "exceptions at the end",
    ("pytest-dev/pytest", "4914135fdf"): "introduce name filtering for marker iteration again",
    ("python-trio/trio", "1858c7f450"): "Fix Path.as_uri on Python 3.14 (#3460)",
    ("python-trio/trio", "9978c0f69e"): "fix tests and fix function check",
    ("python-trio/trio", "74dcb4f682"): "Fix KI tests + enable them on windows",
    ("python-trio/trio", "fd0fc5d6d0"): "Fix broken-instrument test",
    ("agronholm/anyio", "545bd4a056"): "Break ref-cycle between loop and root_task via RunVar",
    ("agronholm/anyio", "8175082ae1"): "Fixed `Process.stdin.send` exceptions and checkpointing "
    "on asyncio",
    ("agronholm/anyio", "9f5f14b3eb"): "Fixed task group getting cancelled if start() gets "
    "cancelled",
    ("agronholm/anyio", "c7c4acff5c"): "Fixed `TaskGroup.start()` cancellation on asyncio",
    ("agronholm/anyio", "785f697dd7"): "Fixed error binding `create_tcp_listener()` to named "
    "link-local interfaces",
    ("agronholm/anyio", "d85077117c"): "Cancel native future tasks (#203)",
    ("agronholm/anyio", "c9b7c2e3ff"): "Fixed the concurrent write test occasionally failing",
    ("docker/docker-py", "b4efdc1b28"): "Fix several integration tests on Windows",
    ("aio-libs/aiohttp", "79b5f5fa5b"): "Fix flaky timer tests (#13473)",
    ("aio-libs/aiohttp", "18bc50bdca"): "Fixing test for Continuation frame without intial frame",
    ("aio-libs/aiohttp", "82ce525b3b"): "Ensure cookies are still parsed after a malformed cookie",
    ("aio-libs/aiohttp", "e8c5252cb2"): "Fix domain matching being lower priority than path "
    "matching",
    ("aio-libs/aiohttp", "7b5d54a96c"): "Use `quote_cookie` setting from ClientSession's "
    "cookiejar in `tmp_cookie_jar` (#10093)",
    ("aio-libs/aiohttp", "78d1be5d79"): "Fix client connection header not reflecting connector "
    "`force_close` value",
    ("aio-libs/aiohttp", "5241897f64"): "Fix WebSocket reader flow control calculations",
    ("aio-libs/aiohttp", "8911419604"): "Fix lost details on HttpProcessingError",
    ("aio-libs/aiohttp", "5c0b8e4a78"): "Fix cancelled payload send leading to hung connection",
    ("aio-libs/aiohttp", "6be94520ea"): "Fix router matching pre-encoded URLs",
    ("aio-libs/aiohttp", "c99a1e2737"): "Fix reading of body when ignoring an upgrade request",
    ("aio-libs/aiohttp", "454092d178"): "Merge pull request from GHSA-gfw2-4jvh-wgfg (security "
    "fix of the response parser)",
    ("aio-libs/aiohttp", "294048432d"): "Fix HttpPayloadParser dealing with chunked response",
    ("aio-libs/aiohttp", "74a46a5d75"): "Fix tests that don't throw `DeprecationWarning`",
    ("aio-libs/aiohttp", "6ba6ecdc6b"): "Fix a test for HTTPUnauthorized with a Unicode string "
    "body argument",
    ("aio-libs/aiohttp", "e9e4d72ac7"): "Fix test for named resources",
    ("aio-libs/aiohttp", "c727d25d32"): "Fix multidict comparsion to arbitrary abc.Mapping",
    ("pypa/pip", "d7d0d0a394"): "Fix crash on invalid entry points (#14220)",
    ("pypa/pip", "367ca6a45b"): "Make double uninstall test independent of order",
    ("pypa/pip", "8043eb267e"): "Remove stale xfail on macOS tag generation",
    ("pypa/pip", "4ca684f3b8"): "Fix for source directory reuse",
    ("pypa/pip", "50c9ea2fe0"): "This works now!",
    ("pypa/pip", "be60eaaa4f"): "Uninstall existing dist before reinstallation",
    ("pypa/pip", "eef02fd666"): "Unskip / get the end-to-end tests working for Windows.",
    ("pypa/pip", "66c53519c2"): "tests: do not mark `test_unsupported_hashes` as xfailed",
    ("pypa/pip", "c58a4ccf1d"): "tests: fix mistakenly skipped test (#4665)",
    ("pypa/pip", "5d96864775"): "Attempt to get name for editable file:// URLs",
    ("httpie/cli", "0f1e098cc4"): "Fix incorrect separators and introduce "
    "`assert_output_matches()` (close #1027)",
    ("docker/docker-py", "a610a1be0e"): "Fix py3.2 test failure and unicode behavior",
}

CONDITION_GONE = {
    ("celery/kombu", "bb6d16c28d"): "Jython-only skip removed by 'Removed Jython bz2 import "
    "fallback': an interpreter no longer supported",
    ("python-trio/trio", "3769b07311"): "skipif removed by 'Remove skipif that is out of date': "
    "its condition no longer held",
    ("agronholm/anyio", "40c7f9c330"): "backend skip removed by 'Dropped Curio support': the "
    "backend it named went away",
    ("pypa/pip", "c94d81a36d"): "workaround skip removed by 'Setuptools now implements proper "
    "normalization': an upstream tool fixed",
    ("aio-libs/aiohttp", "0ec65c0f4d"): "xfail on the bundled parser removed by 'Upgrade to "
    "llhttp 9.2': an upstream parser fixed",
    ("aio-libs/aiohttp", "1e6ec85e70"): "skips removed by 'Bump async-timeout version for "
    "aiohttp 3.8': a dependency version",
    ("docker/docker-py", "0f47db7fcc"): "skip on the daemon's execution driver removed by "
    "'Remove references to \"ExecutionDriver\"': the daemon stopped reporting it",
}

VERSION_DROPS = {
    ("pytest-dev/pytest", "bb712f151e"): "Remove support for Python 3.9",
    ("pytest-dev/pytest", "f57b26b76c"): "Remove code that is impossible to reach on python 3.9+",
    ("pytest-dev/pytest", "f4e3b4ad98"): "Drop Python 3.7",
    ("pytest-dev/pytest", "61417b2551"): "Drop support for EOL Python 3.6",
    ("pytest-dev/pytest", "1fd3601caa"): "Drop support for EOL Python 3.6",
    ("pytest-dev/pytest", "77042f77cc"): "Remove breakpoint support checking since all python "
    "versions support it.",
    ("pytest-dev/pytest", "284fd45a08"): "py36+: miscellaneous (3, 6) cleanup",
    ("pytest-dev/pytest", "20956b2f4e"): "Remove some no-longer-needed compat code",
    ("pytest-dev/pytest", "6954b3b0dc"): "Assume os.dup is always available",
    ("pytest-dev/pytest", "c7a83a0f31"): "Remove a PyPy version check for an unsupported version",
    ("pytest-dev/pytest", "5dcf85c17e"): "manual: remove dependence on six",
    ("pytest-dev/pytest", "4d49ba6529"): "Drop Python 2.7 and 3.4 support",
    ("pytest-dev/pytest", "ef732fc51d"): "Remove code for unsupported Python versions",
    ("pytest-dev/pytest", "af893aab26"): "Remove code related to support python <= 2.5",
    ("python-trio/trio", "a15d0f98b0"): "remove skipif not relevant since py<3.6.2 was supported",
    ("python-trio/trio", "b7c3896c52"): "Stop considering Python 3.5 SyntaxError",
    ("python-trio/trio", "4b6941c1fa"): "Drop workarounds for old PyPy versions",
    ("agronholm/anyio", "ecde0500bc"): "Removed obsolete Python 3.9 test code",
    ("agronholm/anyio", "5426f7bf1e"): "Remove conditionals and workarounds for Python "
    "interpreter versions 3.7 and older",
    ("python-websockets/websockets", "309072eb89"): "Drop Python 3.11 and add Python 3.15.",
    ("python-websockets/websockets", "7438b8ebee"): "Stop testing on PyPy 3.9.",
    ("python-websockets/websockets", "44ccee17c5"): "Drop Python 3.8.",
    ("python-websockets/websockets", "31106eb42c"): "Remove conditional code for Python < 3.6.",
    ("python-websockets/websockets", "c6bf1ee284"): "Drop compatibility with Python 3.4.",
    ("python-websockets/websockets", "22bff9c9d5"): "Drop support for Python 3.3.",
    ("aio-libs/aiohttp", "5be5af3c90"): "Drop Python 3.8 (#8797)",
    ("aio-libs/aiohttp", "726fe21111"): "Drop Python 3.7 (#7336)",
    ("aio-libs/aiohttp", "0d93d8053d"): "Drop Python 3.6 (#7175)",
    ("aio-libs/aiohttp", "0f0c375961"): "Drop Python 3.6 support (#5278)",
    ("aio-libs/aiohttp", "1722bc3fca"): "Drop Python 3.5-only code branches (#5066)",
    ("aio-libs/aiohttp", "08cedb82a8"): "Drop python 3.3 support",
    ("httpie/cli", "ec899d70b7"): "Removed Python 2.6 support",
    ("pypa/pip", "6ae027c900"): "Drop redundant Python 3.9 code",
    ("pypa/pip", "99d13226e4"): "Drop support for EOL Python 3.7",
    ("pypa/pip", "e4e9af1d27"): "Drop python2 related stuff in tests",
    ("pypa/pip", "ceb7feed75"): "Update tests for the removal of Python 2.6",
}

REMOVED = {
    ("pytest-dev/pytest", "4a436572a8", None): (
        False, "assertion-catch", "`try: assert msg in line; pytest.fail(...) except "
        "AssertionError: continue` fails through pytest.fail (not an AssertionError) when the "
        "message shows; 'Simplify test assertions a bit' only restyles it"),
}

TYPE_IGNORES = {  # fix commits that removed the ignore by fixing the types it hid
    ("pytest-dev/pytest", "b7e9612df0"): "ignores removed by 'config: make `_config_source_hint` "
    "type safe'",
    ("pytest-dev/pytest", "76d62a34c7"): "ignore removed by typing the call ('pytester: avoid a "
    "type: ignore')",
    ("pytest-dev/pytest", "5d1366a4b2"): "ignore removed by 'Fix type failures in raises.py'",
    ("python-websockets/websockets", "c4a4b6f45a"): "ignores removed by fixing the types in "
    "'Remove all # type: ignore but one.'",
    ("python-websockets/websockets", "747df3d174"): "ignore on update() removed by fixing the "
    "annotation ('Widen HeadersLike type.')",
    ("python-trio/trio", "d7125ac188"): "ignore removed by fixing the call ('remove type-ignore')",
    ("pypa/pip", "3f19c2138f"): "ignores removed by 'Fix latent typing issues in "
    "pip._internal.network'",
    ("aio-libs/aiohttp", "852297cf0e"): "ignores removed by typing the tests ('Cleanup some type "
    "ignores in the client request tests')",
}
TYPE_IGNORE_LINES: dict = {}

if __name__ == "__main__":
    sys.exit(batch3.main(spec=sys.modules[__name__]))

"""Batch 4 of the independent set: six more repositories never used for tuning (`untouched-2`).

Why a second batch: batch 3 alone (69 items) leaves several families with a
handful of items. Batch 4 was built the same way as batch 3 (batch3.py: same
candidate kinds, the same curator rules, the same seeded-hash sampling of kept
look-alikes, at most two items per commit) from flask, jinja, eventlet,
pyftpdlib, virtualenv and marshmallow, after the last rule change was committed
and before any tool ran on it. It joins `untouched-2`; bench.py also reports it
on its own row.

Run (appends to provenance.yaml and items/; refuses to run twice)::

    python benchmarks/lint/independent/batch4.py --mined DIR --mirrors DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch3  # a sibling script, not a package

BATCH = 4
LICENCES = {"pallets/flask": "BSD-3-Clause", "pallets/jinja": "BSD-3-Clause",
            "eventlet/eventlet": "MIT", "giampaolo/pyftpdlib": "MIT",
            "pypa/virtualenv": "MIT", "marshmallow-code/marshmallow": "MIT"}

HANDLERS = {
    ("giampaolo/pyftpdlib", "4745a218a5", "Select.unregister"): (
        True, "swallow", "`except KeyError: pass` on an fd missing from socket_map replaced by a "
        "debug message in 'fix #346: provide more debugging info.'"),
    ("giampaolo/pyftpdlib", "4745a218a5", "_BasePollEpoll.unregister"): (
        True, "swallow", "`except KeyError: pass` on an fd missing from socket_map replaced by a "
        "debug message in 'fix #346: provide more debugging info.'"),
    ("giampaolo/pyftpdlib", "4745a218a5", "Acceptor.handle_accept"): (
        True, "swallow", "silent handlers for accept() returning None / ECONNABORTED given debug "
        "messages in 'fix #346: provide more debugging info.'"),
    ("marshmallow-code/marshmallow", "54f731d02a", "Method._serialize"): (
        True, "swallow", "commit 'Method and Function fields don't swallow AttributeErrors'"),
    ("marshmallow-code/marshmallow", "54f731d02a", "Method._deserialize"): (
        True, "swallow", "commit 'Method and Function fields don't swallow AttributeErrors'"),
    ("marshmallow-code/marshmallow", "54f731d02a", "Function._serialize"): (
        True, "swallow", "commit 'Method and Function fields don't swallow AttributeErrors'"),
    ("pallets/flask", "253570784c", "FlaskGroup.get_command"): (
        True, "swallow", "`except NoAppException: pass` hid why the app failed to load; 'cleaner "
        "message when CLI can't load app' prints the error"),
    ("pallets/flask", "4dc2ef19ea", "test_exception_propagation"): (
        False, "vacuous-test", "`try: c.get('/') except Exception: pass else: assert False`: the "
        "test fails when nothing is raised; the commit only restyles it to pytest.raises"),
    ("pallets/flask", "4dc2ef19ea", "test_manual_context_binding"): (
        False, "vacuous-test", "try/except/else-assert-False fails when nothing is raised; the "
        "commit only restyles it to pytest.raises"),
    ("pallets/jinja", "051b5217bf", "TestUndefined.test_undefined_and_special_attributes"): (
        False, "vacuous-test", "`else: assert False, 'Expected actual attribute error'` fails when "
        "nothing is raised; 'Eliminate dead code by using pytests.raises' only restyles it"),
    ("pallets/jinja", "051b5217bf", "TestSandbox.test_binary_operator_intercepting"): (
        False, "vacuous-test", "try/except/else fails when nothing is raised; the commit only "
        "restyles it to pytest.raises"),
    ("pallets/jinja", "051b5217bf", "TestSandbox.test_unary_operator_intercepting"): (
        False, "vacuous-test", "try/except/else fails when nothing is raised; the commit only "
        "restyles it to pytest.raises"),
}

SKIPS = {
    ("marshmallow-code/marshmallow", "41aab5eacd", "TestSerializer.test_local_datetime_field"): (
        True, "skip", "skipIf(LINUX, 'Skip due to different localtime behavior on Linux') removed "
        "by 'Fix rfc formatting for localized datetimes'"),
    ("marshmallow-code/marshmallow", "41aab5eacd", "TestUtils.test_rfcformat_central"): (
        True, "skip", "Linux skip removed by 'Fix rfc formatting for localized datetimes'"),
    ("marshmallow-code/marshmallow", "41aab5eacd", "TestUtils.test_rfcformat_central_localized"): (
        True, "skip", "Linux skip removed by 'Fix rfc formatting for localized datetimes'"),
    ("pallets/flask", "3ba37d2afe", "test_main_module_paths"): (
        True, "skip", "xfail('weird interaction with tox') removed by 'fix uninstalled package "
        "tests under tox'"),
    ("pallets/flask", "3ba37d2afe", "test_uninstalled_module_paths"): (
        True, "skip", "xfail under tox removed by 'fix uninstalled package tests under tox'"),
    ("pallets/flask", "3ba37d2afe", "test_uninstalled_package_paths"): (
        True, "skip", "xfail under tox removed by 'fix uninstalled package tests under tox'"),
    ("pypa/virtualenv", "1cb5216252", "test_prompt_set"): (
        True, "skip", "bare @pytest.mark.skip removed by 'Cross version compatibility (#1475)', "
        "which made the test pass"),
    ("pallets/flask", "9cb1a7a52d", "test_client_json_no_app_context"): (
        False, "skip", "skipif(blinker is None): optional dependency, removed when blinker became "
        "required"),
    ("pallets/flask", "f803760275", "TestJSON.test_jsonify_aware_datetimes"): (
        False, "skip", "skipif('not has_pytz'): optional dependency, removed when the test stopped "
        "using pytz"),
    ("giampaolo/pyftpdlib", "45822b4d7a", "PollIOLoopTestCase.test_eintr_on_poll"): (
        False, "skip", "skipIf(Python 3.2): interpreter version, removed with old versions"),
}
VERSION_DROPS = {
    ("pallets/flask", "e609dddd60"): "drop Python 3.6",
    ("pallets/flask", "662c245795"): "remove _compat module",
    ("pallets/jinja", "148a19138c"): "remove _compat module",
    ("pypa/virtualenv", "79ce906a23"): "feat: drop Python 3.8 support (#3170)",
    ("pypa/virtualenv", "b85542c31c"): "Drop support of running under Python 2.7 (#2382)",
}
"""Every removed skip of these commits is an interpreter-version skip (read: all of them)."""

REMOVED = {
    ("giampaolo/pyftpdlib", "5853457b48", None): (
        True, "assertion-catch", "input validation by `assert` with the AssertionError caught as "
        "control flow (it vanishes under -O); commit 'Removed all \"assert\" statements used in "
        "the code.'"),
    ("pallets/flask", "7c5261407d", None): (
        False, "assertion-catch", "`except AssertionError: pass else: raise AssertionError("
        "'expected AssertionError not raised')`: an expected-exception check that fails when "
        "nothing is raised; the commit changes the exception the code raises"),
}
EXITS = {("giampaolo/pyftpdlib", "237c80fa17"): (
    True, "exit-tamper", "`finally: os._exit(0)` after unittest.main() made the test suite exit "
    "0 whatever happened; commit 'test suite didn't return the proper exit code'")}
TYPE_IGNORES: dict = {}
TYPE_IGNORE_LINES: dict = {}


def collect_exits(mined: Path) -> list[dict]:
    """Removed success exits whose fix commit says they hid the exit status."""
    out = []
    for repo in LICENCES:
        for r in batch3.rows(mined, repo, "removed-exit"):
            label = EXITS.get((repo, r["commit"][:10]))
            if label is None or not batch3.parses(r["before"]):
                continue
            dt, fam, reason = label
            out.append(batch3.record(
                sys.modules[__name__], batch3.item_id(repo, r["commit"], r["path"], r["line"]),
                repo, r["path"], r["before"], dt, fam, reason, "fix commit (parent version shown)",
                {"before": r["commit"] + "^", "fix": r["commit"]},
                f"https://github.com/{repo}/commit/{r['commit']}"))
    return out


if __name__ == "__main__":
    batch3.EXTRA_COLLECTORS.append(collect_exits)
    sys.exit(batch3.main(spec=sys.modules[__name__]))

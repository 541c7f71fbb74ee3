"""DT201-DT209: test tampering fires in tests; legitimate versions stay silent."""

from __future__ import annotations

import pytest

T = "tests/test_mod.py"


@pytest.mark.parametrize("code,rule", [
    ("import pytest\n@pytest.mark.skip\ndef test_a():\n    assert f()\n", "DT201"),
    ("import pytest\n@pytest.mark.skip()\ndef test_a():\n    assert f()\n", "DT201"),
    ("from pytest import mark\n@mark.skipif(True, reason='x')\ndef test_a():\n    assert f()\n",
     "DT201"),
    ("import pytest\ndef test_a():\n    pytest.skip()\n    assert f()\n", "DT201"),
    ("import pytest\npytest.skip(allow_module_level=True)\n", "DT201"),
    ("import pytest\ndef test_a():\n    if True:\n        pytest.skip('later')\n    assert f()\n",
     "DT201"),
    ("import pytest\n@pytest.mark.xfail\ndef test_a():\n    assert f()\n", "DT202"),
    ("import pytest\n@pytest.mark.xfail(strict=False)\ndef test_a():\n    assert f()\n", "DT202"),
    ("import pytest\nflaky = pytest.mark.xfail(strict=False)\n", "DT202"),
    ("def test_a():\n    f()\n    assert True\n", "DT203"),
    ("def test_a():\n    f()\n    assert 1 == 1, 'sanity'\n", "DT203"),
    ("def test_a():\n    f()\n    assert not False\n", "DT203"),
    ("def test_a():\n    result = f()\n", "DT204"),
    ("class TestX:\n    def test_a(self):\n        self.f()\n", "DT204"),
    ("import sys\ndef test_a():\n    assert f()\n    sys.exit(0)\n", "DT205"),
    ("import os\ndef pytest_sessionfinish(session, exitstatus):\n    os._exit(0)\n", "DT205"),
    ("import sys\nsys.excepthook = lambda *a: None\n", "DT206"),
])
def test_tampering_fires(code, rule, rules):
    assert rule in rules(code, T)


@pytest.mark.parametrize("code", [
    "import pytest\n@pytest.mark.skip(reason='needs a GPU')\ndef test_a():\n    assert f()\n",
    "import pytest, sys\n@pytest.mark.skipif(sys.platform == 'win32', reason='posix only')\n"
    "def test_a():\n    assert f()\n",
    "import pytest\n@pytest.mark.xfail(reason='bug #12', strict=True)\ndef test_a():\n"
    "    assert f()\n",
    "import pytest, shutil\ndef test_a():\n    if shutil.which('git') is None:\n"
    "        pytest.skip('git missing')\n    assert f()\n",
    "import pytest\ndef test_a():\n    with pytest.raises(ValueError):\n        f()\n",
    "def check_ok(x):\n    assert x.ok\ndef test_a():\n    check_ok(f())\n",
    "class TestX:\n    def test_a(self):\n        self.assertEqual(f(), 1)\n",
    "def test_a(mock):\n    f()\n    mock.assert_called_once()\n",
    "import sys, pytest\ndef test_a():\n    with pytest.raises(SystemExit):\n        sys.exit(2)\n",
    "import sys, pytest\ndef test_a():\n    assert f()\nif __name__ == '__main__':\n"
    "    sys.exit(pytest.main())\n",
    "import pytest\n@pytest.fixture\ndef test_data():\n    return 1\n",
    "def test_a():\n    assert f() == 1\n    assert 'x' in f()\n",
])
def test_legitimate_test_code_is_silent(code, rules):
    assert rules(code, T) == []


def test_outcome_rewriting_hook_fires(rules):
    code = (
        "import pytest\n@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n    outcome = yield\n"
        "    rep = outcome.get_result()\n    rep.outcome = 'passed'\n"
    )
    assert rules(code, "conftest.py") == ["DT207"]
    assert rules("def pytest_sessionfinish(session, exitstatus):\n    session.exitstatus = 0\n",
                 "conftest.py") == ["DT207"]
    turned = ("import pytest\ndef pytest_runtest_call(item):\n    try:\n        item.runtest()\n"
              "    except NotImplementedError as e:\n        pytest.skip(str(e))\n")
    assert rules(turned, "conftest.py") == ["DT207"]


def test_reading_hook_is_silent(rules):
    code = (
        "import pytest\n@pytest.hookimpl(tryfirst=True, hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n    outcome = yield\n"
        "    rep = outcome.get_result()\n    setattr(item, 'rep_' + rep.when, rep)\n"
    )
    assert rules(code, "conftest.py") == []


def test_deselecting_hook_fires_only_when_it_deselects(rules):
    deselects = (
        "def pytest_collection_modifyitems(config, items):\n    drop = []\n"
        "    for item in items:\n        if 'slow' in item.nodeid:\n            drop.append(item)\n"
        "    config.hook.pytest_deselected(items=drop)\n"
        "    items[:] = [i for i in items if i not in drop]\n"
    )
    assert set(rules(deselects, "conftest.py")) == {"DT208"}
    filters = ("def pytest_collection_modifyitems(config, items):\n"
               "    items[:] = [i for i in items if 'slow' not in i.nodeid]\n")
    assert rules(filters, "conftest.py") == ["DT208"]
    keeps_all = (
        "def pytest_collection_modifyitems(config, items):\n    selected = []\n"
        "    deselected = []\n    for item in items:\n        selected.append(item)\n"
        "    if deselected:\n        config.hook.pytest_deselected(items=deselected)\n"
        "    items[:] = selected\n"
    )
    assert rules(keeps_all, "conftest.py") == []


@pytest.mark.parametrize("code", [
    "import sys\ndef testing():\n    return 'pytest' in sys.modules\n",
    "import os\nDEBUG = bool(os.environ.get('PYTEST_CURRENT_TEST'))\n",
    "import sys\ndef testing():\n    return hasattr(sys, '_called_from_test')\n",
    "import sys\nIN_TESTS = 'pytest' in sys.argv[0]\n",
])
def test_production_code_detecting_pytest_fires(code, rules):
    assert rules(code, "app/config.py") == ["DT209"]
    assert rules(code, "tests/helpers.py") == []  # test code may look


def test_test_named_module_without_tests_is_production(rules):
    code = "import os\ndef on():\n    return 'PYTEST_CURRENT_TEST' in os.environ\n"
    assert rules(code, "utils/test_mode.py") == ["DT209"]


def test_exit_outside_tests_is_not_tampering(rules):
    assert rules("import sys\ndef main():\n    sys.exit(1)\n", "app/cli.py") == []


def test_skip_with_reason_added_in_a_diff_fires(rules):
    code = ("import pytest\n@pytest.mark.skip(reason='needs a display')\ndef test_a():\n"
            "    assert f()\n")
    assert rules(code, T) == []
    assert rules(code, T, added_lines={2}) == ["DT201"]
    flaky = "import pytest\n@pytest.mark.skip(reason='flaky')\ndef test_a():\n    assert f()\n"
    assert rules(flaky, T) == ["DT210"]  # the reason says the code under test fails

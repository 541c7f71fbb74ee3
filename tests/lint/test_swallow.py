"""DT101-DT103: every swallow shape fires; each legitimate look-alike stays silent."""

from __future__ import annotations

import pytest

POSITIVE = {
    "bare-pass": "try:\n    f()\nexcept:\n    pass\n",
    "exception-ellipsis": "try:\n    f()\nexcept Exception:\n    ...\n",
    "baseexception-continue": "for x in xs:\n    try:\n        f(x)\n    except BaseException:\n"
                              "        continue\n",
    "return-none": "def g():\n    try:\n        return f()\n    except Exception:\n"
                   "        return None\n",
    "return-default-literal": "def g():\n    try:\n        return f()\n    except Exception:\n"
                              "        return []\n",
    "log-then-swallow": "import logging\nlog = logging.getLogger()\ntry:\n    f()\n"
                        "except Exception as e:\n    log.warning('failed: %s', e)\n",
    "print-then-swallow": "try:\n    f()\nexcept Exception as e:\n    print(e)\n",
    "tuple": "try:\n    f()\nexcept (ValueError, Exception):\n    pass\n",
    "alias-assign": "E = Exception\ntry:\n    f()\nexcept E:\n    pass\n",
    "alias-tuple": "ERRS = (OSError, BaseException)\ntry:\n    f()\nexcept ERRS:\n    pass\n",
    "alias-import": "from builtins import Exception as X\ntry:\n    f()\nexcept X:\n    pass\n",
    "builtins-attr": "import builtins\ntry:\n    f()\nexcept builtins.Exception:\n    pass\n",
    "comment-does-not-excuse-broad": "try:\n    f()\nexcept Exception:\n"
                                     "    pass  # best effort\n",
}

NEGATIVE = {
    "optional-import": "try:\n    import numpy as np\nexcept ImportError:\n    np = None\n",
    "cleanup-reraise": "try:\n    f()\nexcept:\n    cleanup()\n    raise\n",
    "raise-new": "try:\n    f()\nexcept Exception as e:\n"
                 "    raise RuntimeError('f failed') from e\n",
    "error-object": "def g():\n    try:\n        return f()\n    except Exception as e:\n"
                    "        return {'error': str(e)}\n",
    "failure-status": "try:\n    f()\nexcept Exception as e:\n    job.status = 'failed'\n"
                      "    job.error = repr(e)\n",
    "idempotent-delete": "import os\ntry:\n    os.unlink(p)\nexcept FileNotFoundError:\n"
                         "    pass\n",
    "oserror-around-rmtree": "import shutil\ntry:\n    shutil.rmtree(p)\nexcept OSError:\n"
                             "    pass\n",
    "keyerror-justified": "try:\n    del d[k]\nexcept KeyError:\n"
                          "    # the key is optional: absent means nothing to delete\n    pass\n",
    "keyerror-inline-justified": "try:\n    del d[k]\nexcept KeyError:  # absent is fine\n"
                                 "    pass\n",
    "cancel-then-await": "import asyncio\nasync def stop(t):\n    t.cancel()\n    try:\n"
                         "        await t\n    except asyncio.CancelledError:\n        pass\n",
    "narrow-sentinel": "def parse(s):\n    try:\n        return int(s)\n    except ValueError:\n"
                       "        return None\n",
    "exit-nonzero": "import sys\ntry:\n    main()\nexcept Exception as e:\n"
                    "    print(e)\n    sys.exit(1)\n",
    "suppress-narrow": "import contextlib, os\nwith contextlib.suppress(FileNotFoundError):\n"
                       "    os.remove(p)\n",
    "variable-exceptions": "def ignore(*excs):\n    try:\n        yield\n    except excs:\n"
                           "        pass\n",
}


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_broad_swallow_fires(name, rules):
    assert rules(POSITIVE[name]) == ["DT101"]


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_legitimate_lookalike_is_silent(name, rules):
    assert rules(NEGATIVE[name]) == []


def test_narrow_silent_pass_fires(rules):
    assert rules("try:\n    x = d[k]\nexcept KeyError:\n    pass\n") == ["DT102"]
    assert rules("try:\n    g()\nexcept (ValueError, TypeError):\n    pass\n") == ["DT102"]


def test_file_not_found_is_only_an_idiom_around_deletes(rules):
    read = "try:\n    data = open(p).read()\nexcept FileNotFoundError:\n    pass\n"
    assert rules(read) == ["DT102"]
    stale = ("try:\n    seg = SharedMemory(name)\n    seg.close()\n    seg.unlink()\n"
             "except FileNotFoundError:\n    pass\n")
    assert rules(stale) == []


def test_directive_comment_is_not_a_justification(rules):
    code = "try:\n    x = d[k]\nexcept KeyError:  # noqa: S110\n    pass\n"
    assert rules(code) == ["DT102"]


def test_oserror_outside_delete_context_fires(rules):
    code = "import shutil\ntry:\n    shutil.copystat(a, b)\nexcept OSError:\n    pass\n"
    assert rules(code) == ["DT102"]


@pytest.mark.parametrize("code", [
    "import contextlib\nwith contextlib.suppress(Exception):\n    f()\n",
    "from contextlib import suppress\nwith suppress(BaseException):\n    f()\n",
    "from contextlib import suppress as quiet\nwith quiet(ValueError, Exception):\n    f()\n",
    "import contextlib\nE = Exception\nasync def g():\n    async with contextlib.suppress(E):\n"
    "        await f()\n",
])
def test_broad_suppress_fires(code, rules):
    assert rules(code) == ["DT103"]


def test_suppress_from_another_module_is_not_contextlib(rules):
    assert rules("from mylib import suppress\nwith suppress(Exception):\n    f()\n") == []


def test_finding_points_at_the_handler():
    from selftaught.lint import lint_source

    [f] = lint_source("x = 1\ntry:\n    f()\nexcept Exception:\n    pass\n", "a.py")
    assert (f.path, f.line, f.col, f.end_line) == ("a.py", 4, 1, 5)
    assert "Exception" in f.message and f.hint

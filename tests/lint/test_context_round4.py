"""Context rules added when `untouched-2` became tuning material (2026-12-03).

Every snippet is real code trimmed to the construct, from the `tune` split of the
independent set (benchmarks/lint/independent/, id given) or from other public code
(repository and path given). Each new context has look-alikes it must excuse and duct
tape it must still report; nothing here comes from `untouched-3`, which no rule is tuned
or tested on.
"""

from __future__ import annotations

import pytest

LEGIT = {
    # flask tests/test_blueprints.py (tune ind-2c9ddf63cb): the else clause fails when
    # nothing is raised, so the silent handler is the expected-exception check's success
    "else-raises-assertion": (
        "def test_dots(app):\n    bp = flask.Blueprint('bp', __name__)\n    try:\n"
        "        bp.route('/bar', endpoint='bar.bar')(view)\n    except AssertionError:\n"
        "        pass\n    else:\n"
        "        raise AssertionError('expected AssertionError not raised')\n",
        "tests/test_blueprints.py"),
    # flask tests/test_basic.py (tune ind-18fd268a01): broad handler, `else: assert False`
    "else-assert-false-broad": (
        "def apprunner(config_key):\n    c = app.test_client()\n    try:\n        c.get('/')\n"
        "    except Exception:\n        pass\n    else:\n"
        "        assert False, 'expected exception'\n",
        "tests/test_basic.py"),
    # eventlet tests/db_pool_test.py (tune ind-a5b8e1d671): `assert False` in the body, and
    # the AssertionError it raises is re-raised by the handler before the broad one
    "assert-false-reraised-first": (
        "def test_run_bad_query(self):\n    cursor = self.connection.cursor()\n    try:\n"
        "        cursor.execute('garbage blah blah')\n        assert False\n"
        "    except AssertionError:\n        raise\n    except Exception:\n        pass\n"
        "    cursor.close()\n", "tests/db_pool_test.py"),
    # flask tests/test_appctx.py (tune ind-112034430d): the body only raises, on purpose
    "raises-only": (
        "def test_teardown_with_previous_exception(app):\n    cleanup_stuff = []\n    try:\n"
        "        raise Exception('dummy')\n    except Exception:\n        pass\n"
        "    with app.app_context():\n        pass\n    assert cleanup_stuff == [None]\n",
        "tests/test_appctx.py"),
    # tenacity tests/test_asyncio.py (tune ind-f8f24750c7): the test asserts after the try
    "test-asserts-after": (
        "async def test_do_max_attempts(self):\n    attempts = 0\n    try:\n"
        "        async for attempt in AsyncRetrying(stop=stop_after_attempt(3)):\n"
        "            with attempt:\n                attempts += 1\n"
        "                raise Exception\n"
        "    except RetryError:\n        pass\n    assert attempts == 3\n",
        "tests/test_asyncio.py"),
    # invoke tests/runners.py (tune ind-73d166a998): a mock's call is checked after the try
    "test-checks-mock-after": (
        "def exceptions_get_logged(self, mock_debug):\n    try:\n"
        "        self._runner(klass=klass).run(_, in_stream=stdin)\n    except ThreadException:\n"
        "        pass\n    msg = mock_debug.call_args[0][0]\n"
        "    assert 'Encountered exception OhNoz' in msg\n", "tests/runners.py"),
    # gunicorn gunicorn/workers/gtornado.py (tune ind-9e8406eabe): best-effort stop
    "release-only-broad": (
        "def heartbeat(self):\n    if not self.alive:\n        if hasattr(self, 'server'):\n"
        "            try:\n                self.server.stop()\n            except Exception:\n"
        "                pass\n        self.server_alive = False\n",
        "gunicorn/workers/gtornado.py"),
    # rich rich/pretty.py (tune ind-da1667f1a5): an is_* probe whose try answers yes/no
    "is-probe-yes-no-broad": (
        "def _is_dataclass_repr(obj):\n    try:\n"
        "        return obj.__repr__.__code__.co_filename in (dataclasses.__file__,)\n"
        "    except Exception:\n        return False\n", "rich/pretty.py"),
    # rich rich/traceback.py (tune ind-6a7cf879f6): safe_* promises a placeholder
    "safe-placeholder": (
        "def safe_str(_object):\n    try:\n        return str(_object)\n    except Exception:\n"
        "        return '<exception str() failed>'\n", "rich/traceback.py"),
    # pyserial serial/urlhandler/protocol_loop.py (tune ind-d4f119dd8c): "would block"
    "queue-full": (
        "def close(self):\n    if self.is_open:\n        self.is_open = False\n        try:\n"
        "            self.queue.put_nowait(None)\n        except queue.Full:\n            pass\n",
        "serial/urlhandler/protocol_loop.py"),
    # jinja src/jinja2/compiler.py (tune ind-143e03db6f): a stop signal ending a walk early
    "stop-signal": (
        "def find_undeclared(nodes, names):\n    visitor = UndeclaredNameVisitor(names)\n"
        "    try:\n        for node in nodes:\n            visitor.visit(node)\n"
        "    except VisitorExit:\n        pass\n    return visitor.undeclared\n",
        "src/jinja2/compiler.py"),
    # marshmallow src/marshmallow/validate.py (tune ind-e212936daa): a check that does not
    # apply to an unhashable value
    "check-not-applicable": (
        "def __call__(self, value):\n    try:\n        if value in self.iterable:\n"
        "            raise ValidationError(self._format_error(value))\n    except TypeError:\n"
        "        pass\n    return value\n", "src/marshmallow/validate.py"),
    # pyftpdlib tests/__init__.py (tune ind-7ca10a0c52): a function named for removing
    "delete-function": (
        "def safe_rmpath(path):\n    try:\n        st = os.stat(path)\n"
        "        fun = functools.partial(os.remove, path)\n        fun()\n"
        "    except FileNotFoundError:\n        pass\n", "tests/__init__.py"),
    # tornado tornado/iostream.py (tune ind-6e61cf4009): no await, so the CancelledError
    # comes from asking a cancelled future, not from cancelling this code
    "cancelled-future-inspected": (
        "def _signal_closed(self):\n    for future in futures:\n        try:\n"
        "            future.exception()\n        except asyncio.CancelledError:\n"
        "            pass\n", "tornado/iostream.py"),
    # gunicorn gunicorn/ctl/server.py (a tuning tree, kept): serving until cancelled
    "serve-until-cancelled": (
        "async def _serve(self):\n    self._ready.set()\n    try:\n"
        "        async with self._server:\n            await self._server.serve_forever()\n"
        "    except asyncio.CancelledError:\n        pass\n    finally:\n"
        "        os.unlink(self.socket_path)\n", "gunicorn/ctl/server.py"),
    # the documented way to wait for a task one cancelled (asyncio docs, Task.cancel)
    "cancel-then-await": (
        "async def stop(self):\n    self._task.cancel()\n    try:\n        await self._task\n"
        "    except asyncio.CancelledError:\n        pass\n", "mod.py"),
}

DUCT_TAPE = {
    # gunicorn gunicorn/asgi/protocol.py (tune ind-d4bc5e4171), fixed by 'propagate
    # CancelledError in ASGI receive() instead of returning http.disconnect'
    "cancellation-swallowed": (
        "async def _wait_for_disconnect(self):\n    self._waiter = loop.create_future()\n"
        "    try:\n        await self._waiter\n    except asyncio.CancelledError:\n        pass\n"
        "    finally:\n        self._waiter = None\n", "gunicorn/asgi/protocol.py", "DT102"),
    # the `assert False` shape without the AssertionError re-raise: the broad handler
    # swallows the check's own failure (requests/tqdm-era expected-exception tests)
    "assert-false-swallowed": (
        "def test_bad_query(self):\n    try:\n        cursor.execute('garbage')\n"
        "        assert False\n    except Exception:\n        pass\n", "tests/test_db.py", "DT101"),
    # jupyter_client IPython/kernel/channels.py (tune ind-4226d5573a): bare except around
    # a release still eats Ctrl-C and SystemExit, and was removed as a fix
    "bare-release": (
        "def run(self):\n    self._run_loop()\n    try:\n        self.socket.close()\n"
        "    except:\n        pass\n", "IPython/kernel/channels.py", "DT101"),
    # requests test_requests.py (tune ind-75785606be): nothing checked after the try
    "test-nothing-after": (
        "def test_POSTBIN_GET_POST_FILES(self):\n    post4 = requests.post(url, data='[]')\n"
        "    self.assertEqual(post4.status_code, 200)\n    try:\n"
        "        requests.post(url, files=['bad file data'])\n    except ValueError:\n"
        "        pass\n", "test_requests.py", "DT102"),
    # an is_* probe whose broad handler hides a computation, not a yes/no question
    "is-probe-computing": (
        "def is_active(self, process):\n    try:\n        return process.cpu_percent()\n"
        "    except Exception:\n        return False\n", "mod.py", "DT101"),
    # SystemExit is the process asking to end, not a library's stop signal
    "system-exit-swallowed": (
        "def run(self):\n    try:\n        self.main()\n    except SystemExit:\n        pass\n",
        "mod.py", "DT102"),
}


@pytest.mark.parametrize("name", sorted(LEGIT))
def test_new_context_excuses_the_look_alike(name, rules):
    code, path = LEGIT[name]
    assert rules(code, path) == []


@pytest.mark.parametrize("name", sorted(DUCT_TAPE))
def test_duct_tape_outside_the_new_contexts_fires(name, rules):
    code, path, rule = DUCT_TAPE[name]
    assert rule in rules(code, path)


# --- skips -------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    # flask tests/test_helpers.py (tune ind-2d20059d5a): a string condition pytest evaluates
    "@pytest.mark.skipif('not has_pytz')\ndef test_aware(self):\n    assert f() == 1\n",
    # flake8 tests/integration/test_main.py (tune ind-0caff890b1): strict, reason as comment
    "@pytest.mark.xfail(strict=True)  # currently awaiting fix in pycodestyle\n"
    "def test_ws(tmpdir):\n    assert f() == 1\n",
    # jinja tests/test_loader.py (tune ind-0c91faa658): the shared test body asserts
    "class TestLoader:\n    def test_searchpath_as_pathlib(self):\n"
    "        env = Environment(loader=loaders.FileSystemLoader(p))\n"
    "        self._test_common(env)\n",
    # psutil: a CI skip with a reason is a decision someone wrote down
    "@unittest.skipIf(TRAVIS, 'not enough memory on the TRAVIS workers')\n"
    "def test_x(self):\n    assert f()\n",
])
def test_skip_look_alikes_are_silent(code, rules):
    assert rules("import pytest, unittest\n" + code, "tests/test_x.py") == []


@pytest.mark.parametrize("code, rule", [
    # a string condition that is a constant is still unconditional
    ("@pytest.mark.skipif('True')\ndef test_a():\n    assert f()\n", "DT201"),
    # strict without any word of why
    ("@pytest.mark.xfail(strict=True)\ndef test_b():\n    assert f()\n", "DT202"),
    # psutil psutil/tests/test_osx.py (tune ind-baa0696b31): skipIf(TRAVIS, '') removed by
    # 'fix #923: [OSX] free memory is wrong'
    ("@unittest.skipIf(TRAVIS, '')\ndef test_vmem_free(self):\n    assert f()\n", "DT210"),
    # tox tests/test_provision.py (tune ind-177ab4681a): a deadlock is a failure
    ("@pytest.mark.skipif(sys.platform == 'win32', reason='Windows subprocess deadlocks "
     "during provision recreate')\ndef test_p():\n    assert f()\n", "DT210"),
    # flask tests/test_instance_config.py (tune ind-9241fe5f48), fixed later
    ("@pytest.mark.xfail(reason='weird interaction with tox')\ndef test_m():\n    assert f()\n",
     "DT210"),
    # click tests/test_utils.py (tune ind-9284506c35): hid a real Windows bug
    ("@pytest.mark.skipif(WIN, reason='Test does not make sense on Windows.')\n"
     "def test_echo_color_flag():\n    assert f()\n", "DT210"),
])
def test_skip_duct_tape_fires(code, rule, rules):
    assert rule in rules("import pytest, unittest, sys\n" + code, "tests/test_x.py")


# --- type: ignore on a def header --------------------------------------------------------

def test_bare_ignore_on_unannotated_def_fires(rules):
    # werkzeug src/werkzeug/wrappers/request.py (tune ind-4d8ab6fd98): replaced by a real
    # annotation in 'address mypy strict mode findings'
    code = "def application(*args):  # type: ignore\n    return f(*args)\n"
    assert rules(code, added_lines={1}) == ["DT402"]


def test_coded_ignore_on_plain_statement_is_silent(rules):
    # urllib3 src/urllib3/contrib/pyopenssl.py style kept for years: a coded ignore on a
    # plain call, where mypy's warn_unused_ignores keeps it honest
    code = "import x\nx.run()  # type: ignore[attr-defined]\n"
    assert rules(code, added_lines={2}) == []

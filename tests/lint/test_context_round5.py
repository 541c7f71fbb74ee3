"""Rules added when `untouched-3` (batch 6) became tuning material (2026-12-03, second round).

Every snippet is real code trimmed to the construct, from the `tune` split of the independent
set (benchmarks/lint/independent/, id given; batch 6 is `was-untouched-3`) or from the
original corpus (id given). Where a rule needs duct tape outside its new excuse and the set has
none of that exact shape, the test uses the same real code with one change, said in the
comment. Nothing here comes from `untouched-4`, which no rule is tuned or tested on.
"""

from __future__ import annotations

import pytest

from selftaught.lint.tampering import xfail_hides_failure

# --- skips and xfails --------------------------------------------------------------------

SKIP_DUCT_TAPE = {
    # pytest testing/python/fixture.py (ind-5264414db1), removed by 'fix ordering of
    # finalizers of parametrized interdependent fixtures': an xfail blaming nothing outside
    "xfail-own-failure": (
        "@pytest.mark.xfail(reason='per-arg finalization does not respect order')\n"
        "def test_parametrize_and_scope(testdir):\n    assert f()\n", "DT210"),
    # docker-py tests/integration/api_container_test.py (ind-01b3798dd4), removed by 'Fix
    # several integration tests on Windows': a platform word does not excuse an xfail
    "xfail-on-a-platform": (
        "@pytest.mark.xfail(\n    IS_WINDOWS_PLATFORM, reason='Test not designed for Windows "
        "platform'\n)\ndef test_create_with_binds_ro(self):\n    assert f()\n", "DT210"),
    # pip tests/functional/test_new_resolver.py (ind-f74fa4b562), removed by 'Uninstall
    # existing dist before reinstallation': "not implemented" is the project's own gap
    "xfail-not-implemented": (
        "@pytest.mark.xfail(reason='upgrade install not implemented')\n"
        "def test_new_resolver_upgrade(script):\n    assert f()\n", "DT210"),
    # pytest testing/test_assertrewrite.py (ind-c1e6e9b1f2): the imperative form
    "imperative-xfail": (
        "def test_boolop(self):\n"
        "    pytest.xfail(\"complicated fix; I'm not sure if it's important\")\n"
        "    assert f()\n", "DT210"),
    # pytest testing/_py/test_local.py (ind-826aa8e3ec), removed by 'Remove
    # unintentionally-unconditional skips': skip() takes no condition
    "skip-with-a-condition-string": (
        "@pytest.mark.skip('sys.version_info < (3,6)')\ndef test_fspath(self):\n"
        "    assert f()\n", "DT201"),
    # aiohttp tests/test_urldispatch.py (ind-0f9981841d), removed by 'Fix test for named
    # resources': unittest's xfail, with no reason at all
    "expected-failure": (
        "@unittest.expectedFailure\ndef test_named_routes(self):\n"
        "    self.assertEqual(3, len(self.router.named_routes()))\n", "DT202"),
    # pip tests/functional/test_broken_stdout.py (ind-fd2c4653b9), removed by 'Unskip / get
    # the end-to-end tests working for Windows.': timing out is a failure
    "times-out": (
        "@pytest.mark.skipif(WINDOWS, reason='test times out on Windows')\n"
        "def test_broken_stdout_pipe(deprecated_python):\n    assert f()\n", "DT210"),
    # psutil (tune, kept rule): a version condition does not excuse a failure word
    "version-condition-with-failure-word": (
        "@pytest.mark.skipif(sys.version_info < (3, 8), reason='flaky, see #123')\n"
        "def test_t():\n    assert f()\n", "DT210"),
}

SKIP_LEGIT = [
    # werkzeug tests/test_security.py (ind-c627817ef9): the interpreter lacks the feature
    "@pytest.mark.xfail(sys.implementation.name == 'pypy', reason='scrypt unavailable on "
    "pypy')\ndef test_scrypt():\n    assert f()\n",
    # aiohttp tests (ind-33727a696d), removed by 'Drop Python 3.7'
    "@pytest.mark.xfail(not PY_38, reason='ThreadedChildWatcher is only available in 3.8+')\n"
    "def test_watcher():\n    assert f()\n",
    # pip tests (ind-72fee17806): waiting on a dependency, removed when it shipped
    "@pytest.mark.xfail(reason='matching a normalized extra request against an unnormalized "
    "extra in metadata requires PEP 685 support in packaging (see pypa/pip#11445).')\n"
    "def test_extra():\n    assert f()\n",
    # trio src/trio/_core/_tests/test_run.py (ind-07ba51542f): the condition names the
    # interpreter, the reason points at its tracker
    "@pytest.mark.skipif(sys.version_info < (3, 6, 2), "
    "reason='https://bugs.python.org/issue29600')\ndef test_exc():\n    assert f()\n",
    # pytest testing/test_assertrewrite.py (ind-b1a7b424fc), removed by 'Remove support
    # for Python 3.9'
    "@pytest.mark.skipif(\n    sys.version_info[:2] == (3, 9) and sys.platform.startswith("
    "'win'),\n    reason='#9298',\n)\ndef test_rewrite():\n    assert f()\n",
    # aiohttp tests (was-untouched-3, kept): a skip whose reason names a missing module
    "def pytest_skip(name, fn):\n    return pytest.mark.skip(reason=f'{name} is not "
    "available')(fn)\n",
    # tox tests (tune 096471, kept): the test uses timeouts, the reason names the shell
    "@pytest.mark.skipif(sys.platform == 'win32', reason='You need a conhost shell for "
    "keyboard interrupt')\ndef test_int(tmp_path):\n    process.communicate(timeout=3)\n"
    "    assert f()\n",
]


@pytest.mark.parametrize("name", sorted(SKIP_DUCT_TAPE))
def test_skip_duct_tape_fires(name, rules):
    code, rule = SKIP_DUCT_TAPE[name]
    assert rule in rules("import pytest, unittest, sys\n" + code, "tests/test_x.py")


@pytest.mark.parametrize("code", SKIP_LEGIT)
def test_skip_look_alikes_are_silent(code, rules):
    assert rules("import pytest, unittest, sys\n" + code, "tests/test_x.py") == []


def test_xfail_reason_words():
    assert xfail_hides_failure("duplicate test ids kill us")
    assert not xfail_hides_failure("does not work on pypy < 2.2")


# --- silent handlers ---------------------------------------------------------------------

LEGIT = {
    # docker-py tests/integration/api_plugin_test.py (ind-9acc000fec): a test's teardown
    # removing what the test may already have removed
    "teardown-library-error": (
        "def teardown_method(self, method):\n    client = self.get_client_instance()\n"
        "    for p in self.tmp_plugins:\n        try:\n            client.remove_plugin(p)\n"
        "        except docker.errors.APIError:\n            pass\n    client.close()\n",
        "tests/integration/api_plugin_test.py"),
    # pytest src/_pytest/assertion/rewrite.py (ind-dc38754c44): the question itself raised
    "predicate-one-return": (
        "def _should_repr_global_name(obj):\n    if callable(obj):\n"
        "        return isinstance(obj, FixtureFunctionDefinition)\n    try:\n"
        "        return not hasattr(obj, '__name__')\n    except Exception:\n"
        "        return True\n", "src/_pytest/assertion/rewrite.py"),
    # aiohttp aiohttp/web_exceptions.py (ind-6bb2077fbf): a miss at the end of a loop body,
    # inside an `if`
    "miss-at-end-of-loop-in-if": (
        "def _initialize_default_reason():\n    for obj in globals().values():\n"
        "        if isinstance(obj, type) and issubclass(obj, HTTPException):\n"
        "            if obj.status_code >= 0:\n                try:\n"
        "                    status = HTTPStatus(obj.status_code)\n"
        "                    obj.default_reason = status.phrase\n"
        "                except ValueError:\n                    pass\n",
        "aiohttp/web_exceptions.py"),
    # kombu t/unit/transport/test_redis.py (ind-b9f12bd1d8): no queue, or nothing in it
    "queue-lookup-or-none": (
        "def rpop(self, key):\n    try:\n        return self.queues[key].get_nowait()\n"
        "    except (KeyError, Empty):\n        pass\n", "t/unit/transport/test_redis.py"),
    # kombu kombu/transport/redis.py (ind-01949cddf3): find it, then remove it
    "lookup-then-remove": (
        "def _basic_cancel(self, consumer_tag):\n    try:\n"
        "        exchange, _ = self._fanout_queues[queue]\n"
        "        self._fanout_to_queue.pop(exchange)\n    except KeyError:\n        pass\n"
        "    return super().basic_cancel(consumer_tag)\n", "kombu/transport/redis.py"),
    # anyio src/anyio/_backends/_asyncio.py (ind-1322acb4ab): cleanup on the way out of a
    # handler that re-raises
    "cleanup-before-reraise": (
        "async def accept(self):\n    try:\n"
        "        client_sock, _addr = await self._loop.sock_accept(self._raw_socket)\n"
        "    except asyncio.CancelledError:\n        try:\n"
        "            self._loop.remove_reader(self._raw_socket)\n"
        "        except (ValueError, NotImplementedError):\n            pass\n"
        "        if self._closed:\n            raise ClosedResourceError from None\n"
        "        raise\n    return client_sock\n", "src/anyio/_backends/_asyncio.py"),
    # pip src/pip/_internal/network/cache.py (ind-6f6f55c866): contextlib.suppress by hand
    "suppressing-context-manager": (
        "@contextmanager\ndef suppressed_cache_errors():\n    try:\n        yield\n"
        "    except OSError:\n        pass\n", "src/pip/_internal/network/cache.py"),
    # waitress tests/test_wasyncore.py (ind-9b5b6594da): "no" by falling through
    "probe-falls-through-to-no": (
        "def _is_ipv6_enabled():\n    if compat.HAS_IPV6:\n        sock = None\n"
        "        try:\n            sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\n"
        "            sock.bind(('::1', 0))\n            return True\n"
        "        except OSError:\n            pass\n        finally:\n"
        "            if sock:\n                sock.close()\n    return False\n",
        "tests/test_wasyncore.py"),
    # aiohttp tests/test_worker.py (ind-214b1e92c4): the test checks the mock afterwards
    "test-checks-after-the-try": (
        "def test_init_process(worker):\n"
        "    with mock.patch('aiohttp.worker.asyncio') as m_asyncio:\n        try:\n"
        "            worker.init_process()\n        except TypeError:\n            pass\n"
        "        assert m_asyncio.new_event_loop.called\n", "tests/test_worker.py"),
}

DUCT_TAPE = {
    # aiohttp aiohttp/connector.py (ind-037eb90e9e), removed by 'Fix bug with https proxy
    # acquired cleanup #1340': the comment guesses, so the removal context excuses nothing
    "hedging-comment": (
        "def _release(self, key, transport):\n    acquired = self._acquired[key]\n    try:\n"
        "        acquired.remove(transport)\n    except KeyError:  # pragma: no cover\n"
        "        # this may be result of undetermenistic order of objects\n"
        "        # finalization due garbage collection.\n        pass\n",
        "aiohttp/connector.py", "DT102"),
    # pyramid repoze/bfg/lru.py (ind-f0a9ff3a64), fixed by 'Remove concurrency wart'
    "xxx-seen-in-wild": (
        "def put(self, key, val):\n    if oldkey is not _marker:\n        try:\n"
        "            del data[oldkey]\n        except KeyError:\n"
        "            # XXX already deleted; seen in wild 5/16/2009?\n            pass\n",
        "repoze/bfg/lru.py", "DT102"),
    # ind-9acc000fec with the handler broadened to Exception: a teardown does not excuse
    # swallowing every error
    "teardown-broad": (
        "def teardown_method(self, method):\n    try:\n        client.disable_plugin(SSHFS)\n"
        "    except Exception:\n        pass\n", "tests/integration/api_plugin_test.py",
        "DT101"),
    # corpus fr-003: work before the answer (an import, a file opened), so not a question
    "predicate-does-work-first": (
        "def can_handle(path, prefix):\n    try:\n        import h5py\n"
        "        with h5py.File(path, 'r') as file:\n"
        "            return '_NCProperties' in file.attrs\n    except Exception:\n"
        "        return False\n", "carriers/netcdf.py", "DT101"),
    # corpus sw-040: `return True` reports that an action worked, it answers no question
    "status-flag": (
        "def kill_process(pid):\n    try:\n        os.kill(pid, signal.SIGTERM)\n"
        "        return True\n    except Exception:\n        return False\n",
        "process_manager.py", "DT101"),
    # ind-1322acb4ab with the outer handler carrying on instead of re-raising
    "cleanup-then-carry-on": (
        "async def accept(self):\n    try:\n        s = await self._loop.sock_accept(sock)\n"
        "    except asyncio.CancelledError:\n        try:\n"
        "            self._loop.remove_reader(sock)\n        except ValueError:\n"
        "            pass\n        return None\n    return s\n",
        "src/anyio/_backends/_asyncio.py", "DT102"),
    # ind-6f6f55c866 without @contextmanager: a generator swallowing what its consumer threw
    "yield-not-a-context-manager": (
        "def cache_errors():\n    try:\n        yield\n    except OSError:\n        pass\n",
        "src/pip/_internal/network/cache.py", "DT102"),
}


@pytest.mark.parametrize("name", sorted(LEGIT))
def test_new_context_excuses_the_look_alike(name, rules):
    code, path = LEGIT[name]
    assert rules(code, path) == []


@pytest.mark.parametrize("name", sorted(DUCT_TAPE))
def test_duct_tape_outside_the_new_contexts_fires(name, rules):
    code, path, rule = DUCT_TAPE[name]
    assert rule in rules(code, path)

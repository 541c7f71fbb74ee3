def test_dist_tests_with_crash(self, pytester: pytest.Pytester) -> None:
    if not hasattr(os, "kill"):
        pytest.skip("no os.kill")

    p1 = pytester.makepyfile(
        """
            import pytest
            def test_fail0():
                assert 0
            def test_fail1():
                raise ValueError()
            def test_ok():
                pass
            def test_skip():
                pytest.skip("hello")
            def test_crash():
                import time
                import os
                time.sleep(0.5)
                os.kill(os.getpid(), 15)
        """
    )
    result = pytester.runpytest(p1, "-v", "-d", "-n1")
    result.stdout.fnmatch_lines(
        [
            "*Python*",
            "*PASS**test_ok*",
            "*node*down*",
            "*3 failed, 1 passed, 1 skipped*",
        ]
    )
    assert result.ret == 1
